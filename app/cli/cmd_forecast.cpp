// losscast-cli forecast: the final loss of a run from its log so far, once or while the job writes it.
#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/io/textcheck.h"
#include "core/laws/law.h"
#include "core/schedule/schedule.h"
#include "core/workspace/follow.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

namespace losscast::cli {
namespace {

using Clock = std::chrono::steady_clock;
namespace ws = core::workspace;

volatile std::sig_atomic_t g_stopSignal = 0;
extern "C" void onStopSignal(int)
{
    g_stopSignal = 1;
}

/// What the command needs besides the log: the planned schedule, the fit request and the run to take.
struct Setup
{
    core::ScheduleInput planned;
    std::int64_t finalStep = 0;
    core::fit::ForecastRequest request;
    std::string runName;
};

core::JsonValue warningJson(const std::string& code, const std::string& message)
{
    core::JsonValue w = core::JsonValue::object();
    w.set("code", code);
    w.set("message", message);
    return w;
}

/// One update: {"step","points","final":{"step","loss","lower","upper"},"fit":{"seconds",..},"warnings"}.
core::JsonValue updateJson(const ws::LiveForecast& f, const Setup& setup,
                           const std::vector<core::JsonValue>& extraWarnings)
{
    core::JsonValue out = core::JsonValue::object();
    out.set("step", f.step);
    out.set("points", f.points);
    core::JsonValue fin = core::JsonValue::object();
    fin.set("step", f.finalStep);
    fin.set("loss", f.finalLoss);
    fin.set("lower", f.lower);
    fin.set("upper", f.upper);
    out.set("final", std::move(fin));
    out.set("law", f.forecast.law->id());
    core::JsonValue fitJson = core::summaryToJson(f.forecast.fit.summary);
    fitJson.set("seconds", f.seconds); // the whole forecast: fit, validation folds and band
    fitJson.set("points", f.fitPoints);
    out.set("fit", std::move(fitJson));
    core::JsonValue warnings = core::warningsToJson(f.forecast.warnings);
    for (const auto& w : extraWarnings)
        warnings.push(w);
    if (f.step > setup.finalStep)
        warnings.push(warningJson("past_schedule_end", "the log is at step " + std::to_string(f.step) +
                                                           ", past the schedule's last step " +
                                                           std::to_string(setup.finalStep) +
                                                           "; the forecast is for the log's last step"));
    out.set("warnings", std::move(warnings));
    return out;
}

/// The run to forecast, or an error message ("" with no run when there are no points yet).
const ws::FollowedRun* pickRun(const ws::FollowedLog& log, const std::string& wanted, std::string& error)
{
    error.clear();
    const auto& runs = log.runs();
    if (runs.size() > 1 && wanted.empty()) {
        std::string names;
        for (const auto& r : runs)
            names += (names.empty() ? "" : ", ") + r.name;
        error = log.path() + ": the log holds " + std::to_string(runs.size()) + " runs (" + names +
                "); choose one with --run";
        return nullptr;
    }
    if (runs.empty() || !runs.front().curve || runs.front().curve->steps.empty())
        return nullptr;
    return &runs.front();
}

void printDiagnostics(const ws::FollowedLog& log, std::size_t& printed)
{
    const auto& d = log.diagnostics();
    for (std::size_t i = printed; i < d.size(); ++i)
        std::cerr << core::printableText(d[i].toString()) << '\n';
    printed = d.size();
}

bool writeLine(const core::JsonValue& v)
{
    core::JsonWriteOptions wo;
    wo.pretty = false;
    std::cout << core::writeJson(v, wo) << std::endl;
    return static_cast<bool>(std::cout);
}

int runOnce(Args& args, ws::FollowedLog& log, const Setup& setup)
{
    log.poll();
    std::size_t printed = 0;
    printDiagnostics(log, printed);
    if (!log.readError().empty()) {
        std::cerr << "losscast-cli forecast: " << core::printableText(log.readError()) << '\n';
        return kExitFailure;
    }
    std::string error;
    const ws::FollowedRun* run = pickRun(log, setup.runName, error);
    if (!run) {
        std::cerr << "losscast-cli forecast: "
                  << (error.empty() ? log.path() + ": no loss points with a learning rate in this log"
                                    : error)
                  << '\n';
        return kExitFailure;
    }
    const auto f = ws::forecastFollowed(*run->curve, run->lrFromLog, setup.planned, setup.request);
    if (!f.ok()) {
        std::cerr << "losscast-cli forecast: error: " << log.path() << ": " << f.problem() << '\n';
        return kExitFailure;
    }
    return emitJson(args, updateJson(f, setup, {}), false);
}

/// Fits on a worker thread: a new log state replaces a waiting one (latest wins); the running fit finishes
/// unless cancelled (the log reached --until, or a signal).
class FitWorker
{
public:
    struct Job
    {
        core::Curve curve;
        bool lrFromLog = false;
        long generation = 0;
        std::vector<core::JsonValue> warnings;
    };
    struct Done
    {
        ws::LiveForecast forecast;
        long generation = 0;
        std::vector<core::JsonValue> warnings;
    };

