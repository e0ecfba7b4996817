#pragma once
/// \file
/// \brief Curve-law fits on the generic solver (core/solve/leastsquares.h): `fitCurves()` adapts a CurveLaw
/// and a set of curves (joint fit: objectives summed) to `fitModel()`, and refits over the law's discrete
/// setting grid (e.g. MTL's λ grid) keeping the lowest training cost; `predict()` and
/// `predictWithUncertainty()` give a fitted law's curve on any schedule.

#include "core/curve/curve.h"
#include "core/laws/law.h"

#include "core/solve/leastsquares.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::fit {

// ---------------------------------------------------------------------------------------------------------
// Curve laws
// ---------------------------------------------------------------------------------------------------------

/// \brief The outcome of a curve-law fit.
struct CurveFit
{
    std::string law;                ///< law id
    std::vector<std::string> names; ///< parameter names, in law order
    std::vector<double> params;
    std::vector<double> stderrs;    ///< NaN where not computable
    std::vector<double> covariance; ///< row-major, params × params; empty when not computed
    LawSettings settings; ///< the settings actually used (the chosen grid point, if a grid was searched)
    Summary summary;
};

/// \brief Fits `law` jointly to all `curves` (their objectives are summed). Deterministic for the same input.
///
/// When the law expands `settings` into several grid points (CurveLaw::settingsGrid, e.g. MTL with
/// "lambda_grid" = 1), each is fitted and the one with the lowest final cost is returned (fitOverSettings).
CurveFit fitCurves(const CurveLaw& law, const std::vector<Curve>& curves, const LawSettings& settings,
                   const Options& options = {}, const Control& control = {});

/// \brief Fits `law` once per entry of `grid` and keeps the lowest final training cost (ties: first entry).
/// The time limit and cancel cover the whole grid; progress is split evenly over its entries.
CurveFit fitOverSettings(const CurveLaw& law, const std::vector<Curve>& curves,
                         const std::vector<LawSettings>& grid, const Options& options = {},
                         const Control& control = {});

/// \brief Checks that a curve can be fitted: non-empty, steps ascending within 1..lr.size()-1, losses finite
/// and > 0, LRs finite. Returns an empty string when fine, else a message naming the curve and the index.
std::string validateCurve(const Curve& curve);

/// \brief Model loss of `law` with `params` at `steps` of `schedule` (ascending, each in 1..lr.size()-1).
/// Throws std::invalid_argument (with the reason) for a wrong parameter count or steps outside the schedule,
/// and passes on the law's own std::invalid_argument for settings it rejects.
std::vector<double> predict(const CurveLaw& law, std::span<const double> params,
                            const ScheduleInput& schedule, std::span<const std::int64_t> steps,
                            const LawSettings& settings);

/// \brief A predicted curve with the standard error of the model curve at each step.
struct Prediction
{
    std::vector<std::int64_t> steps;
    std::vector<double> loss;
    std::vector<double> stderrs; ///< NaN everywhere when no covariance was given
};

/// \brief As predict(), plus the delta-method standard error sqrt(gᵀ Σ g) of the model curve, with g the
/// law's Jacobian row at each step and Σ = `covariance` (row-major p × p, e.g. CurveFit::covariance; empty =
/// none). This is parameter uncertainty only (the band of the mean curve, not of a new noisy observation) and
/// it inherits the covariance's assumptions (see fitModel): independent residuals make it optimistic for loss
/// curves, and far extrapolation stretches the local linearisation.
Prediction predictWithUncertainty(const CurveLaw& law, std::span<const double> params,
                                  std::span<const double> covariance, const ScheduleInput& schedule,
                                  std::span<const std::int64_t> steps, const LawSettings& settings);

} // namespace losscast::core::fit
