#include "core/session/session.h"

#include "core/laws/law.h"

#include "core/export/sha256.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <system_error>

namespace losscast::core {

namespace fs = std::filesystem;

namespace {

JsonValue stringArray(const std::vector<std::string>& v)
{
    JsonValue a = JsonValue::array();
    for (const auto& s : v)
        a.push(s);
    return a;
}

JsonValue runToJson(const SessionRun& r)
{
    JsonValue o = JsonValue::object();
    o.set("name", r.name);
    if (!r.color.empty())
        o.set("color", r.color);
    o.set("visible", r.visible);
    o.set("train", r.train);
    o.set("in_fit", r.inFit);
    if (!r.fitMetric.empty())
        o.set("fit_metric", r.fitMetric);
    if (!r.shownMetrics.empty())
        o.set("shown_metrics", stringArray(r.shownMetrics));
    if (!r.hiddenMetrics.empty())
        o.set("hidden_metrics", stringArray(r.hiddenMetrics));
    return o;
}

JsonValue numberArray(const std::vector<double>& v)
{
    JsonValue a = JsonValue::array();
    for (double x : v)
        a.push(x);
    return a;
}

JsonValue followToJson(const SessionFollow& f)
{
    JsonValue o = JsonValue::object();
    o.set("on", f.on);
    if (!f.run.empty())
        o.set("run", f.run);
    if (!f.schedule.empty())
        o.set("schedule", f.schedule);
    if (f.target)
        o.set("target", *f.target);
    if (f.pin) {
        const SessionPin& p = *f.pin;
        JsonValue pin = JsonValue::object();
        pin.set("law", p.law);
        pin.set("step", p.step);
        pin.set("final_step", p.finalStep);
        pin.set("loss", p.loss);
        pin.set("lower", p.lower);
        pin.set("upper", p.upper);
        JsonValue curve = JsonValue::object();
        curve.set("steps", numberArray(p.steps));
        curve.set("loss", numberArray(p.curve));
        curve.set("lower", numberArray(p.curveLower));
        curve.set("upper", numberArray(p.curveUpper));
        pin.set("curve", std::move(curve));
        o.set("pin", std::move(pin));
    }
    return o;
}

/// A single piecewise phase is stored as its control points (what the user dragged), the rest as a spec.
bool storedAsPoints(const Schedule& s)
{
    return s.phases().size() == 1 && s.phases().front().kind == ScheduleKind::Piecewise;
}

JsonValue scenarioToJson(const SessionScenario& sc)
{
    JsonValue o = JsonValue::object();
    o.set("name", sc.name);
    o.set("color", sc.color);
    if (storedAsPoints(sc.schedule)) {
        const SchedulePhase& p = sc.schedule.phases().front();
        o.set("warmup", p.warmup);
        o.set("warmup_start", p.warmupStart);
        JsonValue pts = JsonValue::array();
        for (const LrPoint& pt : p.points) {
            JsonValue q = JsonValue::object();
            q.set("step", pt.step);
            q.set("lr", pt.lr);
            pts.push(std::move(q));
        }
        o.set("points", std::move(pts));
    } else {
        o.set("schedule", sc.schedule.toJson());
    }
    return o;
}

JsonValue phaseToJson(const cpt::Phase& p)
{
    JsonValue o = JsonValue::object();
    o.set("steps", p.steps);
    o.set("warmup_steps", p.warmupSteps);
    o.set("warmup_start", p.warmupStart);
    o.set("peak_lr", p.peakLr);
    o.set("shape", cpt::toString(p.shape));
    o.set("final_fraction", p.finalFraction);
    o.set("decay_fraction", p.decayFraction);
    return o;
}

JsonValue scalingToJson(const SessionScaling& c)
{
    JsonValue o = JsonValue::object();
    o.set("open", c.open);
    o.set("table", c.table);
    o.set("absolute_table", c.absoluteTable);
    JsonValue cols = JsonValue::object();
    cols.set("n", c.nColumn);
    cols.set("d", c.dColumn);
    cols.set("flops", c.flopsColumn);
    cols.set("loss", c.lossColumn);
    o.set("columns", std::move(cols));
    JsonValue rows = JsonValue::array();
    for (const auto& r : c.rows) {
        JsonValue row = JsonValue::object();
        row.set("name", r.name);
        row.set("n", r.n);
        row.set("d", r.d);
        row.set("loss", r.loss);
        rows.push(std::move(row));
    }
    o.set("rows", std::move(rows));
    o.set("huber_delta", c.huberDelta);
    o.set("bootstrap", c.bootstrap);
    o.set("level", c.level);
    o.set("flops", c.flops);
    if (!c.sizeLaw.empty()) {
        o.set("size_law", c.sizeLaw);
        o.set("curve_size", c.curveSize);
        o.set("curve_shown", c.curveShown);
    }
    return o;
}

JsonValue cptToJson(const SessionCpt& c)
{
    JsonValue o = JsonValue::object();
    o.set("open", c.open);
    if (!c.inputs.empty())
        o.set("inputs", stringArray(c.inputs));
    if (c.fits) {
        cpt::CptFitPair fits = *c.fits;
        fits.ptSchedule.clear(); // the view's PT schedule is "pt_schedule" below
        o.set("fit", cpt::toJson(fits));
        o.set("fit_label", c.fitLabel);
    }
    JsonValue sc = JsonValue::object();
    sc.set("pt", phaseToJson(c.scenario.pt));
    sc.set("cpt", phaseToJson(c.scenario.cpt));
    sc.set("replay", c.scenario.replay);
    sc.set("model_size_m", c.scenario.modelSizeMillions);
    o.set("scenario", std::move(sc));
    if (const auto pt = c.scenario.ptSchedule(); !pt.empty()) {
        o.set("pt_schedule", cpt::ptScheduleToJson(pt, c.scenario.pt.warmupSteps));
        o.set("pt_source", c.ptSource);
    }
    o.set("lambda1", c.lambda1);
    return o;
}

/// Reads members with the JSON path of each in its messages.
class Reader
{
public:
    explicit Reader(std::string name) : m_name(std::move(name)) {}

