#include "core/mixing/implicitmodel.h"

#include "core/mixing/simplex.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <random>
#include <thread>

namespace losscast::core::mixing {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kJitter = 1e-8;

// Bounds of the log hyper-parameters (features and losses are standardised, so these are in units of
// one standard deviation): ℓ from 0.05 to 200 (200 ≈ the domain does not matter), σ_f from 0.05 to 20,
// σ_n from 1e-3 to 2.
constexpr double kLogEllLo = -2.995732, kLogEllHi = 5.298317;
constexpr double kLogSfLo = -2.995732, kLogSfHi = 2.995732;
constexpr double kLogSnLo = -6.907755, kLogSnHi = 0.693147;

/// Squared distances between the rows of A (a × D) and B (b × D).
MatrixXd squaredDistances(const MatrixXd& A, const MatrixXd& B)
{
    MatrixXd d = -2.0 * (A * B.transpose());
    d.colwise() += A.rowwise().squaredNorm();
    d.rowwise() += B.rowwise().squaredNorm().transpose();
    return d.cwiseMax(0.0);
}

/// Negative log marginal likelihood per row and its gradient in p = (log ℓ_1..D, log σ_f, log σ_n)
/// (GPML Eq. 5.8–5.9). Returns +inf when K is not positive definite.
double negLml(const MatrixXd& X, const VectorXd& y, const VectorXd& p, VectorXd& grad)
{
    const Index n = X.rows(), D = X.cols();
    const VectorXd invEll = (-p.head(D)).array().exp();
    const double sf2 = std::exp(2.0 * p(D)), sn2 = std::exp(2.0 * p(D + 1));
    const MatrixXd Z = X * invEll.asDiagonal();
    const MatrixXd Kf = (sf2 * (-0.5 * squaredDistances(Z, Z)).array().exp()).matrix();
    MatrixXd K = Kf;
    K.diagonal().array() += sn2 + kJitter;
    const Eigen::LLT<MatrixXd> llt(K);
    if (llt.info() != Eigen::Success)
        return std::numeric_limits<double>::infinity();
    const VectorXd alpha = llt.solve(y);
    double logDet = 0.0;
    const MatrixXd& L = llt.matrixLLT();
    for (Index i = 0; i < n; ++i)
        logDet += std::log(L(i, i));
    const double nll = 0.5 * y.dot(alpha) + logDet + 0.5 * static_cast<double>(n) * std::log(2.0 * M_PI);
    MatrixXd W = llt.solve(MatrixXd::Identity(n, n));
    W = alpha * alpha.transpose() - W; // ααᵀ − K⁻¹
    const MatrixXd M = W.cwiseProduct(Kf);
    const VectorXd rowSum = M.rowwise().sum();
    const MatrixXd MZ = M * Z;
    grad.resize(D + 2);
    for (Index d = 0; d < D; ++d)
        grad(d) = -(Z.col(d).cwiseProduct(Z.col(d).cwiseProduct(rowSum) - MZ.col(d))).sum();
    grad(D) = -M.sum();
    grad(D + 1) = -sn2 * W.trace();
    const double scale = 1.0 / static_cast<double>(n);
    grad *= scale;
    return nll * scale;
}

void clampHyper(VectorXd& p, Index D)
{
    for (Index d = 0; d < D; ++d)
        p(d) = std::clamp(p(d), kLogEllLo, kLogEllHi);
    p(D) = std::clamp(p(D), kLogSfLo, kLogSfHi);
    p(D + 1) = std::clamp(p(D + 1), kLogSnLo, kLogSnHi);
}

/// Projected L-BFGS (two-loop recursion, Armijo backtracking along the clamped step) on negLml.
VectorXd maximiseLml(const MatrixXd& X, const VectorXd& y, VectorXd p, int maxIterations,
                     const std::function<bool()>& stop, double& value, int& iterations)
{
    const Index D = X.cols();
    clampHyper(p, D);
    VectorXd g;
    double f = negLml(X, y, p, g);
    std::deque<VectorXd> S, Y;
    iterations = 0;
    for (int it = 0; it < maxIterations && std::isfinite(f); ++it) {
        if (stop && stop())
            break;
        // Gradient components pushing against an active bound do not count.
        VectorXd gp = g;
        for (Index i = 0; i < p.size(); ++i) {
            const double lo = i < D ? kLogEllLo : (i == D ? kLogSfLo : kLogSnLo);
            const double hi = i < D ? kLogEllHi : (i == D ? kLogSfHi : kLogSnHi);
            if ((p(i) <= lo && g(i) > 0.0) || (p(i) >= hi && g(i) < 0.0))
                gp(i) = 0.0;
        }
        if (gp.lpNorm<Eigen::Infinity>() < 1e-5)
            break;
        VectorXd q = gp;
        std::vector<double> a(S.size());
        for (int k = static_cast<int>(S.size()) - 1; k >= 0; --k) {
            a[static_cast<std::size_t>(k)] =
                S[static_cast<std::size_t>(k)].dot(q) /
                Y[static_cast<std::size_t>(k)].dot(S[static_cast<std::size_t>(k)]);
            q -= a[static_cast<std::size_t>(k)] * Y[static_cast<std::size_t>(k)];
        }
        if (!S.empty())
            q *= S.back().dot(Y.back()) / Y.back().squaredNorm();
        else
            q /= std::max(1.0, gp.lpNorm<Eigen::Infinity>());
        for (std::size_t k = 0; k < S.size(); ++k) {
            const double b = Y[k].dot(q) / Y[k].dot(S[k]);
            q += S[k] * (a[k] - b);
        }
        VectorXd dir = -q;
        if (dir.dot(gp) >= 0.0) { // not a descent direction: restart from the gradient
            S.clear();
            Y.clear();
            dir = -gp / std::max(1.0, gp.lpNorm<Eigen::Infinity>());
        }
        double step = 1.0;
        VectorXd pn, gn;
        double fn = f;
        bool accepted = false;
        for (int ls = 0; ls < 20; ++ls) {
            pn = p + step * dir;
            clampHyper(pn, D);
            fn = negLml(X, y, pn, gn);
            if (std::isfinite(fn) && fn <= f + 1e-4 * gp.dot(pn - p)) {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted)
            break;
        const VectorXd s = pn - p, yk = gn - g;
        if (s.dot(yk) > 1e-12) {
            S.push_back(s);
            Y.push_back(yk);
            if (S.size() > 8) {
                S.pop_front();
                Y.pop_front();
            }
        }
        const double drop = f - fn;
        p = pn;
        g = gn;
        f = fn;
        ++iterations;
        if (drop < 1e-7)
            break;
    }
    value = f;
    return p;
}

/// The rows used to choose hyper-parameters: all, or `m` evenly spread ones.
std::vector<Index> hyperSubset(std::size_t n, std::size_t m)
{
    std::vector<Index> rows;
    if (m == 0 || m >= n) {
        rows.resize(n);
        std::iota(rows.begin(), rows.end(), Index{0});
        return rows;
    }
    for (std::size_t i = 0; i < m; ++i)
        rows.push_back(static_cast<Index>(i * n / m));
    return rows;
}

/// The kernel of one target between scaled feature rows.
MatrixXd kernel(const GpTarget& t, const MatrixXd& A, const MatrixXd& B)
{
    return (t.signalSd * t.signalSd * (-0.5 * squaredDistances(A, B)).array().exp()).matrix();
}

MatrixXd featureMatrix(const ImplicitFit& fit, const std::vector<std::vector<double>>& rows)
{
    const std::size_t D = fit.domains.size();
    MatrixXd X(static_cast<Index>(rows.size()), static_cast<Index>(D));
    std::vector<double> x(D);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        fit.featuresOf(rows[i], x);
        for (std::size_t d = 0; d < D; ++d)
            X(static_cast<Index>(i), static_cast<Index>(d)) = x[d];
    }
    return X;
}

VectorXd standardisedLosses(const ImplicitFit& fit, std::size_t ti, const GpTarget& t)
{
    VectorXd y(static_cast<Index>(fit.losses.size()));
    for (std::size_t i = 0; i < fit.losses.size(); ++i)
        y(static_cast<Index>(i)) = (fit.losses[i][ti] - t.yMean) / t.yScale;
    return y;
}

VectorXd inverseLengths(const GpTarget& t)
{
    VectorXd v(static_cast<Index>(t.lengthscales.size()));
    for (std::size_t d = 0; d < t.lengthscales.size(); ++d)
        v(static_cast<Index>(d)) = 1.0 / t.lengthscales[d];
    return v;
}

bool posteriorOf(GpTarget& t, const MatrixXd& X, const VectorXd& y)
{
    t.scaledX = X * inverseLengths(t).asDiagonal();
    MatrixXd K = kernel(t, t.scaledX, t.scaledX);
    K.diagonal().array() += t.noiseSd * t.noiseSd + kJitter;
    Eigen::LLT<MatrixXd> llt(K);
    if (llt.info() != Eigen::Success)
        return false;
    t.alpha = llt.solve(y);
    t.cholesky = llt.matrixL();
    return true;
}

} // namespace

