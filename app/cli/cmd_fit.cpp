// losscast-cli fit: fit a curve law to measured curves and write its parameters as JSON.
#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "app/cli/sizelaw.h"
#include "core/export/fitfile.h"
#include "core/workspace/workspace.h"

#include <iostream>

namespace losscast::cli {
namespace {

int runFit(Args& args)
{
    if (wantsSizeLaw(args))
        return runSizeLawFit(args);
    auto valued = kFitOptionNames;
    valued.insert({"law", "warmup-steps", "out", "run", "loss", "lr", "schedule"});
    args.declare(valued, {"train", "set"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto files = args.values("train");
    if (files.empty())
        return usageError(args, "--train needs at least one FILE");
    auto law = lawFromArgs(args);
    if (!law)
        return kExitUsage;
    auto settings = settingsFromArgs(args, *law);
    auto options = fitOptionsFromArgs(args);
    if (!settings || !options || !warmupFromArgs(args))
        return kExitUsage;
    // The document the window fits in (core/workspace/workspace.h): the files as its train runs, the law and
    // the user's --set settings over fit::forecastDefaults(). Its fit is the robust one (a saturated MPL
    // refitted below saturation) with its warnings and the band calibrated on held-out folds of the runs.
    core::workspace::Workspace workspace;
    if (!openRuns(args, workspace, files))
        return kExitFailure;
    workspace.setLaw(law->id());
    workspace.setSettings(userSettings(args, *settings));
    core::workspace::LawFitOutcome attempt;
    if (!workspace.fit(core::workspace::WorkspaceFitRequest{*options, {}, true}, &attempt)) {
        if (attempt.fit.law.empty() || !reportUnusable(args, attempt.fit.summary))
            std::cerr << "losscast-cli fit: error: " << attempt.error << '\n';
        return kExitFailure;
    }
    const auto& fitted = *workspace.currentFit();
    const auto& fit = fitted.fit;
    std::cerr << fit.summary.briefReport() << '\n';
    for (const auto& n : fitted.notes)
        std::cerr << "note: " << n << '\n';
    for (const auto& w : fitted.warnings)
        std::cerr << "warning: " << w.code << ": " << w.message << '\n';
    auto file = core::makeFitFile(*fitted.law, fit, workspace.trainCurves());
    file.bandRelSigma = fitted.bandRelSigma;
    file.bandMethod = fitted.bandMethod;
    core::JsonValue json = core::toJson(file);
    json.set("warnings", core::warningsToJson(file.warnings)); // always present in the CLI's output
    return emitJson(args, json);
}

const Registrar reg{{"fit", "fit a law to loss curves; write its parameters as JSON",
                     R"(usage: losscast-cli fit --law LAW --train FILE... [options]

Fits LAW jointly to every FILE and writes the fitted parameters, their standard errors, the settings, a fit
summary, "warnings":[{"code","message"}] (param_at_bound, drop_saturated, singular_covariance: see the README;
the first adds "parameter" and "value", the second "value")
and "band":{"rel_sigma","method"} (the prediction band calibrated on held-out folds, used by predict --band) as
JSON to --out, or to stdout. FILE is a step,lr,loss CSV or any log `losscast-cli import` reads
(W&B, TensorBoard, HF Trainer, Lightning, text logs); a log without an LR series needs --schedule or --lr.
`losscast-cli predict` reads the JSON.

options:
  --law LAW            mtl (LR-annealing law, Tissue et al. 2024), mpl (multi-power law, Luo et al. 2025)
  --train FILE...      the curves to fit (one or more)
  --warmup-steps W     the files start after a linear warmup from 0 over W steps (default 0)
  --run NAME           take this run of a multi-run log (default: every run)
  --loss M / --lr M    its loss and LR series (default: recognised by name; the LR is interpolated per step,
                       a change between two flat stretches kept as a step)
  --schedule SPEC      the LR of every step from a schedule, for logs without an LR series (syntax:
                       `losscast-cli schedule --help`)
  --set KEY=VALUE...   law settings, e.g. --set lambda=0.995 (MTL: lambda — chosen from the data by
                       held-out error when not given —, lambda_grid, warmup_as_peak; MPL: free_shape=1 fits
                       beta and gamma too, held at the paper's 0.592 / 0.644 by default, free_shape=2 lets
                       held-out error choose; compression)
  --objective OBJ      log-huber (default, as in the papers) or least-squares
  --huber-delta D      Huber threshold on log residuals (default 1e-3)
  --time-limit S       stop the whole fit after S seconds (default 30)
  --out P.json         write the JSON here instead of stdout
)" + std::string(kSizeLawUsage),
                     runFit}};

} // namespace
} // namespace losscast::cli