    Diagnostic error(const std::string& where, const std::string& message) const
    {
        Diagnostic d;
        d.file = m_name;
        d.where = where;
        d.message = message;
        return d;
    }

    static std::string at(const std::string& base, std::string_view key)
    {
        return base.empty() ? std::string(key) : base + "." + std::string(key);
    }
    static std::string at(const std::string& base, std::size_t index)
    {
        return base + "[" + std::to_string(index) + "]";
    }

    // Each getter leaves `out` unchanged when the member is absent and fails (returns false, sets the
    // error) when it has the wrong type.
    bool string(const JsonValue& o, std::string_view key, const std::string& base, std::string& out)
    {
        const JsonValue* v = o.find(key);
        if (!v || v->isNull())
            return true;
        if (!v->isString())
            return fail(at(base, key), "expected a string");
        if (v->toString().size() > kMaxSessionString)
            return fail(at(base, key), tooLong(v->toString().size()));
        out = v->toString();
        return true;
    }
    static std::string tooLong(std::size_t n)
    {
        return "a string of " + std::to_string(n) + " bytes; a session holds at most " +
               std::to_string(kMaxSessionString) + " per string";
    }
    bool boolean(const JsonValue& o, std::string_view key, const std::string& base, bool& out)
    {
        const JsonValue* v = o.find(key);
        if (!v || v->isNull())
            return true;
        if (!v->isBool())
            return fail(at(base, key), "expected true or false");
        out = v->toBool();
        return true;
    }
    bool number(const JsonValue& o, std::string_view key, const std::string& base, double& out,
                bool required = false)
    {
        const JsonValue* v = o.find(key);
        if (!v || v->isNull())
            return required ? fail(at(base, key), "missing; expected a number") : true;
        if (!v->isNumber() || !std::isfinite(v->toNumber()))
            return fail(at(base, key), "expected a number");
        out = v->toNumber();
        return true;
    }
    template <class Int>
    bool integer(const JsonValue& o, std::string_view key, const std::string& base, Int& out)
    {
        double d = double(out);
        if (!number(o, key, base, d))
            return false;
        if (d != std::floor(d) || std::abs(d) > 9.0e15)
            return fail(at(base, key), "expected a whole number");
        out = Int(d);
        return true;
    }
    const JsonValue* array(const JsonValue& o, std::string_view key, const std::string& base)
    {
        const JsonValue* v = o.find(key);
        if (!v || v->isNull())
            return &m_empty;
        if (!v->isArray()) {
            fail(at(base, key), "expected an array");
            return nullptr;
        }
        return v;
    }
    const JsonValue* object(const JsonValue& o, std::string_view key, const std::string& base)
    {
        const JsonValue* v = o.find(key);
        if (!v || v->isNull())
            return &m_emptyObject;
        if (!v->isObject()) {
            fail(at(base, key), "expected an object");
            return nullptr;
        }
        return v;
    }
    bool strings(const JsonValue& o, std::string_view key, const std::string& base,
                 std::vector<std::string>& out)
    {
        const JsonValue* a = array(o, key, base);
        if (!a)
            return false;
        out.clear();
        for (std::size_t i = 0; i < a->size(); ++i) {
            const JsonValue& e = a->toArray()[i];
            if (!e.isString())
                return fail(at(at(base, key), i), "expected a string");
            if (e.toString().size() > kMaxSessionString)
                return fail(at(at(base, key), i), tooLong(e.toString().size()));
            if (i >= kMaxSessionListItems)
                return fail(at(base, key), "more than " + std::to_string(kMaxSessionListItems) + " entries");
            out.push_back(e.toString());
        }
        return true;
    }
    /// An array of finite numbers (at most kMaxSessionListItems).
    bool numbers(const JsonValue& o, std::string_view key, const std::string& base, std::vector<double>& out)
    {
        const JsonValue* a = array(o, key, base);
        if (!a)
            return false;
        out.clear();
        if (a->size() > kMaxSessionListItems)
            return fail(at(base, key), "more than " + std::to_string(kMaxSessionListItems) + " entries");
        for (std::size_t i = 0; i < a->size(); ++i) {
            const JsonValue& e = a->toArray()[i];
            if (!e.isNumber() || !std::isfinite(e.toNumber()))
                return fail(at(at(base, key), i), "expected a number");
            out.push_back(e.toNumber());
        }
        return true;
    }
    bool color(const JsonValue& o, const std::string& base, std::string& out)
    {
        if (!string(o, "color", base, out))
            return false;
        if (out.empty())
            return true;
        bool ok = out.size() == 7 && out[0] == '#';
        for (std::size_t i = 1; ok && i < out.size(); ++i)
            ok = std::isxdigit(static_cast<unsigned char>(out[i])) != 0;
        return ok ? true : fail(at(base, "color"), "expected a colour \"#rrggbb\", got \"" + out + "\"");
    }

