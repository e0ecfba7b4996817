#include "core/fit/uncertainty.h"

#include "core/util/numtext.h"

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace losscast::core::fit {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double zFor(double level)
{
    if (!(level > 0.0 && level < 1.0))
        throw std::invalid_argument("band level must be in (0, 1), got " + std::to_string(level));
    return boost::math::quantile(boost::math::normal(), 0.5 + 0.5 * level);
}

/// Linear-interpolated quantile of sorted values.
double quantileSorted(const std::vector<double>& v, double q)
{
    if (v.empty())
        return kNaN;
    const double pos = q * static_cast<double>(v.size() - 1);
    const std::size_t i = static_cast<std::size_t>(pos);
    const double frac = pos - static_cast<double>(i);
    return i + 1 < v.size() ? v[i] * (1.0 - frac) + v[i + 1] * frac : v.back();
}

} // namespace

std::string toString(BoundSide side)
{
    switch (side) {
    case BoundSide::Lower:
        return "lower";
    case BoundSide::Upper:
        return "upper";
    case BoundSide::None:
        break;
    }
    return {};
}

std::vector<BoundSide> boundsReached(std::span<const ParamInfo> infos, std::span<const double> params)
{
    std::vector<BoundSide> out(params.size(), BoundSide::None);
    for (std::size_t i = 0; i < params.size() && i < infos.size(); ++i) {
        const ParamInfo& info = infos[i];
        const double x = params[i];
        if (!std::isfinite(x))
            continue;
        const double width = info.upper - info.lower;
        const bool linearBox = !info.logScale && std::isfinite(width) && width > 0.0;
        auto near = [&](double bound) {
            if (!std::isfinite(bound))
                return false;
            const double tol = linearBox ? 1e-6 * width : 1e-6 * std::abs(bound);
            return std::abs(x - bound) <= tol;
        };
        if (near(info.lower) || x < info.lower)
            out[i] = BoundSide::Lower;
        else if (near(info.upper) || x > info.upper)
            out[i] = BoundSide::Upper;
    }
    return out;
}

std::string atBoundNote(const std::string& name, BoundSide side, double bound)
{
    if (side == BoundSide::None)
        return {};
    return name + " rests on its " + toString(side) + " bound (" + shortestDouble(bound) +
           "): its standard error comes from the unconstrained curvature and is not a meaningful "
           "uncertainty.";
}

double residualAutocorrelation(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& curves)
{
    double num = 0.0, den = 0.0;
    for (const auto& c : curves) {
        if (c.steps.size() < 3)
            continue;
        const auto pred = predict(law, fit.params, c.schedule, c.steps, fit.settings);
        std::vector<double> r(pred.size());
        double mean = 0.0;
        for (std::size_t i = 0; i < r.size(); ++i) {
            r[i] = std::log(c.loss[i]) - std::log(pred[i]);
            mean += r[i];
        }
        mean /= static_cast<double>(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) {
            den += (r[i] - mean) * (r[i] - mean);
            if (i + 1 < r.size())
                num += (r[i] - mean) * (r[i + 1] - mean);
        }
    }
    if (!(den > 0.0) || !std::isfinite(num))
        return 0.0;
    return std::clamp(num / den, 0.0, 0.95);
}

double autocorrelationFactor(const CurveLaw& law, const CurveFit& fit, const std::vector<Curve>& curves)
{
    const double rho = residualAutocorrelation(law, fit, curves);
    return (1.0 + rho) / (1.0 - rho);
}

