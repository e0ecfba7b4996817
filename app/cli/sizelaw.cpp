// losscast-cli fit/eval --size-law: size-aware curve laws (core/laws/sizelaw.h) over files PATH@size=N.
#include "app/cli/sizelaw.h"

#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/scaling/sizefit.h"
#include "core/util/numtext.h"

#include <algorithm>
#include <cmath>
#include <iostream>

namespace losscast::cli {

const char* const kSizeLawUsage = R"(
across model sizes (--size-law):
  --size-law           fit one law across model sizes; every FILE is given as PATH@size=N, N in millions of
                       parameters (the unit of `cpt --model-size`). --law mtl is Eq. 7 of Tissue et al. 2024
                       (L0 + A*S1^-alpha + B*N^-beta - C*S2*N^gamma, "mtl-size"); --law mpl the multi-power law
                       with a size term D*N^-delta and B*N^k_B ("mpl-size"); --law auto picks between them by
                       leave-one-size-out validation (leave-one-curve-out with two sizes). Two sizes do not
                       identify the size exponent: it is then held at the prior 0.34 and "warnings" says so;
                       the band of `predict --size N --band` covers exponents 0.2-0.5. The JSON adds
                       "warnings":[{"code","message"}] and "model_sizes".
)";

namespace {

bool splitSize(const std::string& spec, std::string& path, double& size, std::string& error)
{
    const auto at = spec.rfind("@size=");
    if (at == std::string::npos) {
        error = "'" + spec + "': --size-law needs every file as PATH@size=N (N in millions of parameters)";
        return false;
    }
    path = spec.substr(0, at);
    const std::string text = spec.substr(at + 6);
    if (core::parseDouble(text, size) != core::NumberParse::Ok || !(size > 0.0) || !std::isfinite(size)) {
        error = "'" + spec +
                "': the model size after @size= must be a number > 0 (millions of parameters), got '" + text +
                "'";
        return false;
    }
    if (path.empty()) {
        error = "'" + spec + "': no file before @size=";
        return false;
    }
    return true;
}

/// Loads PATH@size=N files; every curve of a file gets its N.
std::optional<std::vector<core::Curve>> loadSizedCurves(Args& args, const std::vector<std::string>& specs)
{
    std::vector<core::Curve> out;
    for (const auto& spec : specs) {
        std::string path, error;
        double size = 0.0;
        if (!splitSize(spec, path, size, error)) {
            usageError(args, error);
            return std::nullopt;
        }
        auto curves = loadCurves(args, {path});
        if (!curves)
            return std::nullopt;
        for (auto& c : *curves) {
            c.schedule.modelSize = size;
            out.push_back(std::move(c));
        }
    }
    return out;
}

/// "mtl"/"mtl-size" → mtl-size, "mpl"/"mpl-size" → mpl-size; "auto" → null with `isAuto`.
std::shared_ptr<const core::SizeAwareLaw> sizeLawFromArgs(Args& args, bool& isAuto)
{
    isAuto = false;
    const auto id = args.value("law");
    if (!id) {
        usageError(args, "--law is required (mtl, mpl or auto with --size-law)");
        return nullptr;
    }
    if (*id == "auto") {
        isAuto = true;
        return nullptr;
    }
    const std::string sized = id->ends_with("-size") ? *id : *id + "-size";
    for (const auto& l : core::sizeCurveLaws())
        if (l->id() == sized)
            return std::dynamic_pointer_cast<const core::SizeAwareLaw>(l);
    usageError(args, "--law: no size-aware form of '" + *id + "' (known with --size-law: mtl, mpl, auto)");
    return nullptr;
}

core::JsonValue warningsJson(const std::vector<core::scaling::FitWarning>& warnings)
{
    core::JsonValue w = core::JsonValue::array();
    for (const auto& x : warnings) {
        core::JsonValue o = core::JsonValue::object();
        o.set("code", x.code);
        o.set("message", x.message);
        w.push(std::move(o));
    }
    return w;
}

core::JsonValue sizesJson(const std::vector<double>& sizes)
{
    core::JsonValue a = core::JsonValue::array();
    for (double n : sizes)
        a.push(n);
    return a;
}

void printWarnings(const Args& args, const std::vector<core::scaling::FitWarning>& warnings)
{
    for (const auto& w : warnings)
        std::cerr << "losscast-cli " << args.command() << ": warning: " << w.message << '\n';
}

struct Common
{
    std::shared_ptr<const core::SizeAwareLaw> law; ///< null with --law auto
    core::fit::Options options;
    std::vector<core::Curve> train, test;
    bool band = false;
    double level = 0.95;
};

/// Parses the options both verbs share; returns an exit code ≥ 0 on failure, −1 when fine.
int parseCommon(Args& args, bool withTest, Common& c)
{
    auto valued = kFitOptionNames;
    valued.insert({"law", "warmup-steps", "out", "run", "loss", "lr", "schedule", "level"});
    std::set<std::string> multi = {"train", "set"};
    if (withTest)
        multi.insert("test");
    std::set<std::string> flags = {"size-law"};
    if (withTest)
        flags.insert("band");
    args.declare(valued, multi, flags);
    if (!args.parse())
        return usageError(args, args.error());
    const auto trainFiles = args.values("train");
    if (trainFiles.empty())
        return usageError(args, "--train needs at least one FILE@size=N");
    if (withTest && args.values("test").empty())
        return usageError(args, "--test needs at least one FILE@size=N");
    bool isAuto = false;
    c.law = sizeLawFromArgs(args, isAuto);
    if (!c.law && !isAuto)
        return kExitUsage;
    if (isAuto && args.has("set"))
        return usageError(args, "--set cannot be combined with --law auto (settings are per law)");
    auto options = fitOptionsFromArgs(args);
    if (!options || !warmupFromArgs(args))
        return kExitUsage;
    c.options = *options;
    c.band = args.flag("band");
    if (!args.doubleValue("level", c.level, 0.95) || !(c.level > 0.0 && c.level < 1.0))
        return usageError(args, args.error().empty() ? "--level must be in (0, 1)" : args.error());
    // A malformed PATH@size=N is a usage error (exit 2), reported before any file is read.
    std::vector<std::string> specs = trainFiles;
    if (withTest)
        for (const auto& t : args.values("test"))
            specs.push_back(t);
    for (const auto& spec : specs) {
        std::string path, error;
        double size = 0.0;
        if (!splitSize(spec, path, size, error))
            return usageError(args, error);
    }
    auto train = loadSizedCurves(args, trainFiles);
    if (!train)
        return kExitFailure;
    c.train = std::move(*train);
    if (withTest) {
        auto test = loadSizedCurves(args, args.values("test"));
        if (!test)
            return kExitFailure;
        c.test = std::move(*test);
    }
    return -1;
}

/// Fits the named law, or chooses one (--law auto). Fills `choiceJson` with the candidates for auto.
std::optional<core::scaling::SizeFit> fitOrChoose(Args& args, Common& c, core::JsonValue& choiceJson)
{
    if (c.law) {
        auto settings = settingsFromArgs(args, *c.law);
        if (!settings) {
            return std::nullopt;
        }
        auto f = core::scaling::fitSizeLaw(*c.law, c.train, *settings, c.options);
        if (reportUnusable(args, f.fit.summary))
            return std::nullopt;
        return f;
    }
    const auto choice = core::scaling::chooseSizeLaw(c.train, core::sizeCurveLaws(), c.options);
    core::JsonValue laws = core::JsonValue::array();
    for (const auto& cand : choice.candidates) {
        core::JsonValue v = core::JsonValue::object();
        v.set("law", cand.law);
        v.set("usable", cand.usable);
        if (!cand.message.empty())
            v.set("message", cand.message);
        if (cand.fit.fit.summary.isUsable()) {
            v.set("params", core::namedNumbers(cand.fit.fit.names, cand.fit.fit.params));
            v.set("stderr", core::namedNumbers(cand.fit.fit.names, cand.fit.fit.stderrs));
        }
        v.set("validation", core::metricsToJson(cand.validation));
        core::JsonValue folds = core::JsonValue::array();
        for (std::size_t k = 0; k < cand.folds.size(); ++k) {
            core::JsonValue fold = core::metricsToJson(cand.folds[k]);
            fold.set("held_out", cand.heldOut[k]);
            folds.push(std::move(fold));
        }
        v.set("folds", std::move(folds));
        v.set("seconds", cand.seconds);
        laws.push(std::move(v));
    }
    choiceJson = core::JsonValue::object();
    choiceJson.set("criterion", choice.criterion);
    choiceJson.set("laws", std::move(laws));
    if (choice.chosen < 0) {
        std::cerr << "losscast-cli " << args.command()
                  << ": error: no size-aware law could be fitted and validated\n";
        for (const auto& cand : choice.candidates)
            std::cerr << "  " << cand.law << ": " << cand.message << '\n';
        return std::nullopt;
    }
    const auto& best = choice.candidates[static_cast<std::size_t>(choice.chosen)];
    c.law = std::dynamic_pointer_cast<const core::SizeAwareLaw>(core::findCurveLaw(best.law));
    return best.fit;
}

void addChoice(core::JsonValue& out, const core::JsonValue& choiceJson)
{
    if (const auto* crit = choiceJson.find("criterion"))
        out.set("criterion", *crit);
    if (const auto* laws = choiceJson.find("laws"))
        out.set("laws", *laws);
}

} // namespace

