#include "core/laws/law.h"
#include "core/laws/startsearch.h"

namespace losscast::core {

namespace {
thread_local std::function<bool()> t_startSearchStop;
} // namespace

bool startSearchShouldStop()
{
    return t_startSearchStop && t_startSearchStop();
}

StartSearchGuard::StartSearchGuard(std::function<bool()> stop) : m_previous(std::move(t_startSearchStop))
{
    t_startSearchStop = std::move(stop);
}

StartSearchGuard::~StartSearchGuard()
{
    t_startSearchStop = std::move(m_previous);
}

std::vector<std::vector<double>> CurveLaw::initialGuesses(std::span<const double> /*observedLoss*/) const
{
    // Without law-specific knowledge the only start is the documented default of every parameter.
    std::vector<double> x;
    for (const auto& p : parameters())
        x.push_back(p.initial);
    return {x};
}

std::vector<std::vector<double>>
CurveLaw::initialGuessesFromData(const std::vector<const LawFeatures*>& /*features*/,
                                 const std::vector<std::span<const double>>& observedLoss) const
{
    std::vector<double> all;
    for (const auto& o : observedLoss)
        all.insert(all.end(), o.begin(), o.end());
    return initialGuesses(all);
}

} // namespace losscast::core
