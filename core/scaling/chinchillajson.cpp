#include "core/scaling/chinchillajson.h"

#include "core/export/fitfile.h"

#include <cmath>
#include <limits>

namespace losscast::core::scaling {

namespace {

const std::vector<std::string> kNames = {"E", "A", "B", "alpha", "beta"};

std::vector<double> asVector(const ChinchillaParams& p)
{
    return {p.E, p.A, p.B, p.alpha, p.beta};
}

JsonValue pair(double lo, double hi)
{
    JsonValue a = JsonValue::array();
    a.push(lo);
    a.push(hi);
    return a;
}

} // namespace

JsonValue chinchillaFitToJson(const ChinchillaFit& fit, const RunsTable& table, double huberDelta,
                              const ChinchillaBootstrap* boot, double level)
{
    JsonValue out = JsonValue::object();
    out.set("law", "chinchilla");
    out.set("formula",
            "L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3; N parameters, D "
            "tokens)");
    out.set("params", namedNumbers(kNames, asVector(fit.params)));
    out.set("stderr", namedNumbers(kNames, asVector(fit.stderrs)));
    const double s = fit.params.alpha + fit.params.beta;
    JsonValue derived = JsonValue::object();
    derived.set("a", fit.params.beta / s);
    derived.set("b", fit.params.alpha / s);
    out.set("derived", std::move(derived));
    if (fit.covariance.size() == 25) {
        JsonValue cov = JsonValue::array();
        for (int i = 0; i < 5; ++i) {
            JsonValue row = JsonValue::array();
            for (int j = 0; j < 5; ++j)
                row.push(fit.covariance[static_cast<std::size_t>(i * 5 + j)]);
            cov.push(std::move(row));
        }
        out.set("covariance", std::move(cov));
    }
    JsonValue summary = summaryToJson(fit.summary);
    summary.set("grid_starts", fit.gridStarts);
    summary.set("runs", static_cast<double>(fit.runs));
    summary.set("huber_delta", huberDelta);
    out.set("fit", std::move(summary));
    JsonValue tableJson = JsonValue::object();
    tableJson.set("path", table.source);
    tableJson.set("runs", static_cast<double>(table.runs.size()));
    tableJson.set("n_column", table.nColumn);
    if (table.flopsColumn.empty())
        tableJson.set("d_column", table.dColumn);
    else
        tableJson.set("flops_column", table.flopsColumn);
    tableJson.set("loss_column", table.lossColumn);
    out.set("table", std::move(tableJson));
    if (boot && boot->requested > 0) {
        JsonValue b = JsonValue::object();
        b.set("requested", boot->requested);
        b.set("succeeded", boot->succeeded);
        b.set("seconds", boot->seconds);
        b.set("level", level);
        JsonValue intervals = JsonValue::object();
        const double q = (1.0 - level) / 2.0;
        for (std::size_t j = 0; j < 5; ++j) {
            std::vector<double> v;
            for (const auto& smp : boot->samples)
                v.push_back(smp[j]);
            intervals.set(kNames[j], pair(percentile(v, q), percentile(v, 1.0 - q)));
        }
        std::vector<double> av, bv;
        for (const auto& smp : boot->samples) {
            av.push_back(smp[4] / (smp[3] + smp[4]));
            bv.push_back(smp[3] / (smp[3] + smp[4]));
        }
        intervals.set("a", pair(percentile(av, q), percentile(av, 1.0 - q)));
        intervals.set("b", pair(percentile(bv, q), percentile(bv, 1.0 - q)));
        b.set("intervals", std::move(intervals));
        JsonValue samples = JsonValue::array();
        for (const auto& smp : boot->samples) {
            JsonValue row = JsonValue::array();
            for (double v : smp)
                row.push(v);
            samples.push(std::move(row));
        }
        b.set("samples", std::move(samples));
        out.set("bootstrap", std::move(b));
    }
    return out;
}

std::pair<double, double> chinchillaInterval(const ChinchillaParams& params,
                                             const std::vector<double>& covariance,
                                             const std::vector<ChinchillaParams>& samples, double level,
                                             const std::function<double(const ChinchillaParams&)>& g)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double q = (1.0 - level) / 2.0;
    if (samples.size() >= 2) {
        std::vector<double> v;
        v.reserve(samples.size());
        for (const auto& s : samples)
            v.push_back(g(s));
        return {percentile(v, q), percentile(v, 1.0 - q)};
    }
    if (covariance.size() != 25)
        return {nan, nan};
    std::vector<double> x = asVector(params), grad(5);
    auto at = [&](const std::vector<double>& y) { return g({y[0], y[1], y[2], y[3], y[4]}); };
    for (std::size_t j = 0; j < 5; ++j) {
        const double h = 1e-6 * std::max(std::abs(x[j]), 1e-3);
        auto up = x, dn = x;
        up[j] += h;
        dn[j] -= h;
        grad[j] = (at(up) - at(dn)) / (2 * h);
    }
    double var = 0.0;
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t j = 0; j < 5; ++j)
            var += grad[i] * covariance[i * 5 + j] * grad[j];
    // Normal quantile by bisection on erfc (level in (0, 1)).
    double lo = 0.0, hi = 10.0;
    for (int k = 0; k < 100; ++k) {
        const double mid = 0.5 * (lo + hi);
        (std::erfc(mid / std::sqrt(2.0)) > 1.0 - level ? lo : hi) = mid;
    }
    const double z = 0.5 * (lo + hi), c = at(x), sd = std::sqrt(std::max(0.0, var));
    return {c - z * sd, c + z * sd};
}

std::vector<ChinchillaParams> bootstrapParams(const ChinchillaBootstrap& boot)
{
    std::vector<ChinchillaParams> out;
    for (const auto& s : boot.samples) {
        if (s.size() != 5)
            continue;
        ChinchillaParams p{s[0], s[1], s[2], s[3], s[4]};
        if (p.A > 0 && p.B > 0 && p.alpha > 0 && p.beta > 0)
            out.push_back(p);
    }
    return out;
}

} // namespace losscast::core::scaling
