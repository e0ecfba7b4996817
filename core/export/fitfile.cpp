#include "core/export/fitfile.h"

#include "core/export/sha256.h"
#include "core/fit/uncertainty.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <cmath>

namespace losscast::core {

JsonValue summaryToJson(const fit::Summary& s)
{
    JsonValue v = JsonValue::object();
    v.set("seconds", s.seconds);
    v.set("status", fit::toString(s.status));
    v.set("iterations", s.iterations);
    v.set("final_cost", s.finalCost);
    v.set("starts", s.starts);
    v.set("message", s.message);
    return v;
}

JsonValue namedNumbers(const std::vector<std::string>& names, const std::vector<double>& values)
{
    JsonValue v = JsonValue::object();
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
        v.set(names[i], values[i]);
    return v;
}

void addBoundMarkers(JsonValue& v, const std::vector<std::string>& names, const std::vector<double>& params,
                     const std::vector<ParamInfo>& infos, const std::vector<bool>& held)
{
    const auto sides = fit::boundsReached(infos, params);
    JsonValue at = JsonValue::object();
    JsonValue notes = JsonValue::object();
    bool any = false;
    for (std::size_t i = 0; i < names.size() && i < sides.size(); ++i) {
        const bool onBound = sides[i] != fit::BoundSide::None && !(i < held.size() && held[i]);
        at.set(names[i], onBound);
        if (onBound) {
            any = true;
            notes.set(names[i],
                      fit::atBoundNote(names[i], sides[i],
                                       sides[i] == fit::BoundSide::Lower ? infos[i].lower : infos[i].upper));
        }
    }
    v.set("at_bound", std::move(at));
    if (any)
        v.set("stderr_note", std::move(notes));
}

JsonValue metricsToJson(const fit::Metrics& m)
{
    JsonValue v = JsonValue::object();
    v.set("r2", m.r2);
    v.set("mae", m.mae);
    v.set("rmse", m.rmse);
    v.set("pred_e", m.predE);
    v.set("worst_e", m.worstE);
    v.set("points", static_cast<double>(m.points));
    return v;
}

FitFile makeFitFile(const CurveLaw& law, const fit::CurveFit& fit, const std::vector<Curve>& curves)
{
    FitFile f;
    f.fit = fit;
    f.formula = law.formula();
    f.version = version();
    for (const auto& c : curves) {
        FittedFile ff;
        ff.path = c.source.empty() ? c.name : c.source;
        ff.sha256 = sha256File(ff.path).value_or("");
        ff.points = c.loss.size();
        f.files.push_back(std::move(ff));
    }
    try {
        f.warnings = fit::fitWarnings(law, fit, curves);
    } catch (const std::exception&) {
        // a law that cannot prepare the curves any more gives no warnings; the fit is still written
    }
    return f;
}

JsonValue warningsToJson(const std::vector<fit::FitWarning>& warnings)
{
    JsonValue a = JsonValue::array();
    for (const auto& w : warnings) {
        JsonValue o = JsonValue::object();
        o.set("code", w.code);
        o.set("message", w.message);
        // What the window words the warning from (and a script can read without parsing the message): the
        // parameter on its bound and that bound; the saturated C.
        if (!w.parameter.empty())
            o.set("parameter", w.parameter);
        if (!w.parameter.empty() || w.code == fit::kWarnDropSaturated)
            if (std::isfinite(w.value))
                o.set("value", w.value);
        a.push(std::move(o));
    }
    return a;
}

JsonValue toJson(const FitFile& file)
{
    const auto& fit = file.fit;
    JsonValue v = JsonValue::object();
    v.set("law", fit.law);
    if (!file.formula.empty())
        v.set("formula", file.formula);
    v.set("params", namedNumbers(fit.names, fit.params));
    if (!fit.stderrs.empty())
        v.set("stderr", namedNumbers(fit.names, fit.stderrs));
    if (const auto law = findCurveLaw(fit.law); law && law->parameters().size() == fit.params.size())
        addBoundMarkers(v, fit.names, fit.params, law->parameters());
    JsonValue settings = JsonValue::object();
    for (const auto& [k, x] : fit.settings)
        settings.set(k, x);
    v.set("settings", std::move(settings));
    const std::size_t p = fit.names.size();
    if (fit.covariance.size() == p * p && p > 0) {
        JsonValue rows = JsonValue::array();
        for (std::size_t i = 0; i < p; ++i) {
            JsonValue row = JsonValue::array();
            for (std::size_t j = 0; j < p; ++j)
                row.push(fit.covariance[i * p + j]);
            rows.push(std::move(row));
        }
        v.set("covariance", std::move(rows));
    }
    v.set("fit", summaryToJson(fit.summary));
    if (!file.warnings.empty()) // absent when there are none, so older files round-trip unchanged
        v.set("warnings", warningsToJson(file.warnings));
    if (file.bandRelSigma > 0.0) {
        JsonValue band = JsonValue::object();
        band.set("rel_sigma", file.bandRelSigma);
        band.set("method", file.bandMethod);
        v.set("band", std::move(band));
    }
    JsonValue files = JsonValue::array();
    for (const auto& f : file.files) {
        JsonValue o = JsonValue::object();
        o.set("path", f.path);
        o.set("sha256", f.sha256);
        o.set("points", static_cast<double>(f.points));
        files.push(std::move(o));
    }
    v.set("files", std::move(files));
    v.set("losscast_version", file.version.empty() ? version() : file.version);
    return v;
}

Result<FitFile> parseFitFile(std::string_view text, const std::string& name)
{
    auto fail = [&](const std::string& where, const std::string& msg) {
        Diagnostic d;
        d.file = name;
        d.where = where;
        d.message = msg;
        return Result<FitFile>::failure(d);
    };
    JsonParseOptions po;
    po.name = name;
    po.allowNanTokens = true;
    auto parsed = parseJson(text, po);
    if (!parsed)
        return Result<FitFile>{std::nullopt, parsed.diagnostics};
    const JsonValue& root = *parsed;
    if (!root.isObject())
        return fail("", "expected a JSON object with \"law\" and \"params\"");
    const std::string lawId = root.string("law");
    if (lawId.empty())
        return fail("law", "missing; expected the id of a law, e.g. \"mtl\"");
    auto law = findCurveLaw(lawId);
    if (!law) {
        std::string known;
        for (const auto& l : curveLaws())
            known += (known.empty() ? "" : ", ") + l->id();
        return fail("law", "unknown law '" + lawId + "' (known: " + known + ")");
    }
    const JsonValue* params = root.find("params");
    if (!params || !params->isObject())
        return fail("params", "missing; expected an object {name: value}");

    FitFile f;
    f.fit.law = lawId;
    f.formula = root.string("formula", law->formula());
    f.version = root.string("losscast_version");
    const auto infos = law->parameters();
    const JsonValue* stderrs = root.find("stderr");
    for (const auto& info : infos) {
        const JsonValue* x = params->find(info.name);
        if (!x)
            return fail("params." + info.name, "missing (law '" + lawId + "' needs it)");
        if (!x->isNumber() || !std::isfinite(x->toNumber()))
            return fail("params." + info.name, "expected a finite number");
        if (x->toNumber() < info.lower || x->toNumber() > info.upper)
            return fail("params." + info.name,
                        formatDouble(x->toNumber()) + " is outside the law's bounds [" +
                            formatDouble(info.lower) + ", " + formatDouble(info.upper) + "]");
        f.fit.names.push_back(info.name);
        f.fit.params.push_back(x->toNumber());
        const JsonValue* se = stderrs ? stderrs->find(info.name) : nullptr;
        f.fit.stderrs.push_back(se && se->isNumber() ? se->toNumber() : std::nan(""));
    }
    for (const auto& m : params->toObject()) {
        bool known = false;
        for (const auto& info : infos)
            known = known || info.name == m.key;
        if (!known)
            return fail("params." + m.key, "not a parameter of law '" + lawId + "'");
    }
    f.fit.settings = law->defaultSettings();
    if (const JsonValue* s = root.find("settings"); s && s->isObject())
        for (const auto& m : s->toObject()) {
            if (!m.value.isNumber())
                return fail("settings." + m.key, "expected a number");
            f.fit.settings[m.key] = m.value.toNumber();
        }
    const std::size_t p = infos.size();
    if (const JsonValue* c = root.find("covariance"); c && c->isArray() && c->size() == p) {
        std::vector<double> cov;
        for (const auto& row : c->toArray()) {
            if (!row.isArray() || row.size() != p)
                return fail("covariance",
                            "expected a " + std::to_string(p) + "×" + std::to_string(p) + " array of arrays");
            for (const auto& x : row.toArray())
                cov.push_back(x.toNumber(std::nan("")));
        }
        f.fit.covariance = std::move(cov);
    }
    if (const JsonValue* s = root.find("fit"); s && s->isObject()) {
        f.fit.summary.seconds = s->number("seconds");
        f.fit.summary.iterations = static_cast<int>(s->integer("iterations"));
        f.fit.summary.finalCost = s->number("final_cost");
        f.fit.summary.starts = static_cast<int>(s->integer("starts"));
        f.fit.summary.message = s->string("message");
        const std::string status = s->string("status");
        for (auto st : {fit::Status::Converged, fit::Status::MaxIterations, fit::Status::TimeLimit,
                        fit::Status::Cancelled, fit::Status::Failed})
            if (fit::toString(st) == status)
                f.fit.summary.status = st;
    }
    if (const JsonValue* w = root.find("warnings"); w && w->isArray())
        for (const auto& o : w->toArray())
            if (o.isObject())
                f.warnings.push_back(
                    {o.string("code"), o.string("message"), o.string("parameter"), o.number("value", 0.0)});
    if (const JsonValue* b = root.find("band"); b && b->isObject()) {
        const double sigma = b->number("rel_sigma", 0.0);
        if (!std::isfinite(sigma) || sigma < 0.0 || sigma > 1.0)
            return fail("band.rel_sigma", "expected a number in [0, 1]");
        f.bandRelSigma = sigma;
        f.bandMethod = b->string("method");
    }
    if (const JsonValue* files = root.find("files"); files && files->isArray())
        for (const auto& o : files->toArray())
            f.files.push_back({o.string("path"), o.string("sha256"),
                               static_cast<std::size_t>(std::max<std::int64_t>(0, o.integer("points")))});
    return Result<FitFile>::success(std::move(f));
}

Result<FitFile> readFitFile(const std::string& path)
{
    auto text = readTextFile(path);
    if (!text)
        return Result<FitFile>{std::nullopt, text.diagnostics};
    return parseFitFile(*text, path);
}

} // namespace losscast::core