std::string toString(ImplicitFeatures f)
{
    return f == ImplicitFeatures::Proportions ? "proportions" : "log_proportions";
}

bool parseImplicitFeatures(const std::string& text, ImplicitFeatures& out)
{
    if (text == "proportions" || text == "linear")
        out = ImplicitFeatures::Proportions;
    else if (text == "log_proportions" || text == "log")
        out = ImplicitFeatures::LogProportions;
    else
        return false;
    return true;
}

bool ImplicitOptions::isValid(std::string* why) const
{
    auto fail = [&](const std::string& m) {
        if (why)
            *why = m;
        return false;
    };
    if (!(logFloor > 0.0 && logFloor < 1.0))
        return fail("the log-feature floor must be in (0, 1)");
    if (hyperRows < 8)
        return fail("at least 8 rows are needed to choose the GP hyper-parameters");
    if (maxIterations < 0 || maxIterations > 10000)
        return fail("GP iterations must be in [0, 10000]");
    if (!(timeLimitSeconds > 0.0))
        return fail("the time limit must be > 0");
    return true;
}

bool ImplicitFit::usable() const
{
    return !targets.empty() && targets.size() == targetNames.size() && summary.isUsable();
}

void ImplicitFit::featuresOf(std::span<const double> r, std::span<double> x) const
{
    for (std::size_t d = 0; d < domains.size(); ++d) {
        const double v =
            features == ImplicitFeatures::LogProportions ? std::log(std::max(0.0, r[d]) + logFloor) : r[d];
        x[d] = (v - featureMean[d]) / featureScale[d];
    }
}

