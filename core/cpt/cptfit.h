#pragma once
/// \file
/// \brief CPT runs (a PT+CPT schedule with general and domain losses), the joint fit of the CPT law through
/// the shared fitter (fit::fitModel), predictions and fit-quality metrics.

#include "core/cpt/cptlaw.h"
#include "core/fit/fitter.h"
#include "core/fit/metrics.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace losscast::core::cpt {

/// \brief One training run that holds both phases: the LR of every step, the switch step, the replay ratio
/// and the general and domain validation losses at the logged steps.
struct CptRun
{
    std::string name;       ///< display name (file stem)
    std::string source;     ///< file it came from, for messages
    ScheduleInput schedule; ///< LR of every step 0..N: the PT phase, then the CPT phase after switchStep
    std::int64_t switchStep =
        0;               ///< last PT step; 0 = open-source mode (the schedule holds the CPT phase only)
    double replay = 0.0; ///< r_pt: share of PT data in the CPT batches, in [0, 1]
    double modelSizeMillions = 0.0;  ///< N for Eq. (7), millions of non-embedding parameters; 0 = unknown
    std::vector<std::int64_t> steps; ///< ascending, in 1..N
    std::vector<double> general;     ///< loss on D_pt at each step; NaN = not measured
    std::vector<double> domain;      ///< loss on D_cpt at each step; NaN = not measured

    const std::vector<double>& loss(ValidationSet set) const
    {
        return set == ValidationSet::General ? general : domain;
    }
};

/// \brief Checks a run: sizes agree, steps ascending within the schedule, losses positive or NaN, switch
/// within the schedule, replay in [0, 1]. Empty when fine, else a message naming the run.
std::string validateRun(const CptRun& run);

/// \brief Options of a CPT fit.
struct CptFitOptions
{
    CptLawOptions law; ///< set by fitCpt: `set`; `replay` is switched on when any run has r_pt > 0
    fit::Options fit;  ///< engine options (log-Huber δ = 1e-3 by default, as the paper)
    /// Parameters held at a value instead of fitted (name → value).
    std::map<std::string, double> fixed;
    /// Hold parameters the data cannot identify at their defaults: a1, a2 with fewer than two distinct replay
    /// ratios; gamma1, gamma2, F, gamma3 with fewer than two model sizes (F = 0); C1 when S2_pt is 0
    /// everywhere.
    bool autoFix = true;
};

/// \brief A fitted CPT law for one validation set.
struct CptFit
{
    CptLawOptions law;
    std::vector<std::string> names;
    std::vector<double> params;
    std::vector<double> stderrs; ///< NaN for held parameters and where not computable
    std::vector<bool> held;      ///< parameter was not fitted (fixed by the user or by autoFix)
    std::vector<double>
        covariance; ///< row-major over all parameters (0 rows/columns for held ones); may be empty
    fit::Summary summary;
    /// Replay ratios of the runs the fit saw (fitCpt sets them; [0, 1] when unknown). Predictions outside
    /// this range extrapolate e^(a1·r) and the replay factor; the optimiser's default replay bounds use it.
    double replayMin = 0.0, replayMax = 1.0;
    double param(const std::string& name, double fallback = std::numeric_limits<double>::quiet_NaN()) const;
};

/// \brief Fits the CPT law for `set` jointly to every run's points where that set's loss is measured
/// (objectives summed; log-Huber by default). Errors (bad runs, no data, unknown fixed names) come back as
/// diagnostics; a fit that ran has its outcome in summary (check summary.isUsable()).
Result<CptFit> fitCpt(const std::vector<CptRun>& runs, ValidationSet set, const CptFitOptions& options = {},
                      const fit::Control& control = {});

/// \brief The law's value at `steps` of a schedule with switch `switchStep`, replay `replay` and model size.
std::vector<double> predictCpt(const CptFit& fit, const ScheduleInput& schedule, std::int64_t switchStep,
                               std::span<const std::int64_t> steps, double replay = 0.0,
                               double modelSizeMillions = 0.0, CptPart part = CptPart::Full);

/// \brief predictCpt at the run's own steps, schedule, switch, replay and size.
std::vector<double> predictRun(const CptFit& fit, const CptRun& run, CptPart part = CptPart::Full);

/// \brief Metrics (R², MAE, RMSE, PredE, WorstE) of `fit` on the run's measured points of the fit's set.
fit::Metrics evaluateRun(const CptFit& fit, const CptRun& run);

/// \brief The law with the paper's parameter values, as a fit (no summary), for tests, presets and the view.
/// `values` maps names to values; missing names take the defaults of CptLaw::parameters().
CptFit makeFit(const CptLawOptions& law, const std::map<std::string, double>& values);

/// \brief The paper's 106M FineWeb → Knowledge-Pile fits with replay, general and domain set (Wang et al.
/// 2025, arXiv 2505.07796, Fig. 19 and Fig. 3; see the definition for the transcription): the CPT view's
/// preset.
std::pair<CptFit, CptFit> paperPreset106M();

} // namespace losscast::core::cpt
