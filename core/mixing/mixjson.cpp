#include "core/mixing/mixjson.h"
#include "core/io/textcheck.h"

#include "core/export/fitfile.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <cmath>

namespace losscast::core::mixing {

namespace {

Diagnostic err(const std::string& file, const std::string& where, const std::string& msg)
{
    return Diagnostic{Diagnostic::Severity::Error, file, 0, where, msg};
}

} // namespace

JsonValue toJson(const MixingLawFit& fit)
{
    JsonValue v = JsonValue::object();
    v.set("law", kMixingLawId);
    v.set("formula", "L_i(r) = c_i + k_i*exp(sum_j t_ij*r_j); L(r) = sum_i w_i*L_i(r) (Ye et al. 2024, "
                     "arXiv 2403.16952)");
    JsonValue domains = JsonValue::array();
    for (const auto& d : fit.domains)
        domains.push(d);
    v.set("domains", std::move(domains));
    JsonValue targets = JsonValue::array();
    for (std::size_t i = 0; i < fit.targets.size(); ++i) {
        const auto& t = fit.targets[i];
        JsonValue o = JsonValue::object();
        o.set("name", t.target);
        o.set("weight", fit.weights[i]);
        o.set("c", t.c);
        o.set("k", t.k);
        o.set("t", namedNumbers(fit.domains, t.t));
        JsonValue se = JsonValue::object();
        se.set("c", t.cStderr);
        se.set("k", t.kStderr);
        se.set("t", namedNumbers(fit.domains, t.tStderr));
        o.set("stderr", std::move(se));
        JsonValue theta = JsonValue::array();
        for (double x : t.theta)
            theta.push(x);
        o.set("theta", std::move(theta));
        JsonValue cov = JsonValue::array();
        for (double x : t.covariance)
            cov.push(x);
        o.set("covariance", std::move(cov));
        o.set("fit", summaryToJson(t.summary));
        targets.push(std::move(o));
    }
    v.set("targets", std::move(targets));
    JsonValue f = JsonValue::object();
    f.set("seconds", fit.seconds);
    v.set("fit", std::move(f));
    v.set("losscast_version", version());
    return v;
}

Result<MixingLawFit> mixingFitFromJson(const JsonValue& v, const std::string& name)
{
    using R = Result<MixingLawFit>;
    if (v.string("law") != kMixingLawId)
        return R::failure(
            err(name, "law", std::string("not a mixing-law fit (\"law\" must be \"") + kMixingLawId + "\")"));
    MixingLawFit fit;
    const JsonValue* domains = v.find("domains");
    if (!domains || !domains->isArray() || domains->size() == 0)
        return R::failure(err(name, "domains", "missing or empty array"));
    for (const auto& d : domains->toArray()) {
        if (!d.isString())
            return R::failure(err(name, "domains", "every domain must be a string"));
        fit.domains.push_back(d.toString());
    }
    const std::size_t D = fit.domains.size();
    const JsonValue* targets = v.find("targets");
    if (!targets || !targets->isArray() || targets->size() == 0)
        return R::failure(err(name, "targets", "missing or empty array"));
    for (std::size_t i = 0; i < targets->size(); ++i) {
        const JsonValue& o = targets->toArray()[i];
        const std::string where = "targets[" + std::to_string(i) + "]";
        TargetLaw t;
        t.target = o.string("name");
        const JsonValue* theta = o.find("theta");
        if (!theta || !theta->isArray() || theta->size() != 1 + D)
            return R::failure(err(name, where + ".theta", "expected " + std::to_string(1 + D) + " numbers"));
        for (const auto& x : theta->toArray()) {
            if (!x.isNumber() || !std::isfinite(x.toNumber()))
                return R::failure(err(name, where + ".theta", "every entry must be a finite number"));
            t.theta.push_back(x.toNumber());
        }
        if (const JsonValue* cov = o.find("covariance");
            cov && cov->isArray() && cov->size() == (1 + D) * (1 + D))
            for (const auto& x : cov->toArray())
                t.covariance.push_back(x.isNumber() ? x.toNumber() : NAN);
        t.summary.status = fit::Status::Converged;
        t.summary.message = "read from " + name;
        fit.targets.push_back(std::move(t));
        const double w = o.number("weight", 1.0);
        if (!(w >= 0.0) || !std::isfinite(w))
            return R::failure(err(name, where + ".weight", "must be a finite number ≥ 0"));
        fit.weights.push_back(w);
    }
    double s = 0.0;
    for (double w : fit.weights)
        s += w;
    for (double& w : fit.weights)
        w = s > 0.0 ? w / s : 1.0 / static_cast<double>(fit.weights.size());
    // Recompute the reported (c, k, t) from theta so the value is self-consistent.
    for (auto& t : fit.targets) {
        double mean = 0.0;
        for (std::size_t j = 0; j < D; ++j)
            mean += t.theta[1 + j];
        mean /= static_cast<double>(D);
        t.c = t.theta[0];
        t.k = std::exp(mean);
        for (std::size_t j = 0; j < D; ++j)
            t.t.push_back(t.theta[1 + j] - mean);
    }
    return R::success(std::move(fit));
}

Result<MixingLawFit> readMixingFit(const std::string& path)
{
    auto text = readCheckedTextFile(path, 1u << 28);
    if (!text)
        return Result<MixingLawFit>::failure(text.diagnostics.front());
    auto json = parseJson(*text);
    if (!json) {
        auto d = json.diagnostics.front();
        d.file = path;
        return Result<MixingLawFit>::failure(d);
    }
    return mixingFitFromJson(*json, path);
}

JsonValue predictionToJson(const MixingLawFit& fit, std::span<const double> mixture,
                           const MixturePrediction& p)
{
    JsonValue o = JsonValue::object();
    o.set("mixture", namedNumbers(fit.domains, std::vector<double>(mixture.begin(), mixture.end())));
    std::vector<std::string> names;
    for (const auto& t : fit.targets)
        names.push_back(t.target);
    o.set("loss", namedNumbers(names, p.loss));
    o.set("stderr", namedNumbers(names, p.stderrs));
    o.set("overall", p.overall);
    o.set("overall_stderr", p.overallStderr);
    JsonValue band = JsonValue::array();
    band.push(p.overall - 2.0 * p.overallStderr);
    band.push(p.overall + 2.0 * p.overallStderr);
    o.set("overall_band", std::move(band));
    return o;
}

int findDomain(const std::vector<std::string>& domains, const std::string& name)
{
    for (std::size_t j = 0; j < domains.size(); ++j)
        if (domains[j] == name)
            return static_cast<int>(j);
    int found = -1;
    const std::string suffix = "_" + name;
    for (std::size_t j = 0; j < domains.size(); ++j) {
        const auto& d = domains[j];
        if (d.size() > suffix.size() && d.compare(d.size() - suffix.size(), suffix.size(), suffix) == 0) {
            if (found >= 0)
                return -2;
            found = static_cast<int>(j);
        }
    }
    return found;
}

} // namespace losscast::core::mixing
