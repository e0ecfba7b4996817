#pragma once
/// \file
/// \brief Shared input handling of losscast-cli subcommands: curve files, law choice, law settings, JSON out.

#include "app/cli/args.h"
#include "core/curve/curve.h"
#include "core/laws/law.h"
#include "core/util/json.h"
#include "core/workspace/workspace.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::cli {

/// `--warmup-steps` (default 0); nothing after printing a usage error when it is not an integer ≥ 0.
std::optional<long long> warmupFromArgs(Args& args);

/// Opens each file in `workspace` (Workspace::open) with the choices of --warmup-steps (default 0), --run,
/// --loss, --lr and --schedule, under the CLI's policy that every run of a file makes a curve
/// (core::workspace::LoadOptions::everyRunACurve). Prints every diagnostic to stderr; returns the ids of the
/// runs added, in file order, or nothing when any file failed.
std::optional<std::vector<int>> openRuns(Args& args, core::workspace::Workspace& workspace,
                                         const std::vector<std::string>& files);

/// The curves of `files` as openRuns() reads them (in a workspace of their own). Prints every diagnostic to
/// stderr; returns nothing when any file failed.
std::optional<std::vector<core::Curve>> loadCurves(Args& args, const std::vector<std::string>& files);

/// The law named by `--law` (required), or null after printing the known ids.
std::shared_ptr<const core::CurveLaw> lawFromArgs(Args& args);

/// The law's default settings overridden by `--set key=value` options; nothing after printing an error.
std::optional<core::LawSettings> settingsFromArgs(Args& args, const core::CurveLaw& law,
                                                  core::LawSettings base = {});

/// Only the settings the user gave with `--set`, taken from `all` (the result of settingsFromArgs): forecasts
/// start from core::fit::forecastDefaults() and override just these.
core::LawSettings userSettings(const Args& args, const core::LawSettings& all);

/// Prints a usage error for this subcommand and returns kExitUsage.
int usageError(const Args& args, const std::string& message);

/// The files named on the command line (positionals and option values that exist), except the values of
/// the output options --out and --to-csv: what an output must never replace.
std::vector<std::string> inputPaths(const Args& args);
/// Writes `text` to `path` atomically (core::writeFileAtomically), refusing a path that is one of the inputs
/// (inputPaths() plus `extraInputs`). Prints the error and returns kExitFailure, or returns kExitOk.
int writeOutput(const Args& args, const std::string& path, std::string_view text,
                const std::vector<std::string>& extraInputs = {});
/// Writes `value` as pretty JSON to `--out` if given, else to stdout. Returns an exit code.
int emitJson(const Args& args, const core::JsonValue& value, bool pretty = true);

} // namespace losscast::cli
