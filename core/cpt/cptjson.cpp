#include "core/cpt/cptjson.h"

#include "core/export/fitfile.h"
#include "core/schedule/schedule.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <algorithm>
#include <cmath>

namespace losscast::core::cpt {

JsonValue toJson(const CptFit& fit)
{
    JsonValue v = JsonValue::object();
    v.set("formula", CptLaw(fit.law).formula());
    v.set("replay", fit.law.replay);
    v.set("replay_form", toString(fit.law.replayForm));
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

namespace {

/// Largest |a − b| relative to the largest |a|.
bool sameLrs(std::span<const double> a, std::span<const double> b)
{
    if (a.size() != b.size())
        return false;
    double top = 0.0, worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        top = std::max(top, std::abs(a[i]));
        worst = std::max(worst, std::abs(a[i] - b[i]));
    }
    return worst <= 1e-12 * top;
}

/// A schedule's text form that renders `lr` (steps 0..N), if one of the usual shapes does: cosine from the
/// warmup's end, or straight lines through few points (constant, linear, WSD with a linear decay, logged LRs
/// interpolated between log lines).
std::optional<std::string> matchingSpec(std::span<const double> lr, std::int64_t warmup)
{
    const auto n = static_cast<std::int64_t>(lr.size()) - 1;
    std::vector<std::string> candidates;
    if (warmup >= 0 && warmup < n) {
        SchedulePhase cos;
        cos.kind = ScheduleKind::Cosine;
        cos.steps = n;
        cos.warmup = warmup;
        cos.warmupStart = warmup > 0 ? lr[0] : 0.0;
        cos.peak = lr[static_cast<std::size_t>(warmup)];
        cos.final = lr.back();
        if (auto s = Schedule::create({cos}); s && sameLrs(s->render(), lr))
            candidates.push_back(s->toText());
    }
    // Straight lines through the kinks (where the second difference is not ~0): exact for piecewise-linear
    // LRs (constant, linear, WSD-linear, and logged LRs interpolated between log lines, however many), found
    // in one pass; worth it only when far fewer points than steps are needed.
    double top = 0.0;
    for (double x : lr)
        top = std::max(top, std::abs(x));
    const double tol = 1e-14 * top;
    const std::size_t cap = static_cast<std::size_t>(n / 4 + 2);
    std::vector<LrPoint> points{{0.0, lr[0]}};
    for (std::size_t i = 1; i + 1 < lr.size() && points.size() < cap; ++i)
        if (!(std::abs(lr[i + 1] - 2.0 * lr[i] + lr[i - 1]) <= tol))
            points.push_back({static_cast<double>(i), lr[i]});
    if (points.size() < cap) {
        points.push_back({static_cast<double>(n), lr.back()});
        SchedulePhase pw;
        pw.kind = ScheduleKind::Piecewise;
        pw.steps = n;
        pw.points = std::move(points);
        if (auto s = Schedule::create({pw}); s && sameLrs(s->render(), lr))
            candidates.push_back(s->toText());
    }
    if (candidates.empty())
        return std::nullopt;
    return *std::min_element(candidates.begin(), candidates.end(),
                             [](const auto& a, const auto& b) { return a.size() < b.size(); });
}

} // namespace

JsonValue ptScheduleToJson(std::span<const double> lr, std::int64_t warmupSteps)
{
    JsonValue v = JsonValue::object();
    v.set("steps", static_cast<double>(lr.empty() ? 0 : lr.size() - 1));
    v.set("warmup_steps", static_cast<double>(warmupSteps));
    if (lr.size() >= 2)
        if (auto spec = matchingSpec(lr, warmupSteps)) {
            v.set("spec", *spec);
            return v;
        }
    JsonValue runs = JsonValue::array();
    for (std::size_t i = 0; i < lr.size(); ++i)
        if (i == 0 || lr[i] != lr[i - 1]) {
            JsonValue pair = JsonValue::array();
            pair.push(static_cast<double>(i));
            pair.push(lr[i]);
            runs.push(std::move(pair));
        }
    v.set("lr_runs", std::move(runs));
    return v;
}

Result<std::vector<double>> ptScheduleFromJson(const JsonValue& v, std::int64_t& warmupSteps,
                                               const std::string& where)
{
    auto fail = [&](const std::string& member, const std::string& msg) {
        Diagnostic d;
        d.where = member.empty() ? where : where + "." + member;
        d.message = msg;
        return Result<std::vector<double>>::failure(std::move(d));
    };
    if (!v.isObject())
        return fail("", "expected an object with \"steps\" and \"spec\" or \"lr_runs\"");
    const double steps = v.number("steps", -1.0);
    if (!(steps >= 1.0 && steps <= 50'000'000.0) || steps != std::floor(steps))
        return fail("steps", "expected an integer in 1..50000000");
    const auto n = static_cast<std::int64_t>(steps);
    const double w = v.number("warmup_steps", 0.0);
    if (!(w >= 0.0 && w <= steps) || w != std::floor(w))
        return fail("warmup_steps", "expected an integer in 0..steps");
    warmupSteps = static_cast<std::int64_t>(w);
    if (const JsonValue* spec = v.find("spec")) {
        auto s = Schedule::fromText(spec->toString());
        if (!s)
            return fail("spec", s.errorText());
        if (s->totalSteps() != n)
            return fail("spec", "has " + std::to_string(s->totalSteps()) + " steps, \"steps\" says " +
                                    std::to_string(n));
        return Result<std::vector<double>>::success(s->render());
    }
    const JsonValue* runs = v.find("lr_runs");
    if (!runs || !runs->isArray() || runs->toArray().empty())
        return fail("", "expected \"spec\" or a non-empty \"lr_runs\" array");
    const auto& a = runs->toArray();
    std::vector<double> lr;
    lr.reserve(static_cast<std::size_t>(n) + 1);
    for (std::size_t k = 0; k < a.size(); ++k) {
        const std::string at = "lr_runs[" + std::to_string(k) + "]";
        const auto& pair = a[k].toArray();
        if (pair.size() != 2 || !pair[0].isNumber() || !pair[1].isNumber())
            return fail(at, "expected [step, LR]");
        const double s = pair[0].toNumber(), x = pair[1].toNumber();
        const double expected = static_cast<double>(lr.size());
        if (k == 0 ? s != 0.0 : !(s > expected - 1.0) || s > steps || s != std::floor(s))
            return fail(at, k == 0 ? "the first run must start at step 0"
                                   : "steps must be integers, ascending, within 0..steps");
        if (!(x >= 0.0) || !std::isfinite(x))
            return fail(at, "the LR must be finite and >= 0");
        lr.resize(static_cast<std::size_t>(s), lr.empty() ? x : lr.back());
        lr.push_back(x);
    }
    lr.resize(static_cast<std::size_t>(n) + 1, lr.back());
    return Result<std::vector<double>>::success(std::move(lr));
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
    if (pair.ptSchedule.size() >= 2)
        v.set("pt_schedule", ptScheduleToJson(pair.ptSchedule, pair.ptWarmupSteps));
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
        // Files written before the replay form existed used the paper's Eq. (8).
        o.replayForm = ReplayForm::Paper;
        if (const JsonValue* rf = m->find("replay_form");
            rf && !parseReplayForm(rf->toString(), o.replayForm))
            return fail(key + ".replay_form", "expected \"paper\" or \"cpt_share\"");
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
    if (const JsonValue* pt = root.find("pt_schedule")) {
        auto lr = ptScheduleFromJson(*pt, pair.ptWarmupSteps);
        if (!lr) {
            auto diags = lr.diagnostics;
            for (auto& d : diags)
                d.file = name;
            return Result<CptFitPair>{std::nullopt, diags};
        }
        pair.ptSchedule = std::move(*lr);
    }
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
