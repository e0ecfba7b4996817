#pragma once
/// \file
/// \brief Display-side series processing: TensorBoard-style debiased EMA smoothing and min/max decimation.
///
/// Smoothing is applied before decimation so that a 1M-point curve is smoothed on all its points and then
/// drawn with a few thousand. Pure functions, no Qt, so tests can check them directly.

#include <cstddef>
#include <vector>

namespace losscast::widgets {

/// \brief Debiased exponential moving average (TensorBoard's "smoothing"): weight in [0, 1); 0 returns y.
std::vector<double> emaSmooth(const std::vector<double>& y, double weight);

/// \brief Keeps at most about `maxPoints` points while preserving every bucket's minimum and maximum, in x
/// order, so spikes survive. x must be ascending. Inputs with maxPoints or fewer points are returned
/// unchanged.
void decimateMinMax(const std::vector<double>& x, const std::vector<double>& y, std::size_t maxPoints,
                    std::vector<double>& outX, std::vector<double>& outY);

} // namespace losscast::widgets