    bool fail(const std::string& where, const std::string& message)
    {
        if (!m_error)
            m_error = error(where, message);
        return false;
    }
    void fail(Diagnostic d)
    {
        if (!m_error) {
            d.file = m_name;
            m_error = std::move(d);
        }
    }
    const std::optional<Diagnostic>& failure() const { return m_error; }

private:
    std::string m_name;
    std::optional<Diagnostic> m_error;
    JsonValue m_empty = JsonValue::array();
    JsonValue m_emptyObject = JsonValue::object();
};

bool readRun(Reader& rd, const JsonValue& o, const std::string& where, SessionRun& r)
{
    if (!o.isObject())
        return rd.fail(where, "expected an object {\"name\": ...}");
    if (!rd.string(o, "name", where, r.name) || !rd.color(o, where, r.color) ||
        !rd.boolean(o, "visible", where, r.visible) || !rd.boolean(o, "train", where, r.train) ||
        !rd.boolean(o, "in_fit", where, r.inFit) ||
        !rd.strings(o, "hidden_metrics", where, r.hiddenMetrics) ||
        !rd.strings(o, "shown_metrics", where, r.shownMetrics) ||
        !rd.string(o, "fit_metric", where, r.fitMetric))
        return false;
    return true;
}

bool readFollow(Reader& rd, const JsonValue& file, const std::string& fileWhere, SessionFollow& f)
{
    const JsonValue* o = rd.object(file, "follow", fileWhere);
    if (!o)
        return false;
    const std::string where = Reader::at(fileWhere, "follow");
    double target = std::numeric_limits<double>::quiet_NaN();
    if (!rd.boolean(*o, "on", where, f.on) || !rd.string(*o, "run", where, f.run) ||
        !rd.string(*o, "schedule", where, f.schedule) || !rd.number(*o, "target", where, target))
        return false;
    if (std::isfinite(target))
        f.target = target;
    const JsonValue* pin = o->find("pin");
    if (!pin || pin->isNull())
        return true;
    const std::string pw = Reader::at(where, "pin");
    if (!pin->isObject())
        return rd.fail(pw, "expected an object {\"law\": ...}");
    SessionPin p;
    if (!rd.string(*pin, "law", pw, p.law) || !rd.integer(*pin, "step", pw, p.step) ||
        !rd.integer(*pin, "final_step", pw, p.finalStep) || !rd.number(*pin, "loss", pw, p.loss, true) ||
        !rd.number(*pin, "lower", pw, p.lower, true) || !rd.number(*pin, "upper", pw, p.upper, true))
        return false;
    const JsonValue* curve = rd.object(*pin, "curve", pw);
    if (!curve)
        return false;
    const std::string cw = Reader::at(pw, "curve");
    if (!rd.numbers(*curve, "steps", cw, p.steps) || !rd.numbers(*curve, "loss", cw, p.curve) ||
        !rd.numbers(*curve, "lower", cw, p.curveLower) || !rd.numbers(*curve, "upper", cw, p.curveUpper))
        return false;
    if (p.curve.size() != p.steps.size() || p.curveLower.size() != p.steps.size() ||
        p.curveUpper.size() != p.steps.size())
        return rd.fail(cw, "steps, loss, lower and upper must have the same length");
    f.pin = std::move(p);
    return true;
}

bool readFile(Reader& rd, const JsonValue& o, const std::string& where, SessionFile& f)
{
    if (!o.isObject())
        return rd.fail(where, "expected an object {\"path\": ...}");
    if (!rd.string(o, "path", where, f.path) || !rd.string(o, "absolute_path", where, f.absolutePath) ||
        !rd.string(o, "sha256", where, f.sha256) || !rd.integer(o, "size", where, f.size))
        return false;
    if (f.path.empty() && f.absolutePath.empty())
        return rd.fail(Reader::at(where, "path"), "missing; expected the file's path");
    const JsonValue* m = rd.object(o, "mapping", where);
    if (!m)
        return false;
    const std::string mw = Reader::at(where, "mapping");
    if (!rd.string(*m, "loss", mw, f.mapping.loss) || !rd.string(*m, "lr", mw, f.mapping.lr) ||
        !rd.string(*m, "schedule", mw, f.mapping.schedule))
        return false;
    const JsonValue* runs = rd.array(o, "runs", where);
    if (!runs)
        return false;
    if (!readFollow(rd, o, where, f.follow))
        return false;
    for (std::size_t i = 0; i < runs->size(); ++i) {
        SessionRun r;
        if (!readRun(rd, runs->toArray()[i], Reader::at(Reader::at(where, "runs"), i), r))
            return false;
        f.runs.push_back(std::move(r));
    }
    return true;
}

bool readScenario(Reader& rd, const JsonValue& o, const std::string& where, SessionScenario& sc)
{
    if (!o.isObject())
        return rd.fail(where, "expected an object {\"name\": ..., \"schedule\" or \"points\": ...}");
    if (!rd.string(o, "name", where, sc.name) || !rd.color(o, where, sc.color))
        return false;
    const JsonValue* spec = o.find("schedule");
    const JsonValue* points = o.find("points");
    if (spec && !spec->isNull()) {
        auto s = Schedule::fromJson(*spec);
        if (!s) {
            Diagnostic d = s.diagnostics.empty() ? Diagnostic{} : s.diagnostics.front();
            d.where = Reader::at(Reader::at(where, "schedule"), d.where);
            if (d.where.back() == '.')
                d.where.pop_back();
            rd.fail(std::move(d));
            return false;
        }
        sc.schedule = *s;
        return true;
    }
    if (!points || points->isNull())
        return rd.fail(where, "expected \"schedule\" (a schedule spec) or \"points\" (control points)");
    const std::string pw = Reader::at(where, "points");
    if (!points->isArray())
        return rd.fail(pw, "expected an array of {\"step\": s, \"lr\": x}");
    if (points->size() < 2)
        return rd.fail(pw, "expected at least two control points");
    if (points->size() > kMaxControlPoints)
        return rd.fail(pw, std::to_string(points->size()) + " control points; a scenario has at most " +
                               std::to_string(kMaxControlPoints));
    SchedulePhase p;
    p.kind = ScheduleKind::Piecewise;
    if (!rd.integer(o, "warmup", where, p.warmup) || !rd.number(o, "warmup_start", where, p.warmupStart))
        return false;
    for (std::size_t i = 0; i < points->size(); ++i) {
        const JsonValue& q = points->toArray()[i];
        const std::string qw = Reader::at(pw, i);
        if (!q.isObject())
            return rd.fail(qw, "expected an object {\"step\": s, \"lr\": x}");
        LrPoint pt;
        if (!rd.number(q, "step", qw, pt.step, true) || !rd.number(q, "lr", qw, pt.lr, true))
            return false;
        if (pt.lr < 0)
            return rd.fail(Reader::at(qw, "lr"), "must not be negative");
        if (!p.points.empty() && !(pt.step > p.points.back().step))
            return rd.fail(Reader::at(qw, "step"), "steps must increase from one point to the next");
        p.points.push_back(pt);
    }
    p.steps = std::int64_t(std::llround(p.points.back().step));
    auto s = Schedule::create({p});
    if (!s)
        return rd.fail(pw, s.diagnostics.empty() ? "not a valid schedule" : s.diagnostics.front().message);
    sc.schedule = *s;
    return true;
}

bool readPhase(Reader& rd, const JsonValue& parent, const char* key, const std::string& base, cpt::Phase& p)
{
    const JsonValue* o = rd.object(parent, key, base);
    if (!o)
        return false;
    const std::string w = Reader::at(base, key);
    std::string shape = cpt::toString(p.shape);
    if (!rd.integer(*o, "steps", w, p.steps) || !rd.integer(*o, "warmup_steps", w, p.warmupSteps) ||
        !rd.number(*o, "warmup_start", w, p.warmupStart) || !rd.number(*o, "peak_lr", w, p.peakLr) ||
        !rd.string(*o, "shape", w, shape) || !rd.number(*o, "final_fraction", w, p.finalFraction) ||
        !rd.number(*o, "decay_fraction", w, p.decayFraction))
        return false;
    const auto parsed = cpt::decayShapeFromString(shape);
    if (!parsed)
        return rd.fail(Reader::at(w, "shape"),
                       "expected \"constant\", \"cosine\", \"linear\" or \"wsd\", got \"" + shape + "\"");
    p.shape = *parsed;
    return true;
}

bool readScaling(Reader& rd, const JsonValue& root, std::optional<SessionScaling>& out)
{
    const JsonValue* v = root.find("scaling");
    if (!v || v->isNull())
        return true;
    if (!v->isObject())
        return rd.fail("scaling", "expected an object");
    const JsonValue& o = *v;
    SessionScaling c;
    if (!rd.boolean(o, "open", "scaling", c.open) || !rd.string(o, "table", "scaling", c.table) ||
        !rd.string(o, "absolute_table", "scaling", c.absoluteTable) ||
        !rd.number(o, "huber_delta", "scaling", c.huberDelta) ||
        !rd.integer(o, "bootstrap", "scaling", c.bootstrap) || !rd.number(o, "level", "scaling", c.level) ||
        !rd.number(o, "flops", "scaling", c.flops) || !rd.string(o, "size_law", "scaling", c.sizeLaw) ||
        !rd.number(o, "curve_size", "scaling", c.curveSize) ||
        !rd.boolean(o, "curve_shown", "scaling", c.curveShown))
        return false;
    if (!c.sizeLaw.empty()) {
        bool known = false;
        for (const auto& law : sizeCurveLaws())
            known = known || law->id() == c.sizeLaw;
        if (!known)
            return rd.fail("scaling.size_law", "\"" + c.sizeLaw + "\" is not a size-aware curve law");
    }
    if (c.curveSize < 0)
        return rd.fail("scaling.curve_size", "expected a model size >= 0, got " + formatDouble(c.curveSize));
    if (!(c.huberDelta > 0))
        return rd.fail("scaling.huber_delta", "expected a number > 0, got " + formatDouble(c.huberDelta));
    if (c.bootstrap < 0 || c.bootstrap > 100000)
        return rd.fail("scaling.bootstrap", "expected 0..100000 refits, got " + std::to_string(c.bootstrap));
    if (!(c.level > 0 && c.level < 1))
        return rd.fail("scaling.level", "expected a level in (0, 1), got " + formatDouble(c.level));
    if (c.flops < 0)
        return rd.fail("scaling.flops", "expected a compute budget >= 0, got " + formatDouble(c.flops));
    const JsonValue* cols = rd.object(o, "columns", "scaling");
    if (!cols || !rd.string(*cols, "n", "scaling.columns", c.nColumn) ||
        !rd.string(*cols, "d", "scaling.columns", c.dColumn) ||
        !rd.string(*cols, "flops", "scaling.columns", c.flopsColumn) ||
        !rd.string(*cols, "loss", "scaling.columns", c.lossColumn))
        return false;
    const JsonValue* rows = rd.array(o, "rows", "scaling");
    if (!rows)
        return false;
    if (rows->size() > kMaxSessionListItems)
        return rd.fail("scaling.rows", "more than " + std::to_string(kMaxSessionListItems) + " rows");
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const JsonValue& r = rows->toArray()[i];
        const std::string w = Reader::at(std::string("scaling.rows"), i);
        if (!r.isObject())
            return rd.fail(w, "expected an object {\"name\", \"n\", \"d\", \"loss\"}");
        SessionScalingRow row;
        if (!rd.string(r, "name", w, row.name) || !rd.number(r, "n", w, row.n, true) ||
            !rd.number(r, "d", w, row.d, true) || !rd.number(r, "loss", w, row.loss, true))
            return false;
        c.rows.push_back(std::move(row));
    }
    out = std::move(c);
    return true;
}

bool readCpt(Reader& rd, const JsonValue& root, const std::string& name, std::optional<SessionCpt>& out)
{
    const JsonValue* v = root.find("cpt");
    if (!v || v->isNull())
        return true;
    if (!v->isObject())
        return rd.fail("cpt", "expected an object");
    const JsonValue& o = *v;
    SessionCpt c;
    if (!rd.boolean(o, "open", "cpt", c.open) || !rd.strings(o, "inputs", "cpt", c.inputs) ||
        !rd.string(o, "fit_label", "cpt", c.fitLabel) || !rd.string(o, "pt_source", "cpt", c.ptSource) ||
        !rd.number(o, "lambda1", "cpt", c.lambda1))
        return false;
    if (c.lambda1 < 0 || c.lambda1 > 1)
        return rd.fail("cpt.lambda1", "expected a weight in [0, 1], got " + formatDouble(c.lambda1));
    if (const JsonValue* fit = o.find("fit"); fit && !fit->isNull()) {
        if (!fit->isObject())
            return rd.fail("cpt.fit", "expected a CPT fit object (as losscast-cli cpt fit writes)");
        auto pair = cpt::parseCptFitFile(writeJson(*fit, {false, true}), name);
        if (!pair) {
            Diagnostic d = pair.diagnostics.empty() ? Diagnostic{} : pair.diagnostics.front();
            d.where = d.where.empty() ? "cpt.fit" : "cpt.fit." + d.where;
            if (d.message.empty())
                d.message = "not a CPT fit";
            rd.fail(std::move(d));
            return false;
        }
        if (!pair->general || !pair->domain)
            return rd.fail("cpt.fit", "expected both a \"general\" and a \"domain\" fit");
        c.fits = std::move(*pair);
    }
    const JsonValue* sc = rd.object(o, "scenario", "cpt");
    if (!sc)
        return false;
    const std::string sw = "cpt.scenario";
    if (!readPhase(rd, *sc, "pt", sw, c.scenario.pt) || !readPhase(rd, *sc, "cpt", sw, c.scenario.cpt) ||
        !rd.number(*sc, "replay", sw, c.scenario.replay) ||
        !rd.number(*sc, "model_size_m", sw, c.scenario.modelSizeMillions))
        return false;
    if (const auto why = c.scenario.validate(); !why.empty())
        return rd.fail(sw, why);
    if (const JsonValue* pt = o.find("pt_schedule"); pt && !pt->isNull()) {
        std::int64_t warmup = 0;
        auto lr = cpt::ptScheduleFromJson(*pt, warmup, "cpt.pt_schedule");
        if (!lr) {
            Diagnostic d = lr.diagnostics.empty() ? Diagnostic{} : lr.diagnostics.front();
            if (d.where.empty())
                d.where = "cpt.pt_schedule";
            rd.fail(std::move(d));
            return false;
        }
        if (const auto why = c.scenario.setPtLr(*lr, warmup); !why.empty())
            return rd.fail("cpt.pt_schedule", why);
    }
    out = std::move(c);
    return true;
}

std::string generic(const fs::path& p)
{
    return p.lexically_normal().generic_string();
}

} // namespace

