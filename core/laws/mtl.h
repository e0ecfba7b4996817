#pragma once
/// \file
/// \brief The LR-annealing ("momentum") law of Tissue, Wang, Wang 2024, arXiv 2408.11029, Eq. (1)–(3):
/// L(s) = L0 + A·S1(s)^(−α) − C·S2(s).

#include "core/laws/law.h"

namespace losscast::core {

/// \brief MTL: loss as a function of the forward area S1 = Σ η_i and the annealing area S2 = Σ m_i, with the
/// momentum m_i = λ·m_{i−1} + (η_{i−1} − η_i).
///
/// Settings (JSON "settings"):
///  - "lambda": the momentum decay λ in [0, 1), default 0.999 (the paper's value for all its runs).
///  - "lambda_grid": when ≥ 0.5, a fit tries λ ∈ {0.95, 0.99, 0.995, 0.999, 0.9995} (the MPL paper's MTL
///    baseline grid) and keeps the lowest training cost; default 0.
///  - "warmup_as_peak": when ≥ 0.5, S1 and S2 treat the first warmupSteps LRs as η_max (the paper's
///  Sec. 3.4);
///    default 0 = use the actual warmup LRs (see mtl.cpp for the evidence behind this default).
class MtlLaw final : public CurveLaw
{
public:
    std::string id() const override { return "mtl"; }
    std::string displayName() const override { return "LR-annealing law (Tissue et al. 2024)"; }
    std::string formula() const override;
    std::vector<ParamInfo> parameters() const override;
    LawSettings defaultSettings() const override;
    std::vector<LawSettings> settingsGrid(const LawSettings& settings) const override;

    std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& schedule,
                                               std::span<const std::int64_t> steps,
                                               const LawSettings& settings) const override;
    void evaluate(const LawFeatures& features, std::span<const double> params, std::span<double> out,
                  double* jacobian = nullptr) const override;
    std::vector<std::vector<double>> initialGuesses(std::span<const double> observedLoss) const override;

    /// The λ values tried when "lambda_grid" is set.
    static std::vector<double> lambdaGrid();

    /// S1 and S2 at each of `steps` (for tests, plots and exports). Throws std::invalid_argument on bad
    /// input.
    struct Areas
    {
        std::vector<double> s1, s2;
    };
    static Areas areas(const ScheduleInput& schedule, std::span<const std::int64_t> steps, double lambda,
                       bool warmupAsPeak);
};

} // namespace losscast::core
