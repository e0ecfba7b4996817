#pragma once
/// \file
/// \brief Choosing a curve law by validation folds that mimic the forecasting question.
///
/// Every candidate law is fitted on all training curves (the fit that is used), and once per validation
/// fold (validationFolds()): leave each training run out and predict it from its own schedule (a new
/// schedule), and, where the runs are long enough, a horizon fold that fits every run up to 60 % of its
/// length and predicts the rest of each (a longer run, an early stop). The law with the lowest mean
/// held-out PredE over the folds (mean |L̂ − L|/L, the MPL paper's metric) wins; `criterion` says which
/// folds were used. Training cost cannot see a law that fits by bending rather than by structure; held-out
/// prediction is the job the user wants done. Only when no fold can be formed (one short run) does the
/// training cost decide.
///
/// One question no fold can ask: a forecast that anneals the LR further than any training run did (an
/// early stop: the first 36 % of a cosine run fitted, the rest predicted). Every fold is cut from the
/// training runs, so none holds out an LR they never reached: on the 25M run's 36 % case the horizon fold
/// prefers MTL at every share from 30 % to 90 % of the run, yet MTL predicts the rest with PredE .0022 and
/// MPL with .0007. On the generalisation benchmark's 23 early stops of partly annealed runs, MPL — its
/// loss-drop shape β, γ held at the paper's means, fitted across many runs — is as accurate as MTL (mean
/// PredE .0074 against .0077, better on 12 of 23) and its band covers ≥ 80 % within 2 % on 9 against 2
/// (README "Choosing a law"). So when the training runs annealed partly and the forecast goes further
/// (annealsBeyondTraining()), MPL is chosen if it fitted, and `criterion` says so. Runs that never annealed
/// (constant LR only) leave the choice to the folds: neither law's loss drop is identified there.
///
/// The pooled relative errors of the folds also calibrate the prediction band (see forecast.h).

