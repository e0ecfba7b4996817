#pragma once
/// \file
/// \brief The multi-power law (MPL) of Luo et al., "A Multi-Power Law for Loss Curve Prediction Across
/// Learning Rate Schedules", ICLR 2025 (arXiv 2503.12811), Eq. 1–2.
///
///     L(t)  = L0 + A · (S1(t) + S_W)^(−α) − LD(t)
///     LD(t) = B · Σ_{k=1..t} (η_{k−1} − η_k) · G(η_k^(−γ) · S_k(t)),   S_k(t) = Σ_{τ=k..t} η_τ
///     G(x)  = 1 − (C·x + 1)^(−β)
///
/// Step convention (see law.h): lr[s] is the LR of the update that produces step s. With W warmup steps,
/// S1(t) + S_W is the whole LR area Σ_{i=1..s} lr[i] up to the evaluated step s, and the loss-drop sum runs
/// over the post-warmup steps k = W+1..s with η_0 = lr[W] (the LR at the end of the warmup, η_max).
///
/// ## Cost and the compression of smooth schedules
/// Only steps where the LR changes contribute to LD, and S_k(t) is a difference of LR prefix sums. For an
/// evaluated step t, `prepare` groups the LR changes k ≤ t backwards from t: a group [lo, hi] is closed once
/// its own LR area exceeds ρ times the area between it and t (ρ = setting "compression", default 0.25), so
/// the nearest steps are single (exact) terms and groups widen geometrically with distance. Each group
/// becomes one term: its total LR drop D placed at the drop-weighted mean η and mean S_k(t) (positive and
/// negative drops separately). Far groups start and end on multiples of 16, 256, 4096 or 65536 steps so that
/// their running sums come from small cached tables. Evaluating P points costs O(P · log N) terms for smooth
/// schedules and O(P · K) for schedules with K ≤ that many LR changes, after one O(N) sweep over the
/// schedule; ρ = 0 gives the exact double sum. An LR of exactly 0 is treated as 1e-30 (η^(−γ)·S_k then tends
/// to G = 1, or to 0 when S_k(t) = 0, matching the limits of Eq. 2).
///
/// Error bound (computed by compressionErrorBound()): write u = log x and f(u) = G(e^u). For β ≤ 1,
/// |f''(u)| ≤ f'(u) = β z (1+z)^(−1−β) with z = C·e^u. Replacing Σ d_k f(u_k) by D·f(u*) (u* from the
/// weighted means) errs by at most |D| · sup f' · Δu², where Δu = γ·|log(η_max/η_min)| + log(S_max/S_min)
/// over the group (mean-value bound on the second-order remainder plus the Jensen gap between the log of the
/// arithmetic means and the mean of the logs, each ≤ ½|D| sup f' Δu²). The η range is taken from the LRs at
/// the group ends, which is exact when the LR is monotone inside each group (true for cosine, WSD, step and
/// linear schedules; a non-monotone schedule's groups break at every change of direction only when ρ = 0).

#include "core/laws/law.h"

#include <vector>

namespace losscast::core {

/// \brief Schedule-dependent data of the MPL for a set of evaluation steps (see MplLaw::prepare).
class MplFeatures : public LawFeatures
{
public:
    std::size_t size() const override { return logArea.size(); }
    std::size_t termCount() const { return drop.size(); }

