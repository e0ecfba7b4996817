// losscast-cli fit: fit a curve law to measured curves and write its parameters as JSON.
#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "app/cli/sizelaw.h"
#include "core/export/fitfile.h"

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
    auto curves = loadCurves(args, files);
    if (!curves)
        return kExitFailure;
    const auto fit = core::fit::fitCurves(*law, *curves, *settings, *options);
    if (reportUnusable(args, fit.summary))
        return kExitFailure;
    std::cerr << fit.summary.briefReport() << '\n';
    return emitJson(args, core::toJson(core::makeFitFile(*law, fit, *curves)));
}

const Registrar reg{{"fit", "fit a law to loss curves; write its parameters as JSON",
                     R"(usage: losscast-cli fit --law LAW --train FILE... [options]

Fits LAW jointly to every FILE and writes the fitted parameters, their standard errors, the settings and a fit
summary as JSON to --out, or to stdout. FILE is a step,lr,loss CSV or any log `losscast-cli import` reads
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
  --set KEY=VALUE...   law settings, e.g. --set lambda=0.995 (MTL: lambda, lambda_grid, warmup_as_peak;
                       MPL: free_shape=1 fits beta and gamma too, held at the paper's 0.592 / 0.644 by
                       default; compression)
  --objective OBJ      log-huber (default, as in the papers) or least-squares
  --huber-delta D      Huber threshold on log residuals (default 1e-3)
  --time-limit S       stop the whole fit after S seconds (default 30)
  --out P.json         write the JSON here instead of stdout
)" + std::string(kSizeLawUsage),
                     runFit}};

} // namespace
} // namespace losscast::cli