    explicit FitWorker(const Setup& setup) : m_setup(setup), m_thread([this] { loop(); }) {}
    ~FitWorker()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
            m_cancel = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    void submit(Job job)
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = std::move(job);
        }
        m_cv.notify_all();
    }
    /// Cancels the running fit when it works on data older than `generation`.
    void cancelOlderThan(long generation)
    {
        std::lock_guard lock(m_mutex);
        if (m_busy && m_running < generation)
            m_cancel = true;
    }
    /// A finished forecast, waiting up to `wait` for one.
    std::optional<Done> take(std::chrono::milliseconds wait)
    {
        std::unique_lock lock(m_mutex);
        m_doneCv.wait_for(lock, wait, [this] { return m_done.has_value(); });
        std::optional<Done> d = std::move(m_done);
        m_done.reset();
        return d;
    }

private:
    void loop()
    {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [this] { return m_quit || m_pending.has_value(); });
                if (m_quit)
                    return;
                job = std::move(*m_pending);
                m_pending.reset();
                m_busy = true;
                m_running = job.generation;
                m_cancel = false;
            }
            core::fit::ForecastRequest request = m_setup.request;
            request.control.isCancelled = [this] { return m_cancel.load() || g_stopSignal != 0; };
            Done d{ws::forecastFollowed(job.curve, job.lrFromLog, m_setup.planned, request), job.generation,
                   std::move(job.warnings)};
            {
                std::lock_guard lock(m_mutex);
                m_busy = false;
                if (!m_cancel)
                    m_done = std::move(d);
            }
            m_doneCv.notify_all();
        }
    }

    const Setup& m_setup;
    std::mutex m_mutex;
    std::condition_variable m_cv, m_doneCv;
    std::optional<Job> m_pending;
    std::optional<Done> m_done;
    bool m_quit = false, m_busy = false;
    long m_running = 0;
    std::atomic<bool> m_cancel{false};
    std::thread m_thread;
};

