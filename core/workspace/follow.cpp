// Following a growing training log and forecasting its final loss (see follow.h).
#include "core/workspace/follow.h"

#include "core/import/curvebuild.h"
#include "core/import/importer.h"
#include "core/schedule/schedule.h"
#include "core/workspace/loaders.h"
#include "core/workspace/workspace.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

namespace losscast::core::workspace {

namespace fs = std::filesystem;

namespace {

/// A W&B run folder is followed through its history file (legacy folders keep it; modern ones do not).
std::string historyFileOf(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_directory(path, ec))
        return path;
    for (const char* rel : {"wandb-history.jsonl", "files/wandb-history.jsonl"}) {
        const fs::path p = fs::path(path) / rel;
        if (fs::is_regular_file(p, ec))
            return p.string();
    }
    return path; // read whole at each change (LiveImport)
}

/// What the points of the runs are, to tell a real change from a re-read that gave the same points.
struct Signature
{
    std::size_t points = 0;
    std::int64_t lastStep = -1;
    double lastLoss = 0.0;
    std::size_t lrSize = 0;
    friend bool operator==(const Signature&, const Signature&) = default;
};

std::vector<Signature> signatureOf(const std::vector<FollowedRun>& runs)
{
    std::vector<Signature> out;
    for (const auto& r : runs) {
        Signature s;
        if (r.curve && !r.curve->steps.empty()) {
            s.points = r.curve->steps.size();
            s.lastStep = r.curve->steps.back();
            s.lastLoss = r.curve->loss.back();
            s.lrSize = r.curve->schedule.lr.size();
        }
        out.push_back(s);
    }
    return out;
}

} // namespace

FollowedLog::FollowedLog(std::string path, FollowOptions options)
    : m_path(std::move(path)), m_options(std::move(options))
{
}

FollowedLog::~FollowedLog() = default;

int FollowedLog::fullReads() const
{
    return m_live ? m_live->fullReads() : 0;
}

std::size_t FollowedLog::totalBytesParsed() const
{
    return m_live ? m_live->totalBytesParsed() : 0;
}

FollowUpdate FollowedLog::poll()
{
    FollowUpdate u;
    std::error_code ec;
    if (!m_live) {
        if (!fs::exists(m_path, ec)) {
            m_readError = m_path + ": cannot open: No such file or directory";
            return u;
        }
        m_followed = historyFileOf(m_path);
        import::ImportOptions io;
        io.displayName = m_path == m_followed ? std::string() : m_followed;
        m_live = std::make_unique<import::LiveImport>(m_followed, io);
    }
    const bool changed = m_live->refresh();
    u.bytesParsed = m_live->lastBytesParsed();
    const bool reread = m_live->fullReads() != m_fullReadsSeen;
    m_fullReadsSeen = m_live->fullReads();
    // A folder without a history file is read whole at each poll: only a change of its points counts.
    u.reread = reread && m_fullReadsSeen > 1 && m_live->family() != "";
    const import::ImportResult& r = m_live->result();
    if (!r.ok()) {
        // Missing for a moment (a rename over it), or a JSON document caught half-written: keep what the last
        // good read gave; the next change is read again.
        m_readError.clear();
        for (const auto& d : r.diagnostics)
            if (d.severity == Diagnostic::Severity::Error)
                m_readError += (m_readError.empty() ? "" : "; ") + d.toString();
        return FollowUpdate{false, u.reread, u.bytesParsed};
    }
    m_readError.clear();
    if (!changed)
        return u;
    if (reread) {
        // The curve reader's warmup rule for LossCast's own step,lr,loss files (as the loaders read them).
        const Loader* l = sniffLoader(m_followed);
        m_curveCsv = l && l->id == "curve-csv";
    }
    const auto before = signatureOf(m_runs);
    rebuild();
    u.changed = signatureOf(m_runs) != before || u.reread;
    return u;
}

void FollowedLog::rebuild()
{
    const import::ImportResult& imported = m_live->result();
    m_format = imported.format;
    m_diagnostics = imported.diagnostics;
    std::optional<ScheduleInput> rendered;
    if (!m_options.schedule.empty()) {
        auto schedule = Schedule::fromText(m_options.schedule);
        if (!schedule) {
            for (auto d : schedule.diagnostics) {
                d.where = d.where.empty() ? "schedule" : d.where;
                m_diagnostics.push_back(std::move(d));
            }
        } else
            rendered = schedule->toInput();
    }
    std::vector<FollowedRun> runs;
    for (const auto& run : imported.runs) {
        if (!m_options.run.empty() && run.name != m_options.run)
            continue;
        FollowedRun out;
        out.name = run.name;
        import::CurveSelection sel;
        sel.loss = m_options.loss;
        sel.lr = m_options.lr;
        sel.warmupSteps =
            m_curveCsv ? std::max<std::int64_t>(m_options.warmupSteps, 0) : m_options.warmupSteps;
        out.lrFromLog = !sel.lr.empty() || !run.roles.lr.empty();
        if (!out.lrFromLog) {
            if (!rendered) {
                runs.push_back(std::move(out)); // waits for an LR
                continue;
            }
            sel.schedule = &*rendered;
        }
        const std::string lossName = sel.loss.empty() ? run.roles.loss : sel.loss;
        const import::Series* loss = lossName.empty() ? nullptr : run.find(lossName);
        if (loss && !loss->empty()) {
            auto curve = import::buildCurve(run, m_followed, sel);
            for (auto& d : curve.diagnostics)
                m_diagnostics.push_back(std::move(d));
            if (curve.ok())
                out.curve = std::move(*curve);
        }
        runs.push_back(std::move(out));
    }
    m_runs = std::move(runs);
}

