// Text and JSON forms of a Schedule. Both go through the same key table and the same value parser, so a key
// means the same thing, and is checked the same way, in a CLI argument and in a session file.
#include "core/schedule/schedule.h"
#include "core/util/numtext.h"

#include <algorithm>
#include <cmath>
#include <variant>

namespace losscast::core {

namespace {

struct KeySpec
{
    const char* name;
    bool required;
};

/// Keys of each kind, in canonical (output) order.
std::vector<KeySpec> keysFor(ScheduleKind kind)
{
    const std::vector<KeySpec> warmup{{"warmup", false}, {"warmup_start", false}};
    std::vector<KeySpec> keys;
    switch (kind) {
    case ScheduleKind::Constant:
        keys = {{"peak", true}, {"steps", true}};
        break;
    case ScheduleKind::Cosine:
    case ScheduleKind::Linear:
        keys = {{"peak", true}, {"final", false}, {"steps", true}};
        break;
    case ScheduleKind::Exponential:
        keys = {{"peak", true}, {"final", true}, {"steps", true}};
        break;
    case ScheduleKind::Wsd:
        keys = {{"peak", true}, {"final", false}, {"steps", true}};
        keys.insert(keys.end(), warmup.begin(), warmup.end());
        keys.push_back({"decay", false});
        keys.push_back({"decay_steps", false});
        keys.push_back({"shape", false});
        return keys;
    case ScheduleKind::MultiStep:
        keys = {{"peak", true}, {"steps", true}, {"at", true}, {"factor", false}};
        break;
    case ScheduleKind::InverseSqrt:
        keys = {{"peak", true}, {"steps", true}, {"timescale", false}};
        break;
    case ScheduleKind::Cyclic:
        keys = {{"peak", true},   {"final", false}, {"steps", true},
                {"period", true}, {"mult", false},  {"gamma", false}};
        break;
    case ScheduleKind::Piecewise:
    case ScheduleKind::Logged:
        keys = {{"points", true}, {"steps", false}};
        break;
    }
    keys.insert(keys.end(), warmup.begin(), warmup.end());
    return keys;
}

std::string knownKinds()
{
    std::string s;
    for (ScheduleKind k : scheduleKinds())
        s += (s.empty() ? "" : ", ") + toString(k);
    return s;
}

bool kindFromName(std::string_view name, ScheduleKind& out)
{
    const std::optional<ScheduleKind> k = scheduleKindFromName(name);
    if (k)
        out = *k;
    return k.has_value();
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string shown(std::string_view s)
{
    std::string out(s.substr(0, 60));
    if (s.size() > 60)
        out += "...";
    return "'" + out + "'";
}

bool toDouble(std::string_view s, double& out)
{
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    return parseDouble(s, out) == NumberParse::Ok && std::isfinite(out);
}

/// Splits on `sep`, keeping empty pieces.
std::vector<std::string_view> split(std::string_view s, char sep)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = s.find(sep, start);
        if (end == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, end - start));
        start = end + 1;
    }
}

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// Fills a phase of `kind` from raw key/value strings; returns an error message or "".
std::string parsePhase(ScheduleKind kind, const KeyValues& kv, SchedulePhase& p)
{
    const std::string k = toString(kind);
    p = SchedulePhase{};
    p.kind = kind;
    const std::vector<KeySpec> keys = keysFor(kind);

    std::vector<std::string> seen;
    for (const auto& entry : kv) {
        const std::string& key = entry.first;
        const bool known =
            std::any_of(keys.begin(), keys.end(), [&](const KeySpec& s) { return key == s.name; });
        if (!known) {
            std::string list;
            for (const auto& s : keys)
                list += (list.empty() ? "" : ", ") + std::string(s.name);
            return k + ": unknown key " + shown(key) + " (known: " + list + ")";
        }
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            return k + ": '" + key + "' given twice";
        seen.push_back(key);
    }
    for (const auto& s : keys)
        if (s.required && std::find(seen.begin(), seen.end(), s.name) == seen.end())
            return k + ": missing required key '" + s.name + "'";

    for (const auto& entry : kv) {
        // Plain references, not a structured binding: lambdas cannot capture those before clang 16.
        const std::string& key = entry.first;
        const std::string& value = entry.second;
        auto number = [&](double& out) -> std::string {
            if (!toDouble(value, out))
                return k + ": '" + key + "' must be a number, got " + shown(value);
            return {};
        };
        auto integer = [&](std::int64_t& out) -> std::string {
            double d = 0.0;
            if (!toDouble(value, d) || d != std::floor(d) || std::fabs(d) > 9e15)
                return k + ": '" + key + "' must be an integer, got " + shown(value);
            out = static_cast<std::int64_t>(d);
            return {};
        };
        auto list = [&](std::vector<double>& out) -> std::string {
            out.clear();
            for (std::string_view item : split(value, ';')) {
                double d = 0.0;
                if (!toDouble(item, d))
                    return k + ": '" + key + "' must be numbers separated by ';', got " + shown(item) +
                           " in " + shown(value);
                out.push_back(d);
            }
            return {};
        };
        std::string e;
        if (key == "peak")
            e = number(p.peak);
        else if (key == "final")
            e = number(p.final);
        else if (key == "steps")
            e = integer(p.steps);
        else if (key == "warmup")
            e = integer(p.warmup);
        else if (key == "warmup_start")
            e = number(p.warmupStart);
        else if (key == "decay")
            e = number(p.decay);
        else if (key == "decay_steps") {
            e = integer(p.decaySteps);
            if (e.empty() && p.decaySteps < 1)
                e = k + ": 'decay_steps' must be >= 1, got " + shown(value);
        } else if (key == "shape") {
            const std::string_view v = trim(value);
            if (v == "linear")
                p.shape = DecayShape::Linear;
            else if (v == "cosine")
                p.shape = DecayShape::Cosine;
            else if (v == "exp" || v == "exponential")
                p.shape = DecayShape::Exponential;
            else if (v == "sqrt" || v == "1-sqrt")
                p.shape = DecayShape::Sqrt;
            else
                e = k + ": 'shape' must be one of linear, cosine, exp, sqrt, got " + shown(value);
        } else if (key == "at")
            e = list(p.at);
        else if (key == "factor")
            e = list(p.factors);
        else if (key == "timescale")
            e = number(p.timescale);
        else if (key == "period")
            e = integer(p.period);
        else if (key == "mult")
            e = number(p.mult);
        else if (key == "gamma")
            e = number(p.gamma);
        else if (key == "points") {
            for (std::string_view item : split(value, ';')) {
                const std::size_t at = item.find('@');
                LrPoint pt;
                if (at == std::string_view::npos || !toDouble(item.substr(0, at), pt.step) ||
                    !toDouble(item.substr(at + 1), pt.lr)) {
                    e = k + ": 'points' must be step@lr pairs separated by ';', got " + shown(item);
                    break;
                }
                p.points.push_back(pt);
            }
        }
        if (!e.empty())
            return e;
    }
    const bool hasDecay = std::find(seen.begin(), seen.end(), "decay") != seen.end();
    const bool hasDecaySteps = std::find(seen.begin(), seen.end(), "decay_steps") != seen.end();
    if (hasDecay && hasDecaySteps)
        return k + ": give either 'decay' (a fraction) or 'decay_steps', not both";
    const bool hasSteps = std::find(seen.begin(), seen.end(), "steps") != seen.end();
    if ((kind == ScheduleKind::Piecewise || kind == ScheduleKind::Logged) && !hasSteps && !p.points.empty()) {
        const double last = p.points.back().step;
        p.steps =
            std::isfinite(last) && last >= 0 && last <= 1e15 ? static_cast<std::int64_t>(std::ceil(last)) : 0;
        if (p.steps < 1)
            return k + ": the last point must be at a step >= 1 (or give 'steps')";
    }
    return p.validate();
}

