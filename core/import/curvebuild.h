#pragma once
/// \file
/// \brief From an imported run to the Curve the fitter consumes (steps, loss, and the LR of every step).

#include "core/curve/curve.h"
#include "core/import/run.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <string>
#include <vector>

namespace losscast::core::import {

/// \brief What to take from a run. Empty metric names use the run's detected roles.
struct CurveSelection
{
    std::string loss; ///< loss series name ("" = run.roles.loss)
    std::string lr;   ///< LR series name ("" = run.roles.lr); ignored when `schedule` is given
    /// LR of every step rendered from a schedule, for runs that did not log their LR. When set it is used
    /// as is (it must cover the last loss step).
    const ScheduleInput* schedule = nullptr;
    /// Warmup length W, as `losscast-cli --warmup-steps` and readCurveCsv use it: before the first logged LR
    /// (step s0, LR η0) the LR rises linearly from 0 at step 0 to η0 at step min(W, s0). -1 = no warmup is
    /// assumed before the first logged point, and W is detected as the step where a logged LR peaks.
    std::int64_t warmupSteps = -1;
};

/// Curves longer than this are refused: the LR of every step is kept (8 bytes each), and such an x axis is
/// almost always tokens or samples rather than optimizer steps.
inline constexpr std::int64_t kMaxCurveStep = 20'000'000;

/// \brief Builds a Curve: loss points at integer steps ≥ 1 with finite, positive loss; LR per step 0..N
/// rebuilt from the logged LR series by rebuildLoggedLr (linear, step changes kept as steps) (held constant
/// before the first and after the last logged point, with a warning), or copied from `selection.schedule`.
/// `warmupSteps` is the schedule's, or, from a logged LR, detectWarmup (core/schedule/logged.h): the step at
/// which an LR that rises from the start reaches its peak. Errors name the file, the run and the series.
Result<Curve> buildCurve(const Run& run, const std::string& file, const CurveSelection& selection);

/// \brief Imports `path` and builds one curve per run: the run named `runName`, or, when it is empty, every
/// run of the file (errors name the runs that have no loss or LR). Import warnings travel with the result.
Result<std::vector<Curve>> importCurves(const std::string& path, const CurveSelection& selection,
                                        const std::string& runName = {}, const ImportOptions& options = {});

/// A logged LR series at every integer step 0..lastStep: rebuildLoggedLr (core/schedule/logged.h).
std::vector<double> interpolatePerStep(const Series& s, std::int64_t lastStep);

} // namespace losscast::core::import
