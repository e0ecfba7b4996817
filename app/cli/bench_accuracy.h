#pragma once
/// \file
/// \brief `losscast-cli bench accuracy`: the generalisation benchmark (core/fit/accuracy.h).

#include "app/cli/args.h"

namespace losscast::cli {

int runBenchAccuracy(Args& args);
const char* benchAccuracyUsage();

} // namespace losscast::cli
