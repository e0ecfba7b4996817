#pragma once
/// \file
/// \brief The interface every curve law implements (MTL, MPL, CPT, ...).
///
/// A law is a small, stateless value: it names itself, lists its parameters with bounds, precomputes the
/// schedule-dependent features of a curve once (`prepare`), and then evaluates the model and its analytic
/// Jacobian for any parameter vector (`evaluate`). The fitter calls `evaluate` in its inner loop, so
/// everything that depends only on the schedule belongs in `prepare`.

#include "core/schedule/input.h"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace losscast::core {

/// \brief One fitted or fixed parameter of a law.
struct ParamInfo
{
    std::string name;        ///< stable id as in the paper and in JSON files ("L0", "alpha", ...)
    std::string description; ///< one line for tooltips and --help
    double initial = 0.0;    ///< default starting value
    double lower = 0.0;      ///< lower bound (may be -inf)
    double upper = 0.0;      ///< upper bound (may be +inf)
    bool logScale = false;   ///< the parameter spans decades (grids and sliders use log spacing)
};

/// \brief Law-specific settings that are not fitted (e.g. MTL's λ), by name, as written to JSON "settings".
using LawSettings = std::map<std::string, double>;

/// \brief A parameter a law holds at a value under some settings (see CurveLaw::heldParameters).
struct HeldParameter
{
    std::size_t index = 0; ///< into parameters()
    double value = 0.0;
};

/// \brief Precomputed, schedule-dependent quantities of one curve (opaque to callers).
class LawFeatures
{
public:
    virtual ~LawFeatures() = default;
    /// Number of evaluation points.
    virtual std::size_t size() const = 0;
};

/// \brief A loss-curve law L(step; schedule, θ).
class CurveLaw
{
public:
    virtual ~CurveLaw() = default;

    virtual std::string id() const = 0;          ///< stable id for files and the CLI: "mtl", "mpl"
    virtual std::string displayName() const = 0; ///< "LR-annealing law (Tissue et al. 2024)"
    virtual std::string formula() const = 0;     ///< the formula as plain text, for exports
    virtual std::vector<ParamInfo> parameters() const = 0;
    virtual LawSettings defaultSettings() const { return {}; }
    /// The discrete setting points a fit should try for `settings` (e.g. MTL's λ grid when "lambda_grid" is
    /// set); the fitter fits each and keeps the lowest training cost. Default: just `settings`.
    virtual std::vector<LawSettings> settingsGrid(const LawSettings& settings) const { return {settings}; }
    /// Parameters the fit holds at a value under `settings` instead of fitting them (e.g. MPL's β and γ at
    /// the paper's values unless "free_shape" is set). The fitter fits the others and reports the held ones
    /// with no standard error. Default: none.
    virtual std::vector<HeldParameter> heldParameters(const LawSettings& settings) const
    {
        (void)settings;
        return {};
    }
    /// `settings` changed so that the law holds none of its parameters (MPL: "free_shape" = 1); used when the
    /// user frees a held parameter (FixedParamsLaw). Default: unchanged.
    virtual LawSettings withoutHeld(const LawSettings& settings) const { return settings; }

    /// Precomputes everything that depends on the schedule only, for the given evaluation steps
    /// (each in 1..lr.size()-1, ascending).
    virtual std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& schedule,
                                                       std::span<const std::int64_t> steps,
                                                       const LawSettings& settings) const = 0;

    /// Writes the model loss at each prepared step into `out` (size = features.size()). When `jacobian` is
    /// not null it receives d out[i] / d params[j] in row-major order (size() × parameters().size()).
    virtual void evaluate(const LawFeatures& features, std::span<const double> params, std::span<double> out,
                          double* jacobian = nullptr) const = 0;

    /// Starting points for a multi-start fit, derived from the data (first = best guess).
    virtual std::vector<std::vector<double>> initialGuesses(std::span<const double> observedLoss) const;

    /// Starting points from the prepared curves and their observed losses (one entry per curve, same order),
    /// for laws whose good starts depend on the schedule (MPL solves its linear parameters on a grid of the
    /// others). The fitter calls this once per setting-grid point. Default: initialGuesses(all losses).
    virtual std::vector<std::vector<double>>
    initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                           const std::vector<std::span<const double>>& observedLoss) const;
};

/// \brief All registered curve laws, in menu order. Adding a law = one file in core/laws + one line here.
const std::vector<std::shared_ptr<const CurveLaw>>& curveLaws();
/// \brief The size-aware laws (fitted across model sizes, each curve with its ScheduleInput::modelSize):
/// "mtl-size", "mpl-size". Kept out of curveLaws(), whose laws fit one model size.
const std::vector<std::shared_ptr<const CurveLaw>>& sizeCurveLaws();
/// \brief The law with this id among curveLaws() and sizeCurveLaws(), or null.
std::shared_ptr<const CurveLaw> findCurveLaw(const std::string& id);

} // namespace losscast::core
