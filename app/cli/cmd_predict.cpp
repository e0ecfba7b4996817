// losscast-cli predict: the loss curve of a fitted law under any schedule.
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/fit/forecast.h"
#include "core/fit/uncertainty.h"
#include "core/io/curvecsv.h"
#include "core/laws/sizelaw.h"
#include "core/scaling/sizefit.h"
#include "core/schedule/schedule.h"
#include "core/workspace/workspace.h"

#include <charconv>
#include <cmath>
#include <iostream>

namespace losscast::cli {
namespace {

/// Parses "100,200,5000" into ascending steps within 1..total.
bool parseStepList(const std::string& text, std::int64_t total, std::vector<std::int64_t>& out,
                   std::string& error)
{
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string item = text.substr(pos, comma - pos);
        std::int64_t s = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), s);
        if (ec != std::errc() || p != item.data() + item.size()) {
            error = "--steps: expected integers separated by commas, got '" + item + "'";
            return false;
        }
        if (s < 1 || s > total) {
            error = "--steps: step " + item + " is outside the schedule (1.." + std::to_string(total) + ")";
            return false;
        }
        if (!out.empty() && s <= out.back()) {
            error =
                "--steps: steps must be ascending (" + item + " after " + std::to_string(out.back()) + ")";
            return false;
        }
        out.push_back(s);
        pos = comma + 1;
    }
    return true;
}

