#include "core/mixing/domain2vec.h"

#include "core/mixing/simplex.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

namespace losscast::core::mixing {

namespace {

Diagnostic err(const std::string& file, std::int64_t line, const std::string& where, const std::string& msg)
{
    return Diagnostic{Diagnostic::Severity::Error, file, line, where, msg};
}

double seconds(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// First column is the name when its header is empty/name-like or its first cell is not a number.
bool firstIsName(const TextTable& t)
{
    double d = 0.0;
    return !t.rows.empty() && !parseNumber(t.rows[0][0], d);
}

std::vector<double> capsOrOnes(std::span<const double> caps, std::size_t D)
{
    std::vector<double> hi(D, 1.0);
    if (caps.size() == D)
        for (std::size_t j = 0; j < D; ++j)
            hi[j] = std::clamp(caps[j], 0.0, 1.0);
    return hi;
}

} // namespace

Result<DomainVectors> parseDomainVectors(std::string_view text, const std::string& source)
{
    using R = Result<DomainVectors>;
    auto t = parseTable(text, source);
    if (!t)
        return R::failure(t.diagnostics.front());
    if (t->rows.empty())
        return R::failure(err(source, 0, {}, "no datasets (rows)"));
    const std::size_t first = firstIsName(*t) ? 1 : 0;
    if (t->header.size() <= first)
        return R::failure(err(source, 0, {}, "no meta-domain columns"));
    DomainVectors V;
    V.metaDomains.assign(t->header.begin() + static_cast<long>(first), t->header.end());
    std::vector<Diagnostic> warnings;
    for (std::size_t r = 0; r < t->rows.size(); ++r) {
        std::vector<double> v;
        double sum = 0.0;
        for (std::size_t c = first; c < t->header.size(); ++c) {
            double x = 0.0;
            if (!parseNumber(t->rows[r][c], x) || !(x >= 0.0) || !std::isfinite(x))
                return R::failure(err(source, t->lines[r], t->header[c],
                                      "expected a share ≥ 0, got '" + t->rows[r][c] + "'"));
            v.push_back(x);
            sum += x;
        }
        if (!(sum > 0.0))
            return R::failure(err(source, t->lines[r], {}, "the domain vector is all zero"));
        if (std::abs(sum - 1.0) > 1e-6)
            warnings.push_back({Diagnostic::Severity::Warning,
                                source,
                                t->lines[r],
                                {},
                                "domain vector sums to " + std::to_string(sum) + "; normalised to 1"});
        for (double& x : v)
            x /= sum;
        V.datasets.push_back(first ? t->rows[r][0] : std::to_string(r + 1));
        V.vectors.push_back(std::move(v));
    }
    return R::success(std::move(V), std::move(warnings));
}

Result<std::vector<double>> parseTargetVector(std::string_view text, const std::string& source,
                                              const std::vector<std::string>& metaDomains)
{
    using R = Result<std::vector<double>>;
    auto V = parseDomainVectors(text, source);
    if (!V)
        return R::failure(V.diagnostics.front());
    std::vector<double> out(metaDomains.size(), 0.0);
    std::vector<bool> seen(metaDomains.size(), false);
    for (std::size_t c = 0; c < V->metaDomains.size(); ++c) {
        const auto it = std::find(metaDomains.begin(), metaDomains.end(), V->metaDomains[c]);
        if (it == metaDomains.end())
            return R::failure(
                err(source, 0, V->metaDomains[c],
                    "meta-domain '" + V->metaDomains[c] + "' is not among the domain vectors' columns"));
        const auto m = static_cast<std::size_t>(it - metaDomains.begin());
        out[m] = V->vectors[0][c];
        seen[m] = true;
    }
    for (std::size_t m = 0; m < metaDomains.size(); ++m)
        if (!seen[m])
            return R::failure(
                err(source, 0, metaDomains[m], "no column for meta-domain '" + metaDomains[m] + "'"));
    return R::success(std::move(out), std::move(V.diagnostics));
}

double huber(double x, double delta)
{
    const double a = std::abs(x);
    return a <= delta ? 0.5 * x * x : delta * (a - 0.5 * delta);
}

std::vector<double> mixVector(const DomainVectors& V, std::span<const double> r)
{
    std::vector<double> out(V.metaDomains.size(), 0.0);
    for (std::size_t j = 0; j < V.vectors.size(); ++j)
        if (r[j] != 0.0)
            for (std::size_t m = 0; m < out.size(); ++m)
                out[m] += V.vectors[j][m] * r[j];
    return out;
}

double alignmentDistance(const DomainVectors& V, std::span<const double> target, std::span<const double> r,
                         double delta)
{
    const auto x = mixVector(V, r);
    double d = 0.0;
    for (std::size_t m = 0; m < x.size(); ++m)
        d += huber(x[m] - target[m], delta);
    return d;
}

AlignResult alignExact(const DomainVectors& V, std::span<const double> target, std::span<const double> caps,
                       double delta)
{
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t D = V.datasets.size(), M = V.metaDomains.size();
    std::vector<double> lo(D, 0.0), hi = capsOrOnes(caps, D), x(M);
    auto f = [&](std::span<const double> r, std::span<double> g) {
        std::fill(x.begin(), x.end(), 0.0);
        for (std::size_t j = 0; j < D; ++j)
            for (std::size_t m = 0; m < M; ++m)
                x[m] += V.vectors[j][m] * r[j];
        double v = 0.0;
        for (std::size_t m = 0; m < M; ++m) {
            const double res = x[m] - target[m];
            v += huber(res, delta);
            x[m] = std::clamp(res, -delta, delta); // ψ(res), the Huber derivative
        }
        if (!g.empty())
            for (std::size_t j = 0; j < D; ++j) {
                double s = 0.0;
                for (std::size_t m = 0; m < M; ++m)
                    s += V.vectors[j][m] * x[m];
                g[j] = s;
            }
        return v;
    };
    SimplexOptions o;
    o.tolerance = 1e-12;
    const auto res = minimizeOnSimplex(f, lo, hi, 1.0, {}, o);
    AlignResult out;
    out.mixture = res.x;
    out.distance = res.x.empty() ? NAN : alignmentDistance(V, target, res.x, delta);
    out.iterations = res.iterations;
    out.converged = res.converged;
    out.message = res.message;
    out.seconds = seconds(t0);
    return out;
}

AlignResult alignDirichlet(const DomainVectors& V, std::span<const double> target,
                           std::span<const double> caps, double delta, std::size_t samples, std::size_t topK,
                           double alpha, std::uint64_t seed)
{
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t D = V.datasets.size();
    const auto hi = capsOrOnes(caps, D);
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> gamma(alpha, 1.0);
    std::vector<std::pair<double, std::vector<double>>> kept;
    std::vector<double> r(D);
    AlignResult out;
    for (std::size_t s = 0; s < samples; ++s) {
        double sum = 0.0;
        for (auto& v : r)
            sum += (v = gamma(rng));
        bool ok = sum > 0.0;
        for (std::size_t j = 0; j < D && ok; ++j) {
            r[j] /= sum;
            ok = r[j] <= hi[j];
        }
        if (!ok)
            continue;
        const double d = alignmentDistance(V, target, r, delta);
        if (kept.size() < topK) {
            kept.emplace_back(d, r);
            std::push_heap(kept.begin(), kept.end(),
                           [](const auto& a, const auto& b) { return a.first < b.first; });
        } else if (d < kept.front().first) {
            std::pop_heap(kept.begin(), kept.end(),
                          [](const auto& a, const auto& b) { return a.first < b.first; });
            kept.back() = {d, r};
            std::push_heap(kept.begin(), kept.end(),
                           [](const auto& a, const auto& b) { return a.first < b.first; });
        }
    }
    out.iterations = static_cast<int>(samples);
    if (kept.empty()) {
        out.message = "no sample satisfied the caps";
        out.seconds = seconds(t0);
        return out;
    }
    out.mixture.assign(D, 0.0);
    for (const auto& [d, m] : kept)
        for (std::size_t j = 0; j < D; ++j)
            out.mixture[j] += m[j] / static_cast<double>(kept.size());
    out.distance = alignmentDistance(V, target, out.mixture, delta);
    out.converged = true;
    out.message =
        "mean of the best " + std::to_string(kept.size()) + " of " + std::to_string(samples) + " samples";
    out.seconds = seconds(t0);
    return out;
}

Result<Experiments> toMetaSpace(const Experiments& e, const DomainVectors& V)
{
    using R = Result<Experiments>;
    std::vector<std::size_t> col(e.domains.size());
    for (std::size_t j = 0; j < e.domains.size(); ++j) {
        const auto it = std::find(V.datasets.begin(), V.datasets.end(), e.domains[j]);
        if (it == V.datasets.end())
            return R::failure(err(e.source, 0, e.domains[j],
                                  "training domain '" + e.domains[j] + "' has no domain vector"));
        col[j] = static_cast<std::size_t>(it - V.datasets.begin());
    }
    Experiments out = e;
    out.domains = V.metaDomains;
    for (std::size_t i = 0; i < e.rows(); ++i) {
        std::vector<double> r(V.datasets.size(), 0.0);
        for (std::size_t j = 0; j < e.domains.size(); ++j)
            r[col[j]] = e.mixtures[i][j];
        out.mixtures[i] = mixVector(V, r);
    }
    return R::success(std::move(out));
}

double pluginLoss(const MixingLawFit& metaFit, const DomainVectors& V, std::span<const double> r)
{
    const auto x = mixVector(V, r);
    double v = 0.0;
    for (std::size_t i = 0; i < metaFit.targets.size(); ++i)
        v += metaFit.weights[i] * evaluateTarget(metaFit.targets[i], x);
    return v;
}

AlignResult optimizePlugin(const MixingLawFit& metaFit, const DomainVectors& V, std::span<const double> caps)
{
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t D = V.datasets.size(), M = V.metaDomains.size();
    std::vector<double> lo(D, 0.0), hi = capsOrOnes(caps, D), gm(M), gsum(M);
    auto f = [&](std::span<const double> r, std::span<double> g) {
        const auto x = mixVector(V, r);
        std::fill(gsum.begin(), gsum.end(), 0.0);
        double v = 0.0;
        for (std::size_t i = 0; i < metaFit.targets.size(); ++i) {
            v += metaFit.weights[i] * evaluateTarget(metaFit.targets[i], x, gm);
            for (std::size_t m = 0; m < M; ++m)
                gsum[m] += metaFit.weights[i] * gm[m];
        }
        if (!g.empty())
            for (std::size_t j = 0; j < D; ++j) {
                double s = 0.0;
                for (std::size_t m = 0; m < M; ++m)
                    s += V.vectors[j][m] * gsum[m];
                g[j] = s;
            }
        return v;
    };
    const auto res = minimizeOnSimplex(f, lo, hi, 1.0);
    AlignResult out;
    out.mixture = res.x;
    out.distance = res.value;
    out.iterations = res.iterations;
    out.converged = res.converged;
    out.message = res.message;
    out.seconds = seconds(t0);
    return out;
}

std::vector<double> mixtureFromBestTokens(std::span<const double> bestTokens)
{
    const double s = std::accumulate(bestTokens.begin(), bestTokens.end(), 0.0);
    std::vector<double> out(bestTokens.begin(), bestTokens.end());
    for (double& v : out)
        v = s > 0.0 ? v / s : NAN;
    return out;
}

} // namespace losscast::core::mixing
