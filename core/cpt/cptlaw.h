#pragma once
/// \file
/// \brief The continual pre-training (CPT) law of Wang, Tissue, Wang, Li, Zeng, "Learning Dynamics in
/// Continual Pre-Training for Large Language Models", ICML 2025, arXiv 2505.07796, Eq. (4), with the
/// model-size extension Eq. (7) and the replay extension Eq. (8):
///
///     L(t) = L0 + A·(S1_pt + S1_cpt)^(−α) − C1·S2_pt − C2·S2_cpt + B·(1 − (1 + E·S1_cpt)^(−β))
///
/// fitted separately for the general (D_pt) and the domain (D_cpt) validation set. S1/S2 are the forward and
/// annealing areas of the LR-annealing law (laws/mtl.h), split at the switch step: one momentum sequence runs
/// over the concatenated PT+CPT schedule, and the sums before and after the switch are the PT and CPT areas.
/// A re-warmup after the switch makes S2_cpt decrease (negative annealing).

#include "core/laws/law.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::cpt {

/// \brief Which validation set a fit describes. The set decides the sign convention of B (B > 0: the loss
/// rises, typical for the general set; B < 0: it falls, typical for the domain set) and the form of the
/// replay factor.
enum class ValidationSet
{
    General, ///< the PT data's validation set, D_pt
    Domain   ///< the CPT data's validation set, D_cpt
};
std::string toString(ValidationSet set); ///< "general" / "domain"

/// \brief How the replay ratio enters the distribution-shift term of Eq. (8).
enum class ReplayForm
{
    /// The paper's Eq. (8): B·(1 − (1 + E·S1_cpt)^(−β))·g(r_cpt); the shift advances with all CPT LR area.
    Paper,
    /// The alternative B·(1 − (1 + E·r_cpt·S1_cpt)^(−β))·g(r_cpt): the shift advances with the CPT data's
    /// share of the forward area (replayed PT tokens do not move the model towards D_cpt), so replay slows
    /// the shift as well as shrinking it. It needs no parameter, so it applies even when the replay terms
    /// are held (runs of one replay ratio). Identical to Paper at r_pt = 0. Validated against Paper on
    /// cpt_tiny (README, Continual pre-training): better when the fit saw no replay, worse for the domain
    /// loss when it saw only replay, equal when it saw both; so Paper stays the default.
    CptShare
};
std::string toString(ReplayForm form); ///< "paper" / "cpt_share"
bool parseReplayForm(const std::string& text, ReplayForm& out);

/// \brief Which terms of the law are present.
struct CptLawOptions
{
    ValidationSet set = ValidationSet::General;
    /// Eq. (8): C2·S2_cpt·e^(a1·r_pt) and the shift term times a replay factor g(r_cpt), r_cpt = 1 − r_pt.
    /// LossCast normalises g so that g(r_cpt = 1) = 1 (B keeps its Eq. 4 meaning, the shift without replay):
    ///   general: g = (1 − e^(−a2·r_cpt)) / (1 − e^(−a2)),   domain: g = (e^(a2·r_cpt) − 1) / (e^(a2) − 1).
    /// a2 may take either sign (a2 → −a2 turns one form into the other), so the data pick the curvature.
    /// The paper's unnormalised B equals ours divided by the denominator. g(0) = 0: full replay, no shift.
    bool replay = false;
    /// How replay enters the shift term (only with `replay`). See ReplayForm.
    ReplayForm replayForm = ReplayForm::Paper;
    /// Eq. (7): C1·S2_pt·N^γ1, C2·S2_cpt·N^γ2 and + F·N^(−γ3), N in millions of non-embedding parameters
    /// (with that unit the paper's joint fit reproduces its 106M-only fit: 0.090·106^0.235 ≈ 0.27 vs C1
    /// 0.299).
    bool modelSize = false;
    /// Open-source base model (paper Sec. 6): the PT history is unknown; the schedule holds the CPT phase
    /// only, the PT is assumed annealed to 0 (S2_pt constant, absorbed into L0, so no C1) and S1_pt is the
    /// fitted parameter "S1pt".
    bool openSource = false;
    double lambda = 0.999; ///< momentum decay of S2 (the paper uses 0.999)
    bool warmupAsPeak =
        false; ///< PT warmup LRs counted as the peak (MTL paper Sec. 3.4); default: actual LRs
};

/// \brief S1/S2 of each phase at the evaluation points of one or more runs, plus each point's replay ratio
/// and model size: everything the law needs that does not depend on the parameters.
struct CptFeatures
{
    std::vector<double> s1pt, s1cpt, s2pt, s2cpt;
    std::vector<double> replay; ///< r_pt of the point's run, in [0, 1]
    std::vector<double> logN;   ///< ln N (N in millions) of the point's run; 0 when the model size is unused
    std::size_t size() const { return s1cpt.size(); }
    void append(const CptFeatures& other);
};

/// \brief The per-phase areas of one schedule at `steps` (ascending, each in 1..lr.size()-1).
///
/// `switchStep` S is the last PT step: for t ≤ S the CPT areas are 0 and the PT areas are MTL's S1(t), S2(t);
/// for t > S, S1_pt = S1(S), S2_pt = S2(S), S1_cpt = S1(t) − S1(S), S2_cpt = S2(t) − S2(S), all from one
/// momentum sequence over the concatenated schedule (MtlLaw::areas). S = 0 means "no PT in the schedule" (the
/// open-source mode: lr[0] is the LR the base model ended with, 0 when annealed). Throws
/// std::invalid_argument on bad input.
CptFeatures phaseAreas(const ScheduleInput& schedule, std::int64_t switchStep,
                       std::span<const std::int64_t> steps, double lambda, bool warmupAsPeak,
                       double replay = 0.0, double modelSizeMillions = 0.0);

/// \brief Which part of the law to evaluate.
enum class CptPart
{
    Full,     ///< the CPT loss
    HiddenPt, ///< the law without the distribution-shift term: the loss had the same LR schedule run on D_pt
    Shift     ///< the distribution-shift term alone (0 at the switch)
};

/// \brief The CPT law for one validation set; a small stateless value.
class CptLaw
{
public:
    explicit CptLaw(CptLawOptions options = {});

    const CptLawOptions& options() const { return m_options; }
    std::string formula() const;
    /// Parameters in vector order: L0, A, alpha, B, E, beta, [C1], C2, [a1, a2], [gamma1, gamma2, F, gamma3],
    /// [S1pt]. Bracketed ones depend on the options (C1 is absent in open-source mode).
    std::vector<ParamInfo> parameters() const;
    std::vector<std::string> names() const;
    std::size_t numParams() const { return m_numParams; }
    /// Index of parameter `name`, or −1.
    int index(const std::string& name) const;

    /// Writes the model at each feature point into `out`. With `jacobian` (size() × numParams(), row-major)
    /// it also writes the analytic derivatives of the evaluated part.
    void evaluate(const CptFeatures& features, std::span<const double> params, std::span<double> out,
                  double* jacobian = nullptr, CptPart part = CptPart::Full) const;

private:
    CptLawOptions m_options;
    std::size_t m_numParams = 0;
    int m_iC1 = -1, m_iC2 = -1, m_ia1 = -1, m_ia2 = -1, m_ig1 = -1, m_ig2 = -1, m_iF = -1, m_ig3 = -1,
        m_iS1 = -1;
};

} // namespace losscast::core::cpt
