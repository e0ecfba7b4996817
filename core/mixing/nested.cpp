#include "core/mixing/nested.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace losscast::core::mixing {

double PowerLawFit::predict(double x) const
{
    return theta.size() == 3 ? theta[0] + std::exp(theta[1] - theta[2] * std::log(x)) : NAN;
}

double PowerLawFit::stderrAt(double x) const
{
    if (covariance.size() != 9)
        return NAN;
    const double e = std::exp(theta[1] - theta[2] * std::log(x));
    const double g[3] = {1.0, e, -e * std::log(x)};
    double v = 0.0;
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b)
            v += g[a] * covariance[static_cast<std::size_t>(a * 3 + b)] * g[b];
    return std::sqrt(std::max(0.0, v));
}

PowerLawFit fitPowerLaw(std::span<const double> x, std::span<const double> y)
{
    PowerLawFit out;
    fit::ResidualModel m;
    m.numParams = 3;
    m.names = {"c", "beta", "alpha"};
    m.observed.assign(y.begin(), y.end());
    const double minY = *std::min_element(y.begin(), y.end());
    m.lower = {0.0, -200.0, 0.0};
    m.upper = {minY, 200.0, 10.0};
    auto lx = std::make_shared<std::vector<double>>();
    for (double v : x)
        lx->push_back(std::log(v));
    m.evaluate = [lx](std::span<const double> p, std::span<double> pred, double* jac) {
        for (std::size_t i = 0; i < lx->size(); ++i) {
            const double e = std::exp(p[1] - p[2] * (*lx)[i]);
            pred[i] = p[0] + e;
            if (jac) {
                jac[3 * i + 0] = 1.0;
                jac[3 * i + 1] = e;
                jac[3 * i + 2] = -e * (*lx)[i];
            }
        }
    };
    // Starts: for c on a grid below min y, the straight line log(y − c) = β − α·log x.
    std::vector<std::vector<double>> starts;
    for (double frac : {0.0, 0.5, 0.8, 0.9, 0.97}) {
        const double c = frac * minY;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        const double n = static_cast<double>(y.size());
        for (std::size_t i = 0; i < y.size(); ++i) {
            const double ly = std::log(y[i] - c);
            sx += (*lx)[i];
            sy += ly;
            sxx += (*lx)[i] * (*lx)[i];
            sxy += (*lx)[i] * ly;
        }
        const double den = n * sxx - sx * sx;
        const double slope = den != 0.0 ? (n * sxy - sx * sy) / den : 0.0;
        const double icpt = (sy - slope * sx) / n;
        starts.push_back({c, std::clamp(icpt, -200.0, 200.0), std::clamp(-slope, 0.0, 10.0)});
    }
    fit::Options o = MixingFitOptions::defaultFitOptions();
    o.huberDelta = 1e-3;
    const auto mf = fit::fitModel(m, starts, o);
    out.theta = mf.params;
    out.covariance = mf.covariance;
    out.summary = mf.summary;
    if (out.theta.size() == 3) {
        out.c = out.theta[0];
        out.alpha = out.theta[2];
        out.x0 = out.alpha > 0.0 ? std::exp(out.theta[1] / out.alpha) : NAN;
    }
    return out;
}