#include "core/fit/fitter.h"
#include "core/fit/metrics.h"

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace losscast::core::fit {

/// \brief One validation question: fit `train`, predict `test`.
struct ValidationFold
{
    std::string name; ///< "leave out <run>" or "horizon: first 60 % of each run"
    std::vector<Curve> train, test;
};

/// \brief Share of each run's length the horizon fold fits on (the rest is predicted).
inline constexpr double kHorizonFoldShare = 0.6;

/// \brief The folds for `train`: one leave-one-run-out fold per run when there are ≥ 2 runs, plus the
/// horizon fold when every run keeps ≥ 8 points before its cut and ≥ 3 after.
std::vector<ValidationFold> validationFolds(const std::vector<Curve>& train);

/// \brief One line naming the folds, e.g. "mean held-out PredE over 4 folds (3 leave-one-run-out, 1
/// horizon)".
std::string validationCriterion(const std::vector<ValidationFold>& folds);

/// \brief Held-out scores of one law over folds.
struct CrossValidation
{
    bool ok = false;
    std::string message;              ///< why not ok
    std::vector<std::string> heldOut; ///< fold names
    std::vector<Metrics> folds;       ///< one per fold (averaged over its test curves)
    Metrics mean;                     ///< mean over the folds
    double relRms = 0.0;              ///< sqrt(mean (L̂/L − 1)²) over every held-out point of every fold
    std::vector<double> foldRms;      ///< the same within each fold
    std::size_t points = 0;           ///< held-out points behind relRms
    /// The median of foldRms: the typical held-out error, not swayed by one fold that cannot be predicted
    /// (e.g. a cooldown held out from runs without one).
    double medianFoldRms() const;
};

/// \brief Fits `law` with `settings` on each fold and scores its predictions. Stops at the first fold that
/// fails (ok = false, message names it) or when cancelled.
CrossValidation crossValidate(const CurveLaw& law, const LawSettings& settings,
                              const std::vector<ValidationFold>& folds, const Options& options = {},
                              const Control& control = {});

/// \brief A fit whose discrete setting point (CurveLaw::settingsGrid, e.g. MTL's λ) was chosen by held-out
/// error on `folds` rather than by training cost, with that point's validation.
struct ValidatedFit
{
    CurveFit fit;               ///< on all of `train`, at the chosen setting point
    CrossValidation validation; ///< of the chosen point (empty when there are no folds)
    std::size_t gridPoints = 1; ///< setting points tried
};

/// \brief Fits `law` on `train`. With several setting points and ≥ 1 fold, each point is cross-validated on
/// `folds` and the one with the lowest mean held-out PredE is fitted on all runs; with no folds, the
/// lowest training cost decides (fitCurves). With one point, its folds are run when `validate` is set.
ValidatedFit fitValidated(const CurveLaw& law, const std::vector<Curve>& train, const LawSettings& settings,
                          const std::vector<ValidationFold>& folds, bool validate,
                          const Options& options = {}, const Control& control = {});

struct LawCandidate
{
    std::string law;                  ///< law id
    CurveFit fit;                     ///< fit on all training curves
    std::vector<std::string> heldOut; ///< fold names, one per fold
    std::vector<Metrics> folds;       ///< held-out metrics, one per fold
    Metrics validation;               ///< mean over the folds (zeros when there are none)
    double relRms = 0.0;              ///< pooled relative error of the folds (CrossValidation::relRms)
    double medianFoldRms = 0.0;       ///< CrossValidation::medianFoldRms()
    bool usable = false;              ///< the full fit and every fold succeeded
    std::string message;              ///< why not usable
    double seconds = 0.0;             ///< wall time for this law (all fits)
};

struct ModelChoice
{
    /// How the law was chosen.
    enum class Rule
    {
        HeldOut,      ///< lowest mean held-out PredE over the validation folds
        TrainingCost, ///< lowest training cost (no fold could be formed)
        AnnealsBeyond ///< MPL, because the forecast anneals beyond the training runs (see the file comment)
    };
    std::vector<LawCandidate> candidates; ///< in the order of the given laws
    int chosen = -1;                      ///< index into candidates; −1 when none is usable
    std::string criterion;                ///< validationCriterion() of the folds, or the training-cost rule
    Rule rule = Rule::HeldOut;
    int foldsChoice = -1;  ///< with AnnealsBeyond: the candidate the folds alone chose (−1: none)
    std::size_t folds = 0; ///< validation folds behind the held-out scores
};

/// \brief The forecast anneals further than the training runs when its lowest LR lies below theirs by more
/// than this share of their peak LR…
inline constexpr double kUnseenAnneal = 0.25;
/// \brief …and the training runs annealed partly: their lowest LR (at a fitted point) is ≤ (1 − this) × peak.
inline constexpr double kSeenAnneal = 0.05;

/// \brief The lowest LR at the points of `targets` (their whole schedules after the warmup when they have no
/// points): the LR a forecast of them reaches. NaN when there is none.
double lowestTargetLr(const std::vector<Curve>& targets);

/// \brief True when some training run's LR, after it first reaches its peak, falls to ≤ (1 − kSeenAnneal) ×
/// the peak at a fitted point: the runs say something about the loss drop.
bool trainingAnnealed(const std::vector<Curve>& train);

/// \brief True when a forecast down to LR `targetLr` anneals further than `train` did (see the file comment:
/// kUnseenAnneal, kSeenAnneal); `why` (optional) then says by how much. False for a NaN `targetLr`.
bool annealsBeyondTraining(const std::vector<Curve>& train, double targetLr, std::string* why = nullptr);

/// \brief The settings a forecast starts from: the law's defaults, with the choices of the generalisation
/// benchmark (`losscast-cli bench accuracy`, README "Forecast accuracy") where they differ from a plain
/// fit's: MTL's λ is chosen from the data ("lambda_grid" = 1, the grid point with the lowest held-out error
/// on the validation folds; mean PredE over the 85 cases .0062 against .0066 for the paper's fixed 0.999).
LawSettings forecastDefaults(const CurveLaw& law);

/// \brief forecastDefaults() overridden by `overrides`; an MTL "lambda" given without "lambda_grid" is held
/// (the data-driven choice is for when λ is not given).
LawSettings forecastSettings(const CurveLaw& law, const LawSettings& overrides);

/// \brief Fits every law of `laws` (each with forecastDefaults() overridden by `settings` for its id,
/// `options` and `control`) and chooses by the validation folds. Deterministic. Cancelling stops after the
/// current fit; laws not reached are reported as not usable.
/// `targetLr` is the lowest LR the forecast will reach (lowestTargetLr() of the runs to predict; NaN =
/// unknown): when annealsBeyondTraining(), MPL is chosen if usable (see the file comment).
ModelChoice chooseCurveLaw(const std::vector<Curve>& train,
                           const std::vector<std::shared_ptr<const CurveLaw>>& laws,
                           const Options& options = {}, const Control& control = {},
                           const std::map<std::string, LawSettings>& settings = {},
                           double targetLr = std::numeric_limits<double>::quiet_NaN());

} // namespace losscast::core::fit