/// A value in a phase's canonical form.
using Emitted = std::variant<double, std::string, std::vector<double>, std::vector<LrPoint>>;

std::vector<std::pair<std::string, Emitted>> emitPhase(const SchedulePhase& p)
{
    std::vector<std::pair<std::string, Emitted>> out;
    const bool points = p.kind == ScheduleKind::Piecewise || p.kind == ScheduleKind::Logged;
    for (const KeySpec& s : keysFor(p.kind)) {
        const std::string key = s.name;
        if (key == "peak")
            out.emplace_back(key, p.peak);
        else if (key == "final" && (s.required || p.final != 0.0))
            out.emplace_back(key, p.final);
        else if (key == "steps") {
            const bool derived = points && !p.points.empty() &&
                                 static_cast<std::int64_t>(std::ceil(p.points.back().step)) == p.steps;
            if (!derived)
                out.emplace_back(key, static_cast<double>(p.steps));
        } else if (key == "warmup" && p.warmup != 0)
            out.emplace_back(key, static_cast<double>(p.warmup));
        else if (key == "warmup_start" && p.warmupStart != 0.0)
            out.emplace_back(key, p.warmupStart);
        else if (key == "decay" && p.decaySteps == 0)
            out.emplace_back(key, p.decay);
        else if (key == "decay_steps" && p.decaySteps != 0)
            out.emplace_back(key, static_cast<double>(p.decaySteps));
        else if (key == "shape")
            out.emplace_back(key, toString(p.shape));
        else if (key == "at")
            out.emplace_back(key, p.at);
        else if (key == "factor")
            out.emplace_back(key, p.factors);
        else if (key == "timescale" && p.timescale != 0.0)
            out.emplace_back(key, p.timescale);
        else if (key == "period")
            out.emplace_back(key, static_cast<double>(p.period));
        else if (key == "mult" && p.mult != 1.0)
            out.emplace_back(key, p.mult);
        else if (key == "gamma" && p.gamma != 1.0)
            out.emplace_back(key, p.gamma);
        else if (key == "points")
            out.emplace_back(key, p.points);
    }
    return out;
}

