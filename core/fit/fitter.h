#pragma once
/// \file
/// \brief The generic robust least-squares fitter (Ceres/TinySolver shape) and its curve-law front end.
///
/// API sketch fixed by the foundation; the implementation owner may extend it (keep these names).

#include "core/fit/curve.h"
#include "core/laws/law.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::fit {

enum class Objective {
    LogHuber,    ///< Σ Huber_δ(log ŷ − log y), the papers' choice (MTL, MPL, CPT)
    LeastSquares ///< ½ Σ (ŷ − y)²
};

/// \brief Fitter options. Every default is documented with its exact stopping rule.
struct Options
{
    Objective objective = Objective::LogHuber;
    double huberDelta = 1e-3;        ///< Huber threshold on log residuals
    int maxIterations = 200;         ///< per start: stop after this many accepted steps
    double functionTolerance = 1e-12; ///< stop when |Δcost| / cost < this
    double gradientTolerance = 1e-12; ///< stop when the projected gradient's max-norm < this
    double parameterTolerance = 1e-10; ///< stop when |Δx| / (|x| + tol) < this
    int maxStarts = 64;              ///< at most this many starting points are refined
    double timeLimitSeconds = 30.0;  ///< whole fit, all starts; status TimeLimit when hit
    bool computeCovariance = true;   ///< standard errors from (JᵀJ)⁻¹·σ² at the optimum
    bool isValid(std::string* why) const;
};

enum class Status { NotRun, Converged, MaxIterations, TimeLimit, Cancelled, Failed };
std::string toString(Status);

struct Summary
{
    Status status = Status::NotRun;
    std::string message = "fit() was not called";
    double initialCost = 0.0;
    double finalCost = 0.0;
    int iterations = 0;   ///< summed over all starts
    int starts = 0;       ///< starting points refined
    double seconds = 0.0; ///< wall time of the whole fit
    std::string briefReport() const;
    bool isUsable() const; ///< converged or stopped at a finite cost with finite parameters
};

/// \brief Cancel check and progress callback (adapted from QPromise by the Qt layer).
struct Control
{
    std::function<bool()> isCancelled;                                  ///< polled between iterations
    std::function<void(double fraction, const std::string& what)> progress; ///< fraction in [0, 1]
};

/// \brief The outcome of a curve-law fit.
struct CurveFit
{
    std::string law;               ///< law id
    std::vector<std::string> names; ///< parameter names, in law order
    std::vector<double> params;
    std::vector<double> stderrs;    ///< NaN where not computable
    std::vector<double> covariance; ///< row-major, params × params; empty when not computed
    LawSettings settings;
    Summary summary;
};

/// \brief Fits `law` jointly to all `curves` (their objectives are summed). Deterministic for the same input.
CurveFit fitCurves(const CurveLaw& law, const std::vector<Curve>& curves, const LawSettings& settings,
                   const Options& options = {}, const Control& control = {});

/// \brief Model loss of `law` with `params` at `steps` of `schedule`.
std::vector<double> predict(const CurveLaw& law, std::span<const double> params, const ScheduleInput& schedule,
                            std::span<const std::int64_t> steps, const LawSettings& settings);

} // namespace losscast::core::fit
