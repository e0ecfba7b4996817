#include "core/cpt/cptcsv.h"

#include "core/import/curvebuild.h"
#include "core/import/importer.h"
#include "core/io/curvecsv.h"
#include "core/util/csvtext.h"
#include "core/util/textfields.h"
#include "core/util/textfile.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace losscast::core::cpt {

namespace {

/// Fills lr[from+1 .. to] linearly from (from, a) to (to, b).
void ramp(std::vector<double>& lr, std::int64_t from, double a, std::int64_t to, double b)
{
    for (std::int64_t i = from + 1; i <= to; ++i)
        lr[static_cast<std::size_t>(i)] =
            a + (b - a) * static_cast<double>(i - from) / static_cast<double>(to - from);
}

} // namespace

Result<CptRun> parseCptCsv(std::string_view text, const std::string& name, const CptCsvOptions& o)
{
    auto error = [&](std::int64_t line, std::string message, std::string where = {}) {
        Diagnostic d;
        d.file = name;
        d.line = line;
        d.where = std::move(where);
        d.message = std::move(message);
        return Result<CptRun>::failure(std::move(d));
    };
    if (o.switchStep < 0)
        return error(
            0, "the switch step is required (the last PT step; 0 when the file holds only the CPT phase)");
    if (o.warmupSteps < 0)
        return error(0, "warmup steps must be >= 0");
    if (!(o.replay >= 0.0 && o.replay <= 1.0))
        return error(0, "replay ratio must be in [0, 1]");

    int stepCol = -1, lrCol = -1, gCol = -1, dCol = -1;
    bool haveHeader = false;
    std::vector<CptRow> rows;
    // The byte-order mark, blank and '#' lines, quotes and the delimiter (a tab when the header has no
    // comma) are CsvText's.
    CsvText csv(text);
    while (csv.next()) {
        const std::int64_t lineNo = csv.line();
        const std::vector<std::string_view>& fields = csv.fields();
        if (!haveHeader) {
            haveHeader = true;
            auto column = [&](std::initializer_list<std::string> wanted) {
                for (const auto& w : wanted)
                    for (std::size_t i = 0; i < fields.size(); ++i)
                        if (lowerAscii(fields[i]) == lowerAscii(w))
                            return static_cast<int>(i);
                return -1;
            };
            stepCol = column({"step"});
            lrCol = column({"lr", "learning_rate"});
            gCol = column({o.generalColumn});
            dCol = column({o.domainColumn});
            std::string have;
            for (auto f : fields)
                have += (have.empty() ? "" : ", ") + quotedForMessage(f);
            if (stepCol < 0 || lrCol < 0)
                return error(lineNo, std::string("missing column ") + (stepCol < 0 ? "'step'" : "'lr'") +
                                         " in the header; it has " + have);
            if (gCol < 0 && dCol < 0)
                return error(lineNo, "neither the general loss column " + quotedForMessage(o.generalColumn) +
                                         " nor the domain loss column " + quotedForMessage(o.domainColumn) +
                                         " is in the header; it has " + have +
                                         " (choose with --general/--domain)");
            continue;
        }
        const int needed = std::max({stepCol, lrCol, gCol, dCol}) + 1;
        if (static_cast<int>(fields.size()) < needed)
            return error(lineNo, "expected at least " + std::to_string(needed) + " fields, got " +
                                     std::to_string(fields.size()));
        double stepValue = 0.0, lr = 0.0;
        if (!parseNumberField(fields[stepCol], stepValue) || !std::isfinite(stepValue) ||
            stepValue != std::floor(stepValue) || stepValue < 0)
            return error(lineNo,
                         "expected a non-negative integer step, got " + quotedForMessage(fields[stepCol]),
                         "column 'step'");
        if (stepValue > static_cast<double>(kMaxCurveSteps))
            return error(lineNo, "step exceeds the supported maximum of " + std::to_string(kMaxCurveSteps),
                         "column 'step'");
        if (!parseNumberField(fields[lrCol], lr) || !std::isfinite(lr) || lr < 0)
            return error(lineNo,
                         "learning rate must be a finite number >= 0, got " + quotedForMessage(fields[lrCol]),
                         "column 'lr'");
        auto lossAt = [&](int col, double& out) -> std::string {
            out = std::numeric_limits<double>::quiet_NaN();
            if (col < 0)
                return {};
            const auto f = fields[static_cast<std::size_t>(col)];
            if (f.empty() || lowerAscii(f) == "nan")
                return {};
            if (!parseNumberField(f, out) || !std::isfinite(out) || out <= 0)
                return "loss must be finite and > 0 (or empty), got " + quotedForMessage(f);
            return {};
        };
        double g = 0.0, d = 0.0;
        if (auto why = lossAt(gCol, g); !why.empty())
            return error(lineNo, why, "column " + quotedForMessage(o.generalColumn));
        if (auto why = lossAt(dCol, d); !why.empty())
            return error(lineNo, why, "column " + quotedForMessage(o.domainColumn));
        const auto step = static_cast<std::int64_t>(stepValue);
        if (!rows.empty() && step <= rows.back().step)
            return error(lineNo,
                         "step " + std::to_string(step) + " is not greater than the previous step " +
                             std::to_string(rows.back().step) + "; steps must be strictly ascending",
                         "column 'step'");
        rows.push_back(CptRow{step, lr, g, d, lineNo});
    }
    if (!haveHeader)
        return error(0, "empty file (expected a header 'step,lr," + o.generalColumn + "," + o.domainColumn +
                            "')");
    if (rows.empty())
        return error(0, "no data rows after the header");
    return buildCptRun(std::move(rows), name, o);
}

