#include "core/mixing/mixinglaw.h"

#include "core/mixing/simplex.h"

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numeric>

namespace losscast::core::mixing {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Fills the reported (c, k, t) and their standard errors from θ = (c, u) and its covariance.
void fillReported(TargetLaw& law, std::size_t D)
{
    const double c = law.theta[0];
    double mean = 0.0;
    for (std::size_t j = 0; j < D; ++j)
        mean += law.theta[1 + j];
    mean /= static_cast<double>(D);
    law.c = c;
    law.k = std::exp(mean);
    law.t.assign(D, 0.0);
    for (std::size_t j = 0; j < D; ++j)
        law.t[j] = law.theta[1 + j] - mean;
    law.cStderr = law.kStderr = kNaN;
    law.tStderr.assign(D, kNaN);
    const std::size_t p = 1 + D;
    if (law.covariance.size() != p * p)
        return;
    const Eigen::Map<const Eigen::MatrixXd> cov(law.covariance.data(), static_cast<Eigen::Index>(p),
                                                static_cast<Eigen::Index>(p));
    // Rows: c, log k, t_1..t_D as linear maps of θ.
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p + 1), static_cast<Eigen::Index>(p));
    J(0, 0) = 1.0;
    for (std::size_t j = 0; j < D; ++j) {
        J(1, static_cast<Eigen::Index>(1 + j)) = 1.0 / static_cast<double>(D);
        for (std::size_t m = 0; m < D; ++m)
            J(static_cast<Eigen::Index>(2 + j), static_cast<Eigen::Index>(1 + m)) =
                (j == m ? 1.0 : 0.0) - 1.0 / static_cast<double>(D);
    }
    const Eigen::MatrixXd out = J * cov.transpose() * J.transpose();
    law.cStderr = std::sqrt(std::max(0.0, out(0, 0)));
    law.kStderr = law.k * std::sqrt(std::max(0.0, out(1, 1)));
    for (std::size_t j = 0; j < D; ++j)
        law.tStderr[j] =
            std::sqrt(std::max(0.0, out(static_cast<Eigen::Index>(2 + j), static_cast<Eigen::Index>(2 + j))));
}

std::vector<double> ranks(std::span<const double> v)
{
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]])
            ++j;
        const double avg = 0.5 * static_cast<double>(i + j) + 1.0;
        for (std::size_t m = i; m <= j; ++m)
            r[idx[m]] = avg;
        i = j + 1;
    }
    return r;
}

} // namespace

bool MixingLawFit::usable() const
{
    if (targets.empty())
        return false;
    for (const auto& t : targets)
        if (!t.summary.isUsable())
            return false;
    return true;
}

fit::Options MixingFitOptions::defaultFitOptions()
{
    fit::Options o;
    o.objective = fit::Objective::LogHuber;
    o.huberDelta = 0.02;
    o.maxIterations = 500;
    o.maxStarts = 16;
    o.refineBest = 3;
    o.timeLimitSeconds = 60.0;
    return o;
}

