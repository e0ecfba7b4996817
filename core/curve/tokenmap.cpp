// Steps ↔ tokens seen (see tokenmap.h).
#include "core/curve/tokenmap.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace losscast::core {

TokenMap::TokenMap(const std::vector<double>& steps, const std::vector<double>& tokens)
{
    const std::size_t n = std::min(steps.size(), tokens.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(steps[i]) || !std::isfinite(tokens[i]))
            continue;
        if (!m_steps.empty() && (steps[i] <= m_steps.back() || tokens[i] <= m_tokens.back()))
            continue; // not increasing: the inverse would be ambiguous
        m_steps.push_back(steps[i]);
        m_tokens.push_back(tokens[i]);
    }
}

namespace {

/// Piecewise-linear interpolation of (xs → ys) at x, extrapolated at the nearest segment's slope; one point
/// maps through the origin at its ratio (or shifts when x there is 0).
double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x)
{
    const std::size_t n = xs.size();
    if (n == 0)
        return x;
    if (n == 1)
        return xs[0] != 0 ? x * ys[0] / xs[0] : ys[0] + x;
    // The segment [i-1, i] holding x (the first or last for x outside).
    const auto it = std::upper_bound(xs.begin() + 1, xs.end() - 1, x);
    const std::size_t i = std::size_t(it - xs.begin());
    const double dx = xs[i] - xs[i - 1];
    const double rate = dx != 0 ? (ys[i] - ys[i - 1]) / dx : 0.0;
    return ys[i - 1] + rate * (x - xs[i - 1]);
}

} // namespace

double TokenMap::tokensAt(double step) const
{
    return interpolate(m_steps, m_tokens, step);
}

double TokenMap::stepAt(double tokens) const
{
    return interpolate(m_tokens, m_steps, tokens);
}

} // namespace losscast::core
