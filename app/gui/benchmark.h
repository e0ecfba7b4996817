#pragma once
/// \file
/// \brief `losscast --benchmark-drag`: replays synthetic control-point drags on a 100k-step schedule with MPL
/// (or the best available law) offscreen and prints the mouse-move → finished-replot latency.

#include <cstdio>

namespace losscast::app {
/// Returns the process exit code (0 on success).
int runDragBenchmark(std::FILE* out);
} // namespace losscast::app