MixingLawFit fitMixingLaw(const Experiments& e, const MixingFitOptions& options, const fit::Control& control)
{
    const auto t0 = std::chrono::steady_clock::now();
    MixingLawFit out;
    out.domains = e.domains;
    const std::size_t D = e.domains.size(), T = e.targets.size(), n = e.rows();
    out.weights = normalisedTargetWeights(options.weights, T);

    auto R = std::make_shared<Eigen::MatrixXd>(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(D));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < D; ++j)
            (*R)(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = e.mixtures[i][j];
    const Eigen::MatrixXd RtR = R->transpose() * *R + 1e-9 * Eigen::MatrixXd::Identity(D, D);
    const Eigen::LDLT<Eigen::MatrixXd> normal(RtR);

    for (std::size_t ti = 0; ti < T; ++ti) {
        TargetLaw law;
        law.target = e.targets[ti];
        fit::ResidualModel m;
        m.numParams = 1 + D;
        m.names.push_back("c");
        for (const auto& d : e.domains)
            m.names.push_back("u:" + d);
        double minY = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < n; ++i) {
            m.observed.push_back(e.losses[i][ti]);
            minY = std::min(minY, e.losses[i][ti]);
        }
        m.lower.assign(1 + D, -50.0);
        m.upper.assign(1 + D, 50.0);
        m.lower[0] = 0.0;
        m.upper[0] = minY;
        m.evaluate = [R, D, n](std::span<const double> p, std::span<double> pred, double* jac) {
            const Eigen::Map<const Eigen::VectorXd> u(p.data() + 1, static_cast<Eigen::Index>(D));
            const Eigen::VectorXd z = *R * u;
            for (std::size_t i = 0; i < n; ++i) {
                const double ex = std::exp(z(static_cast<Eigen::Index>(i)));
                pred[i] = p[0] + ex;
                if (jac) {
                    double* row = jac + i * (1 + D);
                    row[0] = 1.0;
                    for (std::size_t j = 0; j < D; ++j)
                        row[1 + j] = ex * (*R)(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
                }
            }
        };
        std::vector<std::vector<double>> starts;
        for (double frac : {0.0, 0.5, 0.8, 0.9, 0.95}) {
            const double c = frac * minY;
            Eigen::VectorXd z(static_cast<Eigen::Index>(n));
            for (std::size_t i = 0; i < n; ++i)
                z(static_cast<Eigen::Index>(i)) = std::log(m.observed[i] - c);
            const Eigen::VectorXd u = normal.solve(R->transpose() * z);
            std::vector<double> s{c};
            for (std::size_t j = 0; j < D; ++j)
                s.push_back(std::clamp(u(static_cast<Eigen::Index>(j)), -50.0, 50.0));
            starts.push_back(std::move(s));
        }
        fit::Control ctl = control;
        if (control.progress)
            ctl.progress = [&, ti](double f, const std::string& what) {
                control.progress((static_cast<double>(ti) + f) / static_cast<double>(T),
                                 law.target + ": " + what);
            };
        auto mf = fit::fitModel(m, starts, options.fit, ctl);
        law.theta = mf.params;
        law.covariance = mf.covariance;
        law.summary = mf.summary;
        if (law.theta.size() == 1 + D)
            fillReported(law, D);
        out.targets.push_back(std::move(law));
        if (control.isCancelled && control.isCancelled())
            break;
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

double evaluateTarget(const TargetLaw& law, std::span<const double> r, std::span<double> grad)
{
    const std::size_t D = law.theta.size() - 1;
    double z = 0.0;
    for (std::size_t j = 0; j < D; ++j)
        z += law.theta[1 + j] * r[j];
    const double ex = std::exp(z);
    if (!grad.empty())
        for (std::size_t j = 0; j < D; ++j)
            grad[j] = ex * law.theta[1 + j];
    return law.theta[0] + ex;
}

MixturePrediction predictMixture(const MixingLawFit& fit, std::span<const double> r)
{
    MixturePrediction p;
    const std::size_t D = fit.domains.size();
    double var = 0.0;
    bool haveVar = true;
    for (std::size_t ti = 0; ti < fit.targets.size(); ++ti) {
        const auto& law = fit.targets[ti];
        const double y = evaluateTarget(law, r);
        p.loss.push_back(y);
        p.overall += fit.weights[ti] * y;
        double se = kNaN;
        if (law.covariance.size() == (1 + D) * (1 + D)) {
            const double ex = y - law.theta[0];
            std::vector<double> g(1 + D);
            g[0] = 1.0;
            for (std::size_t j = 0; j < D; ++j)
                g[1 + j] = ex * r[j];
            double v = 0.0;
            for (std::size_t a = 0; a <= D; ++a)
                for (std::size_t b = 0; b <= D; ++b)
                    v += g[a] * law.covariance[a * (1 + D) + b] * g[b];
            se = std::sqrt(std::max(0.0, v));
            var += fit.weights[ti] * fit.weights[ti] * se * se;
        } else {
            haveVar = false;
        }
        p.stderrs.push_back(se);
    }
    p.overallStderr = haveVar ? std::sqrt(var) : kNaN;
    return p;
}

double spearman(std::span<const double> a, std::span<const double> b)
{
    if (a.size() != b.size() || a.size() < 2)
        return kNaN;
    const auto ra = ranks(a), rb = ranks(b);
    const double n = static_cast<double>(a.size()), mean = (n + 1.0) / 2.0;
    double sab = 0.0, saa = 0.0, sbb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (ra[i] - mean) * (rb[i] - mean);
        saa += (ra[i] - mean) * (ra[i] - mean);
        sbb += (rb[i] - mean) * (rb[i] - mean);
    }
    if (saa <= 0.0 || sbb <= 0.0)
        return kNaN;
    return sab / std::sqrt(saa * sbb);
}

std::vector<double> normalisedTargetWeights(std::vector<double> weights, std::size_t targets)
{
    if (weights.size() != targets)
        weights.assign(targets, 1.0);
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (double& w : weights)
        w = sum > 0.0 ? w / sum : 1.0 / static_cast<double>(targets);
    return weights;
}

Result<std::vector<std::size_t>> testDomainColumns(const std::vector<std::string>& domains,
                                                   const Experiments& test)
{
    using R = Result<std::vector<std::size_t>>;
    const std::size_t D = domains.size();
    if (test.domains.size() != D)
        return R::failure({Diagnostic::Severity::Error,
                           test.source,
                           0,
                           {},
                           "test table has " + std::to_string(test.domains.size()) +
                               " domains, the fit has " + std::to_string(D)});
    std::vector<std::size_t> col(D);
    for (std::size_t j = 0; j < D; ++j) {
        const auto it = std::find(test.domains.begin(), test.domains.end(), domains[j]);
        if (it == test.domains.end())
            return R::failure({Diagnostic::Severity::Error, test.source, 0, domains[j],
                               "test table has no domain '" + domains[j] + "'"});
        col[j] = static_cast<std::size_t>(it - test.domains.begin());
    }
    return R::success(std::move(col));
}

std::vector<std::vector<double>> testMixtures(const Experiments& test,
                                              const std::vector<std::size_t>& columns)
{
    std::vector<std::vector<double>> rows(test.rows(), std::vector<double>(columns.size()));
    for (std::size_t i = 0; i < test.rows(); ++i)
        for (std::size_t j = 0; j < columns.size(); ++j)
            rows[i][j] = test.mixtures[i][columns[j]];
    return rows;
}

Result<std::vector<TargetScore>> scoreTargets(
    const std::vector<std::string>& targets, const Experiments& test,
    const std::vector<std::vector<double>>& mixtures,
    const std::function<std::vector<double>(std::size_t, const std::vector<std::vector<double>>&)>& predict)
{
    using R = Result<std::vector<TargetScore>>;
    std::vector<TargetScore> scores;
    for (std::size_t ti = 0; ti < targets.size(); ++ti) {
        const auto it = std::find(test.targets.begin(), test.targets.end(), targets[ti]);
        if (it == test.targets.end())
            continue;
        const std::size_t tc = static_cast<std::size_t>(it - test.targets.begin());
        const std::vector<double> pred = predict(ti, mixtures);
        std::vector<double> obs;
        for (std::size_t i = 0; i < test.rows(); ++i)
            obs.push_back(test.losses[i][tc]);
        TargetScore s;
        s.name = targets[ti];
        s.points = obs.size();
        for (std::size_t i = 0; i < obs.size(); ++i)
            s.mae += std::abs(pred[i] - obs[i]);
        s.mae /= static_cast<double>(std::max<std::size_t>(1, obs.size()));
        s.spearman = spearman(pred, obs);
        scores.push_back(std::move(s));
    }
    if (scores.empty())
        return R::failure({Diagnostic::Severity::Error,
                           test.source,
                           0,
                           {},
                           "the test table shares no target (loss column) with the fit"});
    return R::success(std::move(scores));
}

Result<std::vector<TargetScore>> evaluateMixingLaw(const MixingLawFit& fit, const Experiments& test)
{
    using R = Result<std::vector<TargetScore>>;
    const auto col = testDomainColumns(fit.domains, test);
    if (!col)
        return R::failure(col.diagnostics.front());
    std::vector<std::string> names;
    for (const auto& law : fit.targets)
        names.push_back(law.target);
    return scoreTargets(names, test, testMixtures(test, *col),
                        [&fit](std::size_t ti, const std::vector<std::vector<double>>& rows) {
                            std::vector<double> pred;
                            for (const auto& r : rows)
                                pred.push_back(evaluateTarget(fit.targets[ti], r));
                            return pred;
                        });
}

MixtureOptimum optimizeMixture(const MixingLawFit& fit, std::span<const double> caps)
{
    MixtureOptimum out;
    const std::size_t D = fit.domains.size();
    std::vector<double> lo(D, 0.0), hi(D, 1.0);
    if (caps.size() == D)
        for (std::size_t j = 0; j < D; ++j)
            hi[j] = std::clamp(caps[j], 0.0, 1.0);
    std::vector<double> g(D);
    auto f = [&](std::span<const double> r, std::span<double> grad) {
        double v = 0.0;
        if (!grad.empty())
            std::fill(grad.begin(), grad.end(), 0.0);
        for (std::size_t ti = 0; ti < fit.targets.size(); ++ti) {
            v += fit.weights[ti] * evaluateTarget(fit.targets[ti], r,
                                                  grad.empty() ? std::span<double>{} : std::span<double>(g));
            if (!grad.empty())
                for (std::size_t j = 0; j < D; ++j)
                    grad[j] += fit.weights[ti] * g[j];
        }
        return v;
    };
    const auto res = minimizeOnSimplex(f, lo, hi, 1.0);
    out.mixture = res.x;
    out.optimality = res.optimality;
    out.iterations = res.iterations;
    out.converged = res.converged;
    out.message = res.message;
    if (!res.x.empty())
        out.prediction = predictMixture(fit, res.x);
    return out;
}

} // namespace losscast::core::mixing
