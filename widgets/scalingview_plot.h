#pragma once
/// \file
/// \brief The plot of the Scaling view (scalingview_plot.cpp) over log10 N × log10 D: the fitted law L(N, D)
/// as a colour map with iso-loss contours, the runs, iso-FLOP lines, the compute-optimal frontier with its
/// band and the optimum at the budget chosen on the log budget slider (Hoffmann et al. 2022, arXiv
/// 2203.15556, Eq. 4 and Approach 3; core/scaling/chinchilla.h). The ScalingView members sliderToFlops(),
/// flopsToSlider(), setBudget(), optimum(), optimumText(), drawPlot(), updateRunsOnPlot(), updateBudget(),
/// contourPoints(), runPoints(), optimumPoint(), frontierPoints() and frontierBand() (scalingview.h) are
/// defined in scalingview_plot.cpp, with the helpers below. Not part of the widget's interface.

#include <QSharedPointer>

class QCPAxisTickerText;
class QCPColorGradient;

namespace losscast::widgets::scalingplot {

/// Viridis stops blended halfway to white: contour lines, points and the frontier stay readable on it.
QCPColorGradient paleLossGradient();

/// A "nice" step (1, 2 or 5 × 10^k) near `raw` (> 0).
double niceStep(double raw);

/// Ticks at whole decades labelled 10M, 1B, ... for an axis holding log10 values from `lo` to `hi` (every
/// second decade beyond eight; half decades too when less than a decade is in view).
QSharedPointer<QCPAxisTickerText> decadeTicker(double lo, double hi);

/// A logarithmic slider: the value at position `position` of 0 … `maximum` over [lo, hi] (lo > 0).
double logSliderValue(int position, int maximum, double lo, double hi);

/// The position (0 … `maximum`, clamped) of `value` on a logarithmic slider over [lo, hi] (value > 0); the
/// inverse of logSliderValue. The budget slider and the size slider (scalingview_size.cpp) use both.
int logSliderPosition(double value, int maximum, double lo, double hi);

} // namespace losscast::widgets::scalingplot
