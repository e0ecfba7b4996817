#pragma once
/// \file
/// \brief Schedule search: the LR schedule of a given length that minimises the final loss predicted by a
/// fitted law (Luo et al., ICLR 2025, Sec. 6 do this for the multi-power law; their optimised schedules look
/// like WSD with a particular decay shape).
///
/// Method. The schedule is a linear warmup from 0 to `peak` over `warmupSteps`, then a piecewise-linear curve
/// through `knots` control points spread evenly over the remaining steps; the control points must not
/// increase (peak ≥ v1 ≥ … ≥ vK), every LR lies in [finalMin, peak] and the final one in
/// [finalMin, finalMax]. The search
///  1. evaluates a family of WSD schedules (decay fraction 10–90 %, linear / 1−sqrt / cosine / exponential
///     decay, final LR at both bounds and between) and starts from the best one;
///  2. refines the control points by projected gradient descent (Barzilai–Borwein steps, Armijo backtracking;
///     the projection is isotonic regression followed by clipping to the bounds). For the MPL the gradient of
///     the final loss with respect to every step's LR is analytic and costs O(N) (mplFinalLoss); other laws
///     use central finite differences on the control points.
/// It stops when a step changes no control point by more than 1e-7·peak, at the time limit, or when
/// cancelled, and returns the best schedule found so far in every case, with cosine and WSD baselines of the
/// same length and final LR for comparison.

#include "core/fit/fitter.h"
#include "core/laws/law.h"
#include "core/schedule/schedule.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::optimize {

struct ScheduleSearchOptions
{
    std::int64_t totalSteps = 0;  ///< N, updates in the schedule
    std::int64_t warmupSteps = 0; ///< linear warmup 0 → peak
    double peak = 0.0;            ///< the largest LR (reached at the end of the warmup)
    double finalMin = 0.0;        ///< lower bound of every LR and of the final LR
    double finalMax = 0.0;        ///< upper bound of the final LR (≤ peak)
    int knots = 64;               ///< free control points after the warmup
    double timeLimitSeconds = 8.0;
    /// Empty when consistent, else a message naming the field.
    std::string validate() const;
};

struct ScheduleCandidate
{
    std::string name;       ///< "optimized", "cosine", "wsd", "wsd-sqrt", "best-wsd-family"
    std::string spec;       ///< text form (core/schedule)
    double finalLoss = 0.0; ///< the law's prediction at the last step
};

struct ScheduleSearchResult
{
    Schedule schedule;                        ///< the optimised schedule (a piecewise phase)
    ScheduleCandidate optimized;              ///< its spec and final loss
    ScheduleCandidate start;                  ///< the best of the WSD family (the starting point)
    std::vector<ScheduleCandidate> baselines; ///< cosine, wsd (linear, 20 %), wsd-sqrt (1−sqrt, 20 %)
    int iterations = 0;
    double seconds = 0.0;
    std::string status; ///< "converged", "time limit", "cancelled", "iteration limit"
    std::string method; ///< how the gradient was computed
};

/// \brief Searches the schedule (see the file comment). Fails with a message for invalid options or a law
/// whose prediction is not finite on the schedules tried.
Result<ScheduleSearchResult> searchSchedule(const CurveLaw& law, std::span<const double> params,
                                            const LawSettings& settings, const ScheduleSearchOptions& options,
                                            const fit::Control& control = {});

/// \brief The MPL's loss at the last step of `lr` (steps 0..N, warmup `warmupSteps`) by the exact O(N) sum,
/// and, when `gradient` is not null, d loss / d lr[s] for every s (size N + 1; entry 0 is 0).
double mplFinalLoss(std::span<const double> params, std::span<const double> lr, std::int64_t warmupSteps,
                    std::vector<double>* gradient = nullptr);

} // namespace losscast::core::optimize
