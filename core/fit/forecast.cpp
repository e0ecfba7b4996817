#include "core/fit/forecast.h"

#include "core/laws/mpl.h"

#include <Eigen/SVD>
#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

namespace losscast::core::fit {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

LawSettings settingsFor(const CurveLaw& law, const ForecastRequest& r)
{
    const auto it = r.settings.find(law.id());
    return forecastSettings(law, it != r.settings.end() ? it->second : LawSettings{});
}

/// The law with other upper bounds on some parameters (the degenerate-basin refit of forecast()).
class BoundedLaw final : public CurveLaw
{
public:
    BoundedLaw(const CurveLaw& inner, std::vector<double> upper) : m_inner(inner), m_upper(std::move(upper))
    {
    }
    std::string id() const override { return m_inner.id(); }
    std::string displayName() const override { return m_inner.displayName(); }
    std::string formula() const override { return m_inner.formula(); }
    std::vector<ParamInfo> parameters() const override
    {
        auto p = m_inner.parameters();
        for (std::size_t j = 0; j < p.size() && j < m_upper.size(); ++j)
            if (std::isfinite(m_upper[j]))
                p[j].upper = std::max(p[j].lower, std::min(p[j].upper, m_upper[j]));
        return p;
    }
    LawSettings defaultSettings() const override { return m_inner.defaultSettings(); }
    std::vector<LawSettings> settingsGrid(const LawSettings& s) const override
    {
        return m_inner.settingsGrid(s);
    }
    std::vector<HeldParameter> heldParameters(const LawSettings& s) const override
    {
        return m_inner.heldParameters(s);
    }
    LawSettings withoutHeld(const LawSettings& s) const override { return m_inner.withoutHeld(s); }
    std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& schedule,
                                               std::span<const std::int64_t> steps,
                                               const LawSettings& settings) const override
    {
        return m_inner.prepare(schedule, steps, settings);
    }
    void evaluate(const LawFeatures& f, std::span<const double> params, std::span<double> out,
                  double* jacobian) const override
    {
        m_inner.evaluate(f, params, out, jacobian);
    }
    std::vector<std::vector<double>> initialGuesses(std::span<const double> y) const override
    {
        return m_inner.initialGuesses(y);
    }
    std::vector<std::vector<double>>
    initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                           const std::vector<std::span<const double>>& y) const override
    {
        return m_inner.initialGuessesFromData(features, y);
    }

private:
    const CurveLaw& m_inner;
    std::vector<double> m_upper;
};

/// Smallest η^(−γ)·S over the training curves' MPL loss-drop terms (+inf when none or not MPL).
double smallestDropScale(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& train)
{
    double smallest = std::numeric_limits<double>::infinity();
    if (law.id() != "mpl" || fit.params.size() != MplLaw::Count)
        return smallest;
    for (const auto& c : train) {
        const auto f = law.prepare(c.schedule, c.steps, fit.settings);
        smallest = std::min(smallest, MplLaw::smallestDropScale(*f, fit.params[MplLaw::Gamma]));
    }
    return smallest;
}

/// Condition number of the training Jacobian of the free parameters, each column scaled by its parameter's
/// magnitude (so units do not matter); +inf when a column is zero.
double jacobianCondition(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& train,
                         const std::vector<bool>& held)
{
    const std::size_t p = fit.params.size();
    std::vector<std::size_t> free;
    for (std::size_t j = 0; j < p; ++j)
        if (!held[j])
            free.push_back(j);
    std::size_t n = 0;
    for (const auto& c : train)
        n += c.steps.size();
    if (free.empty() || n < free.size())
        return std::numeric_limits<double>::infinity();
    Eigen::MatrixXd J(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(free.size()));
    std::size_t row = 0;
    for (const auto& c : train) {
        const auto f = law.prepare(c.schedule, c.steps, fit.settings);
        std::vector<double> out(c.steps.size()), jac(c.steps.size() * p);
        law.evaluate(*f, fit.params, out, jac.data());
        for (std::size_t i = 0; i < c.steps.size(); ++i, ++row)
            for (std::size_t k = 0; k < free.size(); ++k) {
                const double scale = fit.params[free[k]] != 0.0 ? std::abs(fit.params[free[k]]) : 1.0;
                // d log L / d log θ: relative sensitivity, as the log objective sees it
                J(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(k)) =
                    jac[i * p + free[k]] * scale / out[i];
            }
    }
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(J);
    const auto& sv = svd.singularValues();
    const double smallest = sv(sv.size() - 1), largest = sv(0);
    if (!(smallest > 0.0) || !std::isfinite(largest))
        return std::numeric_limits<double>::infinity();
    return largest / smallest;
}

std::string num(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

} // namespace

