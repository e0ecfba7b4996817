#pragma once
/// \file
/// \brief `losscast --benchmark-drag`: replays synthetic control-point drags on a 100k-step schedule with MPL
/// (or the best available law) offscreen and prints the mouse-move → finished-replot latency; and
/// `losscast --benchmark-fit` (both in benchmark.cpp). The Mixtures and follow benchmarks are declared in
/// benchmark_mix.h and benchmark_follow.h.

#include <cstdio>

namespace losscast::app {
/// Returns the process exit code (0 on success).
int runDragBenchmark(std::FILE* out);
/// `losscast --benchmark-fit`: fits MPL on the bundled 25M set while a 1 ms timer ticks on the GUI thread;
/// prints the largest and the 99th-percentile gap between ticks (how long the event loop was blocked) until
/// 300 ms after the result was shown. Returns the process exit code.
int runFitBenchmark(std::FILE* out);
} // namespace losscast::app