int runPredict(Args& args)
{
    args.declare({"law", "params", "schedule", "every", "steps", "out", "level", "size"}, {}, {"band"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto paramsPath = args.value("params");
    const auto spec = args.value("schedule");
    if (!paramsPath || !spec)
        return usageError(args, "--params and --schedule are required");
    auto file = core::readFitFile(*paramsPath);
    if (!file) {
        std::cerr << file.errorText() << '\n';
        return kExitFailure;
    }
    if (const auto law = args.value("law"); law && *law != file->fit.law)
        return usageError(args, "--law " + *law + " does not match the law '" + file->fit.law + "' in " +
                                    *paramsPath);
    auto law = core::findCurveLaw(file->fit.law);
    auto schedule = core::Schedule::fromText(*spec);
    if (!schedule)
        return usageError(args, "--schedule: " + schedule.errorText());
    const std::int64_t total = schedule->totalSteps();

    std::vector<std::int64_t> steps;
    if (const auto list = args.value("steps")) {
        std::string error;
        if (!parseStepList(*list, total, steps, error))
            return usageError(args, error);
    } else {
        long long every = 1;
        if (!args.intValue("every", every, 1) || every < 1)
            return usageError(args, args.error().empty() ? "--every must be ≥ 1" : args.error());
        for (std::int64_t s = every; s <= total; s += every)
            steps.push_back(s);
        if (steps.empty() || steps.back() != total)
            steps.push_back(total);
    }

    // The document the window predicts in (core/workspace/workspace.h): the fit read from P.json as its fit
    // (with the band `fit` stored) and SPEC as its scenario.
    core::workspace::Workspace workspace;
    {
        core::workspace::WorkspaceFit read;
        read.law = law;
        read.fit = file->fit;
        read.warnings = file->warnings;
        read.bandCovariance = file->fit.covariance;
        read.bandRelSigma = file->bandRelSigma;
        read.bandMethod = file->bandMethod.empty() ? "delta" : file->bandMethod;
        workspace.setFit(std::move(read));
        workspace.addScenario(*spec, *schedule);
    }
    const auto& fitted = *workspace.currentFit();
    auto input = workspace.scenarios().front().schedule.toInput();
    // A size-aware fit (fit --size-law) predicts the model size given by --size N (millions of parameters).
    const auto* sizeLaw = dynamic_cast<const core::SizeAwareLaw*>(law.get());
    if (sizeLaw) {
        if (!args.has("size"))
            return usageError(args, *paramsPath + " holds a size-aware law (" + law->id() +
                                        "): give the model size with --size N (millions of parameters)");
        if (!args.doubleValue("size", input.modelSize, 0.0) || !(input.modelSize > 0.0) ||
            !std::isfinite(input.modelSize))
            return usageError(args, args.error().empty()
                                        ? "--size must be a number > 0 (millions of parameters)"
                                        : args.error());
    } else if (args.has("size")) {
        return usageError(args, "--size is for size-aware fits (fit --size-law); " + *paramsPath +
                                    " holds '" + law->id() + "', a law of one model size");
    }
    double level = 0.95;
    if (!args.doubleValue("level", level, 0.95) || !(level > 0.0 && level < 1.0))
        return usageError(args, args.error().empty() ? "--level must be in (0, 1)" : args.error());
    const bool band = args.flag("band");
    if (band && fitted.bandCovariance.empty() && !(fitted.bandRelSigma > 0.0))
        std::cerr << "losscast-cli predict: warning: " << *paramsPath
                  << " has no covariance; the band columns are nan\n";
    core::fit::PredictionBand bandValues;
    std::vector<double> loss;
    try {
        if (band && sizeLaw) {
            bandValues = core::scaling::sizeBand(*sizeLaw, fitted.fit.params, fitted.fit.covariance,
                                                 fitted.fit.settings, input, steps, level);
        } else if (band) {
            // The band stored by `fit` (calibrated on held-out folds), else the delta band of the covariance.
            bandValues = core::fit::forecastBand(core::workspace::toForecast(fitted), input, steps, level);
        }
        loss = band ? bandValues.loss
                    : core::fit::predict(*fitted.law, fitted.fit.params, input, steps, fitted.fit.settings);
    } catch (const std::exception& e) {
        // The law rejects this combination of parameters, settings and schedule: say which file it came from.
        std::cerr << *paramsPath << ": error: " << e.what() << " (schedule " << *spec << ")\n";
        return kExitFailure;
    }
    core::CsvTable table;
    table.names = {"step", "lr", "loss"};
    if (band)
        table.names.insert(table.names.end(), {"loss_stderr", "loss_lower", "loss_upper"});
    table.columns.resize(table.names.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        table.columns[0].push_back(static_cast<double>(steps[i]));
        table.columns[1].push_back(input.lr[static_cast<std::size_t>(steps[i])]);
        table.columns[2].push_back(loss[i]);
        if (band) {
            table.columns[3].push_back(bandValues.stderrs[i]);
            table.columns[4].push_back(bandValues.lower[i]);
            table.columns[5].push_back(bandValues.upper[i]);
        }
    }
    if (const auto out = args.value("out"))
        return writeOutput(args, *out, core::formatCsv(table));
    std::cout << core::formatCsv(table);
    return kExitOk;
}

const Registrar reg{
    {"predict", "predict the loss curve of a fitted law under any LR schedule",
     R"(usage: losscast-cli predict --params P.json --schedule SPEC [--every K | --steps A,B,..] [--band [--level P]]
                            [--law LAW] [--out pred.csv]

Reads a fit written by `losscast-cli fit` (or exported from the window) and prints the predicted loss as a
step,lr,loss CSV for the schedule SPEC (see `losscast-cli schedule --help` for the schedule syntax).

options:
  --params P.json   the fitted law
  --law LAW         optional; must match the law in P.json
  --schedule SPEC   e.g. cosine:peak=3e-4,final=3e-5,steps=100000,warmup=2000
  --every K         predict every K steps (default 1); the last step is always included
  --steps A,B,..    predict exactly these steps instead
  --out FILE        write the CSV here instead of stdout
  --band            add columns loss_stderr, loss_lower, loss_upper: the prediction band. With a "band" in
                    P.json (written by `fit`: calibrated on held-out folds of the training runs) it is
                    loss ± z·sqrt(stderr² + (rel_sigma·loss)²); without one, the delta-method band of the
                    model curve from the covariance alone (parameter uncertainty only: too narrow for
                    forecasts, see the README on bands)
  --level P         band level (default 0.95)
  --size N          model size in millions of parameters, for a size-aware fit (fit --size-law); its band
                    also covers the prior range of a size exponent that two training sizes did not identify
)",
     runPredict}};

} // namespace
} // namespace losscast::cli
