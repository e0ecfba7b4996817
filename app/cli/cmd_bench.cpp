// losscast-cli bench: timings of the engine's hot paths on the bundled real curves, printed as a table or
// JSON. Speed is measured here, never by timed assertions in tests.
#include "app/cli/bench_accuracy.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/fit/protocol.h"
#include "core/import/benchmark.h"
#include "core/import/importer.h"
#include "core/schedule/schedule.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

namespace losscast::cli {
namespace {

struct Timing
{
    std::string what;
    double median = 0, min = 0, max = 0; // seconds
    int repeats = 0;
};

Timing timeIt(const std::string& what, int repeats, const std::function<void()>& work)
{
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        const auto a = std::chrono::steady_clock::now();
        work();
        t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return {what, t[t.size() / 2], t.front(), t.back(), repeats};
}

/// The bundled example curves: next to the source tree when run from a build, or installed beside the binary.
std::string examplesDir(const Args& args)
{
    if (auto d = args.value("data"))
        return *d;
#ifdef LOSSCAST_EXAMPLES_DIR
    if (std::filesystem::exists(LOSSCAST_EXAMPLES_DIR "/mpl"))
        return LOSSCAST_EXAMPLES_DIR "/mpl";
#endif
    return "resources/examples/mpl";
}

int runBench(Args& args)
{
    if (!args.raw().empty() && args.raw().front() == "accuracy") {
        Args rest(args.command(), std::vector<std::string>(args.raw().begin() + 1, args.raw().end()));
        return runBenchAccuracy(rest);
    }
    args.declare({"repeats", "data", "law", "import-rows"}, {}, {"json"});
    if (!args.parse())
        return usageError(args, args.error());
    long long repeats = 20;
    if (!args.intValue("repeats", repeats, 20))
        return usageError(args, args.error());
    if (repeats < 1 || repeats > 1000)
        return usageError(args, "--repeats must be in 1..1000, got " + std::to_string(repeats));
    if (args.has("law") && !lawFromArgs(args))
        return kExitUsage;
    const std::string dir = examplesDir(args);

    std::vector<Timing> timings;
    core::JsonValue fits = core::JsonValue::array();
    for (const auto& law : core::curveLaws()) {
        if (auto only = args.value("law"); only && *only != law->id())
            continue;
        for (const std::string size : {"25M", "100M"}) {
            auto split = core::fit::loadMplSplit(dir, size);
            if (!split) {
                std::cerr << split.errorText() << "\n(pass --data DIR with the MPL curves)\n";
                return kExitFailure;
            }
            const auto settings = law->defaultSettings();
            const auto b = core::fit::benchmarkFit(*law, split->train, settings, static_cast<int>(repeats));
            timings.push_back({law->id() + " fit, 3 MPL training curves (" + size + ")", b.medianSeconds,
                               b.minSeconds, b.maxSeconds, b.repeats});
            const auto fit = core::fit::fitCurves(*law, split->train, settings);
            for (const std::int64_t n : {std::int64_t(100'000), std::int64_t(1'000'000)}) {
                if (size != "25M")
                    break;
                const auto schedule = core::Schedule::cosine(3e-4, 3e-5, n, 2160).toInput();
                std::vector<std::int64_t> steps;
                for (int i = 1; i <= 1000; ++i)
                    steps.push_back(n * i / 1000);
                timings.push_back(
                    timeIt(law->id() + " predict, cosine " +
                               (n >= 1'000'000 ? std::string("1M") : std::to_string(n / 1000) + "k") +
                               " steps at 1,000 points",
                           static_cast<int>(repeats), [&] {
                               auto y = core::fit::predict(*law, fit.params, schedule, steps, fit.settings);
                               if (y.empty())
                                   std::abort();
                           }));
            }
        }
    }
    for (const std::int64_t n : {std::int64_t(1'000'000)}) {
        const auto wsd = core::Schedule::wsd(3e-4, 3e-5, n, 2000, 0.2, core::DecayShape::Sqrt);
        const auto cosine = core::Schedule::cosine(3e-4, 3e-5, n, 2000);
        std::vector<double> out(static_cast<std::size_t>(n + 1));
        timings.push_back(timeIt("render cosine schedule, 1M steps", static_cast<int>(repeats),
                                 [&] { cosine.renderInto(out); }));
        timings.push_back(timeIt("render WSD (1−sqrt) schedule, 1M steps", static_cast<int>(repeats),
                                 [&] { wsd.renderInto(out); }));
    }

    // Import: a numeric CSV of --import-rows × 10 columns, and a one-row file with 100,000 columns (wide W&B
    // exports); both written to the temporary folder and removed afterwards.
    long long importRows = 1'000'000;
    if (!args.intValue("import-rows", importRows, importRows) || importRows < 0 || importRows > 100'000'000)
        return usageError(args,
                          args.error().empty() ? "--import-rows must be in 0..100000000" : args.error());
    core::JsonValue importJson = core::JsonValue::object();
    if (importRows > 0 && !args.has("law")) {
        namespace fs = std::filesystem;
        const fs::path dir = fs::temp_directory_path();
        const std::string tall = (dir / "losscast-bench-tall.csv").string();
        const std::string wide = (dir / "losscast-bench-wide.csv").string();
        std::string error;
        if (!core::import::writeNumericCsv(tall, static_cast<std::size_t>(importRows), 10, &error)) {
            std::cerr << error << '\n';
            return kExitFailure;
        }
        const auto b =
            core::import::benchmarkCsvImport(tall, static_cast<int>(std::min<long long>(repeats, 5)));
        fs::remove(tall);
        if (!b.error.empty()) {
            std::cerr << b.error << '\n';
            return kExitFailure;
        }
        timings.push_back({"import numeric CSV, " + std::to_string(b.rows) + " rows × 10 columns (" +
                               std::to_string(b.bytes / 1'000'000) + " MB)",
                           b.medianSeconds, b.bestSeconds, b.medianSeconds,
                           static_cast<int>(std::min<long long>(repeats, 5))});
        importJson.set("mb_per_second", b.mbPerSecond);
        importJson.set("stored_mb", static_cast<double>(b.storedBytes) / 1e6);
        importJson.set("numeric_mb", static_cast<double>(b.points) * 8 / 1e6);
        importJson.set("peak_rss_delta_mb", static_cast<double>(b.peakRssDelta) / 1e6);
        {
            std::string header = "step", row = "1";
            for (int c = 0; c < 100'000; ++c) {
                header += ",m" + std::to_string(c);
                row += "," + std::to_string(c % 97) + ".5";
            }
            std::ofstream(wide) << header << '\n' << row << '\n';
        }
        timings.push_back(timeIt("import CSV with 100,000 columns, 1 row",
                                 static_cast<int>(std::min<long long>(repeats, 5)), [&] {
                                     if (!core::import::importFile(wide).ok())
                                         std::abort();
                                 }));
        fs::remove(wide);
    }

    if (args.flag("json")) {
        core::JsonValue all = core::JsonValue::array();
        for (const auto& t : timings) {
            core::JsonValue o = core::JsonValue::object();
            o.set("what", t.what);
            o.set("median_ms", t.median * 1e3);
            o.set("min_ms", t.min * 1e3);
            o.set("max_ms", t.max * 1e3);
            o.set("repeats", t.repeats);
            all.push(std::move(o));
        }
        core::JsonValue root = core::JsonValue::object();
        root.set("timings", std::move(all));
        if (importJson.size() > 0)
            root.set("import", std::move(importJson));
        return emitJson(args, root);
    }
    std::printf("%-64s %11s %11s %11s\n", "benchmark", "median ms", "min ms", "max ms");
    for (const auto& t : timings)
        std::printf("%-64s %11.3f %11.3f %11.3f\n", t.what.c_str(), t.median * 1e3, t.min * 1e3, t.max * 1e3);
    if (importJson.size() > 0)
        std::printf("import: %.0f MB/s at best; the series hold %.1f MB (steps and values) for %.1f MB of "
                    "logged values (peak RSS +%.1f MB)\n",
                    importJson.number("mb_per_second"), importJson.number("stored_mb"),
                    importJson.number("numeric_mb"), importJson.number("peak_rss_delta_mb"));
    return kExitOk;
}

const Registrar reg{
    {"bench", "time fitting, prediction and schedule rendering on the bundled curves",
     R"(usage: losscast-cli bench [--repeats N] [--law LAW] [--import-rows N] [--data DIR] [--json]
       losscast-cli bench accuracy [..]   (the generalisation benchmark: `losscast-cli bench accuracy --help`)

Times, on this machine: each registered law's fit on the three MPL-protocol training curves (25M and 100M),
its prediction of 100k- and 1M-step cosine schedules at 1,000 points, rendering 1M-step schedules, and
importing a 1M-row × 10-column numeric CSV and a 100,000-column CSV (files in the temporary folder).
Prints the median, min and max over N repeats (default 20).

options:
  --repeats N   repetitions per figure (default 20)
  --law LAW     only this law (and no import figures)
  --import-rows N  rows of the numeric CSV import benchmark (default 1,000,000; 0 skips it)
  --data DIR    folder with the MPL curves (default: the bundled resources/examples/mpl)
  --json        print JSON instead of a table
)",
     runBench, [](const std::string& verb) {
         return verb == "accuracy" ? std::string(benchAccuracyUsage()) : std::string();
     }}};

} // namespace
} // namespace losscast::cli