ImplicitFit fitImplicitModel(const Experiments& e, const ImplicitOptions& options,
                             const fit::Control& control)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    ImplicitFit out;
    out.domains = e.domains;
    out.targetNames = e.targets;
    out.features = options.features;
    out.logFloor = options.logFloor;
    out.mixtures = e.mixtures;
    out.losses = e.losses;
    const std::size_t D = e.domains.size(), T = e.targets.size(), n = e.rows();
    out.summary.residuals = n * T;
    std::string why;
    if (!options.isValid(&why)) {
        out.summary.status = fit::Status::Failed;
        out.summary.message = why;
        return out;
    }
    if (n < 4 || D == 0 || T == 0) {
        out.summary.status = fit::Status::Failed;
        out.summary.message = "the implicit model needs at least 4 mixtures, one domain and one target";
        return out;
    }
    out.weights = options.weights;
    if (out.weights.size() != T)
        out.weights.assign(T, 1.0);
    const double wsum = std::accumulate(out.weights.begin(), out.weights.end(), 0.0);
    for (double& w : out.weights)
        w = wsum > 0.0 ? w / wsum : 1.0 / static_cast<double>(T);

    // Feature standardisation (a domain that never varies keeps scale 1).
    out.featureMean.assign(D, 0.0);
    out.featureScale.assign(D, 1.0);
    {
        std::vector<double> raw(n * D);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t d = 0; d < D; ++d)
                raw[i * D + d] = options.features == ImplicitFeatures::LogProportions
                                     ? std::log(std::max(0.0, e.mixtures[i][d]) + options.logFloor)
                                     : e.mixtures[i][d];
        for (std::size_t d = 0; d < D; ++d) {
            double m = 0.0, s = 0.0;
            for (std::size_t i = 0; i < n; ++i)
                m += raw[i * D + d];
            m /= static_cast<double>(n);
            for (std::size_t i = 0; i < n; ++i)
                s += (raw[i * D + d] - m) * (raw[i * D + d] - m);
            s = std::sqrt(s / static_cast<double>(n));
            out.featureMean[d] = m;
            out.featureScale[d] = s > 1e-12 ? s : 1.0;
        }
    }
    const MatrixXd X = featureMatrix(out, e.mixtures);
    const auto sub = hyperSubset(n, options.hyperRows);
    MatrixXd Xs(static_cast<Index>(sub.size()), X.cols());
    for (std::size_t i = 0; i < sub.size(); ++i)
        Xs.row(static_cast<Index>(i)) = X.row(sub[i]);

    const Index Di = static_cast<Index>(D);
    std::atomic<bool> cancelled{false}, timedOut{false}, failed{false};
    std::atomic<std::size_t> next{0}, done{0};
    std::vector<GpTarget> fitted(T);
    std::vector<char> ok(T, 0);
    const auto caller = std::this_thread::get_id();
    const auto stop = [&] {
        // The cancel check is polled from the calling thread only (it may not be thread-safe).
        if (std::this_thread::get_id() == caller && control.isCancelled && control.isCancelled())
            cancelled = true;
        return cancelled.load() || elapsed() > options.timeLimitSeconds;
    };
    // One target: hyper-parameters on the subset, then the posterior on every row. Targets are independent,
    // so workers take them in turn; only the calling thread reports progress.
    auto fitTarget = [&](std::size_t ti) {
        GpTarget t;
        t.target = e.targets[ti];
        double m = 0.0, s = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            m += e.losses[i][ti];
        m /= static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i)
            s += (e.losses[i][ti] - m) * (e.losses[i][ti] - m);
        s = std::sqrt(s / static_cast<double>(n));
        t.yMean = m;
        t.yScale = s > 1e-12 ? s : 1.0;
        VectorXd ys(static_cast<Index>(sub.size()));
        for (std::size_t i = 0; i < sub.size(); ++i)
            ys(static_cast<Index>(i)) = (e.losses[static_cast<std::size_t>(sub[i])][ti] - t.yMean) / t.yScale;
        // Start: every length-scale √D (the typical distance between standardised rows), σ_f 1, σ_n 0.2.
        VectorXd p(Di + 2);
        p.head(Di).setConstant(0.5 * std::log(static_cast<double>(D)));
        p(Di) = 0.0;
        p(Di + 1) = std::log(0.2);
        const bool outOfTime = elapsed() > options.timeLimitSeconds;
        if (outOfTime)
            timedOut = true;
        double value = 0.0;
        int iters = 0;
        p = maximiseLml(Xs, ys, p, outOfTime ? 0 : options.maxIterations, stop, value, iters);
        if (elapsed() > options.timeLimitSeconds)
            timedOut = true;
        t.iterations = iters;
        t.logMarginalLikelihood = -value;
        t.lengthscales.resize(D);
        for (std::size_t d = 0; d < D; ++d)
            t.lengthscales[d] = std::exp(p(static_cast<Index>(d)));
        t.signalSd = std::exp(p(Di));
        t.noiseSd = std::exp(p(Di + 1));
        if (!posteriorOf(t, X, standardisedLosses(out, ti, t))) {
            failed = true;
            return;
        }
        fitted[ti] = std::move(t);
        ok[ti] = 1;
    };
    auto worker = [&](bool reports) {
        for (;;) {
            if (cancelled || failed)
                return;
            const std::size_t ti = next++;
            if (ti >= T)
                return;
            if (reports && control.isCancelled && control.isCancelled()) {
                cancelled = true;
                return;
            }
            fitTarget(ti);
            ++done;
            if (reports && control.progress)
                control.progress(static_cast<double>(done.load()) / static_cast<double>(T), e.targets[ti]);
        }
    };
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min<std::size_t>({static_cast<std::size_t>(hw), 4, T});
    {
        std::vector<std::thread> pool;
        for (std::size_t w = 1; w < threads; ++w)
            pool.emplace_back(worker, false);
        worker(true);
        for (auto& th : pool)
            th.join();
    }
    int totalIterations = 0;
    for (std::size_t ti = 0; ti < T; ++ti)
        if (ok[ti]) {
            totalIterations += fitted[ti].iterations;
            out.targets.push_back(std::move(fitted[ti]));
        }
    if (failed) {
        out.targets.clear();
        out.summary.status = fit::Status::Failed;
        out.summary.message = "a kernel matrix is not positive definite";
        out.seconds = elapsed();
        return out;
    }
    out.seconds = elapsed();
    out.summary.seconds = out.seconds;
    out.summary.iterations = totalIterations;
    out.summary.starts = static_cast<int>(out.targets.size());
    if (cancelled || out.targets.size() < T) {
        out.targets.clear();
        out.summary.status = fit::Status::Cancelled;
        out.summary.message = "cancelled";
    } else if (timedOut) {
        out.summary.status = fit::Status::TimeLimit;
        out.summary.message = "time limit reached: some targets keep their starting hyper-parameters";
    } else {
        out.summary.status = fit::Status::Converged;
        out.summary.message = "GP hyper-parameters by marginal likelihood (L-BFGS), " +
                              std::to_string(totalIterations) + " iterations over " + std::to_string(T) +
                              " targets";
    }
    return out;
}

