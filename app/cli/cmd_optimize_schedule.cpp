// losscast-cli optimize-schedule: the LR schedule that minimises a fitted law's final loss (Luo et al. 2025,
// Sec. 6), compared with cosine and WSD of the same length.
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/optimize/schedulesearch.h"
#include "core/util/json.h"
#include "core/util/textfile.h"

#include <algorithm>
#include <iostream>
#include <limits>

namespace losscast::cli {
namespace {

core::JsonValue candidateJson(const core::optimize::ScheduleCandidate& c)
{
    core::JsonValue v = core::JsonValue::object();
    v.set("name", c.name);
    v.set("spec", c.spec);
    v.set("final_loss", c.finalLoss);
    return v;
}

int runOptimizeSchedule(Args& args)
{
    args.declare(
        {"params", "steps", "peak", "final-min", "final-max", "warmup", "out", "time-limit", "knots"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto paramsPath = args.value("params");
    if (!paramsPath)
        return usageError(args, "--params FILE is required (a fit written by `losscast-cli fit --out`)");
    if (!args.has("steps") || !args.has("peak"))
        return usageError(args, "--steps and --peak are required");
    core::optimize::ScheduleSearchOptions o;
    long long steps = 0, warmup = 0, knots = 0;
    double timeLimit = 0;
    if (!args.intValue("steps", steps, 0) || !args.intValue("warmup", warmup, 0) ||
        !args.doubleValue("peak", o.peak, 0.0) || !args.intValue("knots", knots, 64) ||
        !args.doubleValue("time-limit", timeLimit, 8.0))
        return usageError(args, args.error());
    if (!args.doubleValue("final-min", o.finalMin, 0.0) ||
        !args.doubleValue("final-max", o.finalMax, std::max(o.finalMin, 0.1 * o.peak)))
        return usageError(args, args.error());
    o.totalSteps = steps;
    o.warmupSteps = warmup;
    o.knots = static_cast<int>(std::clamp<long long>(knots, -1, 1 << 20));
    o.timeLimitSeconds = timeLimit;
    if (timeLimit > 10.0)
        return usageError(args, "--time-limit: at most 10 s");
    if (std::string why = o.validate(); !why.empty())
        return usageError(args, why);

    const auto file = core::readFitFile(*paramsPath);
    if (!file) {
        std::cerr << file.errorText() << '\n';
        return kExitFailure;
    }
    const auto law = core::findCurveLaw(file->fit.law);
    if (!law) {
        std::cerr << *paramsPath << ": error: unknown law '" << file->fit.law << "'\n";
        return kExitFailure;
    }
    core::LawSettings settings = law->defaultSettings();
    for (const auto& [k, v] : file->fit.settings)
        settings[k] = v;
    const auto r = core::optimize::searchSchedule(*law, file->fit.params, settings, o);
    if (!r) {
        std::cerr << r.errorText() << '\n';
        return kExitFailure;
    }

    core::JsonValue out = core::JsonValue::object();
    out.set("law", law->id());
    out.set("optimized", candidateJson(r->optimized));
    out.set("start", candidateJson(r->start));
    core::JsonValue baselines = core::JsonValue::array();
    double bestBaseline = std::numeric_limits<double>::infinity();
    for (const auto& b : r->baselines) {
        baselines.push(candidateJson(b));
        bestBaseline = std::min(bestBaseline, b.finalLoss);
    }
    out.set("baselines", std::move(baselines));
    out.set("gain_vs_best_baseline", bestBaseline - r->optimized.finalLoss);
    out.set("iterations", static_cast<double>(r->iterations));
    out.set("seconds", r->seconds);
    out.set("status", r->status);
    out.set("method", r->method);
    if (const auto path = args.value("out")) {
        if (writeOutput(args, *path, r->optimized.spec + "\n") != kExitOk)
            return kExitFailure;
    }
    std::cout << core::writeJson(out) << '\n';
    return kExitOk;
}

const Registrar reg{{"optimize-schedule", "find the LR schedule that minimises a fitted law's final loss",
                     R"(usage: losscast-cli optimize-schedule --params FIT.json --steps N --peak LR --warmup W
                                   [--final-min LR] [--final-max LR] [--knots K] [--time-limit S] [--out SPEC.txt]

Searches the schedule of N steps (linear warmup 0 → peak over W steps, then a non-increasing piecewise-linear
curve through K control points, default 64, every LR in [final-min, peak], the last in [final-min, final-max])
that minimises the final loss predicted by the law in FIT.json (from `losscast-cli fit --out`). Starts from the
best WSD schedule (decay fraction, shape and final LR searched), then refines by projected gradient (analytic
for the multi-power law, Luo et al. 2025 Sec. 6). Stops at convergence or after --time-limit seconds (default
8, at most 10). Defaults: --final-min 0, --final-max max(final-min, 0.1·peak).

Prints ONE JSON object:
  {"law":..,"optimized":{"name":..,"spec":..,"final_loss":..},"start":{..},"baselines":[cosine, wsd (linear,
   20 %), wsd-sqrt (1−sqrt, 20 %), each {"name","spec","final_loss"}, final LR clamp(0.1·peak, bounds)],
   "gain_vs_best_baseline":..,"iterations":n,"seconds":s,"status":..,"method":..}
--out writes the optimised schedule's spec (core/schedule text form) to a file, readable by every command that
takes a schedule.
)",
                     runOptimizeSchedule}};

} // namespace
} // namespace losscast::cli