std::string textValue(const Emitted& v)
{
    if (const double* d = std::get_if<double>(&v))
        return formatDouble(*d);
    if (const std::string* s = std::get_if<std::string>(&v))
        return *s;
    std::string out;
    if (const auto* list = std::get_if<std::vector<double>>(&v)) {
        for (double d : *list)
            out += (out.empty() ? "" : ";") + formatDouble(d);
        return out;
    }
    for (const LrPoint& pt : std::get<std::vector<LrPoint>>(v))
        out += (out.empty() ? "" : ";") + formatDouble(pt.step) + "@" + formatDouble(pt.lr);
    return out;
}

/// Splits the text into phases at '+' signs that are not an exponent sign ("1e+5").
std::vector<std::string_view> splitPhases(std::string_view text)
{
    std::vector<std::string_view> phases;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '+')
            continue;
        const bool exponent = i >= 2 && (text[i - 1] == 'e' || text[i - 1] == 'E') &&
                              ((text[i - 2] >= '0' && text[i - 2] <= '9') || text[i - 2] == '.') &&
                              i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9';
        // A '+' right after '=', ';' or '@' is the sign of a value ("warmup_start=+1e-5").
        const bool sign = i >= 1 && (text[i - 1] == '=' || text[i - 1] == ';' || text[i - 1] == '@');
        if (exponent || sign)
            continue;
        phases.push_back(text.substr(start, i - start));
        start = i + 1;
    }
    phases.push_back(text.substr(start));
    return phases;
}

Diagnostic error(std::string message, std::string where = {})
{
    Diagnostic d;
    d.message = std::move(message);
    d.where = std::move(where);
    return d;
}

const char* kExample = "cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2000";

} // namespace

std::optional<ScheduleKind> scheduleKindFromName(std::string_view name)
{
    for (ScheduleKind k : scheduleKinds())
        if (toString(k) == name)
            return k;
    return std::nullopt;
}

