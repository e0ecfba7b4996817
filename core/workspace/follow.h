#pragma once
/// \file
/// \brief Following a training log while the job writes it, and forecasting the run's final loss from what it
/// holds so far (issue #15: `losscast-cli forecast --follow`, later the window's Follow).
///
/// FollowedLog reads a growing file through the one importer of its format (core/import's LiveImport: only
/// the appended bytes are parsed, a half-written last line waits until it is complete, a truncated, replaced
/// or rewritten file is read again from the start, trainer_state.json is re-read whole when it changes) and
/// builds each run's Curve with import::buildCurve, the same way core/workspace/loaders.h does. A LossCast
/// curve CSV (step,lr,loss) is read by the CSV importer and gets the curve reader's warmup rule. A W&B run
/// folder is followed through its wandb-history.jsonl. TensorBoard event files are not read by LossCast (only
/// its CSV/JSON downloads), so they cannot be followed.
///
/// forecastFollowed() fits the law through a Workspace (fit::forecast(): the robust fit, its warnings and the
/// calibrated band) and evaluates the band at the planned last step. Pure C++, no Qt, no threads: callers run
/// it where they like (losscast-cli forecast runs it on a worker thread, latest data wins).

#include "core/curve/curve.h"
#include "core/fit/forecast.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscast::core::import {
class LiveImport;
}

namespace losscast::core::workspace {

/// \brief How to read a followed log (as losscast-cli's --run/--loss/--lr/--schedule/--warmup-steps).
struct FollowOptions
{
    std::string run;  ///< only this run of the file ("" = all)
    std::string loss; ///< loss series ("" = detected)
    std::string lr;   ///< LR series ("" = detected)
    /// Schedule text giving the LR of every step for runs whose log has no LR series ("" = none: such runs
    /// have no curve). A logged LR is always preferred: it is what the job really used.
    std::string schedule;
    /// Warmup W: a curve CSV uses max(W, 0); a log uses W, or detects it from a logged LR ramp when −1.
    std::int64_t warmupSteps = -1;
};

/// \brief One run of a followed log as it stands.
struct FollowedRun
{
    std::string name;
    std::optional<Curve> curve; ///< none while the run has no loss point or no LR (logged or given)
    bool lrFromLog = false;     ///< the curve's LR is the logged one (else rendered from the schedule)
};

/// \brief What one poll found.
struct FollowUpdate
{
    bool changed = false;        ///< the runs' points changed (new points, or different ones after a reread)
    bool reread = false;         ///< the file was read again from its start (truncated, replaced, rewritten)
    std::size_t bytesParsed = 0; ///< bytes parsed by this poll
};

/// \brief A log file (or W&B run folder) that a running job appends to.
class FollowedLog
{
public:
    explicit FollowedLog(std::string path, FollowOptions options = {});
    ~FollowedLog();
    FollowedLog(const FollowedLog&) = delete;
    FollowedLog& operator=(const FollowedLog&) = delete;

    /// Reads what is new (cheap when nothing is: a stat and a few bytes). Never throws for bad input.
    FollowUpdate poll();

    const std::string& path() const { return m_path; }
    /// The file actually read (a W&B run folder's history file).
    const std::string& followedPath() const { return m_followed; }
    /// The runs with the points read so far. A poll that could not read the file (missing for a moment, a
    /// JSON document caught half-written) keeps the runs of the last good read.
    const std::vector<FollowedRun>& runs() const { return m_runs; }
    /// Warnings of the last good read, and errors building curves (name the file, run and line).
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    /// Why the last poll could not read the file ("" when it could).
    const std::string& readError() const { return m_readError; }
    /// The importer's format name ("csv", "lightning", "text-nanogpt", "hf-trainer-state", "wandb-jsonl"...).
    const std::string& format() const { return m_format; }
    /// Reads from the start so far (the first included) and bytes parsed in all.
    int fullReads() const;
    std::size_t totalBytesParsed() const;

private:
    void rebuild();
    std::string m_path, m_followed;
    FollowOptions m_options;
    std::unique_ptr<import::LiveImport> m_live;
    std::vector<FollowedRun> m_runs;
    std::vector<Diagnostic> m_diagnostics;
    std::string m_readError, m_format;
    bool m_curveCsv = false;
    int m_fullReadsSeen = 0;
};

/// \brief The most points a live fit uses. A longer log is averaged in this many bins of consecutive points
/// (each bin becomes one point at its mean step, rounded, with its mean loss): the fit's cost grows with the
/// points (MPL's with points × steps), and a 100k-point log must refit in about a second (bench_follow: MPL
/// on a 100k-step log took 1.1 s of CPU with 1000 bins). 500 bins of a 72k-step run are as fine as the MPL
/// release's own logging (every 128 steps). Fewer points are fitted as they are.
inline constexpr std::size_t kLiveFitPoints = 500;

/// \brief `curve` with at most `maxPoints` points (see kLiveFitPoints); the schedule is kept.
Curve thinForFit(const Curve& curve, std::size_t maxPoints = kLiveFitPoints);

/// \brief The schedule a followed run is forecast on: the LR the run used up to its last logged step (when
/// `lrFromLog`), then the planned schedule up to its end. `planned` is the whole planned schedule (0..T).
ScheduleInput plannedSchedule(const Curve& curve, bool lrFromLog, const ScheduleInput& planned);

/// \brief A forecast of a followed run's final loss.
struct LiveForecast
{
    fit::Forecast forecast;     ///< the fit (law null when it failed: see forecast.message)
    std::int64_t step = 0;      ///< last logged step fitted
    std::size_t points = 0;     ///< logged loss points
    std::size_t fitPoints = 0;  ///< points the fit used (after thinForFit)
    std::int64_t finalStep = 0; ///< T, the planned schedule's last step
    double finalLoss = 0.0, lower = 0.0, upper = 0.0; ///< predicted loss at T and its 95 % band
    double seconds = 0.0;                             ///< wall time of the fit and the band
    /// A usable fit with a finite forecast and band (a fit on a handful of points may have no band yet).
    bool ok() const;
    /// Why there is no forecast ("" when ok()).
    std::string problem() const;
};

/// \brief Fits `request` on the run's points so far (thinned) and predicts the loss at the planned schedule's
/// last step with its 95 % band (fit::forecastBand). The fit is a Workspace's (Workspace::fit with the
/// request's law, its settings for that law, options, control, calibrateBand and targetLr, NaN = the planned
/// schedule's lowest LR), so it is the one the window and the other CLI commands make; like them it always
/// prefers a non-degenerate MPL and takes no per-law settings with "auto". Never throws; `request.control`
/// cancels it.
LiveForecast forecastFollowed(const Curve& curve, bool lrFromLog, const ScheduleInput& planned,
                              const fit::ForecastRequest& request);

} // namespace losscast::core::workspace