    std::vector<double> logArea;       ///< log(S1 + S_W) per point
    std::vector<std::uint32_t> offset; ///< terms of point i are [offset[i], offset[i+1])
    // One term per group of LR changes (structure of arrays for the inner loop).
    std::vector<double> drop;   ///< D: summed η_{k−1} − η_k
    std::vector<double> logEta; ///< log of the drop-weighted mean η_k (clamped above log 1e-30)
    std::vector<double> area;   ///< drop-weighted mean S_k(t)
    // Extent of each group, for the error bound only.
    std::vector<double> areaMin, areaMax, etaA, etaB;
    bool freeShape = false; ///< setting "free_shape": the initial grid then also spans β and γ
};

/// \brief β and γ held by default: the means of the paper's fits at 25M, 100M and 400M (Luo et al. 2025,
/// fitted values in Sec. 5 / the released code: β 0.583, 0.598, 0.594; γ 0.641, 0.655, 0.635).
///
/// Why held: β and γ shape only the loss drop after an LR decay, and the few training curves of a typical
/// fit barely constrain them. Fitted freely on the MPL protocol's three training curves, they run to the
/// edges of (0, 1) (25M: β 0.011, γ 0.90; 100M: β 0.23, γ 0.9999), which lowers the training cost but
/// extrapolates worse to the held-out schedules: averaged PredE / WorstE on the six test curves are
/// .00138 / .00307 (25M) and .00158 / .00490 (100M) free, against .00120 / .00318 and .00136 / .00463 held
/// (`losscast-cli eval --law mpl` with and without `--set free_shape=1`). The paper's values barely move over
/// a 16× range of model size, so they are a better prior than what three curves can say.
inline constexpr double kPaperBeta = (0.583 + 0.598 + 0.594) / 3.0;
inline constexpr double kPaperGamma = (0.641 + 0.655 + 0.635) / 3.0;

class MplLaw : public CurveLaw
{
public:
    enum Param
    {
        L0,
        A,
        Alpha,
        B,
        C,
        Beta,
        Gamma,
        Count
    };

    std::string id() const override { return "mpl"; }
    std::string displayName() const override { return "Multi-power law (Luo et al. 2025)"; }
    std::string formula() const override;
    std::vector<ParamInfo> parameters() const override;
    /// "compression" (ρ, see above), "free_shape" (0: β and γ are held at kPaperBeta and kPaperGamma,
    /// the default; 1: all seven parameters are fitted) and "authors_convention" (0: LossCast's, the
    /// loss-drop sum starts after the warmup, k = W+1..t; 1: the MPL authors' released code, which sums it
    /// from k = 1 over the warmup's LR rise too, so that their L0 is lower than LossCast's by about B·η_max
    /// for the same curves: set it to predict with parameters fitted by their code).
    LawSettings defaultSettings() const override;
    std::vector<HeldParameter> heldParameters(const LawSettings& settings) const override;
    /// "free_shape" = 2 expands to the two points 0 (held) and 1 (fitted); see fitValidated().
    std::vector<LawSettings> settingsGrid(const LawSettings& settings) const override;
    LawSettings withoutHeld(const LawSettings& settings) const override;

    std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& schedule,
                                               std::span<const std::int64_t> steps,
                                               const LawSettings& settings) const override;
    void evaluate(const LawFeatures& features, std::span<const double> params, std::span<double> out,
                  double* jacobian = nullptr) const override;
    std::vector<std::vector<double>> initialGuesses(std::span<const double> observedLoss) const override;
    /// Cheap deterministic initialisation: on a grid over (α, C, β, γ) the law is linear in (L0, A, B), which
    /// are solved by weighted least squares on relative residuals; the best grid points (with A, B ≥ 0) are
    /// returned, best first. Replaces the authors' 135-start L-BFGS-B surrogate grid.
    std::vector<std::vector<double>>
    initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                           const std::vector<std::span<const double>>& observedLoss) const override;

    /// \brief Smallest η_k^(−γ)·S_k(t) over the prepared loss-drop terms with a positive drop and area (+inf
    /// when there are none). Times C it is the smallest argument of G: when that is ≫ 1, G ≈ 1 for every
    /// term, the loss-drop term has saturated into B·(η_max − η_t) and C (and β) are not identified by the
    /// data.
    static double smallestDropScale(const LawFeatures& features, double gamma);

    /// \brief Largest bound, over the prepared points, on |compressed LD − exact LD| (see the file comment).
    double compressionErrorBound(const LawFeatures& features, std::span<const double> params) const;
};

} // namespace losscast::core
