#include "core/import/curvebuild.h"

#include "core/import/importer.h"
#include "core/schedule/logged.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace losscast::core::import {

namespace {

std::string names(const Run& run)
{
    std::string s;
    for (const auto& se : run.series)
        s += (s.empty() ? "'" : ", '") + se.name + "'";
    return s.empty() ? "(none)" : s;
}

std::string num(double v)
{
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : "?";
}

} // namespace

std::vector<double> interpolatePerStep(const Series& s, std::int64_t lastStep)
{
    return rebuildLoggedLr(s.steps, s.values, lastStep);
}

Result<Curve> buildCurve(const Run& run, const std::string& file, const CurveSelection& sel)
{
    auto fail = [&](std::string msg, std::string where = {}) {
        return Result<Curve>::failure(
            Diagnostic{Diagnostic::Severity::Error, file, 0, std::move(where), std::move(msg)});
    };
    std::vector<Diagnostic> warnings;
    auto warn = [&](std::string msg, std::string where) {
        warnings.push_back(
            Diagnostic{Diagnostic::Severity::Warning, file, 0, std::move(where), std::move(msg)});
    };

    const std::string lossName = sel.loss.empty() ? run.roles.loss : sel.loss;
    if (lossName.empty())
        return fail("run '" + run.name + "': no loss series recognised; choose one of " + names(run),
                    "--loss");
    const Series* loss = run.find(lossName);
    if (!loss)
        return fail("run '" + run.name + "' has no series '" + lossName + "'; it has " + names(run),
                    "--loss");

    Curve c;
    c.name = run.name;
    c.source = file;
    std::size_t dropped0 = 0, droppedBad = 0;
    for (std::size_t i = 0; i < loss->size(); ++i) {
        const double st = loss->steps[i];
        if (st != std::floor(st) || st < 0 || st > 1e12)
            return fail("series '" + lossName + "' has step " + num(st) +
                            ", which is not a step count (non-integer or negative); use a step column as x",
                        "--loss");
        if (st < 1) {
            ++dropped0;
            continue;
        }
        const double v = loss->values[i];
        if (!std::isfinite(v) || v <= 0) {
            ++droppedBad;
            continue;
        }
        c.steps.push_back(static_cast<std::int64_t>(st));
        c.loss.push_back(v);
    }
    const std::string where = "run '" + run.name + "', series '" + lossName + "'";
    if (dropped0)
        warn("the loss at step 0 (before any update) is not part of a fitted curve: left out", where);
    if (droppedBad)
        warn(std::to_string(droppedBad) + " loss value(s) <= 0 left out", where);
    if (c.steps.empty())
        return fail(where + ": no loss points at steps >= 1", "--loss");
    const std::int64_t lastStep = c.steps.back();
    if (lastStep > kMaxCurveStep)
        return fail(where + ": the last step is " + std::to_string(lastStep) + ", beyond the " +
                        std::to_string(kMaxCurveStep) +
                        " steps a curve may have (one LR per step is kept); is the x axis tokens or samples? "
                        "choose the step column",
                    "--loss");

    if (sel.schedule) {
        if (static_cast<std::int64_t>(sel.schedule->lr.size()) < lastStep + 1)
            return fail("the schedule covers steps 0.." + std::to_string(sel.schedule->lr.size() - 1) +
                            " but the loss goes to step " + std::to_string(lastStep),
                        "--schedule");
        c.schedule = *sel.schedule;
        return Result<Curve>::success(std::move(c), std::move(warnings));
    }

    const std::string lrName = sel.lr.empty() ? run.roles.lr : sel.lr;
    if (lrName.empty())
        return fail("run '" + run.name +
                        "' logged no learning rate that was recognised; name the LR series (" + names(run) +
                        ") or give a schedule",
                    "--lr");
    const Series* lr = run.find(lrName);
    if (!lr)
        return fail("run '" + run.name + "' has no series '" + lrName + "'; it has " + names(run), "--lr");
    if (lr->empty())
        return fail("series '" + lrName + "' is empty", "--lr");
    for (std::size_t i = 0; i < lr->size(); ++i)
        if (!std::isfinite(lr->values[i]) || lr->values[i] < 0)
            return fail("series '" + lrName + "' has a negative learning rate " + num(lr->values[i]) +
                            " at step " + num(lr->steps[i]),
                        "--lr");
    c.schedule.lr = interpolatePerStep(*lr, lastStep);
    if (sel.warmupSteps > 0) {
        // As readCurveCsv: a linear warmup from 0 up to the first logged LR.
        const double s0 = lr->steps.front(), eta0 = lr->values.front();
        const double w = std::min(static_cast<double>(sel.warmupSteps), s0);
        for (std::int64_t k = 0; k <= lastStep && static_cast<double>(k) < w; ++k)
            c.schedule.lr[static_cast<std::size_t>(k)] = eta0 * static_cast<double>(k) / w;
        c.schedule.warmupSteps = sel.warmupSteps;
    }
    const std::string lrWhere = "run '" + run.name + "', series '" + lrName + "'";
    if (lr->steps.front() > 1 && sel.warmupSteps <= 0)
        warn("the LR is first logged at step " + num(lr->steps.front()) +
                 ": earlier steps use that first value",
             lrWhere);
    if (lr->steps.back() < static_cast<double>(lastStep))
        warn("the LR is last logged at step " + num(lr->steps.back()) + " but the loss goes to step " +
                 std::to_string(lastStep) + ": later steps use the last value",
             lrWhere);
    if (sel.warmupSteps < 0)
        c.schedule.warmupSteps = detectWarmup(c.schedule.lr); // the one rule the window's scenarios use too
    return Result<Curve>::success(std::move(c), std::move(warnings));
}

