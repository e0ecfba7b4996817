#pragma once
/// \file
/// \brief The generic robust least-squares solver: a model ŷ(θ) with box bounds fitted to observations y
/// (bounded Levenberg–Marquardt with IRLS for the Huber loss, multi-start, cancel, progress, time limit).
///
/// It knows nothing of curve laws: core/fit/fitter.h adapts CurveLaw fits to it, and laws that need a short
/// fit of their own (core/laws/sizelaw.cpp) call it directly without depending on core/fit. The types keep
/// the namespace `losscast::core::fit` they have always had, so callers are unchanged.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::fit {

enum class Objective
{
    LogHuber, ///< Σ Huber_δ(log ŷ − log y), the papers' choice (MTL, MPL, CPT); needs ŷ > 0 and y > 0
    LeastSquares ///< ½ Σ (ŷ − y)²
};

/// \brief Fitter options. Every default is documented with its exact stopping rule.
///
/// A single start stops at the first of: the projected gradient's max-norm < gradientTolerance (Converged);
/// an accepted step with |Δcost| ≤ functionTolerance·cost (Converged); an accepted step with
/// |Δθ_j| ≤ parameterTolerance·(|θ_j| + parameterTolerance) for all j (Converged); the damping grows past
/// 1e32 without finding a decrease (Converged: no descent left at machine precision); maxIterations accepted
/// steps (MaxIterations).
struct Options
{
    Objective objective = Objective::LogHuber;
    double huberDelta = 1e-3; ///< Huber threshold on the (log) residuals; quadratic inside, linear outside
    int maxIterations = 200;  ///< per start: stop after this many accepted steps
    double functionTolerance = 1e-12;  ///< stop when |Δcost| / cost < this
    double gradientTolerance = 1e-12;  ///< stop when the projected gradient's max-norm < this
    double parameterTolerance = 1e-10; ///< stop when |Δx| / (|x| + tol) < this
    int maxStarts = 64;          ///< at most this many starting points are refined (per setting-grid point)
    int screeningIterations = 8; ///< multi-start: every start first gets this many steps ...
    int refineBest = 3;          ///< ... then only this many best screened starts are refined to the end
    double timeLimitSeconds = 30.0; ///< whole fit, all starts and grid points; status TimeLimit when hit
    bool computeCovariance = true;  ///< standard errors from (JᵀWJ)⁻¹·σ² at the optimum
    bool isValid(std::string* why) const;
};

enum class Status
{
    NotRun,
    Converged,
    MaxIterations,
    TimeLimit,
    Cancelled,
    Failed
};
std::string toString(Status);

struct Summary
{
    Status status = Status::NotRun;
    std::string message = "fit() was not called";
    double initialCost = 0.0;  ///< objective at the best starting point (before any step)
    double finalCost = 0.0;    ///< objective at the returned parameters
    int iterations = 0;        ///< accepted steps, summed over all starts
    int starts = 0;            ///< starting points refined
    double seconds = 0.0;      ///< wall time of the whole fit
    std::size_t residuals = 0; ///< observations in the objective
    std::string briefReport() const;
    bool isUsable() const; ///< converged or stopped at a finite cost with finite parameters
};

/// \brief Cancel check and progress callback (adapted from QPromise by the Qt layer).
struct Control
{
    std::function<bool()> isCancelled;                                      ///< polled between iterations
    std::function<void(double fraction, const std::string& what)> progress; ///< fraction in [0, 1]
};

// ---------------------------------------------------------------------------------------------------------
// Generic layer
// ---------------------------------------------------------------------------------------------------------

/// \brief A model ŷ(θ) with box bounds, fitted to observations y. Not tied to curve laws.
struct ResidualModel
{
    std::size_t numParams = 0;
    std::vector<double> observed;     ///< y, one per residual (> 0 for the log-Huber objective)
    std::vector<double> lower, upper; ///< bounds per parameter (±inf allowed); empty = unbounded
    std::vector<std::string> names;   ///< optional, for messages
    /// Writes ŷ (size observed.size()) and, when `jacobian` is not null, dŷ_i/dθ_j row-major (n × p).
    std::function<void(std::span<const double> params, std::span<double> predicted, double* jacobian)>
        evaluate;
};

/// \brief The outcome of a generic fit.
struct ModelFit
{
    std::vector<double> params;
    std::vector<double> stderrs;    ///< NaN where not computable
    std::vector<double> covariance; ///< row-major p × p; empty when not computed
    Summary summary;
};

/// \brief Minimises the objective of `options` over the box, multi-start from `starts` (clamped into the box;
/// at most options.maxStarts are used, in order). Deterministic for the same input unless the time limit
/// hits.
///
/// Starts are first screened with options.screeningIterations steps each, then the options.refineBest lowest
/// are refined to convergence and the best is returned. On cancel or time limit, the best point found so far
/// is returned with status Cancelled / TimeLimit.
ModelFit fitModel(const ResidualModel& model, const std::vector<std::vector<double>>& starts,
                  const Options& options = {}, const Control& control = {});

/// \brief The best of several fits of related models (one per point of a discrete setting grid).
struct GridFit
{
    ModelFit fit;          ///< the fit with the lowest final cost
    std::size_t index = 0; ///< its grid point
};

/// \brief Fits `makeModel(i)` for i = 0..count-1 from the same starts and keeps the lowest final cost (ties:
/// the first). Time limit and cancel cover the whole grid (an interruption returns the best so far); progress
/// is split evenly over the points; iterations and starts are summed. An exception from `makeModel` fails the
/// fit with its message.
GridFit fitModelOverGrid(std::size_t count, const std::function<ResidualModel(std::size_t)>& makeModel,
                         const std::vector<std::vector<double>>& starts, const Options& options = {},
                         const Control& control = {});

/// \brief Objective value of `predicted` against `observed` under `options` (+inf when log of a
/// non-positive).
double objectiveCost(std::span<const double> predicted, std::span<const double> observed,
                     const Options& options);

} // namespace losscast::core::fit