int runFollow(ws::FollowedLog& log, const Setup& setup, std::optional<std::int64_t> until, double pollSeconds)
{
    g_stopSignal = 0;
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    FitWorker worker(setup);
    std::size_t printed = 0;
    std::string lastReadError, lastRunError;
    long generation = 0, untilGeneration = 0;
    std::int64_t lastSubmittedStep = -1;
    std::vector<core::JsonValue> carried; // warnings for the next line (a reread)
    bool anyOk = false;
    const auto poll = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(pollSeconds));
    auto nextPoll = Clock::now();
    while (!g_stopSignal) {
        if (Clock::now() >= nextPoll && untilGeneration == 0) {
            nextPoll = Clock::now() + poll;
            const auto u = log.poll();
            printDiagnostics(log, printed);
            if (log.readError() != lastReadError && !log.readError().empty())
                std::cerr << "losscast-cli forecast: waiting: " << core::printableText(log.readError())
                          << '\n';
            lastReadError = log.readError();
            if (u.reread) {
                printed = 0;
                carried.push_back(warningJson("log_reread", log.path() +
                                                                " was truncated, replaced or rewritten; it "
                                                                "was read again from the start"));
                lastSubmittedStep = -1;
            }
            std::string error;
            const ws::FollowedRun* run = pickRun(log, setup.runName, error);
            if (!error.empty() && error != lastRunError)
                std::cerr << "losscast-cli forecast: " << error << '\n';
            lastRunError = error;
            if (run && (u.changed || lastSubmittedStep < 0)) {
                const std::int64_t step = run->curve->steps.back();
                if (step != lastSubmittedStep || u.changed) {
                    ++generation;
                    lastSubmittedStep = step;
                    worker.submit({*run->curve, run->lrFromLog, generation, carried});
                    carried.clear();
                    if (until && step >= *until) {
                        untilGeneration = generation; // the last fit: older ones are not waited for
                        worker.cancelOlderThan(generation);
                    }
                }
            }
        }
        const auto wait = std::min<Clock::duration>(std::max<Clock::duration>(nextPoll - Clock::now(), {}),
                                                    std::chrono::milliseconds(100));
        auto done = worker.take(std::chrono::duration_cast<std::chrono::milliseconds>(wait) +
                                std::chrono::milliseconds(1));
        if (!done)
            continue;
        if (done->forecast.ok()) {
            anyOk = true;
            if (!writeLine(updateJson(done->forecast, setup, done->warnings)))
                return kExitFailure; // stdout closed: main() names the reason
        } else if (done->forecast.forecast.fit.summary.status != core::fit::Status::Cancelled) {
            std::cerr << "losscast-cli forecast: no forecast yet at step " << done->forecast.step << " ("
                      << done->forecast.points << " points): " << done->forecast.problem() << '\n';
        }
        if (untilGeneration != 0 && done->generation == untilGeneration)
            return done->forecast.ok() || anyOk ? kExitOk : kExitFailure;
    }
    return kExitOk; // SIGINT / SIGTERM
}

