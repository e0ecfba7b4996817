#include "core/laws/law.h"

namespace losscast::core {

std::vector<std::vector<double>> CurveLaw::initialGuesses(std::span<const double> /*observedLoss*/) const
{
    // Without law-specific knowledge the only start is the documented default of every parameter.
    std::vector<double> x;
    for (const auto& p : parameters())
        x.push_back(p.initial);
    return {x};
}

} // namespace losscast::core