Result<CptRun> buildCptRun(std::vector<CptRow> rows, const std::string& name, const CptCsvOptions& o)
{
    auto error = [&](std::int64_t line, std::string message) {
        Diagnostic d;
        d.file = name;
        d.line = line;
        d.message = std::move(message);
        return Result<CptRun>::failure(std::move(d));
    };
    if (o.switchStep < 0)
        return error(
            0, "the switch step is required (the last PT step; 0 when the file holds only the CPT phase)");
    if (rows.empty())
        return error(0, "no data rows");
    for (std::size_t k = 1; k < rows.size(); ++k)
        if (rows[k].step <= rows[k - 1].step)
            return error(rows[k].line, "steps must be strictly ascending");
    const std::int64_t last = std::max(rows.back().step, o.switchStep);
    if (o.switchStep > 0 && rows.front().step > o.switchStep)
        return error(0, "no row at or before the switch step " + std::to_string(o.switchStep) +
                            " (the first row is step " + std::to_string(rows.front().step) + ")");

    CptRun run;
    run.name = fileStem(name);
    run.source = name;
    run.switchStep = o.switchStep;
    run.replay = o.replay;
    run.modelSizeMillions = o.modelSizeMillions;
    auto& lr = run.schedule.lr;
    lr.assign(static_cast<std::size_t>(last) + 1, 0.0);
    run.schedule.warmupSteps = o.switchStep > 0 ? o.warmupSteps : 0;

    // PT phase: rows with step ≤ S.
    std::vector<const CptRow*> pt, cpt;
    for (const auto& r : rows)
        (r.step <= o.switchStep ? pt : cpt).push_back(&r);
    if (o.switchStep > 0) {
        const CptRow& first = *pt.front();
        const std::int64_t w = std::min(o.warmupSteps, first.step);
        if (w > 0) {
            ramp(lr, 0, 0.0, w, first.lr);
            lr[0] = 0.0;
        } else {
            lr[0] = first.lr;
        }
        for (std::int64_t i = std::max<std::int64_t>(w, 0) + (w > 0 ? 1 : 0); i <= first.step; ++i)
            lr[static_cast<std::size_t>(i)] = first.lr;
        for (std::size_t k = 1; k < pt.size(); ++k)
            ramp(lr, pt[k - 1]->step, pt[k - 1]->lr, pt[k]->step, pt[k]->lr);
        for (std::int64_t i = pt.back()->step + 1; i <= o.switchStep; ++i)
            lr[static_cast<std::size_t>(i)] = pt.back()->lr;
    } else {
        lr[0] = std::isnan(o.cptWarmupStart) ? (cpt.empty() ? 0.0 : cpt.front()->lr) : o.cptWarmupStart;
    }
    // CPT phase: from the CPT-side start at S to the first CPT row, then between rows.
    if (!cpt.empty()) {
        const double startLr =
            std::isnan(o.cptWarmupStart) ? lr[static_cast<std::size_t>(o.switchStep)] : o.cptWarmupStart;
        ramp(lr, o.switchStep, startLr, cpt.front()->step, cpt.front()->lr);
        for (std::size_t k = 1; k < cpt.size(); ++k)
            ramp(lr, cpt[k - 1]->step, cpt[k - 1]->lr, cpt[k]->step, cpt[k]->lr);
    }
    std::vector<Diagnostic> warnings;
    for (const auto& r : rows) {
        if (r.step == 0) {
            Diagnostic d;
            d.severity = Diagnostic::Severity::Warning;
            d.file = name;
            d.line = r.line;
            d.message = "step 0 has no update before it; its losses are not used";
            warnings.push_back(d);
            continue;
        }
        if (std::isnan(r.general) && std::isnan(r.domain))
            continue;
        run.steps.push_back(r.step);
        run.general.push_back(r.general);
        run.domain.push_back(r.domain);
    }
    if (run.steps.empty())
        return error(0, "no measured losses");
    return Result<CptRun>::success(std::move(run), std::move(warnings));
}