int runForecast(Args& args)
{
    auto valued = kFitOptionNames;
    valued.insert({"law", "log", "schedule", "warmup-steps", "until", "poll", "run", "loss", "lr", "out"});
    args.declare(valued, {"set"}, {"follow"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto logPath = args.value("log");
    if (!logPath)
        return usageError(args, "--log FILE is required");
    const auto spec = args.value("schedule");
    if (!spec)
        return usageError(args, "--schedule SPEC is required (the run's planned schedule: its last step is "
                                "the step forecast)");
    auto schedule = core::Schedule::fromText(*spec);
    if (!schedule) {
        std::cerr << "losscast-cli forecast: --schedule: " << schedule.errorText() << '\n';
        return kExitUsage;
    }
    Setup setup;
    setup.planned = schedule->toInput();
    setup.finalStep = static_cast<std::int64_t>(setup.planned.lr.size()) - 1;
    const auto lawName = args.value("law");
    if (!lawName)
        return usageError(args, "--law is required (mtl, mpl or auto)");
    setup.request.law = *lawName;
    if (*lawName == "auto") {
        if (args.has("set"))
            return usageError(args, "--set cannot be combined with --law auto (settings are per law)");
    } else {
        auto law = lawFromArgs(args);
        if (!law)
            return kExitUsage;
        auto settings = settingsFromArgs(args, *law);
        if (!settings)
            return kExitUsage;
        setup.request.settings[law->id()] = userSettings(args, *settings);
    }
    auto options = fitOptionsFromArgs(args);
    const auto warmup = warmupFromArgs(args);
    if (!options || !warmup)
        return kExitUsage;
    setup.request.options = *options;
    const bool follow = args.flag("follow");
    if (!follow && (args.has("until") || args.has("poll")))
        return usageError(args, "--until and --poll need --follow");
    if (follow && args.has("out"))
        return usageError(args, "--out cannot be combined with --follow (updates are JSON lines on stdout)");
    std::optional<std::int64_t> until;
    if (args.has("until")) {
        long long u = 0;
        if (!args.intValue("until", u, 0))
            return usageError(args, args.error());
        if (u < 1)
            return usageError(args, "--until must be a step ≥ 1, got " + std::to_string(u));
        until = u;
    }
    double pollSeconds = 1.0;
    if (!args.doubleValue("poll", pollSeconds, 1.0))
        return usageError(args, args.error());
    if (!(pollSeconds >= 0.01 && pollSeconds <= 3600))
        return usageError(args, "--poll must be in [0.01, 3600] seconds, got " + std::to_string(pollSeconds));

    ws::FollowOptions fo;
    fo.run = args.value("run").value_or("");
    fo.loss = args.value("loss").value_or("");
    fo.lr = args.value("lr").value_or("");
    fo.schedule = *spec;
    fo.warmupSteps = args.has("warmup-steps") ? *warmup : -1;
    setup.runName = fo.run;
    ws::FollowedLog log(*logPath, fo);
    return follow ? runFollow(log, setup, until, pollSeconds) : runOnce(args, log, setup);
}

const Registrar reg{{"forecast", "forecast a run's final loss from its log so far; --follow while it trains",
                     R"(usage: losscast-cli forecast --law LAW --log FILE --schedule SPEC [--warmup-steps W]
                            [--follow [--until STEP] [--poll SECONDS]] [options]

Fits LAW on the points FILE holds and forecasts the loss at the last step T of the run's planned schedule
SPEC, with its 95 % band (the robust fit, warnings and calibrated band of `losscast-cli fit`/`eval`). The LR
is the one FILE logged, continued by SPEC after the last logged step; a log without an LR series takes it all
from SPEC. FILE is any log `losscast-cli import` reads that a job appends to or rewrites: CSV/TSV, LossCast's
step,lr,loss CSV, Lightning metrics.csv, text logs (nanoGPT, llm.c, Megatron, modded-nanogpt), W&B history
JSON lines (or a legacy W&B run folder holding one), HF Trainer trainer_state.json.

Without --follow it prints ONE JSON object; with --follow one JSON line per update:
  {"step":S,"points":N,"final":{"step":T,"loss":X,"lower":L,"upper":U},"law":..,
   "fit":{"seconds":s,"points":n,"status":..,..},"warnings":[{"code":..,"message":..}]}
S is the log's last step, N its loss points, "fit" the fit's summary (seconds: fit, validation folds and
band; points: the points fitted: logs over 500 points are averaged in 500 bins of consecutive points).
"warnings" are the fit's (param_at_bound, drop_saturated, singular_covariance), plus log_reread (the log was
truncated or replaced and read again from the start) and past_schedule_end.

--follow polls FILE every --poll seconds (default 1) and reads only the bytes appended since (a half-written
last line waits until it is complete; a truncated or replaced file is read again from its start). New points
start a refit on a background thread; points that arrive while a fit runs wait for it and only the newest
state is fitted next (latest wins). It exits 0 after printing the forecast of the first state whose last step
is ≥ --until, or on SIGINT/SIGTERM. Without --until it follows until stopped. A FILE that does not exist
yet is waited for.

options:
  --law LAW            mtl, mpl or auto (chosen by held-out error, as `eval --law auto`)
  --log FILE           the training log
  --schedule SPEC      the run's planned schedule (syntax: `losscast-cli schedule --help`)
  --warmup-steps W     the log starts after a linear warmup from 0 over W steps (as for `fit`)
  --follow             keep reading FILE as it grows
  --until STEP         with --follow: stop once the log reaches STEP
  --poll SECONDS       with --follow: how often FILE is checked (default 1)
  --run NAME           the run to forecast in a multi-run log
  --loss M / --lr M    its loss and LR series (default: recognised by name)
  --set KEY=VALUE...   law settings (as for `fit`)
  --objective OBJ, --huber-delta D, --time-limit S   as for `fit` (--time-limit bounds each refit)
  --out FILE           without --follow: write the JSON here instead of stdout
Example (a training script's sidecar):
  losscast-cli forecast --law mpl --log train.log --follow --until 24000 \
    --schedule cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160
)",
                     runForecast}};

} // namespace
} // namespace losscast::cli
