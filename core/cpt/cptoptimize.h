#pragma once
/// \file
/// \brief Choosing CPT hyper-parameters for a general-versus-domain trade-off (Wang et al., ICML 2025, arXiv
/// 2505.07796, Sec. 5): minimise λ1·ΔL_general + (1 − λ1)·ΔL_domain over the CPT peak LR, the CPT decay
/// shape, the replay ratio, the CPT length and the base's loss potential, within user bounds.

#include "core/cpt/cptscenario.h"
#include "core/fit/fitter.h"

#include <string>
#include <vector>

namespace losscast::core::cpt {

/// \brief The search box. A variable whose min equals its max is held.
struct CptSearchBounds
{
    double peakLrMin = 1e-5, peakLrMax = 1e-3; ///< CPT peak LR (searched on a log scale)
    std::vector<DecayShape> shapes = {DecayShape::Cosine, DecayShape::Wsd, DecayShape::Linear,
                                      DecayShape::Constant};
    double replayMin = 0.0, replayMax = 1.0;        ///< r_pt
    std::int64_t stepsMin = 1000, stepsMax = 20000; ///< CPT steps
    double potentialMin = 0.0, potentialMax = 1.0;  ///< loss potential of the base (final PT LR / PT peak)
    std::string validate() const;                   ///< empty when fine
};

struct CptOptimizeOptions
{
    double lambda1 = 0.5;           ///< weight of the general loss change; the domain's is 1 − λ1
    int gridPerAxis = 5;            ///< coarse grid points per continuous variable (then compass refinement)
    int maxEvaluations = 20000;     ///< scenario evaluations in all
    double timeLimitSeconds = 10.0; ///< whole search
};

struct CptOptimizeResult
{
    CptScenario best;
    double objective = 0.0; ///< λ1·ΔL_general + (1 − λ1)·ΔL_domain at the best point
    double generalEnd = 0.0, domainEnd = 0.0; ///< losses at the end of the CPT
    double generalRef = 0.0, domainRef = 0.0; ///< the base scenario's losses at its switch (ΔL reference)
    double baseObjective = 0.0;               ///< the objective of the base scenario as given
    int evaluations = 0;
    double seconds = 0.0;
    fit::Status status =
        fit::Status::NotRun; ///< Converged, MaxIterations (evaluation budget), TimeLimit, Cancelled
    std::string message;
};

/// \brief Objective of one scenario (ΔL against the given references).
double cptObjective(const CptFit& general, const CptFit& domain, const CptScenario& s, double lambda1,
                    double generalRef, double domainRef, double* generalEnd = nullptr,
                    double* domainEnd = nullptr);

/// \brief Grid search over the box (every shape × gridPerAxis points per continuous variable), then a compass
/// search from the best grid points with halving steps. `base` supplies everything not searched (PT length
/// and peak, warmups, CPT final LR fraction, WSD decay fraction). Bounded by options' time and evaluation
/// limits; `control.isCancelled` is polled between evaluations. Throws std::invalid_argument on invalid
/// bounds or base.
CptOptimizeResult optimizeCpt(const CptFit& general, const CptFit& domain, const CptScenario& base,
                              const CptSearchBounds& bounds, const CptOptimizeOptions& options = {},
                              const fit::Control& control = {});

/// \brief The weighted objective over a replay × CPT peak LR grid (rows: replay, columns: peak LR,
/// log-spaced), the rest from `base` (the CPT view's heat map).
std::vector<std::vector<double>> tradeoffGrid(const CptFit& general, const CptFit& domain,
                                              const CptScenario& base, double lambda1,
                                              const std::vector<double>& replays,
                                              const std::vector<double>& peakLrs);

} // namespace losscast::core::cpt
