#include "core/cpt/cptjson.h"

#include "core/export/fitfile.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <cmath>

namespace losscast::core::cpt {

JsonValue toJson(const CptFit& fit)
{
    JsonValue v = JsonValue::object();
    v.set("formula", CptLaw(fit.law).formula());
    v.set("replay", fit.law.replay);
    JsonValue range = JsonValue::array();
    range.push(fit.replayMin);
    range.push(fit.replayMax);
    v.set("replay_range", std::move(range));
    v.set("params", namedNumbers(fit.names, fit.params));
    v.set("stderr", namedNumbers(fit.names, fit.stderrs));
    if (const auto infos = CptLaw(fit.law).parameters(); infos.size() == fit.params.size())
        addBoundMarkers(v, fit.names, fit.params, infos, fit.held);
    JsonValue held = JsonValue::array();
    for (std::size_t j = 0; j < fit.names.size(); ++j)
        if (j < fit.held.size() && fit.held[j])
            held.push(fit.names[j]);
    v.set("held", std::move(held));
    const std::size_t p = fit.params.size();
    if (fit.covariance.size() == p * p) {
        JsonValue cov = JsonValue::array();
        for (std::size_t a = 0; a < p; ++a) {
            JsonValue row = JsonValue::array();
            for (std::size_t b = 0; b < p; ++b)
                row.push(fit.covariance[a * p + b]);
            cov.push(std::move(row));
        }
        v.set("covariance", std::move(cov));
    }
    if (fit.summary.status != fit::Status::NotRun)
        v.set("fit", summaryToJson(fit.summary));
    return v;
}

JsonValue toJson(const CptFitPair& pair)
{
    JsonValue v = JsonValue::object();
    v.set("law", "cpt");
    const CptFit* any = pair.general ? &*pair.general : pair.domain ? &*pair.domain : nullptr;
    JsonValue s = JsonValue::object();
    if (any) {
        s.set("lambda", any->law.lambda);
        s.set("warmup_as_peak", any->law.warmupAsPeak);
        s.set("open_source", any->law.openSource);
        s.set("model_size", any->law.modelSize);
    }
    v.set("settings", std::move(s));
    if (pair.general)
        v.set("general", toJson(*pair.general));
    if (pair.domain)
        v.set("domain", toJson(*pair.domain));
    v.set("losscast_version", core::version());
    return v;
}

Result<CptFitPair> parseCptFitFile(std::string_view text, const std::string& name)
{
    auto fail = [&](const std::string& where, const std::string& msg) {
        Diagnostic d;
        d.file = name;
        d.where = where;
        d.message = msg;
        return Result<CptFitPair>::failure(d);
    };
    JsonParseOptions po;
    po.name = name;
    po.allowNanTokens = true;
    auto parsed = parseJson(text, po);
    if (!parsed)
        return Result<CptFitPair>{std::nullopt, parsed.diagnostics};
    const JsonValue& root = *parsed;
    if (!root.isObject() || root.string("law") != "cpt")
        return fail("law",
                    "not a CPT fit file (expected \"law\": \"cpt\", as written by 'losscast-cli cpt fit')");
    CptLawOptions base;
    if (const JsonValue* s = root.find("settings")) {
        base.lambda = s->number("lambda", base.lambda);
        base.warmupAsPeak = s->boolean("warmup_as_peak", false);
        base.openSource = s->boolean("open_source", false);
        base.modelSize = s->boolean("model_size", false);
        if (!(base.lambda >= 0.0 && base.lambda < 1.0))
            return fail("settings.lambda", "must be in [0, 1)");
    }
    CptFitPair pair;
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        const std::string key = toString(set);
        const JsonValue* m = root.find(key);
        if (!m)
            continue;
        CptLawOptions o = base;
        o.set = set;
        o.replay = m->boolean("replay", false);
        const JsonValue* params = m->find("params");
        if (!params || !params->isObject())
            return fail(key + ".params", "missing object");
        std::map<std::string, double> values;
        for (const auto& pi : CptLaw(o).parameters()) {
            const JsonValue* v = params->find(pi.name);
            if (!v || !v->isNumber() || !std::isfinite(v->toNumber()))
                return fail(key + ".params." + pi.name, "missing or not a finite number");
            values[pi.name] = v->toNumber();
        }
        CptFit fit = makeFit(o, values);
        if (const JsonValue* se = m->find("stderr"))
            for (std::size_t j = 0; j < fit.names.size(); ++j)
                fit.stderrs[j] = se->number(fit.names[j], std::nan(""));
        for (std::size_t j = 0; j < fit.names.size(); ++j)
            fit.held[j] = false;
        if (const JsonValue* rr = m->find("replay_range")) {
            const auto& a = rr->toArray();
            if (a.size() != 2 ||
                !(a[0].toNumber(-1) >= 0.0 && a[0].toNumber() <= a[1].toNumber(-1) && a[1].toNumber() <= 1.0))
                return fail(key + ".replay_range", "expected [min, max] with 0 <= min <= max <= 1");
            fit.replayMin = a[0].toNumber();
            fit.replayMax = a[1].toNumber();
        }
        if (const JsonValue* h = m->find("held"))
            for (const auto& e : h->toArray())
                for (std::size_t j = 0; j < fit.names.size(); ++j)
                    if (e.toString() == fit.names[j])
                        fit.held[j] = true;
        (set == ValidationSet::General ? pair.general : pair.domain) = std::move(fit);
    }
    if (!pair.general && !pair.domain)
        return fail("", "neither a \"general\" nor a \"domain\" fit in the file");
    return Result<CptFitPair>::success(std::move(pair));
}

Result<CptFitPair> readCptFitFile(const std::string& path)
{
    auto text = readTextFile(path, 64u << 20);
    if (!text)
        return Result<CptFitPair>{std::nullopt, text.diagnostics};
    return parseCptFitFile(*text, path);
}

} // namespace losscast::core::cpt