Curve thinForFit(const Curve& curve, std::size_t maxPoints)
{
    const std::size_t n = curve.steps.size();
    if (maxPoints == 0 || n <= maxPoints)
        return curve;
    Curve out;
    out.name = curve.name;
    out.source = curve.source;
    out.schedule = curve.schedule;
    out.steps.reserve(maxPoints);
    out.loss.reserve(maxPoints);
    for (std::size_t b = 0; b < maxPoints; ++b) {
        const std::size_t lo = b * n / maxPoints, hi = (b + 1) * n / maxPoints;
        double stepSum = 0.0, lossSum = 0.0;
        for (std::size_t i = lo; i < hi; ++i) {
            stepSum += static_cast<double>(curve.steps[i]);
            lossSum += curve.loss[i];
        }
        const double k = static_cast<double>(hi - lo);
        // Bins are disjoint ranges of ascending integers, so the rounded mean steps stay strictly ascending.
        out.steps.push_back(static_cast<std::int64_t>(std::llround(stepSum / k)));
        out.loss.push_back(lossSum / k);
    }
    return out;
}

ScheduleInput plannedSchedule(const Curve& curve, bool lrFromLog, const ScheduleInput& planned)
{
    ScheduleInput out = planned;
    if (!lrFromLog)
        return out;
    const std::size_t logged = curve.schedule.lr.size();
    if (out.lr.size() < logged)
        out.lr.resize(logged, out.lr.empty() ? 0.0 : out.lr.back());
    std::copy(curve.schedule.lr.begin(), curve.schedule.lr.end(), out.lr.begin());
    out.warmupSteps = curve.schedule.warmupSteps;
    return out;
}

bool LiveForecast::ok() const
{
    return forecast.law != nullptr && forecast.fit.summary.isUsable() && std::isfinite(finalLoss) &&
           std::isfinite(lower) && std::isfinite(upper) && finalLoss > 0.0;
}

std::string LiveForecast::problem() const
{
    if (ok())
        return {};
    if (!forecast.message.empty())
        return forecast.message;
    if (!forecast.law || !forecast.fit.summary.isUsable())
        return forecast.fit.summary.briefReport();
    return "the forecast has no finite band yet (" + std::to_string(points) +
           " points: the parameters are not determined, and the band's calibration needs at least 8 points "
           "in the first 60 % of the logged steps and 3 after them)";
}

LiveForecast forecastFollowed(const Curve& curve, bool lrFromLog, const ScheduleInput& planned,
                              const fit::ForecastRequest& request)
{
    const auto t0 = std::chrono::steady_clock::now();
    LiveForecast out;
    out.points = curve.steps.size();
    out.step = curve.steps.empty() ? 0 : curve.steps.back();
    const ScheduleInput schedule = plannedSchedule(curve, lrFromLog, planned);
    out.finalStep = schedule.lr.empty() ? 0 : static_cast<std::int64_t>(schedule.lr.size()) - 1;
    const Curve fitted = thinForFit(curve);
    out.fitPoints = fitted.steps.size();
    WorkspaceFitRequest req{request.options, request.control, request.calibrateBand, request.targetLr};
    if (!std::isfinite(req.targetLr)) {
        // The forecast reaches the planned schedule's lowest LR: with "auto", a plan that anneals beyond
        // what the run logged so far is the early stop no validation fold can test (chooseCurveLaw).
        Curve plan;
        plan.schedule = schedule;
        req.targetLr = fit::lowestTargetLr({plan});
    }
    // Fitted as the document fits (core/workspace/workspace.h), the run so far its one train run.
    Workspace document;
    WorkspaceRun run;
    run.name = fitted.name;
    run.curve = fitted;
    document.addRun(std::move(run));
    if (!document.setLaw(request.law)) {
        out.forecast.message = "unknown law '" + request.law + "'";
    } else {
        if (const auto it = request.settings.find(request.law); it != request.settings.end())
            document.setSettings(it->second);
        LawFitOutcome attempt;
        out.forecast = document.fit(req, &attempt) ? toForecast(*document.currentFit()) : toForecast(attempt);
    }
    out.finalLoss = out.lower = out.upper = std::numeric_limits<double>::quiet_NaN();
    if (out.forecast.law && out.forecast.fit.summary.isUsable() && out.finalStep > 0) {
        try {
            const std::int64_t at[1] = {out.finalStep};
            const auto band = fit::forecastBand(out.forecast, schedule, at, 0.95);
            if (!band.loss.empty()) {
                out.finalLoss = band.loss[0];
                out.lower = band.lower[0];
                out.upper = band.upper[0];
            }
        } catch (const std::exception& e) {
            out.forecast.message = e.what();
            out.forecast.law = nullptr;
        }
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

} // namespace losscast::core::workspace
