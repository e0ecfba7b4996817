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

/// \brief The y range a loss plot shows (lo ≤ hi), from measured curves and the model's curves beside them.
///
/// The measured values (finite; positive only with `positiveOnly`, for a log axis) set the range. A model
/// curve (fitted or predicted) widens it only with values that stay near it: down to one measured span below
/// (a longer schedule predicts a lower final loss) and up to a quarter span above. A law's prediction near
/// step 0 can run to 1e5 (MTL's power law of a tiny LR area); letting it set the range flattened every
/// measured curve into a line. Without measured curves the model values set it. False when nothing is
/// finite.
bool lossAxisRange(const std::vector<const std::vector<double>*>& measured,
                   const std::vector<const std::vector<double>*>& model, bool positiveOnly, double& lo,
                   double& hi);

} // namespace losscast::widgets