std::vector<double> huberCovariance(const CurveLaw& law, const CurveFit& fit,
                                    const std::vector<Curve>& curves, double huberDelta, double scale)
{
    const std::size_t p = law.parameters().size();
    if (fit.params.size() != p || !(huberDelta > 0.0))
        return {};
    // Parameters the law holds (CurveLaw::heldParameters) are not estimated: the sandwich covers the others.
    std::vector<bool> isHeld(p, false);
    for (const auto& h : law.heldParameters(fit.settings))
        if (h.index < p)
            isHeld[h.index] = true;
    std::vector<std::size_t> free;
    for (std::size_t j = 0; j < p; ++j)
        if (!isHeld[j])
            free.push_back(j);
    const auto q = static_cast<Eigen::Index>(free.size());
    Eigen::MatrixXd jtj = Eigen::MatrixXd::Zero(q, q);
    double sumPsi2 = 0.0, sumDpsi = 0.0, sumDpsi2 = 0.0;
    std::size_t n = 0;
    for (const auto& c : curves) {
        const auto features = law.prepare(c.schedule, c.steps, fit.settings);
        const std::size_t m = features->size();
        std::vector<double> y(m), jac(m * p);
        law.evaluate(*features, fit.params, y, jac.data());
        for (std::size_t i = 0; i < m; ++i) {
            if (!(y[i] > 0.0))
                return {};
            const double r = std::log(c.loss[i]) - std::log(y[i]);
            const double psi = std::clamp(r, -huberDelta, huberDelta);
            const double dpsi = std::abs(r) < huberDelta ? 1.0 : 0.0;
            sumPsi2 += psi * psi;
            sumDpsi += dpsi;
            sumDpsi2 += dpsi * dpsi;
            Eigen::RowVectorXd g(q); // ∂ log ŷ / ∂θ over the free parameters
            for (Eigen::Index a = 0; a < q; ++a)
                g(a) = jac[i * p + free[static_cast<std::size_t>(a)]] / y[i];
            jtj.noalias() += g.transpose() * g;
        }
        n += m;
    }
    if (n <= free.size() || free.empty() || !(sumDpsi > 0.0))
        return {};
    const double meanDpsi = sumDpsi / double(n);
    const double varDpsi = std::max(0.0, sumDpsi2 / double(n) - meanDpsi * meanDpsi);
    const double k = 1.0 + double(free.size()) / double(n) * varDpsi / (meanDpsi * meanDpsi);
    const double factor = scale * k * (sumPsi2 / double(n - free.size())) / (meanDpsi * meanDpsi);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(jtj);
    if (es.info() != Eigen::Success)
        return {};
    const double maxEig = es.eigenvalues().maxCoeff();
    if (!(maxEig > 0.0) || es.eigenvalues().minCoeff() <= maxEig * 1e-14)
        return {};
    const Eigen::MatrixXd cov = factor * es.eigenvectors() * es.eigenvalues().cwiseInverse().asDiagonal() *
                                es.eigenvectors().transpose();
    std::vector<double> out(p * p, 0.0); // held parameters: no rows or columns (no uncertainty)
    for (std::size_t a = 0; a < free.size(); ++a)
        for (std::size_t b = 0; b < free.size(); ++b)
            out[free[a] * p + free[b]] = cov(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
    return out;
}

std::vector<double> inflatedCovariance(const CurveLaw& law, const CurveFit& fit,
                                       const std::vector<Curve>& curves)
{
    if (fit.covariance.empty())
        return {};
    const double rho = residualAutocorrelation(law, fit, curves);
    const double factor = (1.0 + rho) / (1.0 - rho);
    std::vector<double> out = fit.covariance;
    for (double& v : out)
        v *= factor;
    return out;
}

PredictionBand deltaBand(const CurveLaw& law, std::span<const double> params,
                         std::span<const double> covariance, const ScheduleInput& schedule,
                         std::span<const std::int64_t> steps, const LawSettings& settings, double level)
{
    const double z = zFor(level);
    const Prediction p = predictWithUncertainty(law, params, covariance, schedule, steps, settings);
    PredictionBand b;
    b.steps = p.steps;
    b.loss = p.loss;
    b.stderrs = p.stderrs;
    b.level = level;
    b.method = "delta";
    b.lower.resize(b.loss.size());
    b.upper.resize(b.loss.size());
    for (std::size_t i = 0; i < b.loss.size(); ++i) {
        b.lower[i] = b.loss[i] - z * b.stderrs[i]; // NaN stays NaN
        b.upper[i] = b.loss[i] + z * b.stderrs[i];
    }
    return b;
}

BootstrapResult bootstrap(const CurveLaw& law, const std::vector<Curve>& curves, const CurveFit& fit,
                          const BootstrapOptions& options, const Control& control)
{
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    BootstrapResult out;
    out.requested = options.replicates;
    out.kind = options.kind == BootstrapKind::Curves ? "bootstrap-curves" : "bootstrap-blocks";
    const std::size_t p = law.parameters().size();
    if (curves.empty() || fit.params.size() != p || options.replicates < 2 || options.blockLength < 1)
        throw std::invalid_argument(
            "bootstrap: needs curves, a fit of this law, >= 2 replicates and blocks >= 1");

    std::vector<std::shared_ptr<const LawFeatures>> features;
    std::vector<std::vector<double>> base, logResidual;
    for (const auto& c : curves) {
        features.push_back(law.prepare(c.schedule, c.steps, fit.settings));
        base.emplace_back(c.steps.size());
        law.evaluate(*features.back(), fit.params, base.back());
        logResidual.emplace_back(c.steps.size());
        for (std::size_t i = 0; i < c.steps.size(); ++i)
            logResidual.back()[i] = std::log(c.loss[i]) - std::log(base.back()[i]);
    }
    const auto info = law.parameters();
    const auto held = law.heldParameters(fit.settings);

    // Portable determinism: mt19937_64's output is specified; std's distributions are not, so draw by modulo.
    std::mt19937_64 rng(options.seed);
    auto draw = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

    for (int rep = 0; rep < options.replicates; ++rep) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
        if (control.isCancelled && control.isCancelled()) {
            out.cancelled = true;
            break;
        }
        if (elapsed >= options.timeLimitSeconds) {
            out.timedOut = true;
            break;
        }
        if (control.progress)
            control.progress(double(rep) / double(options.replicates), out.kind);

        std::vector<std::size_t> chosen;
        std::vector<double> observed;
        if (options.kind == BootstrapKind::Curves) {
            for (std::size_t k = 0; k < curves.size(); ++k)
                chosen.push_back(draw(curves.size()));
            for (std::size_t c : chosen)
                observed.insert(observed.end(), curves[c].loss.begin(), curves[c].loss.end());
        } else {
            for (std::size_t c = 0; c < curves.size(); ++c) {
                chosen.push_back(c);
                const auto& r = logResidual[c];
                const std::size_t n = r.size();
                const std::size_t len =
                    std::min<std::size_t>(static_cast<std::size_t>(options.blockLength), n);
                std::vector<double> resampled;
                while (resampled.size() < n) {
                    const std::size_t start = draw(n - len + 1);
                    for (std::size_t i = 0; i < len && resampled.size() < n; ++i)
                        resampled.push_back(r[start + i]);
                }
                for (std::size_t i = 0; i < n; ++i)
                    observed.push_back(base[c][i] * std::exp(resampled[i]));
            }
        }

        ResidualModel model;
        model.numParams = p;
        model.observed = observed;
        for (const auto& pi : info) {
            model.lower.push_back(pi.lower);
            model.upper.push_back(pi.upper);
            model.names.push_back(pi.name);
        }
        for (const auto& h : held) // parameters the law holds stay held in every refit
            if (h.index < p)
                model.lower[h.index] = model.upper[h.index] = fit.params[h.index];
        model.evaluate = [&](std::span<const double> params, std::span<double> predicted, double* jac) {
            std::size_t off = 0;
            for (std::size_t c : chosen) {
                const std::size_t m = features[c]->size();
                law.evaluate(*features[c], params, predicted.subspan(off, m), jac ? jac + off * p : nullptr);
                off += m;
            }
        };
        Options o = options.fit;
        o.computeCovariance = false;
        o.maxStarts = 1;
        o.timeLimitSeconds = std::max(1e-3, options.timeLimitSeconds - elapsed);
        const ModelFit mf = fitModel(model, {fit.params}, o, control);
        bool ok = mf.summary.isUsable() && mf.params.size() == p;
        for (double v : mf.params)
            ok = ok && std::isfinite(v);
        if (ok)
            out.params.push_back(mf.params);
        else
            ++out.failed;
    }
    out.stderrs.assign(p, kNaN);
    if (out.params.size() >= 2) {
        for (std::size_t j = 0; j < p; ++j) {
            double mean = 0.0, ss = 0.0;
            for (const auto& v : out.params)
                mean += v[j];
            mean /= static_cast<double>(out.params.size());
            for (const auto& v : out.params)
                ss += (v[j] - mean) * (v[j] - mean);
            out.stderrs[j] = std::sqrt(ss / static_cast<double>(out.params.size() - 1));
        }
        for (const auto& h : held) // not estimated: no error (as in the fit itself)
            if (h.index < p)
                out.stderrs[h.index] = kNaN;
    }
    out.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return out;
}

