#include "core/import/textlog.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace losscast::core::import::detail {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Drops what loggers put before the message: whitespace, "[rank0]:", "[default0]:", "[2024-01-01 12:00:00]".
std::string_view stripPrefixes(std::string_view s)
{
    for (int guard = 0; guard < 8; ++guard) {
        s = trim(s);
        if (s.empty() || s.front() != '[')
            break;
        const auto close = s.find(']');
        if (close == std::string_view::npos || close > 64)
            break;
        s.remove_prefix(close + 1);
        if (!s.empty() && s.front() == ':')
            s.remove_prefix(1);
    }
    return trim(s);
}

/// Reads an unsigned integer at `s`; returns false when there is none.
bool readInt(std::string_view& s, double& out)
{
    std::size_t i = 0;
    while (i < s.size() && isDigit(s[i]) && i < 18)
        ++i;
    if (i == 0 || (i < s.size() && isDigit(s[i])))
        return false;
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + i, v);
    out = static_cast<double>(v);
    s.remove_prefix(i);
    return true;
}

/// A number followed by an optional unit ("23218.37ms", "-100.00%", "3.000E-04"). The unit is returned.
bool readNumberUnit(std::string_view s, double& value, std::string& unit)
{
    s = trim(s);
    if (s.empty())
        return false;
    const char* b = s.data();
    const char* e = b + s.size();
    if (*b == '+')
        ++b;
    auto [p, ec] = std::from_chars(b, e, value);
    if (ec != std::errc())
        return false;
    unit.assign(p, e);
    const std::string_view u = trim(unit);
    if (u.size() > 4)
        return false;
    for (char c : u)
        if (isDigit(c) || c == '.' || c == ':' || c == ',')
            return false;
    unit = std::string(u);
    return true;
}

struct Point
{
    std::string name;
    double value;
};

struct Parsed
{
    LogDialect dialect = LogDialect::None;
    double step = 0;
    double total = -1; ///< "N/T": the planned number of steps
    std::vector<Point> points;
};

std::string withUnit(std::string name, const std::string& unit)
{
    if (unit == "ms" || unit == "s")
        return name + "_" + unit;
    return name;
}

/// nanoGPT: "iter N: loss X, time Yms, mfu Z%" and "step N: train loss A, val loss B".
bool parseNanoGpt(std::string_view s, Parsed& out)
{
    bool iter = false;
    if (s.starts_with("iter "))
        iter = true, s.remove_prefix(5);
    else if (s.starts_with("step "))
        s.remove_prefix(5);
    else
        return false;
    if (!readInt(s, out.step) || s.empty() || s.front() != ':')
        return false;
    s.remove_prefix(1);
    while (!s.empty()) {
        const auto comma = s.find(',');
        std::string_view part = trim(s.substr(0, comma));
        s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
        // "<name words> <number><unit>"
        const auto sp = part.rfind(' ');
        if (sp == std::string_view::npos)
            continue;
        double v;
        std::string unit;
        if (!readNumberUnit(part.substr(sp + 1), v, unit))
            continue;
        std::string name(trim(part.substr(0, sp)));
        if (iter && name == "loss")
            name = "train_loss";
        else if (!iter && name == "train loss")
            name = "eval_train_loss";
        else if (name == "val loss")
            name = "val_loss";
        else
            std::replace(name.begin(), name.end(), ' ', '_');
        out.points.push_back({withUnit(name, unit), v});
    }
    out.dialect = LogDialect::NanoGpt;
    return !out.points.empty();
}

/// llm.c "s:N trl:X lr:Y norm:Z", "s:N tel:X"; modded-nanogpt "step:N/T val_loss:X train_time:Yms".
bool parseKeyColon(std::string_view s, Parsed& out)
{
    bool llmc = false;
    if (s.starts_with("s:"))
        llmc = true, s.remove_prefix(2);
    else if (s.starts_with("step:"))
        s.remove_prefix(5);
    else
        return false;
    if (!readInt(s, out.step))
        return false;
    if (!s.empty() && s.front() == '/') {
        s.remove_prefix(1);
        if (!readInt(s, out.total))
            return false;
    }
    if (s.empty() || (s.front() != ' ' && s.front() != '\t'))
        return false;
    while (!s.empty()) {
        s = trim(s);
        const auto sp = s.find_first_of(" \t");
        std::string_view tok = s.substr(0, sp);
        s = sp == std::string_view::npos ? std::string_view() : s.substr(sp);
        const auto colon = tok.find(':');
        if (colon == std::string_view::npos || colon == 0)
            continue;
        double v;
        std::string unit;
        if (!readNumberUnit(tok.substr(colon + 1), v, unit))
            continue;
        std::string name(tok.substr(0, colon));
        if (llmc && name == "trl")
            name = "train_loss";
        else if (llmc && name == "tel")
            name = "val_loss";
        else if (llmc && name == "norm")
            name = "grad_norm";
        out.points.push_back({withUnit(name, unit), v});
    }
    out.dialect = llmc ? LogDialect::LlmC : LogDialect::ModdedNanoGpt;
    return !out.points.empty();
}