bool wantsSizeLaw(const Args& args)
{
    const auto& raw = args.raw();
    return std::find(raw.begin(), raw.end(), std::string("--size-law")) != raw.end();
}

int runSizeLawFit(Args& args)
{
    Common c;
    if (const int rc = parseCommon(args, false, c); rc >= 0)
        return rc;
    core::JsonValue choiceJson;
    const auto f = fitOrChoose(args, c, choiceJson);
    if (!f)
        return kExitFailure;
    std::cerr << f->fit.summary.briefReport() << '\n';
    printWarnings(args, f->warnings);
    core::JsonValue out = core::toJson(core::makeFitFile(*c.law, f->fit, c.train));
    out.set("warnings", warningsJson(f->warnings));
    out.set("model_sizes", sizesJson(f->sizes));
    addChoice(out, choiceJson);
    return emitJson(args, out);
}

int runSizeLawEval(Args& args)
{
    Common c;
    if (const int rc = parseCommon(args, true, c); rc >= 0)
        return rc;
    core::JsonValue choiceJson;
    const auto f = fitOrChoose(args, c, choiceJson);
    if (!f)
        return kExitFailure;
    printWarnings(args, f->warnings);
    const auto& fit = f->fit;
    core::JsonValue out = core::JsonValue::object();
    out.set("law", c.law->id());
    out.set("params", core::namedNumbers(fit.names, fit.params));
    out.set("stderr", core::namedNumbers(fit.names, fit.stderrs));
    core::JsonValue settingsJson = core::JsonValue::object();
    for (const auto& [k, v] : fit.settings)
        settingsJson.set(k, v);
    out.set("settings", std::move(settingsJson));
    out.set("fit", core::summaryToJson(fit.summary));
    out.set("warnings", warningsJson(f->warnings));
    out.set("model_sizes", sizesJson(f->sizes));

    // The band: the fitter's covariance inflated for autocorrelated residuals, widened over the prior range
    // of a held size exponent.
    const auto cov = c.band ? core::fit::inflatedCovariance(*c.law, fit, c.train) : std::vector<double>{};
    std::vector<core::fit::Metrics> perCurve;
    double coverage = 0.0, halfWidth = 0.0;
    std::string method;
    core::JsonValue tests = core::JsonValue::array();
    for (const auto& t : c.test) {
        std::vector<double> predicted;
        core::scaling::BandCheck check;
        try {
            if (c.band) {
                const auto b = core::scaling::sizeBand(*c.law, fit.params, cov, fit.settings, t.schedule,
                                                       t.steps, c.level);
                predicted = b.loss;
                check = core::scaling::checkBand(b, t.loss);
                if (method.empty() || b.method.size() > method.size())
                    method = b.method;
            } else {
                predicted = core::fit::predict(*c.law, fit.params, t.schedule, t.steps, fit.settings);
            }
        } catch (const std::exception& e) {
            std::cerr << t.source << ": error: " << e.what() << '\n';
            return kExitFailure;
        }
        const auto m = core::fit::computeMetrics(predicted, t.loss);
        perCurve.push_back(m);
        core::JsonValue v = core::metricsToJson(m);
        v.set("file", t.source);
        v.set("size", t.schedule.modelSize);
        if (c.band) {
            v.set("coverage", check.coverage);
            v.set("band_rel_halfwidth", check.relHalfWidth);
            coverage += check.coverage;
            halfWidth += check.relHalfWidth;
        }
        tests.push(std::move(v));
    }
    out.set("test", std::move(tests));
    core::JsonValue avg = core::metricsToJson(core::fit::average(perCurve));
    if (c.band && !c.test.empty()) {
        avg.set("coverage", coverage / static_cast<double>(c.test.size()));
        avg.set("band_rel_halfwidth", halfWidth / static_cast<double>(c.test.size()));
        core::JsonValue b = core::JsonValue::object();
        b.set("level", c.level);
        b.set("method", method);
        b.set("extrapolation_error",
              fit.settings.count("extrapolation_error") ? fit.settings.at("extrapolation_error") : 0.0);
        out.set("band", std::move(b));
    }
    out.set("test_avg", std::move(avg));
    addChoice(out, choiceJson);
    return emitJson(args, out, false);
}

} // namespace losscast::cli
