// losscast-cli schedule: render a learning-rate schedule to step,lr CSV (or print its canonical forms).
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/io/curvecsv.h"
#include "core/schedule/schedule.h"
#include "core/util/json.h"
#include "core/util/textfile.h"

#include <iostream>

namespace losscast::cli {
namespace {

const char* kUsage =
    R"(usage: losscast-cli schedule SPEC [--every K] [--out FILE] [--json | --text]

Renders the learning rate of every step 0..N of a schedule as 'step,lr' CSV (to stdout, or to FILE).

SPEC is the text form, or a .json file holding a schedule's JSON form:
  constant:peak=3e-4,steps=24000,warmup=2160
  cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160
  linear:peak=3e-4,final=0,steps=24000
  wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay=0.2,shape=linear   (shape: linear|cosine|exp|sqrt;
      or decay_steps=4000 instead of decay)
  multistep:peak=3e-4,steps=16000,at=8000;12000,factor=0.3     (at: steps, or fractions < 1 of steps)
  invsqrt:peak=1e-3,steps=100000,warmup=4000                    (optional timescale=T)
  exponential:peak=3e-4,final=3e-5,steps=24000
  cyclic:peak=3e-4,final=3e-5,steps=24000,period=4000           (optional mult=2, gamma=0.5)
  piecewise:points=0@0;2000@3e-4;24000@3e-5                     (steps = last point unless given)
  logged:points=2160@3e-4;2288@2.9e-4,warmup=2160
Every kind takes warmup=W (steps) and warmup_start=LR. Join phases with '+', e.g. PT then CPT:
  cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000 + cosine:peak=1e-4,final=1e-5,steps=5000,warmup=500,warmup_start=3e-5

options:
  --every K   print every K-th step (and always the last); default 1
  --out FILE  write to FILE instead of stdout
  --json      print the schedule's JSON form instead of the CSV
  --text      print the schedule's canonical text form instead of the CSV
)";

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int fail(const Args& args, const std::string& message, int code)
{
    std::cerr << "losscast-cli " << args.command() << ": " << message << '\n';
    if (code == kExitUsage)
        std::cerr << "(see 'losscast-cli " << args.command() << " --help')\n";
    return code;
}

int runSchedule(Args& args)
{
    args.declare({"every", "out"}, {}, {"json", "text"});
    if (!args.parse())
        return fail(args, args.error(), kExitUsage);
    if (args.positionals().size() != 1)
        return fail(args,
                    args.positionals().empty() ? "a schedule SPEC is required"
                                               : "expected one SPEC (quote it if it contains spaces)",
                    kExitUsage);
    if (args.flag("json") && args.flag("text"))
        return fail(args, "--json and --text cannot be combined", kExitUsage);
    long long every = 1;
    if (!args.intValue("every", every, 1))
        return fail(args, args.error(), kExitUsage);
    if (every < 1)
        return fail(args, "--every must be >= 1, got " + std::to_string(every), kExitUsage);

    const std::string spec = args.positionals().front();
    core::Result<core::Schedule> schedule;
    if (endsWith(spec, ".json")) {
        const core::Result<std::string> text = core::readTextFile(spec);
        if (!text)
            return fail(args, text.errorText(), kExitFailure);
        const core::Result<core::JsonValue> json = core::parseJson(*text, {.name = spec});
        if (!json)
            return fail(args, json.errorText(), kExitFailure);
        schedule = core::Schedule::fromJson(*json);
        for (auto& d : schedule.diagnostics)
            d.file = spec;
        if (!schedule)
            return fail(args, schedule.errorText(), kExitFailure);
    } else {
        schedule = core::Schedule::fromText(spec);
        if (!schedule) {
            std::string message = "SPEC: " + schedule.diagnostics.front().message;
            return fail(args, message, kExitUsage);
        }
    }

    std::string output;
    if (args.flag("json")) {
        output = core::writeJson(schedule->toJson(), {.pretty = true}) + "\n";
    } else if (args.flag("text")) {
        output = schedule->toText() + "\n";
    } else {
        const std::vector<double> lr = schedule->render();
        const auto n = static_cast<long long>(lr.size()) - 1;
        core::CsvTable table;
        table.names = {"step", "lr"};
        table.columns.resize(2);
        const std::size_t rows = static_cast<std::size_t>(n / every) + 2;
        table.columns[0].reserve(rows);
        table.columns[1].reserve(rows);
        for (long long s = 0; s <= n; s += every) {
            table.columns[0].push_back(static_cast<double>(s));
            table.columns[1].push_back(lr[static_cast<std::size_t>(s)]);
        }
        if (n % every != 0) {
            table.columns[0].push_back(static_cast<double>(n));
            table.columns[1].push_back(lr.back());
        }
        output = core::formatCsv(table);
    }

    if (auto out = args.value("out")) {
        return writeOutput(args, *out, output);
    }
    std::cout << output; // main() flushes stdout and reports a failed write
    return kExitOk;
}

Registrar reg{{"schedule", "render a learning-rate schedule to step,lr CSV", kUsage, runSchedule}};

} // namespace
} // namespace losscast::cli