/// Megatron: "iteration N/ T | consumed samples: 96 | ... | learning rate: 3.000E-04 | lm loss: 1.1E+01 |"
/// and " validation loss at iteration N | lm loss value: X | lm loss PPL: Y |".
bool parseMegatron(std::string_view s, Parsed& out)
{
    bool validation = false;
    auto pos = s.find("validation loss at iteration");
    std::string_view rest;
    if (pos != std::string_view::npos) {
        validation = true;
        rest = s.substr(pos + std::strlen("validation loss at iteration"));
    } else {
        pos = s.find("iteration");
        if (pos == std::string_view::npos || pos > 80)
            return false;
        rest = s.substr(pos + std::strlen("iteration"));
    }
    rest = trim(rest);
    if (!readInt(rest, out.step))
        return false;
    rest = trim(rest);
    if (!rest.empty() && rest.front() == '/') {
        rest = trim(rest.substr(1));
        if (!readInt(rest, out.total))
            return false;
    }
    rest = trim(rest);
    if (rest.empty() || rest.front() != '|')
        return false;
    while (!rest.empty()) {
        const auto bar = rest.find('|');
        std::string_view seg = trim(rest.substr(0, bar));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        const auto colon = seg.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            continue;
        double v;
        std::string unit;
        if (!readNumberUnit(seg.substr(colon + 1), v, unit))
            continue;
        std::string name(trim(seg.substr(0, colon)));
        if (validation) {
            if (name.ends_with(" value"))
                name.resize(name.size() - 6);
            name = "val " + name;
        }
        out.points.push_back({name, v});
    }
    out.dialect = LogDialect::Megatron;
    return !out.points.empty();
}

bool parseLine(std::string_view raw, Parsed& out)
{
    out.points.clear();
    out.total = -1;
    out.dialect = LogDialect::None;
    const std::string_view s = stripPrefixes(raw);
    if (s.size() < 3)
        return false;
    switch (s.front()) {
    case 'i':
        if (s.starts_with("iter "))
            return parseNanoGpt(s, out);
        break;
    case 's':
        if (s.starts_with("s:") || s.starts_with("step:"))
            return parseKeyColon(s, out);
        if (s.starts_with("step "))
            return parseNanoGpt(s, out);
        break;
    default:
        break;
    }
    if (s.find("iteration") != std::string_view::npos) {
        Parsed tmp;
        if (parseMegatron(s, tmp)) {
            out = std::move(tmp);
            return true;
        }
    }
    return false;
}

const char* dialectFormat(LogDialect d)
{
    switch (d) {
    case LogDialect::NanoGpt:
        return "text-nanogpt";
    case LogDialect::LlmC:
        return "text-llmc";
    case LogDialect::ModdedNanoGpt:
        return "text-modded-nanogpt";
    case LogDialect::Megatron:
        return "text-megatron";
    case LogDialect::None:
        break;
    }
    return "text";
}

std::string fmt(double v)
{
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::string("?");
}

} // namespace

LogDialect classifyLogLine(std::string_view line)
{
    Parsed p;
    return parseLine(line, p) ? p.dialect : LogDialect::None;
}

struct TextLogImporter::State
{
    std::string file;
    ImportOptions options;
    DiagnosticLog log;
    Run run;
    std::map<std::string, std::size_t> seriesIndex;
    std::map<LogDialect, std::int64_t> dialectLines;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> nonFinite; ///< name → (count, first line)
    std::int64_t line = 0;                                                  // lines consumed so far
    std::int64_t matched = 0;
    double total = -1;
    Parsed parsed;

    State(std::string f, const ImportOptions& o)
        : file(std::move(f)), options(o), log(o.displayName.empty() ? file : o.displayName)
    {
        std::string stem = baseName(options.displayName.empty() ? file : options.displayName);
        if (auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0)
            stem.resize(dot);
        run.name = stem;
    }

    Series& seriesFor(const std::string& name)
    {
        auto it = seriesIndex.find(name);
        if (it == seriesIndex.end()) {
            run.series.push_back(Series{name, {}, {}});
            it = seriesIndex.emplace(name, run.series.size() - 1).first;
        }
        return run.series[it->second];
    }

