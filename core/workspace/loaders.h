#pragma once
/// \file
/// \brief One loader registry for every file LossCast reads runs from, and the one "plain CSV first" policy
/// that losscast-cli and the window share.
///
/// A loader handles one format family: it sniffs a file from its name and first bytes and reads it into
/// runs. The registry lists them in the order a file is tried: the plain `step,lr,loss` curve CSV first
/// (core/io/curvecsv.h, the format LossCast writes), then the training-log families of core/import (CSV
/// exports of W&B, TensorBoard, Lightning and generic tables; text logs; JSON documents; JSON lines; run
/// folders). Pure C++, no Qt.

#include "core/curve/curve.h"
#include "core/import/curvebuild.h"
#include "core/import/run.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core::workspace {

/// \brief Where a run came from and how its loss and LR were chosen (kept with the run, saved in sessions).
struct Provenance
{
    std::string file;     ///< path as opened
    std::string format;   ///< loader id ("curve-csv", "csv", "text", "json", "jsonl", "folder")
    std::string detected; ///< the importer's finer format name ("wandb-chart", "hf-trainer-state"), if any
    std::string loss;     ///< series used as the loss ("" = the importer's choice, or a plain curve CSV)
    std::string lr; ///< series used as the LR ("" = from `schedule`, the importer's choice or plain CSV)
    std::string schedule; ///< schedule text the LR was rendered from when the log has none
    friend bool operator==(const Provenance&, const Provenance&) = default;
};

/// \brief How to read a file: the user's choices, as `losscast-cli --loss/--lr/--schedule/--run/
/// --warmup-steps` and the window's mapping dialog give them.
struct LoadOptions
{
    std::string loss;     ///< loss series ("" = detected)
    std::string lr;       ///< LR series ("" = detected; ignored with `schedule`)
    std::string schedule; ///< schedule text for logs without an LR ("" = none)
    std::string run;      ///< only this run of the file ("" = all)
    /// Warmup W (as --warmup-steps): a plain curve CSV uses max(W, 0) (see `detectCurveCsvWarmup`); a log
    /// uses W, or detects it when −1.
    std::int64_t warmupSteps = -1;
    /// With W = −1, a plain curve CSV detects its warmup too (core::kAutoWarmup: the window's Warmup field
    /// on "auto") instead of taking 0 (what losscast-cli does without --warmup-steps).
    bool detectCurveCsvWarmup = false;
    /// The "plain CSV first" policy: a file whose header is a step,lr,loss curve but has bad data below it
    /// is reported as such (true, what scripts need), or handed to the log importers, which read what they
    /// can with warnings (false, what the window does so that a row of NaN does not lose the file).
    bool curveCsvErrorsAreFinal = true;
    /// losscast-cli's policy: every run of the file must make a curve. The file is read as loadCurves() reads
    /// it (a run without an LR is an error naming it, an unknown `run` lists the runs) and its curves become
    /// the runs (without `source`: loadCurves keeps no imported run), so the CLI opening a file in a
    /// Workspace prints what it always printed.
    bool everyRunACurve = false;
    /// True when the user chose series or a schedule (then plain curve CSVs are not tried first).
    bool hasSelection() const { return !loss.empty() || !lr.empty() || !schedule.empty() || !run.empty(); }
};

/// \brief One run read from a file.
struct LoadedRun
{
    std::string name;
    Provenance provenance;
    std::optional<Curve> curve; ///< none when the run logged a loss but no LR and none was given
    /// The imported run with all its series (null for plain curve CSVs), to rebuild the curve on another.
    std::shared_ptr<const import::Run> source;
    /// The run has a loss-like series but logged no LR and none was given: it waits for the user's LR
    /// column or schedule (not an error). A run without a curve that does not wait failed: see diagnostics.
    bool waitsForLr = false;
    /// This run's own diagnostics (building its curve); LoadResult::diagnostics has them too.
    std::vector<Diagnostic> diagnostics;
    bool needsLr() const { return !curve.has_value(); }
};

/// \brief What loading one file gave: runs and every diagnostic (warnings and errors name file and line).
struct LoadResult
{
    std::string loader; ///< id of the loader that read the file
    std::vector<LoadedRun> runs;
    std::vector<Diagnostic> diagnostics;
    bool ok() const; ///< no Error diagnostics
    std::string errorText() const;
    /// The diagnostics about the file as a whole (the reader's), without those of one run.
    std::vector<Diagnostic> fileDiagnostics() const;
};

/// \brief One format family.
struct Loader
{
    std::string id;          ///< stable: "curve-csv", "csv", "text", "json", "jsonl", "folder"
    std::string description; ///< one line for --help and the file dialog
    /// Whether this loader claims a file, from its name and first bytes (up to 64 KiB; empty for folders).
    std::function<bool(std::string_view head, const std::string& name, bool isFolder)> sniff;
    /// Reads the file.
    std::function<LoadResult(const std::string& path, const LoadOptions& options)> read;
};

/// \brief All loaders, in the order a file is tried.
const std::vector<Loader>& loaders();
/// \brief The loader with this id, or null.
const Loader* findLoader(const std::string& id);
/// \brief The first loader whose sniff claims `path` (reads its first bytes), or null for an unreadable path.
const Loader* sniffLoader(const std::string& path);

/// \brief Reads `path` with the one policy: without a selection a plain `step,lr,loss` CSV is read as such;
/// a curve CSV with bad data is final or falls through (LoadOptions::curveCsvErrorsAreFinal); any other file
/// goes to the log importers, which detect the format, and each run with a loss and an LR (logged, chosen,
/// or rendered from `schedule`) becomes a curve. Never throws for bad input.
LoadResult loadFile(const std::string& path, const LoadOptions& options = {});

/// \brief The curves of `path` as losscast-cli reads them: loadFile, then every run must make a curve
/// (a run without an LR is an error naming it, as import::importCurves words it). Diagnostics are in the
/// result (printed by the caller).
Result<std::vector<Curve>> loadCurves(const std::string& path, const LoadOptions& options = {});

} // namespace losscast::core::workspace
