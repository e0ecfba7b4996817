#pragma once
/// \file
/// \brief Fit options shared by `fit` and `eval`: --time-limit, --huber-delta, --objective.

#include "app/cli/args.h"
#include "core/fit/fitter.h"

#include <optional>

namespace losscast::cli {

/// Options names every fitting subcommand declares.
inline const std::set<std::string> kFitOptionNames = {"time-limit", "huber-delta", "objective"};

/// Builds fitter options from the arguments; prints the error and returns nothing when invalid.
std::optional<core::fit::Options> fitOptionsFromArgs(Args& args);

/// A fit that could not be used (cancelled, failed, non-finite) prints its report and returns false.
bool reportUnusable(const Args& args, const core::fit::Summary& summary);

} // namespace losscast::cli
