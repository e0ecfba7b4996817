#pragma once
/// \file
/// \brief `losscast --benchmark-mix` (benchmark_mix.cpp): the Mixtures view's slider latency. It opens the
/// bundled RegMix 3-group experiments and AutoScale optima in an offscreen MainWindow, then moves the view's
/// sliders with each panel shown (predicted-loss bars, ternary, AutoScale area). Timing helpers come from
/// benchstats.h.

#include <cstdio>

namespace losscast::app {

/// Runs the benchmark and prints, per panel, the median, p95 and max wall time from a slider move to the
/// view repainted, and the GUI thread's CPU time. Returns the process exit code (0 on success; 1 when the
/// examples cannot be read or fitted, or the view has no tabs or sliders).
int runMixBenchmark(std::FILE* out);

} // namespace losscast::app
