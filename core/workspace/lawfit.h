#pragma once
/// \file
/// \brief The one way a document's runs are fitted: the window's Model dock, Workspace::fit() and
/// `losscast-cli fit/eval/forecast` all go through fit::forecast(), so a law (or "auto") gives the same fit,
/// the same model choice (chooseCurveLaw's folds, reported as `criterion`) and the same degeneracy
/// warnings wherever it is asked (issue #11: "one criterion, shared by CLI and window").
///
/// Beyond fit::forecast() this adds what the document has and the CLI does not: parameters the user fixed
/// (held at their values, the others fitted), and the reach of the forecast taken from the hold-out runs
/// and the scenarios (forecastReach()), which lets "auto" see a question no validation fold can ask.

#include "core/fit/forecast.h"
#include "core/schedule/schedule.h"

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscast::core::workspace {

struct LawFitRequest
{
    std::string lawId = "auto"; ///< a registered curve law id or "auto"
    LawSettings settings;       ///< over fit::forecastDefaults() of the law (ignored for "auto")
    /// Parameters held at fixedValues (one flag per parameter of the law). When the flags differ from the
    /// law's own holding (CurveLaw::heldParameters under its defaults) they decide alone, so an unticked MPL
    /// β is fitted; empty, or equal to the law's holding, is the law's default fit. Ignored for "auto".
    std::vector<bool> fixed;
    std::vector<double> fixedValues;
    /// The lowest LR the forecast will reach (forecastReach()); NaN = unknown.
    double targetLr = std::numeric_limits<double>::quiet_NaN();
    fit::Options options;
    fit::Control control;
    /// Widen the band by held-out errors, as losscast-cli fit does (fit::ForecastRequest::calibrateBand); the
    /// window draws the fit's own (delta) band. Ignored with user-fixed parameters.
    bool calibrateBand = false;
};

struct LawFitOutcome
{
    std::shared_ptr<const CurveLaw> law; ///< null when nothing could be fitted (see error)
    fit::CurveFit fit;                   ///< on every parameter of the law (fixed ones at their values)
    std::vector<fit::FitWarning> warnings;
    std::vector<std::string> notes;         ///< what the fit did beyond the plain fit (a refit)
    std::optional<fit::ModelChoice> choice; ///< with "auto": every candidate and the criterion
    std::string error;                      ///< why law is null or the fit is not usable
    // The forecast band (fit::Forecast's; empty, 0 and "" with user-fixed parameters)
    std::vector<double> bandCovariance;
    double bandRelSigma = 0.0;
    std::string bandMethod;
    bool ok() const { return law && fit.summary.isUsable() && !fit.params.empty(); }
};

/// \brief The outcome as fit::Forecast (its error as the message), e.g. to report a fit that failed.
fit::Forecast toForecast(const LawFitOutcome& outcome);

/// \brief The lowest LR a forecast of `targets` (hold-out runs, at their points) and `scenarios` (whole
/// schedules after the warmup) reaches: fit::lowestTargetLr() over both. NaN when there is none.
double forecastReach(const std::vector<Curve>& targets, const std::vector<Schedule>& scenarios);

/// \brief Whether `fixed` (one tick per parameter of `law`) is a user's choice: it differs from the law's own
/// holding (CurveLaw::heldParameters under its defaults, MPL's β and γ). Ticks equal to that holding, or
/// empty, are the law's default fit; fitLaw() and the window's Model dock decide by this.
bool differsFromOwnHolding(const CurveLaw& law, const std::vector<bool>& fixed);

/// \brief Fits `request.lawId` on `train` (see the file comment). Never throws; `request.control` cancels.
LawFitOutcome fitLaw(const std::vector<Curve>& train, const LawFitRequest& request);

} // namespace losscast::core::workspace