std::vector<FitWarning> fitWarnings(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& train)
{
    std::vector<FitWarning> w;
    if (!fit.summary.isUsable() || fit.params.empty())
        return w;
    const auto infos = law.parameters();
    std::vector<bool> held(fit.params.size(), false);
    for (const auto& h : law.heldParameters(fit.settings))
        if (h.index < held.size())
            held[h.index] = true;
    const auto sides = boundsReached(infos, fit.params);
    for (std::size_t j = 0; j < sides.size() && j < infos.size(); ++j) {
        if (held[j] || sides[j] == BoundSide::None)
            continue;
        const double bound = sides[j] == BoundSide::Lower ? infos[j].lower : infos[j].upper;
        w.push_back({kWarnParamAtBound,
                     infos[j].name + " rests on its " + toString(sides[j]) + " bound (" + num(bound) +
                         "): the runs do not pin it down, so forecasts that "
                         "depend on it are guesses. Add runs with other schedules (a "
                         "cooldown, a longer run) or hold it (--set).",
                     infos[j].name, bound});
    }
    try {
        const double scale = smallestDropScale(law, fit, train);
        if (std::isfinite(scale) && fit.params[MplLaw::C] * scale >= kSaturationThreshold)
            w.push_back(
                {kWarnDropSaturated,
                 "the loss-drop term has saturated: C·η^(−γ)·S_k ≥ " + num(fit.params[MplLaw::C] * scale) +
                     " at every LR drop (C = " + num(fit.params[MplLaw::C]) +
                     "), so it acts as B·(η_max − η) and C and beta are not identified; forecasts of "
                     "other cooldowns are unreliable. Add a run with another cooldown shape or length.",
                 "C", fit.params[MplLaw::C]});
    } catch (const std::exception&) {
    }
    bool singular = fit.covariance.empty() || jacobianCondition(law, fit, train, held) > kSingularCondition;
    for (std::size_t j = 0; j < fit.stderrs.size() && !singular; ++j)
        if (!held[j] && !std::isfinite(fit.stderrs[j]))
            singular = true;
    if (singular)
        w.push_back(
            {kWarnSingularCovariance,
             "the fit's covariance is singular: some parameter combinations are not determined by the "
             "runs, so standard errors and the model-curve band are missing; the forecast band is "
             "calibrated from held-out errors only.",
             "", 0.0});
    return w;
}

Forecast forecast(const std::vector<Curve>& train, const ForecastRequest& request)
{
    Forecast f;
    try {
        LawSettings settings;
        double relRms = kNaN;
        if (request.law == "auto") {
            f.choice = chooseCurveLaw(train, curveLaws(), request.options, request.control, request.settings,
                                      request.targetLr);
            if (f.choice->chosen < 0) {
                f.message = "no law could be fitted and validated";
                return f;
            }
            const auto& c = f.choice->candidates[static_cast<std::size_t>(f.choice->chosen)];
            f.law = findCurveLaw(c.law);
            f.fit = c.fit;
            settings = settingsFor(*f.law, request);
            if (!c.folds.empty())
                relRms = c.medianFoldRms;
        } else {
            f.law = findCurveLaw(request.law);
            if (!f.law) {
                f.message = "unknown law '" + request.law + "'";
                return f;
            }
            settings = settingsFor(*f.law, request);
            const auto folds = validationFolds(train);
            const ValidatedFit vf = fitValidated(*f.law, train, settings, folds, request.calibrateBand,
                                                 request.options, request.control);
            f.fit = vf.fit;
            if (vf.validation.ok)
                relRms = vf.validation.medianFoldRms();
        }
        if (!f.fit.summary.isUsable()) {
            f.message = f.fit.summary.message;
            return f;
        }
        // A saturated loss-drop term (C → ∞) fits the training runs about as well as a finite C but
        // forecasts other cooldowns badly: refit with C held below saturation and keep that fit when its
        // training cost is within kNearEqualCost of the saturated one.
        if (f.law->id() == "mpl" && request.preferNonDegenerate) {
            const double scale = smallestDropScale(*f.law, f.fit, train);
            if (std::isfinite(scale) && scale > 0 &&
                f.fit.params[MplLaw::C] * scale >= kSaturationThreshold) {
                std::vector<double> upper(MplLaw::Count, kNaN);
                upper[MplLaw::C] = kUnsaturatedArgument / scale;
                const BoundedLaw bounded(*f.law, upper);
                const CurveFit alt =
                    fitCurves(bounded, train, f.fit.settings, request.options, request.control);
                if (alt.summary.isUsable() &&
                    alt.summary.finalCost <= f.fit.summary.finalCost * (1.0 + kNearEqualCost)) {
                    f.fit = alt;
                    f.notes.push_back(
                        "the best fit had a saturated loss-drop term (C = " + num(f.fit.params[MplLaw::C]) +
                        " after refitting with C ≤ " + num(upper[MplLaw::C]) +
                        "); the unsaturated optimum of near-equal cost "
                        "was kept");
                }
            }
        }
        f.warnings = fitWarnings(*f.law, f.fit, train);
        // The model-curve part of the band: the fit's own covariance (the AR(1)-inflated one gave the same
        // coverage on the benchmark and wider bands; the held-out part dominates either way).
        f.bandCovariance = f.fit.covariance;
        if (request.calibrateBand && std::isfinite(relRms)) {
            f.bandRelSigma = kBandFoldScale * relRms;
            f.bandMethod = "calibrated: loss +- z*sqrt(stderr^2 + (" + num(kBandFoldScale) +
                           " x median held-out relative RMS error of the validation folds x loss)^2)";
        } else {
            f.bandMethod = "delta (model-curve covariance only)";
        }
    } catch (const std::exception& e) {
        f.message = e.what();
        f.law = nullptr;
    }
    return f;
}

PredictionBand forecastBand(const Forecast& f, const ScheduleInput& schedule,
                            std::span<const std::int64_t> steps, double level)
{
    PredictionBand b =
        deltaBand(*f.law, f.fit.params, f.bandCovariance, schedule, steps, f.fit.settings, level);
    b.method = f.bandMethod;
    if (f.bandRelSigma > 0.0) {
        const double z = boost::math::quantile(boost::math::normal(), 0.5 + 0.5 * level);
        for (std::size_t i = 0; i < b.loss.size(); ++i) {
            const double se = std::isfinite(b.stderrs[i]) ? b.stderrs[i] : 0.0;
            const double model = f.bandRelSigma * b.loss[i];
            const double half = z * std::sqrt(se * se + model * model);
            b.lower[i] = b.loss[i] - half;
            b.upper[i] = b.loss[i] + half;
        }
    }
    return b;
}

} // namespace losscast::core::fit
