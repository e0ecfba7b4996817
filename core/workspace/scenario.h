#pragma once
/// \file
/// \brief "What if" schedules of the workspace: the predicted curve of a schedule under a fit, at the points
/// a plot draws, with its 95 % delta band. Shared by the window (live while a point is dragged) and the
/// workspace's cached predictions.

#include "core/fit/fitter.h"
#include "core/laws/law.h"
#include "core/schedule/schedule.h"

#include <cstdint>
#include <vector>

namespace losscast::core::workspace {

/// \brief A schedule's predicted curve (display points) with its band.
struct ScenarioPrediction
{
    std::vector<double> steps, loss, lower, upper; ///< lower/upper empty when there is no finite band
    double finalLoss = 0.0;                        ///< NaN without a fit
};

/// \brief Evaluation steps for a predicted curve from `first` to `last`: dense enough for a smooth line on
/// linear and log x axes (500 linear + 120 logarithmic points, or 160 + 40 while `live`, i.e. during a drag).
std::vector<std::int64_t> predictionSteps(std::int64_t first, std::int64_t last, bool live = false);

/// \brief The prediction of `law` with the fit `f` under schedule `s`, from the end of its warmup to its last
/// step. Not `live` and with a full covariance it carries the delta band (core/fit/uncertainty.h); `live`
/// skips the band (the window redraws it when the drag ends).
ScenarioPrediction predictSchedule(const CurveLaw& law, const fit::CurveFit& f, const Schedule& s,
                                   bool live = false);

} // namespace losscast::core::workspace
