#pragma once
/// \file
/// \brief Steps ↔ tokens seen, from a run's logged tokens series: how the window's "X Axis in Tokens" places
/// measured runs, scenario schedules, predictions and dragged control points on one axis.

#include <vector>

namespace losscast::core {

/// \brief A monotone step → tokens mapping: linear between logged points, extrapolated before the first and
/// after the last at the rate of the nearest segment (one point: through the origin at its rate). Without
/// points it is the identity (tokens = steps), so code can use it whether or not a run logs tokens.
///
/// A run whose batch grows (a batch-size warmup) has fewer tokens per step early on: a single tokens-per-step
/// scale would put the schedules and the runs' curves at different x for the same step.
class TokenMap
{
public:
    TokenMap() = default;
    /// `steps` ascending; `tokens` the same length. Points that would make the mapping non-increasing (a
    /// step or a token count that does not grow) are dropped, so it can be inverted.
    TokenMap(const std::vector<double>& steps, const std::vector<double>& tokens);

    bool empty() const { return m_steps.empty(); }
    /// Tokens seen at `step`.
    double tokensAt(double step) const;
    /// The step at which `tokens` have been seen (the inverse of tokensAt where it increases).
    double stepAt(double tokens) const;
    const std::vector<double>& steps() const { return m_steps; }
    const std::vector<double>& tokens() const { return m_tokens; }

private:
    std::vector<double> m_steps, m_tokens;
};

} // namespace losscast::core