std::vector<ScheduleKeyInfo> scheduleKeys(ScheduleKind kind)
{
    auto describe = [kind](std::string_view key) -> std::string {
        if (key == "peak")
            return "LR after the warmup";
        if (key == "final")
            return kind == ScheduleKind::Cyclic ? "lowest LR of each cycle" : "LR at the last step";
        if (key == "steps")
            return kind == ScheduleKind::Piecewise || kind == ScheduleKind::Logged
                       ? "length of the phase in steps (default: the last point's step)"
                       : "length of the phase in steps";
        if (key == "warmup")
            return "steps of linear warmup at the start of the phase";
        if (key == "warmup_start")
            return "LR at the start of the warmup";
        if (key == "decay")
            return "decay length as a fraction of the steps, in (0, 1]";
        if (key == "decay_steps")
            return "decay length in steps (instead of 'decay')";
        if (key == "shape")
            return "decay shape: linear, cosine, exp or sqrt";
        if (key == "at")
            return "milestones: steps, or fractions (< 1) of the steps, separated by ';'";
        if (key == "factor")
            return "LR factor at each milestone: one value, or one per milestone";
        if (key == "timescale")
            return "tau in peak*sqrt(tau/(tau+t)); 0 = the warmup length";
        if (key == "period")
            return "steps of the first cycle";
        if (key == "mult")
            return "each cycle is this many times longer than the previous";
        if (key == "gamma")
            return "each cycle's peak is this times the previous one";
        if (key == "points")
            return "step@lr pairs separated by ';', steps ascending";
        return {};
    };
    std::vector<ScheduleKeyInfo> out;
    for (const KeySpec& k : keysFor(kind))
        out.push_back(ScheduleKeyInfo{k.name, k.required, describe(k.name)});
    return out;
}

Result<Schedule> Schedule::fromText(std::string_view text)
{
    text = trim(text);
    if (text.empty())
        return Result<Schedule>::failure(
            error(std::string("empty schedule; expected e.g. '") + kExample + "'"));
    const std::vector<std::string_view> pieces = splitPhases(text);
    std::vector<SchedulePhase> phases;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const std::string prefix = pieces.size() > 1 ? "phase " + std::to_string(i + 1) + ": " : "";
        const std::string_view piece = trim(pieces[i]);
        if (piece.empty())
            return Result<Schedule>::failure(error(prefix + "empty phase (check the '+' signs)"));
        const std::size_t colon = piece.find(':');
        const std::string_view name = trim(piece.substr(0, colon));
        ScheduleKind kind{};
        if (!kindFromName(name, kind))
            return Result<Schedule>::failure(
                error(prefix + "unknown schedule kind " + shown(name) + " (known: " + knownKinds() + ")"));
        KeyValues kv;
        if (colon != std::string_view::npos) {
            const std::string_view body = trim(piece.substr(colon + 1));
            if (!body.empty())
                for (std::string_view item : split(body, ',')) {
                    item = trim(item);
                    const std::size_t eq = item.find('=');
                    if (eq == std::string_view::npos)
                        return Result<Schedule>::failure(
                            error(prefix + toString(kind) + ": expected key=value, got " + shown(item)));
                    kv.emplace_back(std::string(trim(item.substr(0, eq))),
                                    std::string(trim(item.substr(eq + 1))));
                }
        }
        SchedulePhase p;
        if (std::string e = parsePhase(kind, kv, p); !e.empty())
            return Result<Schedule>::failure(error(prefix + e));
        phases.push_back(std::move(p));
    }
    return create(std::move(phases));
}

std::string Schedule::toText() const
{
    std::string out;
    for (const SchedulePhase& p : m_phases) {
        if (!out.empty())
            out += " + ";
        out += toString(p.kind) + ":";
        bool first = true;
        for (const auto& [key, value] : emitPhase(p)) {
            out += (first ? "" : ",") + key + "=" + textValue(value);
            first = false;
        }
    }
    return out;
}

