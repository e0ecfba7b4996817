// losscast-cli eval: fit on training curves, report the MPL-protocol metrics on test curves.
#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/fit/protocol.h"

namespace losscast::cli {
namespace {

core::JsonValue metricsJson(const core::fit::Metrics& m)
{
    core::JsonValue v = core::JsonValue::object();
    v.set("r2", m.r2);
    v.set("mae", m.mae);
    v.set("rmse", m.rmse);
    v.set("pred_e", m.predE);
    v.set("worst_e", m.worstE);
    return v;
}

int runEval(Args& args)
{
    auto valued = kFitOptionNames;
    valued.insert({"law", "warmup-steps", "out"});
    args.declare(valued, {"train", "test", "set"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto trainFiles = args.values("train");
    const auto testFiles = args.values("test");
    if (trainFiles.empty() || testFiles.empty())
        return usageError(args, "--train and --test each need at least one FILE");
    auto law = lawFromArgs(args);
    if (!law)
        return kExitUsage;
    auto settings = settingsFromArgs(args, *law);
    auto options = fitOptionsFromArgs(args);
    if (!settings || !options)
        return kExitUsage;
    auto train = loadCurves(args, trainFiles);
    auto test = loadCurves(args, testFiles);
    if (!train || !test)
        return kExitFailure;

    const core::fit::CurveSplit split{std::move(*train), std::move(*test)};
    const auto result = core::fit::evaluateProtocol(*law, split, *settings, *options);
    const auto& fit = result.fit;
    if (reportUnusable(args, fit.summary))
        return kExitFailure;

    core::JsonValue out = core::JsonValue::object();
    out.set("law", law->id());
    out.set("params", core::namedNumbers(fit.names, fit.params));
    out.set("stderr", core::namedNumbers(fit.names, fit.stderrs));
    core::JsonValue settingsJson = core::JsonValue::object();
    for (const auto& [k, v] : fit.settings)
        settingsJson.set(k, v);
    out.set("settings", std::move(settingsJson));
    out.set("fit", core::summaryToJson(fit.summary));

    core::JsonValue tests = core::JsonValue::array();
    for (std::size_t i = 0; i < result.test.size(); ++i) {
        core::JsonValue t = metricsJson(result.test[i].metrics);
        t.set("file", split.test[i].source);
        t.set("points", static_cast<double>(result.test[i].metrics.points));
        tests.push(std::move(t));
    }
    out.set("test", std::move(tests));
    out.set("test_avg", metricsJson(result.averaged));
    return emitJson(args, out, false);
}

const Registrar reg{{"eval", "fit on training curves, print R², MAE, RMSE, PredE, WorstE on test curves",
                     R"(usage: losscast-cli eval --law LAW --train FILE... --test FILE... [options]

Fits LAW on the --train curves, predicts every --test curve from its own schedule and prints ONE JSON object:
  {"law":..,"params":{..},"stderr":{..},"settings":{..},"fit":{"seconds":s,"status":..,"iterations":n,
   "final_cost":c,..},"test":[{"file":..,"points":n,"r2":..,"mae":..,"rmse":..,"pred_e":..,"worst_e":..}],
   "test_avg":{..same five..}}
PredE = mean |L̂−L|/L, WorstE = max |L̂−L|/L (the MPL paper's protocol, Luo et al. 2025).

options: as for `losscast-cli fit` (--warmup-steps, --set, --objective, --huber-delta, --time-limit, --out).
Example (the MPL protocol on the bundled 25M curves):
  losscast-cli eval --law mtl --warmup-steps 2160 \
    --train resources/examples/mpl/25M_{constant_24000,cosine_24000,wsdcon_9}.csv \
    --test resources/examples/mpl/25M_{constant_72000,cosine_72000,wsd_20000_24000,wsdld_20000_24000,wsdcon_3,wsdcon_18}.csv
)",
                     runEval}};

} // namespace
} // namespace losscast::cli
