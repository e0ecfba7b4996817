#pragma once
/// \file
/// \brief A law with some parameters held at given values, so that the generic fitter fits only the others
/// (the window's "Fixed" column, and laws that hold parameters under a setting: CurveLaw::heldParameters).
/// An adapter over any CurveLaw.

#include "core/fit/fitter.h"
#include "core/laws/law.h"

#include <memory>
#include <vector>

namespace losscast::core {

class FixedParamsLaw : public CurveLaw
{
public:
    /// `values` has one entry per parameter of `inner`; those with `fixed[j]` stay at values[j].
    FixedParamsLaw(std::shared_ptr<const CurveLaw> inner, std::vector<double> values,
                   std::vector<bool> fixed);

    std::string id() const override { return m_inner->id(); }
    std::string displayName() const override { return m_inner->displayName(); }
    std::string formula() const override { return m_inner->formula(); }
    std::vector<ParamInfo> parameters() const override;
    /// The inner law's defaults, without its own holding when the caller freed a parameter it would hold
    /// (e.g. MPL's β or γ unticked in the window: "free_shape" = 1, so the fit file says what was fitted).
    LawSettings defaultSettings() const override;
    std::vector<LawSettings> settingsGrid(const LawSettings& s) const override
    {
        return m_inner->settingsGrid(s);
    }
    std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& schedule,
                                               std::span<const std::int64_t> steps,
                                               const LawSettings& settings) const override
    {
        return m_inner->prepare(schedule, steps, settings);
    }
    void evaluate(const LawFeatures& features, std::span<const double> params, std::span<double> out,
                  double* jacobian = nullptr) const override;
    std::vector<std::vector<double>> initialGuesses(std::span<const double> observedLoss) const override;
    std::vector<std::vector<double>>
    initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                           const std::vector<std::span<const double>>& observedLoss) const override;

    /// The fit of the free parameters expanded to all of the inner law's (fixed ones with NaN errors).
    fit::CurveFit expand(const fit::CurveFit& freeFit) const;

private:
    std::vector<double> full(std::span<const double> freeParams) const;
    std::vector<double> reduce(const std::vector<double>& fullParams) const;

    std::shared_ptr<const CurveLaw> m_inner;
    std::vector<double> m_values;
    std::vector<bool> m_fixed;
    std::vector<std::size_t> m_free; ///< indices of the free parameters in the inner law
};

} // namespace losscast::core