JsonValue sessionToJson(const Session& s)
{
    JsonValue root = JsonValue::object();
    root.set("format", "losscast-session");
    root.set("version", kSessionVersion);
    root.set("losscast_version", version());
    JsonValue files = JsonValue::array();
    for (const SessionFile& f : s.files) {
        JsonValue o = JsonValue::object();
        o.set("path", f.path);
        if (!f.absolutePath.empty())
            o.set("absolute_path", f.absolutePath);
        if (!f.sha256.empty())
            o.set("sha256", f.sha256);
        o.set("size", static_cast<double>(f.size));
        if (!f.mapping.empty()) {
            JsonValue m = JsonValue::object();
            m.set("loss", f.mapping.loss);
            m.set("lr", f.mapping.lr);
            if (!f.mapping.schedule.empty())
                m.set("schedule", f.mapping.schedule);
            o.set("mapping", std::move(m));
        }
        JsonValue runs = JsonValue::array();
        for (const SessionRun& r : f.runs)
            runs.push(runToJson(r));
        o.set("runs", std::move(runs));
        if (!f.follow.empty())
            o.set("follow", followToJson(f.follow));
        files.push(std::move(o));
    }
    root.set("files", std::move(files));
    JsonValue imp = JsonValue::object();
    imp.set("warmup", s.warmup);
    root.set("import", std::move(imp));

    JsonValue model = JsonValue::object();
    model.set("law", s.law);
    model.set("fixed", stringArray(s.fixedParams));
    if (s.fit && !s.editedValues.empty())
        model.set("values", namedNumbers(s.fit->fit.names, s.editedValues));
    root.set("model", std::move(model));
    if (s.fit)
        root.set("fit", toJson(*s.fit));

    JsonValue scenarios = JsonValue::array();
    for (const SessionScenario& sc : s.scenarios)
        scenarios.push(scenarioToJson(sc));
    root.set("scenarios", std::move(scenarios));
    root.set("current_scenario", s.currentScenario);
    root.set("baseline_scenario", s.baselineScenario);

    JsonValue view = JsonValue::object();
    view.set("log_x", s.view.logX);
    view.set("log_y", s.view.logY);
    view.set("ema", s.view.ema);
    view.set("x_axis", s.view.tokensX ? "tokens" : "steps");
    view.set("tokens_per_step", s.view.tokensPerStep);
    view.set("residuals", s.view.residuals);
    root.set("view", std::move(view));
    if (s.cpt)
        root.set("cpt", cptToJson(*s.cpt));
    if (!s.mixtureInputs.empty()) {
        JsonValue o = JsonValue::object();
        o.set("inputs", stringArray(s.mixtureInputs));
        if (!s.mixtureAbsoluteInputs.empty())
            o.set("absolute_inputs", stringArray(s.mixtureAbsoluteInputs));
        root.set("mixtures", std::move(o));
    }
    if (s.scaling)
        root.set("scaling", scalingToJson(*s.scaling));
    return root;
}

