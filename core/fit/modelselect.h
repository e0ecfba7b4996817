#pragma once
/// \file
/// \brief Choosing a curve law by leave-one-curve-out validation on the training curves.
///
/// Every candidate law is fitted on all training curves (the fit that is used), and once per training curve
/// with that curve held out; the held-out curve is then predicted from its own schedule. The law with the
/// lowest mean held-out PredE (mean |L̂ − L|/L, the MPL paper's metric) wins. Held-out prediction is the job
/// the user wants done (a new schedule), so this penalises laws that fit the training curves by bending
/// rather than by structure, which training cost alone cannot see. With a single training curve there is
/// nothing to hold out and the training cost decides (said in `criterion`).

#include "core/fit/fitter.h"
#include "core/fit/metrics.h"

#include <memory>
#include <string>
#include <vector>

namespace losscast::core::fit {

struct LawCandidate
{
    std::string law;                  ///< law id
    CurveFit fit;                     ///< fit on all training curves
    std::vector<std::string> heldOut; ///< curve names, one per fold
    std::vector<Metrics> folds;       ///< held-out metrics, one per training curve
    Metrics validation;               ///< mean over the folds (zeros when there are none)
    bool usable = false;              ///< the full fit and every fold succeeded
    std::string message;              ///< why not usable
    double seconds = 0.0;             ///< wall time for this law (all fits)
};

struct ModelChoice
{
    std::vector<LawCandidate> candidates; ///< in the order of the given laws
    int chosen = -1;                      ///< index into candidates; −1 when none is usable
    std::string criterion;                ///< e.g. "leave-one-curve-out mean PredE"
};

/// \brief Fits every law of `laws` (each with its default settings, `options` and `control`) and chooses by
/// leave-one-curve-out validation. Deterministic. Cancelling stops after the current fit; laws not reached
/// are reported as not usable.
ModelChoice chooseCurveLaw(const std::vector<Curve>& train,
                           const std::vector<std::shared_ptr<const CurveLaw>>& laws,
                           const Options& options = {}, const Control& control = {});

} // namespace losscast::core::fit