Result<NestedResult> nestedPipeline(const Experiments& e, const NestedOptions& options)
{
    using R = Result<NestedResult>;
    auto fail = [&](std::int64_t line, const std::string& msg) {
        return R::failure({Diagnostic::Severity::Error, e.source, line, {}, msg});
    };
    const bool bySteps = options.targetSteps > 0.0, bySize = options.targetSize > 0.0;
    if (bySteps && e.steps.empty() && e.tokens.empty())
        return fail(0, "a target number of steps needs a steps (or tokens) column");
    if (bySize && e.modelSize.empty())
        return fail(0, "a target model size needs a model-size column");
    const auto& stepCol = e.steps.empty() ? e.tokens : e.steps;
    // Group rows by mixture (rounded key), keeping first-seen order.
    std::vector<std::vector<std::size_t>> groups;
    std::map<std::vector<long long>, std::size_t> index;
    for (std::size_t i = 0; i < e.rows(); ++i) {
        std::vector<long long> key;
        for (double v : e.mixtures[i])
            key.push_back(std::llround(v * 1e9));
        const auto [it, fresh] = index.emplace(key, groups.size());
        if (fresh)
            groups.emplace_back();
        groups[it->second].push_back(i);
    }
    NestedResult out;
    Experiments& t = out.atTarget;
    t.domains = e.domains;
    t.targets = e.targets;
    t.source = e.source;
    const std::size_t T = e.targets.size();
    for (const auto& rows : groups) {
        const std::int64_t line = e.lines[rows.front()];
        // Per model size (one bucket when the size is not extrapolated).
        std::map<double, std::vector<std::size_t>> bySizeRows;
        for (std::size_t i : rows)
            bySizeRows[bySize ? e.modelSize[i] : 0.0].push_back(i);
        if (!bySize && !e.modelSize.empty())
            for (std::size_t i : rows)
                if (e.modelSize[i] != e.modelSize[rows.front()])
                    return fail(line, "several model sizes for one mixture: give a target size");
        std::vector<double> lossAt(T), se(T, NAN);
        for (std::size_t ti = 0; ti < T; ++ti) {
            std::vector<double> sizes, atSteps, stepSe;
            for (const auto& [size, rs] : bySizeRows) {
                double v = NAN, s = NAN;
                if (bySteps) {
                    std::vector<double> xs, ys;
                    for (std::size_t i : rs) {
                        xs.push_back(stepCol[i]);
                        ys.push_back(e.losses[i][ti]);
                    }
                    std::vector<double> distinct = xs;
                    std::sort(distinct.begin(), distinct.end());
                    if (std::unique(distinct.begin(), distinct.end()) - distinct.begin() < 3)
                        return fail(line, "the mixture of this row needs runs at 3 or more step counts to "
                                          "extrapolate in steps");
                    const auto f = fitPowerLaw(xs, ys);
                    if (!f.summary.isUsable())
                        return fail(line, "step-law fit failed: " + f.summary.message);
                    v = f.predict(options.targetSteps);
                    s = f.stderrAt(options.targetSteps);
                } else {
                    if (rs.size() != 1)
                        return fail(line, "several runs for one mixture and size: give a target step count");
                    v = e.losses[rs.front()][ti];
                }
                sizes.push_back(size);
                atSteps.push_back(v);
                stepSe.push_back(s);
            }
            if (bySize) {
                if (sizes.size() < 3)
                    return fail(line,
                                "the mixture of this row needs runs at 3 or more model sizes to extrapolate "
                                "in size");
                const auto f = fitPowerLaw(sizes, atSteps);
                if (!f.summary.isUsable())
                    return fail(line, "size-law fit failed: " + f.summary.message);
                lossAt[ti] = f.predict(options.targetSize);
                se[ti] = f.stderrAt(options.targetSize);
            } else {
                lossAt[ti] = atSteps.front();
                se[ti] = stepSe.front();
            }
            if (!(lossAt[ti] > 0.0) || !std::isfinite(lossAt[ti]))
                return fail(line, "the extrapolated loss is not positive and finite");
        }
        t.mixtures.push_back(e.mixtures[rows.front()]);
        t.losses.push_back(lossAt);
        t.ids.push_back(e.ids[rows.front()]);
        t.lines.push_back(line);
        out.band.push_back(se);
    }
    if (t.rows() < e.domains.size() + 2)
        return fail(0, "only " + std::to_string(t.rows()) + " distinct mixtures: the mixing law over " +
                           std::to_string(e.domains.size()) + " domains needs at least " +
                           std::to_string(e.domains.size() + 2));
    out.fit = fitMixingLaw(t, options.mixing);
    return R::success(std::move(out));
}

} // namespace losscast::core::mixing