std::string writeSessionText(const Session& session)
{
    JsonWriteOptions o;
    o.pretty = true;
    return writeJson(sessionToJson(session), o) + "\n";
}

Result<Session> parseSession(std::string_view text, const std::string& name)
{
    JsonParseOptions po;
    po.name = name;
    po.allowNanTokens = true;
    auto parsed = parseJson(text, po);
    if (!parsed)
        return Result<Session>{std::nullopt, parsed.diagnostics};
    Reader rd(name);
    auto failed = [&]() { return Result<Session>::failure(*rd.failure()); };
    const JsonValue& root = *parsed;
    if (!root.isObject())
        return Result<Session>::failure(rd.error("", "expected a JSON object (a LossCast session)"));
    if (root.string("format") != "losscast-session")
        return Result<Session>::failure(
            rd.error("format", "not a LossCast session (expected \"format\": \"losscast-session\")"));
    const JsonValue* ver = root.find("version");
    if (!ver || !ver->isNumber() || ver->toNumber() != std::floor(ver->toNumber()) || ver->toNumber() < 1)
        return Result<Session>::failure(
            rd.error("version", "expected the format version, a whole number ≥ 1"));
    if (ver->toNumber() > kSessionVersion)
        return Result<Session>::failure(rd.error(
            "version", "this session has format version " + formatDouble(ver->toNumber()) +
                           ", written by a newer LossCast (" + root.string("losscast_version", "unknown") +
                           "); this LossCast " + version() + " reads version " +
                           std::to_string(kSessionVersion) + ". Update LossCast to open it."));

    Session s;
    const JsonValue* files = rd.array(root, "files", "");
    if (!files)
        return failed();
    if (files && files->size() > kMaxSessionFiles)
        return Result<Session>::failure(rd.error("files", std::to_string(files->size()) +
                                                              " files; a session holds at most " +
                                                              std::to_string(kMaxSessionFiles)));
    for (std::size_t i = 0; i < files->size(); ++i) {
        SessionFile f;
        if (!readFile(rd, files->toArray()[i], Reader::at("files", i), f))
            return failed();
        s.files.push_back(std::move(f));
    }
    if (const JsonValue* imp = rd.object(root, "import", "");
        !imp || !rd.integer(*imp, "warmup", "import", s.warmup))
        return failed();

    const JsonValue* model = rd.object(root, "model", "");
    if (!model || !rd.string(*model, "law", "model", s.law) ||
        !rd.strings(*model, "fixed", "model", s.fixedParams))
        return failed();
    if (const JsonValue* fit = root.find("fit"); fit && !fit->isNull()) {
        if (!fit->isObject())
            return Result<Session>::failure(
                rd.error("fit", "expected a fit object (as losscast-cli fit writes)"));
        auto ff = parseFitFile(writeJson(*fit, {false, true}), name);
        if (!ff) {
            Diagnostic d = ff.diagnostics.empty() ? rd.error("fit", "not a fit") : ff.diagnostics.front();
            d.where = d.where.empty() ? "fit" : "fit." + d.where;
            return Result<Session>::failure(d);
        }
        s.fit = std::move(*ff);
        for (const auto& fixed : s.fixedParams) {
            bool known = false;
            for (const auto& n : s.fit->fit.names)
                known = known || n == fixed;
            if (!known)
                return Result<Session>::failure(rd.error(
                    "model.fixed", "'" + fixed + "' is not a parameter of law '" + s.fit->fit.law + "'"));
        }
        if (const JsonValue* values = rd.object(*model, "values", "model"); !values) {
            return failed();
        } else if (values->size() > 0) {
            s.editedValues = s.fit->fit.params;
            for (std::size_t i = 0; i < s.fit->fit.names.size(); ++i)
                if (!rd.number(*values, s.fit->fit.names[i], "model.values", s.editedValues[i]))
                    return failed();
            for (const auto& m : values->toObject()) {
                bool known = false;
                for (const auto& n : s.fit->fit.names)
                    known = known || n == m.key;
                if (!known)
                    return Result<Session>::failure(
                        rd.error("model.values." + m.key, "not a parameter of law '" + s.fit->fit.law + "'"));
            }
        }
    }

    const JsonValue* scenarios = rd.array(root, "scenarios", "");
    if (!scenarios)
        return failed();
    if (scenarios->size() > kMaxScenarios)
        return Result<Session>::failure(rd.error("scenarios", std::to_string(scenarios->size()) +
                                                                  " scenarios; a session holds at most " +
                                                                  std::to_string(kMaxScenarios)));
    for (std::size_t i = 0; i < scenarios->size(); ++i) {
        SessionScenario sc;
        if (!readScenario(rd, scenarios->toArray()[i], Reader::at("scenarios", i), sc))
            return failed();
        s.scenarios.push_back(std::move(sc));
    }
    if (!rd.integer(root, "current_scenario", "", s.currentScenario) ||
        !rd.integer(root, "baseline_scenario", "", s.baselineScenario))
        return failed();
    const int n = int(s.scenarios.size());
    if (s.currentScenario < -1 || s.currentScenario >= n)
        return Result<Session>::failure(rd.error("current_scenario", "expected -1 or an index below " +
                                                                         std::to_string(n) + ", got " +
                                                                         std::to_string(s.currentScenario)));
    if (s.baselineScenario < 0 || (n > 0 && s.baselineScenario >= n))
        return Result<Session>::failure(
            rd.error("baseline_scenario", "expected an index below " + std::to_string(std::max(n, 1)) +
                                              ", got " + std::to_string(s.baselineScenario)));

    const JsonValue* view = rd.object(root, "view", "");
    std::string axis = "steps";
    if (!view || !rd.boolean(*view, "log_x", "view", s.view.logX) ||
        !rd.boolean(*view, "log_y", "view", s.view.logY) || !rd.number(*view, "ema", "view", s.view.ema) ||
        !rd.string(*view, "x_axis", "view", axis) ||
        !rd.number(*view, "tokens_per_step", "view", s.view.tokensPerStep) ||
        !rd.boolean(*view, "residuals", "view", s.view.residuals))
        return failed();
    if (s.view.ema < 0 || s.view.ema >= 1)
        return Result<Session>::failure(
            rd.error("view.ema", "expected a smoothing weight in [0, 1), got " + formatDouble(s.view.ema)));
    if (axis != "steps" && axis != "tokens")
        return Result<Session>::failure(
            rd.error("view.x_axis", "expected \"steps\" or \"tokens\", got \"" + axis + "\""));
    s.view.tokensX = axis == "tokens";
    if (!readCpt(rd, root, name, s.cpt))
        return failed();
    if (!readScaling(rd, root, s.scaling))
        return failed();
    if (const JsonValue* o = rd.object(root, "mixtures", "");
        !o || !rd.strings(*o, "inputs", "mixtures", s.mixtureInputs) ||
        (o->find("absolute_inputs") &&
         !rd.strings(*o, "absolute_inputs", "mixtures", s.mixtureAbsoluteInputs)))
        return failed();
    if (!s.mixtureAbsoluteInputs.empty() && s.mixtureAbsoluteInputs.size() != s.mixtureInputs.size())
        return Result<Session>::failure(
            rd.error("mixtures.absolute_inputs", "expected one path per input (" +
                                                     std::to_string(s.mixtureInputs.size()) + "), got " +
                                                     std::to_string(s.mixtureAbsoluteInputs.size())));
    return Result<Session>::success(std::move(s));
}

