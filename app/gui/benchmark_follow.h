#pragma once
/// \file
/// \brief `losscast --benchmark-follow` (benchmark_follow.cpp): following a run while it trains. A synthetic
/// 100k-point step,lr,loss log (cosine schedule, a loss falling with the LR area and ±0.3 % deterministic
/// noise) is opened and followed in an offscreen MainWindow while lines are appended to it. Timing helpers
/// come from benchstats.h; the refit threshold from following.h.

#include <QByteArray>

#include <cstdio>

namespace losscast::app {

/// Runs the benchmark and prints the first forecast's time, the time from an append to the drawn points and
/// to the updated forecast, and the event loop's largest gap. Returns the process exit code (0 on success;
/// 1 when the log cannot be written or followed, or an append was never drawn or forecast).
int runFollowBenchmark(std::FILE* out);

/// The benchmark's learning rate at `step`: linear warmup over 1,000 steps to 3e-4, then cosine to 3e-5 at
/// step 120,000 (the planned schedule the window is given).
double followBenchmarkLr(int step);

/// Lines `from` ≤ step < `to` of the benchmark's log ("step,lr,loss\n" each); `area` is the LR area summed
/// so far and is advanced, so consecutive calls continue one curve.
QByteArray followBenchmarkRows(int from, int to, double& area);

} // namespace losscast::app
