#pragma once
/// \file
/// \brief One entry point for "fit these runs, forecast that schedule": the law (or `auto`), its robust
/// fit, degeneracy warnings and a calibrated prediction band. The CLI (fit, eval, bench accuracy, forecast)
/// calls this, and so does the window's Model dock through core/workspace/lawfit.h.

#include "core/fit/fitter.h"
#include "core/fit/modelselect.h"
#include "core/fit/uncertainty.h"

#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscast::core::fit {

/// \brief A reason to distrust a fit, as written to JSON: {"code":..,"message":..}.
struct FitWarning
{
    std::string code;      ///< stable id: "param_at_bound", "drop_saturated", "singular_covariance", ...
    std::string message;   ///< one sentence for the user, naming the parameter and what to do
    std::string parameter; ///< the parameter concerned (param_at_bound), for the window's own wording
    double value = 0.0;    ///< the bound it rests on (param_at_bound), or C (drop_saturated)
};

/// Warning codes.
inline constexpr const char* kWarnParamAtBound = "param_at_bound";
inline constexpr const char* kWarnDropSaturated = "drop_saturated";
inline constexpr const char* kWarnSingularCovariance = "singular_covariance";

/// \brief MPL: the loss-drop term counts as saturated when C·η_k^(−γ)·S_k(t) ≥ this at every LR drop of the
/// training runs (G(x) = 1 − (x + 1)^(−β) is then within (1/101)^β ≈ 7 % of 1 everywhere).
inline constexpr double kSaturationThreshold = 100.0;
/// \brief The refit of a saturated MPL holds C·min η^(−γ)·S ≤ this.
inline constexpr double kUnsaturatedArgument = 10.0;
/// \brief The covariance counts as singular when the training Jacobian of the free parameters (columns
/// scaled to relative sensitivities d log L / d log θ) has a condition number above this: (JᵀJ)⁻¹ then loses
/// every significant digit.
inline constexpr double kSingularCondition = 1e8;
/// \brief Relative training-cost margin within which a non-degenerate optimum is preferred.
inline constexpr double kNearEqualCost = 0.02;
/// \brief The band's model-error sd is this × the median over validation folds of the held-out relative RMS
/// error. Chosen by `losscast-cli bench accuracy` over every set (see the README): with MTL, 1.0 / 1.5 / 2.0
/// gave 48 / 50 / 47 of 85 cases with coverage ≥ 0.8 and half-width < 2 % (pooled RMS instead of the median:
/// 48).
inline constexpr double kBandFoldScale = 1.5;

struct ForecastRequest
{
    std::string law = "auto"; ///< a law id or "auto"
    /// Per law id: settings over forecastDefaults() (e.g. {"lambda": 0.995} holds MTL's λ, which is otherwise
    /// chosen from the data).
    std::map<std::string, LawSettings> settings;
    Options options;
    Control control;
    bool preferNonDegenerate = true; ///< refit a saturated MPL with C bounded (see forecast())
    bool calibrateBand = true;       ///< widen the band by held-out errors (runs the validation folds)
    /// The lowest LR the forecast will reach when its runs are known (lowestTargetLr() of eval's test runs);
    /// NaN = unknown. With law "auto" a forecast past the training runs' annealing chooses MPL (see
    /// chooseCurveLaw()).
    double targetLr = std::numeric_limits<double>::quiet_NaN();
};

struct Forecast
{
    std::shared_ptr<const CurveLaw> law; ///< null when nothing could be fitted (see message)
    CurveFit fit;
    std::vector<FitWarning> warnings;
    std::string message;                ///< why law is null or the fit unusable
    std::vector<double> bandCovariance; ///< the covariance behind the band (row-major; may be empty)
    double bandRelSigma = 0.0;          ///< model-error sd added in quadrature, relative to the loss
    std::string bandMethod;             ///< how the band was made, for JSON and the README
    std::optional<ModelChoice> choice;  ///< set for law "auto"
    std::vector<std::string> notes;     ///< what the fit did beyond the plain fit (e.g. a refit)
};

/// \brief Degeneracy warnings of a fit of `law` on `train`: a fitted parameter on a bound, MPL's loss-drop
/// term saturated, a singular covariance.
std::vector<FitWarning> fitWarnings(const CurveLaw& law, const CurveFit& fit,
                                    const std::vector<Curve>& train);

/// \brief Fits the requested law (or chooses one, see chooseCurveLaw) on `train`. Never throws.
Forecast forecast(const std::vector<Curve>& train, const ForecastRequest& request);

/// \brief The forecast's prediction and its band at `level` on a schedule.
PredictionBand forecastBand(const Forecast& f, const ScheduleInput& schedule,
                            std::span<const std::int64_t> steps, double level = 0.95);

} // namespace losscast::core::fit