    void handleLine(std::string_view text, std::int64_t lineNo)
    {
        if (!parseLine(text, parsed))
            return;
        ++matched;
        ++dialectLines[parsed.dialect];
        if (parsed.total >= 0)
            total = parsed.total;
        // Resumes are detected per series: a line is a resume when its step is below the last step of a
        // series it logs (Megatron restarting from a checkpoint logs iteration 1 again). The same step again
        // is not: modded-nanogpt prints `step:125/6200 train_loss:…` and then `step:125/6200 val_loss:…`,
        // both with train_time and step_avg, and taking that as a resume dropped every series' points from
        // step 125 on (a real log kept one val_loss point of 51). A repeated step in a series takes the later
        // line's value; the other series keep their points.
        bool back = false;
        for (const auto& pt : parsed.points)
            if (std::isfinite(pt.value))
                if (const auto it = seriesIndex.find(pt.name);
                    it != seriesIndex.end() && !run.series[it->second].empty() &&
                    parsed.step < run.series[it->second].steps.back())
                    back = true;
        if (back)
            resumeAt(parsed.step, lineNo);
        for (const auto& pt : parsed.points) {
            if (!std::isfinite(pt.value)) {
                // "step_avg:nanms" is a timing not measured yet; a NaN loss or LR is worth counting.
                const bool timing = pt.name.find("ms") != std::string::npos ||
                                    pt.name.find("time") != std::string::npos ||
                                    pt.name.find("avg") != std::string::npos;
                if (!timing) {
                    auto& [count, first] = nonFinite[pt.name];
                    if (count++ == 0)
                        first = lineNo;
                }
                continue; // a gap
            }
            Series& s = seriesFor(pt.name);
            if (!s.steps.empty() && parsed.step == s.steps.back())
                s.values.back() = pt.value;
            else
                s.append(parsed.step, pt.value);
        }
    }

    /// The step went back: the run was resumed or the log reused. Later lines win: every point at a step
    /// ≥ `step` is dropped from every series.
    void resumeAt(double step, std::int64_t lineNo)
    {
        std::size_t dropped = 0;
        double last = step;
        for (auto& s : run.series) {
            if (!s.empty())
                last = std::max(last, s.steps.back());
            auto it = std::lower_bound(s.steps.begin(), s.steps.end(), step);
            const std::size_t keep = static_cast<std::size_t>(it - s.steps.begin());
            dropped += s.size() - keep;
            s.steps.resize(keep);
            s.values.resize(keep);
        }
        log.warn("resume", lineNo,
                 "step goes back from " + fmt(last) + " to " + fmt(step) +
                     " (the run was resumed or the log reused): kept the later segment and dropped the " +
                     std::to_string(dropped) + " earlier point(s) at steps >= " + fmt(step));
    }

    ImportResult result(Run r, DiagnosticLog lg) const
    {
        ImportResult res;
        res.file = options.displayName.empty() ? file : options.displayName;
        LogDialect main = LogDialect::None;
        std::int64_t most = 0;
        for (auto [d, n] : dialectLines)
            if (n > most)
                most = n, main = d;
        res.format = dialectLines.size() > 1 ? "text" : dialectFormat(main);
        for (const auto& [name, cf] : nonFinite)
            lg.warn("non-finite:" + name, cf.second,
                    "'" + name + "': " + std::to_string(cf.first) + " NaN/Inf value(s) left as gaps");
        if (matched == 0)
            lg.error(
                0,
                "no training-log lines recognised (looked for nanoGPT 'iter N: loss X', llm.c 's:N trl:X', "
                "modded-nanogpt 'step:N/T val_loss:X' and Megatron 'iteration N/ T | lm loss: X |' lines)");
        if (total >= 0)
            r.metadata["total_steps"] = fmt(total);
        r.metadata["log.lines"] = std::to_string(line);
        r.metadata["log.matched_lines"] = std::to_string(matched);
        std::erase_if(r.series, [](const Series& s) { return s.empty(); });
        detectRoles(r, options.mapping);
        if (!r.series.empty())
            res.runs.push_back(std::move(r));
        res.diagnostics = lg.take();
        return res;
    }
};

TextLogImporter::TextLogImporter(std::string file, const ImportOptions& options)
    : d(std::make_unique<State>(std::move(file), options))
{
}

TextLogImporter::~TextLogImporter() = default;

std::size_t TextLogImporter::feed(const char* data, std::size_t size, bool final)
{
    const char* p = data;
    const char* end = data + size;
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl && !final)
            break;
        const char* lineEnd = nl ? nl : end;
        ++d->line;
        // Progress bars rewrite a line with '\r': each piece is parsed on its own.
        const char* seg = p;
        while (seg <= lineEnd) {
            const char* cr =
                static_cast<const char*>(std::memchr(seg, '\r', static_cast<std::size_t>(lineEnd - seg)));
            const char* segEnd = cr ? cr : lineEnd;
            if (segEnd > seg)
                d->handleLine(std::string_view(seg, static_cast<std::size_t>(segEnd - seg)), d->line);
            if (!cr)
                break;
            seg = cr + 1;
        }
        p = nl ? nl + 1 : end;
    }
    return static_cast<std::size_t>(p - data);
}

ImportResult TextLogImporter::snapshot() const
{
    return d->result(d->run, d->log);
}

ImportResult TextLogImporter::finish()
{
    return d->result(std::move(d->run), std::move(d->log));
}

} // namespace losscast::core::import::detail
