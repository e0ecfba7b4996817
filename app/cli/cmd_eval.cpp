// losscast-cli eval: fit on training curves, report the MPL-protocol metrics on test curves.
#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "app/cli/sizelaw.h"
#include "core/export/fitfile.h"
#include "core/fit/accuracy.h"
#include "core/fit/forecast.h"
#include "core/fit/metrics.h"
#include "core/fit/modelselect.h"
#include "core/fit/uncertainty.h"
#include "core/workspace/workspace.h"

#include <cmath>
#include <iostream>
#include <limits>

namespace losscast::cli {
namespace {

/// The JSON of one fitted law: params, stderr (the fitter's), robust stderr, settings, fit summary, warnings,
/// and the metrics on every test curve (with the band's coverage when `forecast` is given). `scored` are the
/// metrics of the test curves when the fit is the workspace's (Workspace::scores of its hold-out runs);
/// without them they are computed here (the candidates of --law auto that were not chosen).
core::JsonValue lawJson(const core::CurveLaw& law, const core::fit::CurveFit& fit,
                        const std::vector<core::Curve>& train, const std::vector<core::Curve>& test,
                        const core::fit::Forecast* band = nullptr,
                        const std::vector<core::fit::Metrics>* scored = nullptr)
{
    core::JsonValue out = core::JsonValue::object();
    out.set("law", law.id());
    out.set("params", core::namedNumbers(fit.names, fit.params));
    out.set("stderr", core::namedNumbers(fit.names, fit.stderrs));
    // Huber sandwich covariance inflated for autocorrelated residuals (core/fit/uncertainty.h).
    const double factor = core::fit::autocorrelationFactor(law, fit, train);
    const auto robust = core::fit::huberCovariance(law, fit, train, 1e-3, factor);
    std::vector<double> robustErr(fit.params.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t j = 0; j < robustErr.size() && !robust.empty(); ++j)
        robustErr[j] = std::sqrt(std::max(0.0, robust[j * robustErr.size() + j]));
    for (const auto& h : law.heldParameters(fit.settings)) // held: not estimated
        if (h.index < robustErr.size())
            robustErr[h.index] = std::numeric_limits<double>::quiet_NaN();
    out.set("stderr_robust", core::namedNumbers(fit.names, robustErr));
    out.set("residual_autocorrelation", core::fit::residualAutocorrelation(law, fit, train));
    core::JsonValue settingsJson = core::JsonValue::object();
    for (const auto& [k, v] : fit.settings)
        settingsJson.set(k, v);
    out.set("settings", std::move(settingsJson));
    out.set("fit", core::summaryToJson(fit.summary));
    out.set("warnings", core::warningsToJson(core::fit::fitWarnings(law, fit, train)));

    std::vector<core::fit::Metrics> perCurve;
    double coverageSum = 0, halfSum = 0;
    core::JsonValue tests = core::JsonValue::array();
    for (std::size_t i = 0; i < test.size(); ++i) {
        const core::Curve& c = test[i];
        std::vector<double> predicted;
        core::fit::PredictionBand b;
        if (band) {
            b = core::fit::forecastBand(*band, c.schedule, c.steps, 0.95);
            predicted = b.loss; // fit::predict's, as the workspace scores it
        } else if (!scored)
            predicted = core::fit::predict(law, fit.params, c.schedule, c.steps, fit.settings);
        const auto m = scored ? (*scored)[i] : core::fit::computeMetrics(predicted, c.loss);
        perCurve.push_back(m);
        core::JsonValue t = core::metricsToJson(m);
        t.set("file", c.source);
        if (band) {
            std::size_t inside = 0, counted = 0;
            double half = 0;
            core::fit::bandScores(c.loss, b.lower, b.upper, inside, counted, half);
            const double cov = counted ? double(inside) / double(counted) : NAN;
            const double hw = counted ? half / double(counted) : NAN;
            t.set("coverage", cov);
            t.set("band_rel_halfwidth", hw);
            coverageSum += cov;
            halfSum += hw;
        }
        tests.push(std::move(t));
    }
    out.set("test", std::move(tests));
    core::JsonValue avg = core::metricsToJson(core::fit::average(perCurve));
    if (band && !test.empty()) {
        avg.set("coverage", coverageSum / double(test.size()));
        avg.set("band_rel_halfwidth", halfSum / double(test.size()));
    }
    out.set("test_avg", std::move(avg));
    if (band) {
        core::JsonValue b = core::JsonValue::object();
        b.set("level", 0.95);
        b.set("method", band->bandMethod);
        b.set("rel_sigma", band->bandRelSigma);
        out.set("band", std::move(b));
    }
    return out;
}

int runEval(Args& args)
{
    if (wantsSizeLaw(args))
        return runSizeLawEval(args);
    auto valued = kFitOptionNames;
    valued.insert(
        {"law", "warmup-steps", "out", "run", "loss", "lr", "schedule", "bootstrap", "bootstrap-kind"});
    args.declare(valued, {"train", "test", "set"}, {"band"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto trainFiles = args.values("train");
    const auto testFiles = args.values("test");
    if (trainFiles.empty() || testFiles.empty())
        return usageError(args, "--train and --test each need at least one FILE");
    const bool autoLaw = args.value("law") == std::optional<std::string>("auto");
    std::shared_ptr<const core::CurveLaw> law;
    if (autoLaw) {
        if (args.has("set"))
            return usageError(args, "--set cannot be combined with --law auto (settings are per law)");
    } else {
        law = lawFromArgs(args);
        if (!law)
            return kExitUsage;
    }
    auto options = fitOptionsFromArgs(args);
    if (!options || !warmupFromArgs(args))
        return kExitUsage;
    long long bootstrapReplicates = 0;
    if (!args.intValue("bootstrap", bootstrapReplicates, 0))
        return usageError(args, args.error());
    if (bootstrapReplicates < 0 || bootstrapReplicates > 10000)
        return usageError(args,
                          "--bootstrap must be in 0..10000, got " + std::to_string(bootstrapReplicates));
    const std::string bootstrapKind = args.value("bootstrap-kind").value_or("blocks");
    if (bootstrapKind != "blocks" && bootstrapKind != "curves")
        return usageError(args, "--bootstrap-kind: expected blocks or curves, got '" + bootstrapKind + "'");
    const bool bootstrapCurves = bootstrapKind == "curves";
    if (autoLaw && bootstrapReplicates > 0)
        return usageError(args, "--bootstrap needs a named --law");
    // The document the window fits in (core/workspace/workspace.h): --train files as its train runs, --test
    // files as hold-out runs, scored under the fit (Workspace::scores).
    core::workspace::Workspace workspace;
    const auto trainIds = openRuns(args, workspace, trainFiles);
    const auto testIds = openRuns(args, workspace, testFiles);
    if (!trainIds || !testIds)
        return kExitFailure;
    std::vector<core::Curve> test;
    for (int id : *testIds) {
        workspace.setTrain(id, false);
        test.push_back(*workspace.run(id)->curve);
    }
    const std::vector<core::Curve> train = workspace.trainCurves();
    const auto testScores = [&] {
        std::vector<core::fit::Metrics> out;
        for (const auto& s : workspace.scores())
            if (!s.train)
                out.push_back(s.metrics);
        return out;
    };

    const bool withBand = args.flag("band");
    // The hold-out runs are the forecast's reach: with "auto" they decide whether it is an early stop.
    const core::workspace::WorkspaceFitRequest request{*options, {}, withBand};
    core::workspace::LawFitOutcome attempt;
    if (autoLaw) {
        workspace.setLaw("auto");
        const bool fitted = workspace.fit(request, &attempt);
        if (!attempt.choice) {
            std::cerr << "losscast-cli eval: error: " << attempt.error << '\n';
            return kExitFailure;
        }
        if (!fitted) {
            std::cerr << "losscast-cli eval: error: "
                      << (attempt.choice->chosen < 0 ? "no law could be fitted and validated" : attempt.error)
                      << '\n';
            return kExitFailure;
        }
        const auto& wf = *workspace.currentFit();
        const auto& choice = *wf.choice;
        const auto band = core::workspace::toForecast(wf);
        const auto scores = testScores();
        core::JsonValue laws = core::JsonValue::array();
        core::JsonValue chosen;
        for (std::size_t i = 0; i < choice.candidates.size(); ++i) {
            const auto& c = choice.candidates[i];
            const auto lawPtr = core::findCurveLaw(c.law);
            const bool isChosen = static_cast<int>(i) == choice.chosen;
            core::JsonValue v =
                !c.fit.summary.isUsable() ? core::JsonValue::object()
                : isChosen ? lawJson(*lawPtr, wf.fit, train, test, withBand ? &band : nullptr, &scores)
                           : lawJson(*lawPtr, c.fit, train, test);
            v.set("law", c.law);
            v.set("usable", c.usable);
            if (!c.message.empty())
                v.set("message", c.message);
            v.set("validation", core::metricsToJson(c.validation));
            core::JsonValue folds = core::JsonValue::array();
            for (std::size_t k = 0; k < c.folds.size(); ++k) {
                core::JsonValue fold = core::metricsToJson(c.folds[k]);
                fold.set("held_out", c.heldOut[k]);
                folds.push(std::move(fold));
            }
            v.set("folds", std::move(folds));
            v.set("seconds", c.seconds);
            if (isChosen)
                chosen = v;
            laws.push(std::move(v));
        }
        core::JsonValue out = chosen; // the chosen law's fields at the top level, as for a named --law
        out.set("criterion", choice.criterion);
        out.set("laws", std::move(laws));
        return emitJson(args, out, false);
    }

    auto settings = settingsFromArgs(args, *law);
    if (!settings)
        return kExitUsage;
    workspace.setLaw(law->id());
    workspace.setSettings(userSettings(args, *settings));
    if (!workspace.fit(request, &attempt)) {
        if ((!attempt.law && !attempt.error.empty() && attempt.fit.law.empty()) ||
            !reportUnusable(args, attempt.fit.summary))
            std::cerr << "losscast-cli eval: error: " << attempt.error << '\n';
        return kExitFailure;
    }
    const auto& wf = *workspace.currentFit();
    const auto& fit = wf.fit;
    const auto band = core::workspace::toForecast(wf);
    const auto scores = testScores();
    core::JsonValue out = lawJson(*law, fit, train, test, withBand ? &band : nullptr, &scores);
    if (bootstrapReplicates > 0) {
        core::fit::BootstrapOptions bo;
        bo.replicates = static_cast<int>(bootstrapReplicates);
        bo.kind =
            bootstrapCurves ? core::fit::BootstrapKind::Curves : core::fit::BootstrapKind::ResidualBlocks;
        bo.fit = *options;
        const auto boot = core::fit::bootstrap(*law, train, fit, bo);
        out.set("stderr_bootstrap", core::namedNumbers(fit.names, boot.stderrs));
        core::JsonValue b = core::JsonValue::object();
        b.set("kind", boot.kind);
        b.set("requested", boot.requested);
        b.set("succeeded", static_cast<double>(boot.params.size()));
        b.set("failed", boot.failed);
        b.set("timed_out", boot.timedOut);
        b.set("seconds", boot.seconds);
        out.set("bootstrap", std::move(b));
    }
    return emitJson(args, out, false);
}

const Registrar reg{{"eval", "fit on training curves, print R², MAE, RMSE, PredE, WorstE on test curves",
                     R"(usage: losscast-cli eval --law LAW|auto --train FILE... --test FILE... [options]

Fits LAW on the --train curves, predicts every --test curve from its own schedule and prints ONE JSON object:
  {"law":..,"params":{..},"stderr":{..},"settings":{..},"fit":{"seconds":s,"status":..,"iterations":n,
   "final_cost":c,..},"test":[{"file":..,"points":n,"r2":..,"mae":..,"rmse":..,"pred_e":..,"worst_e":..}],
   "test_avg":{..same five..},"warnings":[{"code":..,"message":..}]}
"warnings" lists degeneracy found in the fit: param_at_bound (a fitted parameter on its bound),
drop_saturated (MPL's loss-drop term saturated, C not identified), singular_covariance (see the README).
PredE = mean |L̂−L|/L, WorstE = max |L̂−L|/L (the MPL paper's protocol, Luo et al. 2025).
"stderr" is the fitter's σ²(JᵀWJ)⁻¹ (independent residuals); "stderr_robust" is Huber's sandwich covariance
scaled by (1+ρ₁)/(1−ρ₁) for the lag-1 autocorrelation ρ₁ of the log residuals ("residual_autocorrelation").

--law auto fits every registered law and chooses the one with the lowest mean held-out PredE over folds that
mimic the question: each --train run left out and predicted from the others, plus a horizon fold (every run
fitted on its first 60 %, the rest predicted) where the runs are long enough; the training cost only when no
fold can be formed. An early stop (the --test runs anneal the LR further below the --train runs' lowest
than 25 % of the peak, after training runs that annealed partly) is a question no fold can ask: then MPL
(loss-drop shape held at the paper's means) is chosen and "criterion" says so. It prints the chosen law's
fields at the top level, all of them in
"laws":[{..same fields..,"usable":b,"validation":{..},"folds":[{"held_out":..,..}]}], and "criterion" (the
folds used). The rule is core/fit/forecast.h's; the window's Auto uses the same one, with its hold-out
runs and scenarios as the forecast's reach.

--band adds to every "test" entry and to "test_avg" "coverage" (share of the test points inside the 95 %
prediction band) and "band_rel_halfwidth" (mean of (upper − lower) / 2 / measured loss), and "band":
{"level","method","rel_sigma"}. The band is calibrated on the same held-out folds: loss ± z·sqrt(stderr² +
(rel_sigma·loss)²), rel_sigma = 1.5 × the median held-out relative RMS error of the folds (README: Bands).

--bootstrap N refits N times on resampled data (--bootstrap-kind blocks: moving blocks of 8 log residuals within
each curve, the default; curves: resampled training curves) and adds "stderr_bootstrap":{..} and
"bootstrap":{"kind","requested","succeeded","failed","timed_out","seconds"}; it stops after 20 s with the refits
done so far.

options: as for `losscast-cli fit` (--warmup-steps, --run, --loss, --lr, --schedule, --set, --objective, --huber-delta,
--time-limit, --out).
Example (the MPL protocol on the bundled 25M curves):
  losscast-cli eval --law mtl --warmup-steps 2160 \
    --train resources/examples/mpl/25M_{constant_24000,cosine_24000,wsdcon_9}.csv \
    --test resources/examples/mpl/25M_{constant_72000,cosine_72000,wsd_20000_24000,wsdld_20000_24000,wsdcon_3,wsdcon_18}.csv

With --size-law, --band adds "coverage" (share of test points inside the band) and "band_rel_halfwidth"
(mean (upper - lower) / (2 * predicted)) to every test curve and to "test_avg"; --level P sets the band level.
)" + std::string(kSizeLawUsage),
                     runEval}};

} // namespace
} // namespace losscast::cli