Result<Session> readSession(const std::string& path)
{
    // Sessions are small; anything past 256 MB is not one.
    auto text = readTextFile(path, std::uint64_t(256) << 20);
    if (!text)
        return Result<Session>{std::nullopt, text.diagnostics};
    return parseSession(*text, path);
}

std::string saveSessionFile(const Session& session, const std::string& path)
{
    // The files the session names are its inputs: a session is never written over one of them.
    std::vector<std::string> inputs;
    for (const auto& f : session.files)
        inputs.push_back(f.absolutePath.empty() ? f.path : f.absolutePath);
    for (const auto& f : session.mixtureAbsoluteInputs)
        inputs.push_back(f);
    if (session.scaling && !session.scaling->absoluteTable.empty())
        inputs.push_back(session.scaling->absoluteTable);
    auto written = writeTextFile(path, writeSessionText(session), inputs);
    return written ? std::string() : written.errorText();
}

namespace {

/// Whether `p` lies in the folder tree of `root` once links are resolved (a link inside the folder that
/// points at /etc/passwd is outside).
bool insideTree(const fs::path& p, const std::string& root)
{
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::path(root), ec);
    if (ec)
        r = fs::path(root).lexically_normal();
    const fs::path real = fs::weakly_canonical(p, ec);
    const fs::path rel = (ec ? p.lexically_normal() : real).lexically_relative(r);
    return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

std::vector<fs::path> candidatesOf(const SessionFile& file, const std::string& sessionDir)
{
    std::vector<fs::path> candidates;
    const fs::path stored(file.path);
    if (!file.path.empty())
        candidates.push_back(stored.is_absolute() || sessionDir.empty() ? stored
                                                                        : fs::path(sessionDir) / stored);
    if (!file.absolutePath.empty())
        candidates.push_back(fs::path(file.absolutePath));
    return candidates;
}

} // namespace

