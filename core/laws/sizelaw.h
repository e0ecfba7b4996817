#pragma once
/// \file
/// \brief Curve laws across model sizes: a law of one size (MTL, MPL) whose chosen parameters scale as
/// powers of the model size N, plus an additive size term.
///
///     L(t; N) = L_base(t; θ(N)) + B·N^(−β),    θ_j(N) = θ_j · N^(κ_j) for the scaled parameters j
///
/// N is in millions of parameters (ScheduleInput::modelSize; the unit of `cpt --model-size`).
///
/// - "mtl-size" is the model-size extension of the LR-annealing law, Tissue, Wang, Wang 2024 (arXiv
///   2408.11029), Eq. 7:  L = L0 + A·S1^(−α) + B·N^(−β) − C·S2·N^γ  (MTL with C scaled by N^γ).
/// - "mpl-size" is the multi-power law of Luo et al. 2025 (arXiv 2503.12811, Eq. 1–2) with an additive size
///   term D·N^(−delta) and the parameters chosen by validation on real ladders scaled (see
///   sizeAwareMplScaled() and the README: "Which MPL parameters depend on N").
///
/// Identifiability. With curves of only two sizes the cost depends on L0 and B·N^(−β) only through the two
/// sums L0 + B·N_i^(−β): every β gives the same training cost (a flat direction), while predictions for a
/// third size move with it. The fit (core/scaling/sizefit.h) then holds β at a prior from the literature
/// (setting "size_exponent_held" = 1, value "size_exponent_prior") and the band covers the prior range
/// ["size_exponent_min", "size_exponent_max"] by moving along that flat direction (flatShift()).

#include "core/laws/law.h"

#include <memory>
#include <string>
#include <vector>

namespace losscast::core {

/// \brief The prior for the size exponent β of an additive term B·N^(−β) when it is not identified.
///
/// Published estimates of the parameter exponent of L(N, D) = E + A/N^α + B/D^β: Hoffmann et al. 2022
/// (Chinchilla, Approach 3) α = 0.34; Besiroglu et al. 2024 (the replication, Table 1) α = 0.35. Kaplan et
/// al. 2020's α_N = 0.076 belongs to a law without an irreducible term and does not apply. The range
/// [0.2, 0.5] is wider than these estimates to allow for other data, tokenizers and architectures; it is
/// also the range over which two-size fits of Eq. 7 to the MPL curves are equally good (issue #14).
inline constexpr double kSizeExponentPrior = 0.34;
inline constexpr double kSizeExponentMin = 0.2;
inline constexpr double kSizeExponentMax = 0.5;

/// \brief Relative model error c per span of extrapolation (setting "extrapolation_error"; see
/// core/scaling/sizefit.h sizeBand()): the band adds c · L̂ · d, d = log-distance of N from the nearest
/// training size over the log-span of the training sizes. Chosen by leave-one-size-out on the one public
/// ladder with three sizes (openwebtext2, tests/benchmarks/bench_sizelaw), MTL Eq. 7, coverage of the
/// held-out points per fold (59.8M / 93.2M / 166.2M held out) and mean relative half-width: c = 0.01:
/// .28/.58/.54 at 0.6–1.6 %; c = 0.02: .76/.82/.91 at 1.0–3.0 %; c = 0.03: .94/.92/.98 at 1.4–4.3 %. 0.02 is
/// the smallest with a mean coverage ≥ 0.8. The held-out errors there grow in proportion to d (PredE / d ≈
/// .017, .017, .013), which is why the term is proportional to d. One ladder is a thin basis: treat the band
/// as indicative.
inline constexpr double kExtrapolationError = 0.02;

/// \brief A size-aware curve law built on a law of one size.
class SizeAwareLaw final : public CurveLaw
{
public:
    struct Spec
    {
        std::string id;          ///< "mtl-size"
        std::string displayName; ///< for menus
        std::string formula;     ///< the formula as text
        std::shared_ptr<const CurveLaw> base;
        std::vector<std::string> scaled;        ///< names of base parameters that scale as θ·N^κ
        std::vector<std::string> exponentNames; ///< the κ names, one per scaled parameter ("gamma" for C)
        std::string termName = "B";             ///< coefficient of the additive size term
        std::string termExponent = "beta";      ///< its exponent
    };
    explicit SizeAwareLaw(Spec spec);

    std::string id() const override { return m_spec.id; }
    std::string displayName() const override { return m_spec.displayName; }
    std::string formula() const override { return m_spec.formula; }
    /// The base law's parameters (same order), then the size term's coefficient and exponent, then the κ.
    std::vector<ParamInfo> parameters() const override;
    /// The base law's settings plus "size_exponent_held" (0/1), "size_exponent_prior",
    /// "size_exponent_min", "size_exponent_max", "size_n1", "size_n2" (the two training sizes when the
    /// exponent is held; used by flatShift()), "size_min", "size_max" (the training range) and
    /// "extrapolation_error" (r, see kExtrapolationError).
    LawSettings defaultSettings() const override;
    std::vector<LawSettings> settingsGrid(const LawSettings& settings) const override;
    std::vector<HeldParameter> heldParameters(const LawSettings& settings) const override;
    LawSettings withoutHeld(const LawSettings& settings) const override;

    /// Throws std::invalid_argument when the schedule has no model size (> 0).
    std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& schedule,
                                               std::span<const std::int64_t> steps,
                                               const LawSettings& settings) const override;
    void evaluate(const LawFeatures& features, std::span<const double> params, std::span<double> out,
                  double* jacobian = nullptr) const override;
    std::vector<std::vector<double>> initialGuesses(std::span<const double> observedLoss) const override;
    /// Fits the base law to each size's curves (a short bounded fit), then reads the starts off the per-size
    /// parameters: κ_j by a log-log line through the sizes, the size term by least squares of the per-size
    /// L0 on N^(−β) at β ∈ {prior, min, max}.
    std::vector<std::vector<double>>
    initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                           const std::vector<std::span<const double>>& observedLoss) const override;

    const Spec& spec() const { return m_spec; }
    std::size_t termIndex() const { return m_baseCount; }             ///< index of the coefficient B
    std::size_t termExponentIndex() const { return m_baseCount + 1; } ///< index of β

    /// \brief The loss shift at size `n` when β moves to `beta` along the flat direction of a two-size fit:
    /// B' and L0' keep L0 + B·N_i^(−β) at the training sizes N_1, N_2 ("size_n1", "size_n2") and the shift
    /// is (L0' + B'·n^(−β')) − (L0 + B·n^(−β)). 0 when the settings name no two sizes.
    double flatShift(std::span<const double> params, const LawSettings& settings, double n,
                     double beta) const;

private:
    Spec m_spec;
    std::size_t m_baseCount = 0;
    std::size_t m_l0 = 0;                   ///< index of the base's L0
    std::vector<std::size_t> m_scaledIndex; ///< base indices of the scaled parameters
};

/// \brief The MPL parameters that scale with N in "mpl-size" (chosen by validation, see the README).
std::vector<std::string> sizeAwareMplScaled();

/// \brief A size-aware MPL with the given scaled parameters (for the validation of that choice).
std::shared_ptr<const SizeAwareLaw> makeSizeAwareMpl(const std::vector<std::string>& scaled,
                                                     const std::string& id = "mpl-size");
/// \brief MTL with Eq. 7 of Tissue et al. 2024.
std::shared_ptr<const SizeAwareLaw> makeSizeAwareMtl();

} // namespace losscast::core