bool buildPosterior(ImplicitFit& fit)
{
    if (fit.mixtures.empty() || fit.featureMean.size() != fit.domains.size())
        return false;
    const MatrixXd X = featureMatrix(fit, fit.mixtures);
    for (std::size_t ti = 0; ti < fit.targets.size(); ++ti)
        if (!posteriorOf(fit.targets[ti], X, standardisedLosses(fit, ti, fit.targets[ti])))
            return false;
    return true;
}

MixturePrediction predictImplicit(const ImplicitFit& fit, std::span<const double> r)
{
    MixturePrediction p;
    const std::size_t D = fit.domains.size();
    std::vector<double> x(D);
    fit.featuresOf(r, x);
    const Eigen::Map<const Eigen::RowVectorXd> xr(x.data(), static_cast<Index>(D));
    double var = 0.0;
    for (std::size_t ti = 0; ti < fit.targets.size(); ++ti) {
        const auto& t = fit.targets[ti];
        const MatrixXd z = xr.cwiseProduct(inverseLengths(t).transpose());
        const VectorXd k = kernel(t, t.scaledX, z);
        const double mean = k.dot(t.alpha);
        const VectorXd v = t.cholesky.triangularView<Eigen::Lower>().solve(k);
        const double latent = std::max(0.0, t.signalSd * t.signalSd - v.squaredNorm());
        const double sd = std::sqrt(latent + t.noiseSd * t.noiseSd) * t.yScale;
        const double y = t.yMean + t.yScale * mean;
        p.loss.push_back(y);
        p.stderrs.push_back(sd);
        p.overall += fit.weights[ti] * y;
        var += fit.weights[ti] * fit.weights[ti] * sd * sd;
    }
    p.overallStderr = std::sqrt(var);
    return p;
}

