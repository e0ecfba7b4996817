#pragma once
/// \file
/// \brief Shared input handling of losscast-cli subcommands: curve files, law choice, law settings, JSON out.

#include "app/cli/args.h"
#include "core/curve/curve.h"
#include "core/laws/law.h"
#include "core/util/json.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscast::cli {

/// `--warmup-steps` (default 0); nothing after printing a usage error when it is not an integer ≥ 0.
std::optional<long long> warmupFromArgs(Args& args);

/// Reads each file as a curve with `--warmup-steps` (default 0). Prints every diagnostic to stderr; returns
/// nothing when any file failed.
std::optional<std::vector<core::Curve>> loadCurves(Args& args, const std::vector<std::string>& files);

/// The law named by `--law` (required), or null after printing the known ids.
std::shared_ptr<const core::CurveLaw> lawFromArgs(Args& args);

/// The law's default settings overridden by `--set key=value` options; nothing after printing an error.
std::optional<core::LawSettings> settingsFromArgs(Args& args, const core::CurveLaw& law,
                                                  core::LawSettings base = {});

/// Prints a usage error for this subcommand and returns kExitUsage.
int usageError(const Args& args, const std::string& message);

/// Writes `value` as pretty JSON to `--out` if given, else to stdout. Returns an exit code.
int emitJson(const Args& args, const core::JsonValue& value, bool pretty = true);

} // namespace losscast::cli
