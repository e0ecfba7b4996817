#pragma once
/// \file
/// \brief Uncertainty of a curve-law fit: prediction bands by the delta method (from the fit's covariance)
/// and by bootstrap over training curves or over blocks of residuals.
///
/// What the numbers mean. The fit's covariance (see fitModel in fitter.h) is σ²(JᵀWJ)⁻¹ at the optimum; it
/// assumes independent residuals of equal variance, local linearity over ±2 standard errors and a correct
/// law. Loss curves violate the first: their residuals are autocorrelated (data-order effects last hundreds
/// of steps), so the plain delta band is too narrow. deltaBand() therefore offers an inflation by the
/// effective sample size n/n_eff = (1 + ρ₁)/(1 − ρ₁), ρ₁ the lag-1 autocorrelation of the log residuals
/// within each curve (Bartlett's AR(1) correction), on by default. The block bootstrap keeps runs of adjacent
/// residuals together and so needs no such correction; the curve bootstrap asks "how different would the fit
/// be with other training runs", which with three curves is crude but honest about schedule coverage. All
/// bands are bands of the model curve (parameter uncertainty), not of a new noisy observation.

#include "core/fit/fitter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace losscast::core::fit {

/// \brief A predicted curve with a two-sided band at `level`.
struct PredictionBand
{
    std::vector<std::int64_t> steps;
    std::vector<double> loss;    ///< the fitted law's prediction
    std::vector<double> stderrs; ///< standard error of the model curve (NaN when unknown)
    std::vector<double> lower, upper;
    double level = 0.95;
    std::string method; ///< "delta", "bootstrap-curves" or "bootstrap-blocks"
};

/// \brief Huber's asymptotic covariance of an M-estimate (Huber 1981, Sec. 7.6) for a log-Huber fit:
/// K · Σψ(r)²/(n − p) / (mean ψ'(r))² · (JᵀJ)⁻¹ with r the log residuals, ψ(r) = clamp(r, −δ, δ), J = ∂log
/// ŷ/∂θ and K = 1 + (p/n)·Var ψ'/(mean ψ')² the small-sample factor. Unlike σ²(JᵀWJ)⁻¹ with IRLS weights it
/// stays right when many residuals lie beyond δ (δ = 1e-3 is the size of real loss noise). Empty when JᵀJ is
/// singular (parameters not identifiable, e.g. MPL's β → 0 valley). `scale` multiplies the result (use
/// (1 + ρ₁)/(1 − ρ₁) for autocorrelated residuals, see autocorrelationFactor()).
std::vector<double> huberCovariance(const CurveLaw& law, const CurveFit& fit,
                                    const std::vector<Curve>& curves, double huberDelta = 1e-3,
                                    double scale = 1.0);

/// \brief (1 + ρ₁)/(1 − ρ₁) for the residual autocorrelation ρ₁ of `fit` on `curves`.
double autocorrelationFactor(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& curves);

/// \brief Lag-1 autocorrelation of the log residuals of `fit` on `curves`, pooled within curves (0 when it
/// cannot be computed; clamped to [0, 0.95]).
double residualAutocorrelation(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& curves);

/// \brief Covariance of `fit` scaled by (1 + ρ₁)/(1 − ρ₁) (see the file comment); empty when the fit has
/// none.
std::vector<double> inflatedCovariance(const CurveLaw& law, const CurveFit& fit,
                                       const std::vector<Curve>& curves);

/// \brief Delta-method band: loss ± z·sqrt(gᵀΣg), g the law's analytic Jacobian row, z the normal quantile.
/// `covariance` is CurveFit::covariance or inflatedCovariance(); empty gives NaN band edges.
PredictionBand deltaBand(const CurveLaw& law, std::span<const double> params,
                         std::span<const double> covariance, const ScheduleInput& schedule,
                         std::span<const std::int64_t> steps, const LawSettings& settings,
                         double level = 0.95);

/// \brief The bound of its box a fitted parameter rests on, if any.
enum class BoundSide
{
    None,
    Lower,
    Upper
};

/// \brief "lower", "upper" or "" (None).
std::string toString(BoundSide side);

/// \brief For each parameter, the bound it rests on: within 1e-6 of the box's width of `lower` or `upper`
/// (finite box of a linear parameter), else within 1e-6 relative of the bound (log-scale parameters and
/// half-open boxes; exactly on a bound of 0).
///
/// Why it matters: the fitter's covariance (σ²(JᵀWJ)⁻¹, see fitModel) and huberCovariance() describe the
/// unconstrained curvature at the optimum. When the optimum is pinned on a bound (e.g. MPL's γ at 0.9999)
/// the objective would still fall beyond it, the constrained estimate is not a stationary point and its
/// sampling distribution is one-sided, so the standard error printed for it is not a meaningful
/// uncertainty (and the delta band treats the parameter as free to move past the bound). Fit files mark
/// these parameters ("at_bound") and the parameter tables say so; values are left as they are.
std::vector<BoundSide> boundsReached(std::span<const ParamInfo> infos, std::span<const double> params);

/// \brief One sentence for files and tooltips: "gamma rests on its upper bound (0.9999): its standard error
/// comes from the unconstrained curvature and is not a meaningful uncertainty."
std::string atBoundNote(const std::string& name, BoundSide side, double bound);

enum class BootstrapKind
{
    Curves,        ///< resample whole training curves with replacement
    ResidualBlocks ///< moving-block bootstrap of the log residuals within each curve (fixed design)
};

struct BootstrapOptions
{
    BootstrapKind kind = BootstrapKind::ResidualBlocks;
    int replicates = 50;            ///< refits; each starts from the original optimum
    int blockLength = 8;            ///< residuals per block (ResidualBlocks)
    std::uint64_t seed = 1;         ///< same seed, same result
    double timeLimitSeconds = 20.0; ///< all refits together; the replicates done so far are used
    Options fit;                    ///< options of each refit (covariance is not computed for them)
};

struct BootstrapResult
{
    std::vector<std::vector<double>> params; ///< one per successful refit
    std::vector<double> stderrs;             ///< sample standard deviation of each parameter
    int requested = 0;
    int failed = 0;
    bool cancelled = false;
    bool timedOut = false;
    double seconds = 0.0;
    std::string kind; ///< "bootstrap-curves" or "bootstrap-blocks"
};

/// \brief Refits `law` on resampled data around `fit` (the fit of `curves`). Deterministic for a seed.
BootstrapResult bootstrap(const CurveLaw& law, const std::vector<Curve>& curves, const CurveFit& fit,
                          const BootstrapOptions& options = {}, const Control& control = {});

/// \brief Percentile band of the bootstrap refits' predictions on a schedule (loss = the original fit's).
PredictionBand bootstrapBand(const CurveLaw& law, const CurveFit& fit, const BootstrapResult& boot,
                             const ScheduleInput& schedule, std::span<const std::int64_t> steps,
                             double level = 0.95);

} // namespace losscast::core::fit