std::vector<std::string> filesOutsideTree(const Session& session, const std::string& sessionDir)
{
    std::vector<std::string> out;
    auto add = [&](const fs::path& p) {
        const std::string g = generic(p.lexically_normal());
        if (std::find(out.begin(), out.end(), g) == out.end())
            out.push_back(g);
    };
    std::error_code ec;
    for (const auto& f : session.files) {
        // Nothing to ask when a copy inside the folder will be used; otherwise the first outside file found.
        bool inside = false;
        std::optional<fs::path> outside;
        for (const auto& c : candidatesOf(f, sessionDir)) {
            if (!fs::exists(c, ec))
                continue;
            if (insideTree(c, sessionDir))
                inside = true;
            else if (!outside)
                outside = c;
        }
        if (!inside && outside)
            add(*outside);
    }
    for (std::size_t i = 0; i < session.mixtureInputs.size(); ++i) {
        // As the window resolves them: relative to the session, else the absolute path saved with it.
        const fs::path rel(session.mixtureInputs[i]);
        fs::path p = rel.is_absolute() ? rel : fs::path(sessionDir) / rel;
        if (!fs::is_regular_file(p, ec) && i < session.mixtureAbsoluteInputs.size() &&
            fs::is_regular_file(session.mixtureAbsoluteInputs[i], ec))
            p = session.mixtureAbsoluteInputs[i];
        if (!insideTree(p, sessionDir))
            add(p);
    }
    if (session.scaling && (!session.scaling->table.empty() || !session.scaling->absoluteTable.empty())) {
        // The Scaling view's table, resolved as the window resolves it.
        const fs::path rel(session.scaling->table);
        fs::path p = rel.empty() || rel.is_absolute() ? rel : fs::path(sessionDir) / rel;
        if ((p.empty() || !fs::is_regular_file(p, ec)) && !session.scaling->absoluteTable.empty() &&
            fs::is_regular_file(session.scaling->absoluteTable, ec))
            p = session.scaling->absoluteTable;
        if (!p.empty() && !insideTree(p, sessionDir))
            add(p);
    }
    return out;
}