PredictionBand bootstrapBand(const CurveLaw& law, const CurveFit& fit, const BootstrapResult& boot,
                             const ScheduleInput& schedule, std::span<const std::int64_t> steps, double level)
{
    zFor(level); // validates the level
    PredictionBand b;
    b.steps.assign(steps.begin(), steps.end());
    b.level = level;
    b.method = boot.kind;
    const auto features = law.prepare(schedule, steps, fit.settings);
    const std::size_t n = steps.size();
    b.loss.resize(n);
    law.evaluate(*features, fit.params, b.loss);
    b.stderrs.assign(n, kNaN);
    b.lower.assign(n, kNaN);
    b.upper.assign(n, kNaN);
    if (boot.params.size() < 2)
        return b;
    std::vector<std::vector<double>> curves(boot.params.size(), std::vector<double>(n));
    for (std::size_t r = 0; r < boot.params.size(); ++r)
        law.evaluate(*features, boot.params[r], curves[r]);
    std::vector<double> column(boot.params.size());
    for (std::size_t i = 0; i < n; ++i) {
        double mean = 0.0;
        for (std::size_t r = 0; r < column.size(); ++r) {
            column[r] = curves[r][i];
            mean += column[r];
        }
        mean /= static_cast<double>(column.size());
        double ss = 0.0;
        for (double v : column)
            ss += (v - mean) * (v - mean);
        b.stderrs[i] = std::sqrt(ss / static_cast<double>(column.size() - 1));
        std::sort(column.begin(), column.end());
        b.lower[i] = quantileSorted(column, 0.5 - 0.5 * level);
        b.upper[i] = quantileSorted(column, 0.5 + 0.5 * level);
    }
    return b;
}

} // namespace losscast::core::fit