JsonValue Schedule::toJson() const
{
    JsonValue phases = JsonValue::array();
    for (const SchedulePhase& p : m_phases) {
        JsonValue o = JsonValue::object();
        o.set("kind", toString(p.kind));
        for (const auto& [key, value] : emitPhase(p)) {
            if (const double* d = std::get_if<double>(&value))
                o.set(key, *d);
            else if (const std::string* s = std::get_if<std::string>(&value))
                o.set(key, *s);
            else if (const auto* list = std::get_if<std::vector<double>>(&value)) {
                JsonValue a = JsonValue::array();
                for (double d : *list)
                    a.push(d);
                o.set(key, std::move(a));
            } else {
                JsonValue a = JsonValue::array();
                for (const LrPoint& pt : std::get<std::vector<LrPoint>>(value))
                    a.push(JsonValue(JsonArray{pt.step, pt.lr}));
                o.set(key, std::move(a));
            }
        }
        phases.push(std::move(o));
    }
    JsonValue root = JsonValue::object();
    root.set("phases", std::move(phases));
    return root;
}

Result<Schedule> Schedule::fromJson(const JsonValue& json)
{
    std::vector<const JsonValue*> items;
    std::string base;
    if (json.isObject() && json.contains("phases")) {
        const JsonValue* list = json.find("phases");
        if (!list->isArray() || list->size() == 0)
            return Result<Schedule>::failure(
                error("'phases' must be a non-empty array of phase objects", "phases"));
        for (const JsonValue& v : list->toArray())
            items.push_back(&v);
        base = "phases";
    } else if (json.isObject() && json.contains("kind")) {
        items.push_back(&json);
    } else {
        return Result<Schedule>::failure(
            error("expected a schedule object with \"phases\" (or a single phase with \"kind\")"));
    }

    std::vector<SchedulePhase> phases;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string where = base.empty() ? std::string() : base + "[" + std::to_string(i) + "]";
        const JsonValue& o = *items[i];
        if (!o.isObject())
            return Result<Schedule>::failure(error("a phase must be an object", where));
        const JsonValue* kindValue = o.find("kind");
        if (!kindValue || !kindValue->isString())
            return Result<Schedule>::failure(error("missing \"kind\" (one of " + knownKinds() + ")", where));
        ScheduleKind kind{};
        if (!kindFromName(kindValue->toString(), kind))
            return Result<Schedule>::failure(error("unknown schedule kind " + shown(kindValue->toString()) +
                                                       " (known: " + knownKinds() + ")",
                                                   where));
        KeyValues kv;
        for (const JsonMember& m : o.toObject()) {
            if (m.key == "kind")
                continue;
            std::string raw;
            const JsonValue& v = m.value;
            bool ok = true;
            if (v.isNumber())
                raw = formatDouble(v.toNumber());
            else if (v.isString())
                raw = v.toString();
            else if (v.isArray()) {
                for (const JsonValue& e : v.toArray()) {
                    if (!raw.empty())
                        raw += ';';
                    if (e.isNumber())
                        raw += formatDouble(e.toNumber());
                    else if (e.isArray() && e.size() == 2 && e.toArray()[0].isNumber() &&
                             e.toArray()[1].isNumber())
                        raw += formatDouble(e.toArray()[0].toNumber()) + "@" +
                               formatDouble(e.toArray()[1].toNumber());
                    else
                        ok = false;
                }
            } else
                ok = false;
            if (!ok)
                return Result<Schedule>::failure(
                    error(toString(kind) + ": '" + m.key +
                              "' must be a number, a string, a list of numbers or of "
                              "[step, lr] pairs",
                          where));
            kv.emplace_back(m.key, std::move(raw));
        }
        SchedulePhase p;
        if (std::string e = parsePhase(kind, kv, p); !e.empty())
            return Result<Schedule>::failure(error(e, where));
        phases.push_back(std::move(p));
    }
    return create(std::move(phases));
}

} // namespace losscast::core
