#include "core/fit/fixedlaw.h"

#include <cmath>

namespace losscast::core {

FixedParamsLaw::FixedParamsLaw(std::shared_ptr<const CurveLaw> inner, std::vector<double> values,
                               std::vector<bool> fixed)
    : m_inner(std::move(inner)), m_values(std::move(values)), m_fixed(std::move(fixed))
{
    const std::size_t n = m_inner->parameters().size();
    m_values.resize(n, 0.0);
    m_fixed.resize(n, false);
    for (std::size_t j = 0; j < n; ++j)
        if (!m_fixed[j])
            m_free.push_back(j);
}

LawSettings FixedParamsLaw::defaultSettings() const
{
    const LawSettings defaults = m_inner->defaultSettings();
    for (const auto& h : m_inner->heldParameters(defaults))
        if (h.index < m_fixed.size() && !m_fixed[h.index])
            return m_inner->withoutHeld(defaults);
    return defaults;
}

std::vector<ParamInfo> FixedParamsLaw::parameters() const
{
    const auto all = m_inner->parameters();
    std::vector<ParamInfo> out;
    for (std::size_t j : m_free)
        out.push_back(all[j]);
    return out;
}

std::vector<double> FixedParamsLaw::full(std::span<const double> freeParams) const
{
    std::vector<double> p = m_values;
    for (std::size_t k = 0; k < m_free.size() && k < freeParams.size(); ++k)
        p[m_free[k]] = freeParams[k];
    return p;
}

std::vector<double> FixedParamsLaw::reduce(const std::vector<double>& fullParams) const
{
    std::vector<double> p;
    for (std::size_t j : m_free)
        p.push_back(j < fullParams.size() ? fullParams[j] : m_values[j]);
    return p;
}

void FixedParamsLaw::evaluate(const LawFeatures& features, std::span<const double> params,
                              std::span<double> out, double* jacobian) const
{
    const std::vector<double> p = full(params);
    if (!jacobian) {
        m_inner->evaluate(features, p, out, nullptr);
        return;
    }
    const std::size_t n = features.size(), all = p.size(), k = m_free.size();
    std::vector<double> jac(n * all);
    m_inner->evaluate(features, p, out, jac.data());
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < k; ++c)
            jacobian[i * k + c] = jac[i * all + m_free[c]];
}

std::vector<std::vector<double>> FixedParamsLaw::initialGuesses(std::span<const double> observedLoss) const
{
    std::vector<std::vector<double>> out;
    for (const auto& g : m_inner->initialGuesses(observedLoss))
        out.push_back(reduce(g));
    out.insert(out.begin(), reduce(m_values)); // the current values first: usually closest
    return out;
}

std::vector<std::vector<double>>
FixedParamsLaw::initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                                       const std::vector<std::span<const double>>& observedLoss) const
{
    // The inner law's data-driven starts assume every parameter is free; their free parts are still good.
    std::vector<std::vector<double>> out{reduce(m_values)};
    for (const auto& g : m_inner->initialGuessesFromData(features, observedLoss))
        out.push_back(reduce(g));
    return out;
}

fit::CurveFit FixedParamsLaw::expand(const fit::CurveFit& freeFit) const
{
    fit::CurveFit f = freeFit;
    const std::size_t n = m_values.size(), k = m_free.size();
    f.names.clear();
    for (const auto& info : m_inner->parameters())
        f.names.push_back(info.name);
    f.params = full(freeFit.params);
    f.stderrs.assign(n, std::nan(""));
    for (std::size_t c = 0; c < k && c < freeFit.stderrs.size(); ++c)
        f.stderrs[m_free[c]] = freeFit.stderrs[c];
    if (freeFit.covariance.size() == k * k) {
        f.covariance.assign(n * n, 0.0); // fixed parameters carry no uncertainty
        for (std::size_t a = 0; a < k; ++a)
            for (std::size_t b = 0; b < k; ++b)
                f.covariance[m_free[a] * n + m_free[b]] = freeFit.covariance[a * k + b];
    } else {
        f.covariance.clear();
    }
    return f;
}

} // namespace losscast::core