Result<std::vector<Curve>> importCurves(const std::string& path, const CurveSelection& selection,
                                        const std::string& runName, const ImportOptions& options)
{
    ImportResult imported = importFile(path, options);
    Result<std::vector<Curve>> out;
    out.diagnostics = imported.diagnostics;
    if (!imported.ok())
        return out;
    std::vector<const Run*> runs;
    if (!runName.empty()) {
        const Run* r = imported.findRun(runName);
        if (!r) {
            std::string names;
            for (const auto& x : imported.runs)
                names += (names.empty() ? "'" : ", '") + x.name + "'";
            out.diagnostics.push_back(
                Diagnostic{Diagnostic::Severity::Error, imported.file, 0, "--run",
                           "no run '" + runName + "' (runs: " + (names.empty() ? "none" : names) + ")"});
            return out;
        }
        runs.push_back(r);
    } else {
        for (const auto& r : imported.runs)
            runs.push_back(&r);
    }
    if (runs.empty()) {
        out.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error,
                                             imported.file,
                                             0,
                                             {},
                                             imported.table
                                                 ? "this is a table of runs (config and summary), not "
                                                   "curves"
                                                 : "no runs with curves in this file"});
        return out;
    }
    std::vector<Curve> curves;
    bool failed = false;
    // Runs without a recognised LR (and no --lr / --schedule to supply one) get one message for the file,
    // not one per run.
    if (!selection.schedule && selection.lr.empty()) {
        std::string names;
        std::size_t missing = 0;
        for (const Run* r : runs) {
            if (!r->roles.lr.empty())
                continue;
            if (++missing <= 5)
                names += (names.empty() ? "" : ", ") + r->name;
        }
        if (missing > 5)
            names += ", … (" + std::to_string(missing) + " runs)";
        if (missing > 0) {
            out.diagnostics.push_back(Diagnostic{
                Diagnostic::Severity::Error,
                imported.file,
                0,
                {},
                "no learning rate logged in " + imported.file + " (" + (missing == 1 ? "run: " : "runs: ") +
                    names +
                    "): give the schedule with --schedule SPEC (see `losscast-cli schedule --help`) or name "
                    "the LR series with --lr NAME"});
            failed = true;
            std::erase_if(runs, [](const Run* r) { return r->roles.lr.empty(); });
        }
    }
    for (const Run* r : runs) {
        auto c = buildCurve(*r, imported.file, selection);
        for (auto& d : c.diagnostics)
            out.diagnostics.push_back(std::move(d));
        if (!c.ok()) {
            failed = true;
            continue;
        }
        curves.push_back(std::move(*c.value));
    }
    if (!failed)
        out.value = std::move(curves);
    return out;
}

} // namespace losscast::core::import