SessionFile describeSessionFile(const std::string& absolutePath, const std::string& sessionDir, bool hash)
{
    SessionFile f;
    const fs::path abs = fs::path(absolutePath).lexically_normal();
    f.absolutePath = generic(abs);
    f.path = f.absolutePath;
    if (!sessionDir.empty()) {
        const fs::path rel = abs.lexically_relative(fs::path(sessionDir).lexically_normal());
        int ups = 0;
        for (const auto& part : rel)
            ups += part == ".." ? 1 : 0;
        // Near the session (same tree, a few levels up at most): relative, so the pair can move together.
        if (!rel.empty() && ups <= 3)
            f.path = generic(rel);
    }
    std::error_code ec;
    const auto size = fs::file_size(abs, ec);
    f.size = ec ? 0 : std::uint64_t(size);
    if (hash)
        f.sha256 = sha256File(absolutePath).value_or("");
    return f;
}

ResolvedFile resolveSessionFile(const SessionFile& file, const std::string& sessionDir, bool allowOutside)
{
    ResolvedFile r;
    std::vector<fs::path> candidates = candidatesOf(file, sessionDir);
    if (!allowOutside) {
        // Not even hashed: a file outside the session's folder is read only with the user's consent.
        const std::size_t before = candidates.size();
        std::erase_if(candidates, [&](const fs::path& c) { return !insideTree(c, sessionDir); });
        if (candidates.empty() && before > 0) {
            r.status = ResolvedFile::Status::Missing;
            r.outside = true;
            r.path = file.absolutePath.empty() ? generic(candidatesOf(file, sessionDir).front())
                                               : file.absolutePath;
            r.message = fs::path(r.path).filename().string() +
                        " is outside the session's folder and was not read (" + r.path + ")";
            return r;
        }
    }
    const std::string shown = fs::path(file.path.empty() ? file.absolutePath : file.path).filename().string();
    std::error_code ec;
    // Check every candidate: a copy of the session next to a different file of the same name must not
    // win over the stored absolute path that still holds the saved bytes. The first matching candidate
    // wins; a changed one is used only when none matches.
    std::optional<ResolvedFile> changed;
    for (const auto& c : candidates) {
        if (!fs::is_regular_file(c, ec))
            continue;
        ResolvedFile here;
        here.path = generic(fs::absolute(c, ec));
        const auto size = fs::file_size(c, ec);
        const bool sizeDiffers = file.size > 0 && !ec && std::uint64_t(size) != file.size;
        const bool hashDiffers =
            !file.sha256.empty() && (sizeDiffers || sha256File(c.string()).value_or("") != file.sha256);
        if (!sizeDiffers && !hashDiffers) {
            here.status = ResolvedFile::Status::Ok;
            return here;
        }
        if (!changed) {
            here.status = ResolvedFile::Status::Changed;
            here.message =
                shown + " changed since the session was saved (" +
                (sizeDiffers ? "size " + std::to_string(file.size) + " → " + std::to_string(size) + " bytes"
                             : std::string("sha256 differs")) +
                ")";
            changed = std::move(here);
        }
    }
    if (changed)
        return *changed;
    r.status = ResolvedFile::Status::Missing;
    r.path = file.absolutePath.empty() ? generic(candidates.empty() ? fs::path() : candidates.front())
                                       : file.absolutePath;
    r.message = shown + " is missing (looked for " +
                (candidates.empty() ? std::string("nothing") : generic(candidates.front())) +
                (candidates.size() > 1 ? " and " + generic(candidates.back()) : std::string()) + ")";
    return r;
}

} // namespace losscast::core