Result<CptRun> readCptCsv(const std::string& path, const CptCsvOptions& options)
{
    auto text = readTextFile(path);
    if (!text)
        return Result<CptRun>{std::nullopt, text.diagnostics};
    return parseCptCsv(*text, path, options);
}

} // namespace losscast::core::cpt

namespace losscast::core::cpt {

Result<CptRun> readCptRun(const std::string& path, const CptCsvOptions& options, const std::string& runName)
{
    auto error = [&](std::string message) {
        Diagnostic d;
        d.file = path;
        d.message = std::move(message);
        return Result<CptRun>::failure(std::move(d));
    };
    const auto dot = path.find_last_of('.');
    const std::string ext = dot == std::string::npos ? "" : lowerAscii(path.substr(dot));
    if (ext == ".csv" || ext == ".tsv")
        return readCptCsv(path, options);

    const import::ImportResult imported = import::importFile(path);
    if (!imported.ok()) {
        Result<CptRun> r;
        r.diagnostics = imported.diagnostics;
        return r;
    }
    const import::Run* run = nullptr;
    std::string names;
    for (const auto& r : imported.runs) {
        names += (names.empty() ? "" : ", ") + r.name;
        if (runName.empty() ? imported.runs.size() == 1 : r.name == runName)
            run = &r;
    }
    if (!run)
        return error(imported.runs.empty()
                         ? "no runs in the file"
                         : (runName.empty() ? "several runs in the file (" + names + "); name one"
                                            : "no run '" + runName + "' (runs: " + names + ")"));
    const import::Series* g = run->find(options.generalColumn);
    const import::Series* d = run->find(options.domainColumn);
    std::string series;
    for (const auto& s : run->series)
        series += (series.empty() ? "" : ", ") + s.name;
    if (!g && !d)
        return error("run '" + run->name + "' has neither a general loss series '" + options.generalColumn +
                     "' nor a domain loss series '" + options.domainColumn + "' (series: " + series +
                     "; choose with --general/--domain)");
    const import::Series* lr = run->roles.lr.empty() ? nullptr : run->find(run->roles.lr);
    if (!lr || lr->empty())
        return error("run '" + run->name + "' has no learning-rate series (series: " + series + ")");
    std::map<std::int64_t, CptRow> rows;
    auto add = [&](const import::Series& s, int which) -> std::string {
        for (std::size_t k = 0; k < s.size(); ++k) {
            const double x = s.steps[k];
            if (!(x >= 0.0) || x != std::floor(x) || x > static_cast<double>(kMaxCurveSteps))
                return "series '" + s.name + "' has a step that is not an integer in 0.." +
                       std::to_string(kMaxCurveSteps) + ": " + std::to_string(x);
            auto& row = rows[static_cast<std::int64_t>(x)];
            row.step = static_cast<std::int64_t>(x);
            if (!(s.values[k] > 0.0) || !std::isfinite(s.values[k]))
                return "series '" + s.name + "': loss must be finite and > 0 at step " + std::to_string(x);
            (which == 1 ? row.general : row.domain) = s.values[k];
        }
        return {};
    };
    // Every row starts with NaN losses; the loss series then fill theirs.
    for (const import::Series* s : {lr, g, d})
        if (s)
            for (double x : s->steps)
                if (x >= 0.0 && x == std::floor(x) && x <= static_cast<double>(kMaxCurveSteps)) {
                    auto& row = rows[static_cast<std::int64_t>(x)];
                    row.step = static_cast<std::int64_t>(x);
                    row.general = row.domain = std::numeric_limits<double>::quiet_NaN();
                }
    for (auto [s, which] : {std::pair{g, 1}, std::pair{d, 2}})
        if (s)
            if (auto why = add(*s, which); !why.empty())
                return error(why);
    if (rows.empty())
        return error("no points");
    const auto perStep = import::interpolatePerStep(*lr, rows.rbegin()->first);
    std::vector<CptRow> list;
    for (auto& [step, row] : rows) {
        row.lr = perStep[static_cast<std::size_t>(step)];
        list.push_back(row);
    }
    return buildCptRun(std::move(list), path, options);
}

} // namespace losscast::core::cpt
