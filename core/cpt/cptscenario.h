#pragma once
/// \file
/// \brief A CPT scenario (PT schedule, switch, CPT schedule, replay ratio) rendered to per-step LRs, the
/// predictions of a pair of fits over it, and the derived quantities of Wang et al., ICML 2025, arXiv
/// 2505.07796: loss potential, the turning point and critical point of the general loss, out-of-domain loss
/// as a linear combination of general and domain loss.

#include "core/cpt/cptfit.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::cpt {

/// \brief Shape of a decay after the (re-)warmup.
enum class DecayShape
{
    Constant, ///< stays at the peak (final LR = peak)
    Cosine,   ///< half cosine from the peak to the final LR
    Linear,   ///< linear from the peak to the final LR
    Wsd       ///< constant, then linear to the final LR over the last `decayFraction` of the phase
};
std::string toString(DecayShape shape); ///< "constant", "cosine", "linear", "wsd"
std::optional<DecayShape> decayShapeFromString(const std::string& s);

/// \brief One phase: warmup from `warmupStart` to `peakLr`, then the decay to `finalFraction`·peak.
struct Phase
{
    std::int64_t steps = 10000;
    std::int64_t warmupSteps = 500;
    double warmupStart = 0.0; ///< LR before the phase's first update (0: warmup from 0)
    double peakLr = 2e-4;
    DecayShape shape = DecayShape::Cosine;
    double finalFraction = 0.1; ///< final LR / peak (for PT this is the loss potential)
    double decayFraction = 0.2; ///< WSD: share of the phase spent decaying
    /// LR of the phase's update i = 1..steps.
    double lrAt(std::int64_t i) const;
};

/// \brief PT phase + CPT phase + replay ratio.
struct CptScenario
{
    Phase pt{20000, 500, 0.0, 2e-4, DecayShape::Wsd, 0.0, 0.2};
    Phase cpt{10000, 500, 0.0, 2e-4, DecayShape::Cosine, 0.1, 0.2};
    double replay = 0.0;            ///< r_pt in [0, 1]
    double modelSizeMillions = 0.0; ///< for fits with the model-size extension
    /// An imported PT schedule (e.g. a run's logged LR): the LR of PT updates 1..pt.steps (so its size is
    /// pt.steps), used instead of the parametric `pt` phase when not empty; pt.steps, pt.warmupSteps and
    /// pt.warmupStart (lr[0]) still apply.
    std::vector<double> ptLr;

    /// \brief Takes `lr`, the LR of PT steps 0..N (N + 1 values: a Curve's or Schedule::toInput()'s), as the
    /// PT schedule: ptLr = lr[1..N], pt.steps = N, pt.warmupSteps = `warmupSteps` (clamped to 0..N),
    /// pt.warmupStart = lr[0] (0 if not finite or negative), pt.peakLr = the largest LR. Returns why the LRs
    /// cannot be used (fewer than 2 values, over 50,000,000 steps, a negative or non-finite LR, all zero),
    /// leaving the scenario unchanged; empty on success.
    std::string setPtLr(std::span<const double> lr, std::int64_t warmupSteps);
    /// \brief The imported PT schedule as setPtLr() takes it (lr[0] = pt.warmupStart); empty when none.
    std::vector<double> ptSchedule() const;

    std::int64_t switchStep() const { return pt.steps; }
    std::int64_t totalSteps() const { return pt.steps + cpt.steps; }
    /// Loss potential (paper Sec. 4.1): final PT LR / PT peak LR; 1 for a constant PT.
    double lossPotential() const;
    /// LR of every step 0..totalSteps() (lr[0] = the PT warmup start).
    ScheduleInput schedule() const;
    /// `points` steps spread evenly over 1..totalSteps(), always including the switch step and the last step.
    std::vector<std::int64_t> sampleSteps(int points) const;
    /// An error message when a field is out of range, else empty.
    std::string validate() const;
};

/// \brief Predicted curves of a scenario: general and domain loss and their hidden PT curves.
struct ScenarioPrediction
{
    std::vector<std::int64_t> steps;
    std::vector<double> general, domain, generalHidden, domainHidden;
};

/// \brief Evaluates both fits over the scenario at `steps` (ascending, in 1..totalSteps()). Throws
/// std::invalid_argument on an invalid scenario.
ScenarioPrediction predictScenario(const CptFit& general, const CptFit& domain, const CptScenario& scenario,
                                   const std::vector<std::int64_t>& steps);

/// \brief Where the general loss stops rising after the switch and whether it comes back down.
struct GeneralTurn
{
    double lossAtSwitch = 0.0;
    std::int64_t peakStep = 0; ///< turning point: step of the highest general loss after the switch
    double peakLoss = 0.0;
    std::int64_t turningLength = 0; ///< CPT steps from the switch to the turning point
    /// Critical point: first step after the turning point where the general loss is back at or below its
    /// value at the switch; nullopt when it does not come back within the CPT phase.
    std::optional<std::int64_t> criticalStep;
};

/// \brief The turning point and critical point of the general loss, scanned at every step of the CPT phase.
GeneralTurn generalTurn(const CptFit& general, const CptScenario& scenario);

/// \brief Out-of-domain loss as a linear combination of general and domain loss (paper Sec. 5, Fig. 21):
/// L_ood ≈ wGeneral·L_general + wDomain·L_domain (+ intercept when asked), fitted by least squares.
struct OodFit
{
    double wGeneral = 0.0, wDomain = 0.0, intercept = 0.0;
    double maxAbsError = 0.0, r2 = 0.0;
    std::size_t points = 0;
};
/// Fails (nullopt) with fewer points than coefficients or a singular system.
std::optional<OodFit> fitOod(const std::vector<double>& general, const std::vector<double>& domain,
                             const std::vector<double>& ood, bool withIntercept = false);

} // namespace losscast::core::cpt
