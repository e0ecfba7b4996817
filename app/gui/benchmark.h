#pragma once
/// \file
/// \brief `losscast --benchmark-drag`: replays synthetic control-point drags on a 100k-step schedule with MPL
/// (or the best available law) offscreen and prints the mouse-move → finished-replot latency.

#include <cstdio>

namespace losscast::app {
/// Returns the process exit code (0 on success).
int runDragBenchmark(std::FILE* out);
/// `losscast --benchmark-fit`: fits MPL on the bundled 25M set while a 1 ms timer ticks on the GUI thread;
/// prints the largest and the 99th-percentile gap between ticks (how long the event loop was blocked) until
/// 300 ms after the result was shown. Returns the process exit code.
int runFitBenchmark(std::FILE* out);
/// `losscast --benchmark-mix`: opens the bundled RegMix 3-group experiments and AutoScale optima, then moves
/// the Mixtures view's sliders with each panel shown (bars, ternary, AutoScale area) and prints the median,
/// p95 and max time from slider move to the view repainted (benchmark_mix.cpp).
int runMixBenchmark(std::FILE* out);
/// `losscast --benchmark-follow`: follows a 100k-point log offscreen while lines are appended; prints the
/// time from an append to the drawn points and to the updated forecast, and the largest event-loop gap
/// (benchmark_follow.cpp).
int runFollowBenchmark(std::FILE* out);
} // namespace losscast::app