double predictImplicitOverall(const ImplicitFit& fit, std::span<const double> r)
{
    const std::size_t D = fit.domains.size();
    std::vector<double> x(D);
    fit.featuresOf(r, x);
    const Eigen::Map<const Eigen::RowVectorXd> xr(x.data(), static_cast<Index>(D));
    double overall = 0.0;
    for (std::size_t ti = 0; ti < fit.targets.size(); ++ti) {
        const auto& t = fit.targets[ti];
        const MatrixXd z = xr.cwiseProduct(inverseLengths(t).transpose());
        overall += fit.weights[ti] * (t.yMean + t.yScale * kernel(t, t.scaledX, z).col(0).dot(t.alpha));
    }
    return overall;
}

Result<std::vector<TargetScore>> evaluateImplicit(const ImplicitFit& fit, const Experiments& test)
{
    using R = Result<std::vector<TargetScore>>;
    const std::size_t D = fit.domains.size();
    std::vector<std::size_t> col(D);
    if (test.domains.size() != D)
        return R::failure({Diagnostic::Severity::Error,
                           test.source,
                           0,
                           {},
                           "test table has " + std::to_string(test.domains.size()) +
                               " domains, the fit has " + std::to_string(D)});
    for (std::size_t j = 0; j < D; ++j) {
        const auto it = std::find(test.domains.begin(), test.domains.end(), fit.domains[j]);
        if (it == test.domains.end())
            return R::failure({Diagnostic::Severity::Error, test.source, 0, fit.domains[j],
                               "test table has no domain '" + fit.domains[j] + "'"});
        col[j] = static_cast<std::size_t>(it - test.domains.begin());
    }
    std::vector<std::vector<double>> rows(test.rows(), std::vector<double>(D));
    for (std::size_t i = 0; i < test.rows(); ++i)
        for (std::size_t j = 0; j < D; ++j)
            rows[i][j] = test.mixtures[i][col[j]];
    const MatrixXd X = featureMatrix(fit, rows);
    std::vector<TargetScore> scores;
    for (std::size_t ti = 0; ti < fit.targets.size(); ++ti) {
        const auto& t = fit.targets[ti];
        const auto it = std::find(test.targets.begin(), test.targets.end(), t.target);
        if (it == test.targets.end())
            continue;
        const std::size_t tc = static_cast<std::size_t>(it - test.targets.begin());
        const VectorXd mean = kernel(t, X * inverseLengths(t).asDiagonal(), t.scaledX) * t.alpha;
        std::vector<double> pred, obs;
        for (std::size_t i = 0; i < test.rows(); ++i) {
            pred.push_back(t.yMean + t.yScale * mean(static_cast<Index>(i)));
            obs.push_back(test.losses[i][tc]);
        }
        TargetScore s;
        s.name = t.target;
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

std::vector<std::vector<double>> crossValidateImplicit(const ImplicitFit& fit, int folds)
{
    const std::size_t n = fit.mixtures.size(), T = fit.targets.size();
    std::vector<std::vector<double>> out(n, std::vector<double>(T, kNaN));
    folds = std::clamp(folds, 2, static_cast<int>(std::max<std::size_t>(2, n)));
    const MatrixXd X = featureMatrix(fit, fit.mixtures);
    for (int f = 0; f < folds; ++f) {
        std::vector<Index> in, held;
        for (std::size_t i = 0; i < n; ++i)
            (static_cast<int>(i % static_cast<std::size_t>(folds)) == f ? held : in)
                .push_back(static_cast<Index>(i));
        if (held.empty() || in.size() < 2)
            continue;
        MatrixXd Xin(static_cast<Index>(in.size()), X.cols()),
            Xout(static_cast<Index>(held.size()), X.cols());
        for (std::size_t i = 0; i < in.size(); ++i)
            Xin.row(static_cast<Index>(i)) = X.row(in[i]);
        for (std::size_t i = 0; i < held.size(); ++i)
            Xout.row(static_cast<Index>(i)) = X.row(held[i]);
        for (std::size_t ti = 0; ti < T; ++ti) {
            GpTarget t = fit.targets[ti];
            VectorXd y(static_cast<Index>(in.size()));
            for (std::size_t i = 0; i < in.size(); ++i)
                y(static_cast<Index>(i)) =
                    (fit.losses[static_cast<std::size_t>(in[i])][ti] - t.yMean) / t.yScale;
            if (!posteriorOf(t, Xin, y))
                continue;
            const VectorXd mean = kernel(t, Xout * inverseLengths(t).asDiagonal(), t.scaledX) * t.alpha;
            for (std::size_t i = 0; i < held.size(); ++i)
                out[static_cast<std::size_t>(held[i])][ti] = t.yMean + t.yScale * mean(static_cast<Index>(i));
        }
    }
    return out;
}

MixtureOptimum optimizeImplicit(const ImplicitFit& fit, std::span<const double> caps,
                                const ImplicitOptimizeOptions& options)
{
    MixtureOptimum out;
    const std::size_t D = fit.domains.size();
    std::vector<double> lo(D, 0.0), hi(D, 1.0);
    if (caps.size() == D)
        for (std::size_t j = 0; j < D; ++j)
            hi[j] = std::clamp(caps[j], 0.0, 1.0);
    if (std::accumulate(hi.begin(), hi.end(), 0.0) < 1.0 - 1e-12) {
        out.message = "the caps sum to less than 1: no mixture satisfies them";
        return out;
    }
    std::vector<double> prior(D, 1.0 / static_cast<double>(D));
    if (!fit.mixtures.empty()) {
        std::fill(prior.begin(), prior.end(), 0.0);
        for (const auto& r : fit.mixtures)
            for (std::size_t j = 0; j < D; ++j)
                prior[j] += r[j] / static_cast<double>(fit.mixtures.size());
    }
    std::mt19937 rng(options.seed);
    const int S = std::max(1, options.samples);
    const double conc = options.concentration > 0.0 ? options.concentration : 1.0;
    MatrixXd samples(S, static_cast<Index>(D));
    std::vector<double> r(D);
    std::vector<std::gamma_distribution<double>> gammas;
    for (std::size_t j = 0; j < D; ++j)
        gammas.emplace_back(std::max(1e-3, conc * static_cast<double>(D) * prior[j]), 1.0);
    for (int s = 0; s < S; ++s) {
        double sum = 0.0;
        for (std::size_t j = 0; j < D; ++j)
            sum += (r[j] = gammas[j](rng));
        for (std::size_t j = 0; j < D; ++j)
            r[j] = sum > 0.0 ? r[j] / sum : 1.0 / static_cast<double>(D);
        projectCappedSimplex(r, lo, hi, 1.0);
        for (std::size_t j = 0; j < D; ++j)
            samples(s, static_cast<Index>(j)) = r[j];
    }
    // Predicted overall mean of every sample, in chunks (the cross-kernel is chunk × n per target).
    VectorXd overall = VectorXd::Zero(S);
    const Index chunk = 2048;
    std::vector<double> x(D);
    for (Index c0 = 0; c0 < S; c0 += chunk) {
        const Index m = std::min<Index>(chunk, S - c0);
        MatrixXd F(m, static_cast<Index>(D));
        for (Index i = 0; i < m; ++i) {
            for (std::size_t j = 0; j < D; ++j)
                r[j] = samples(c0 + i, static_cast<Index>(j));
            fit.featuresOf(r, x);
            for (std::size_t j = 0; j < D; ++j)
                F(i, static_cast<Index>(j)) = x[j];
        }
        for (std::size_t ti = 0; ti < fit.targets.size(); ++ti) {
            const auto& t = fit.targets[ti];
            const VectorXd mean = kernel(t, F * inverseLengths(t).asDiagonal(), t.scaledX) * t.alpha;
            overall.segment(c0, m).array() += fit.weights[ti] * (t.yMean + t.yScale * mean.array());
        }
    }
    std::vector<Index> order(static_cast<std::size_t>(S));
    std::iota(order.begin(), order.end(), Index{0});
    const int k = std::clamp(options.topK, 1, S);
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](Index a, Index b) { return overall(a) < overall(b); });
    std::vector<double> avg(D, 0.0);
    for (int i = 0; i < k; ++i)
        for (std::size_t j = 0; j < D; ++j)
            avg[j] += samples(order[static_cast<std::size_t>(i)], static_cast<Index>(j)) / k;
    projectCappedSimplex(avg, lo, hi, 1.0); // only rounding: the average of feasible points is feasible
    out.mixture = avg;
    out.prediction = predictImplicit(fit, avg);
    out.iterations = S;
    out.converged = true;
    out.optimality = kNaN;
    out.message = "averaged the " + std::to_string(k) + " best of " + std::to_string(S) +
                  " sampled mixtures (RegMix's search)";
    return out;
}

} // namespace losscast::core::mixing
