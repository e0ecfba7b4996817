// losscast-cli cpt: the continual pre-training law (Wang et al., ICML 2025, arXiv 2505.07796) — fit, predict,
// eval and optimize. A thin shell over core/cpt.
#include "app/cli/fitting.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/cpt/cptcsv.h"
#include "core/cpt/cptjson.h"
#include "core/cpt/cptoptimize.h"
#include "core/export/fitfile.h"
#include "core/io/curvecsv.h"
#include "core/io/textcheck.h"
#include "core/util/numtext.h"
#include "core/util/textfile.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>

namespace losscast::cli {
namespace {

using namespace core::cpt;

const std::set<std::string> kRunOptions = {"model-size", "switch-step",  "replay",           "general",
                                           "domain",     "warmup-steps", "cpt-warmup-start", "run"};
const std::set<std::string> kScenarioOptions = {"pt-steps",       "pt-warmup", "pt-peak",    "pt-shape",
                                                "loss-potential", "cpt-steps", "cpt-warmup", "cpt-peak",
                                                "cpt-shape",      "cpt-final", "cpt-decay",  "replay"};

std::string errorPrefix(const Args& args)
{
    return "losscast-cli " + args.command() + ": ";
}

/// Parses a number option into `out`; prints a usage error and returns false when malformed.
bool number(Args& args, const std::string& name, double& out, double fallback)
{
    if (args.doubleValue(name, out, fallback))
        return true;
    usageError(args, args.error());
    return false;
}

/// The whole of `text` as a finite number, read in the C locale whatever LC_NUMERIC says (strtod would also
/// take leading blanks, hex and a locale's decimal comma).
bool parseFinite(const std::string& text, double& out)
{
    return core::parseDouble(text, out) == core::NumberParse::Ok && std::isfinite(out);
}

bool integer(Args& args, const std::string& name, std::int64_t& out, std::int64_t fallback)
{
    long long v = 0;
    if (!args.intValue(name, v, fallback)) {
        usageError(args, args.error());
        return false;
    }
    out = v;
    return true;
}

/// FILE, FILE@S or FILE@S@R: the suffixes are taken from the right only when they parse as numbers, so paths
/// containing '@' still work.
struct RunSpec
{
    std::string path;
    std::optional<std::int64_t> switchStep;
    std::optional<double> replay;
    std::optional<double> modelSize;
};

std::optional<RunSpec> parseRunSpec(const Args& args, const std::string& text)
{
    RunSpec spec{text, std::nullopt, std::nullopt};
    std::vector<double> suffixes; // the numbers after '@', left to right
    std::string rest = text;
    for (int k = 0; k < 3; ++k) {
        const auto at = rest.rfind('@');
        if (at == std::string::npos)
            break;
        const std::string tail = rest.substr(at + 1);
        double v = 0.0;
        if (!parseFinite(tail, v)) {
            // "run.csv@2000@0,5": a number meant, but malformed (unless the whole text is an existing path).
            const bool looksNumeric = !tail.empty() && (std::isdigit(static_cast<unsigned char>(tail[0])) ||
                                                        tail[0] == '.' || tail[0] == '-' || tail[0] == '+');
            std::error_code ec;
            if (looksNumeric && !std::filesystem::exists(rest, ec)) {
                usageError(args, "'" + text + "': no such file, and '" + tail +
                                     "' after '@' is not a number (write decimals with '.', e.g. 0.5)");
                return std::nullopt;
            }
            break;
        }
        suffixes.insert(suffixes.begin(), v);
        rest = rest.substr(0, at);
    }
    spec.path = rest;
    if (!suffixes.empty()) {
        const double s = suffixes[0];
        if (s < 0 || s != std::floor(s) || s > static_cast<double>(core::kMaxCurveSteps)) {
            usageError(args, "'" + text + "': the switch step after '@' must be an integer >= 0");
            return std::nullopt;
        }
        spec.switchStep = static_cast<std::int64_t>(s);
    }
    if (suffixes.size() > 1) {
        double r = suffixes[1];
        if (r > 1.0 && r <= 100.0)
            r /= 100.0; // "50" means 50 %
        if (!(r >= 0.0 && r <= 1.0)) {
            usageError(args, "'" + text +
                                 "': the replay ratio after the second '@' must be in [0, 1] (or 0–100 %)");
            return std::nullopt;
        }
        spec.replay = r;
    }
    if (suffixes.size() > 2) {
        const double n = suffixes[2];
        if (!(n > 0.0) || !std::isfinite(n)) {
            usageError(args,
                       "'" + text +
                           "': the model size after the third '@' must be > 0 (millions of parameters)");
            return std::nullopt;
        }
        spec.modelSize = n;
    }
    return spec;
}

/// Loads run files with their switch step and replay ratio (per file or from --switch-step / --replay). On
/// failure `code` says whether it was a usage error (2) or a file that could not be read (1).
std::optional<std::vector<CptRun>> loadRuns(Args& args, const std::vector<std::string>& specs, int& code)
{
    code = kExitUsage;
    CptCsvOptions base;
    base.generalColumn = args.value("general").value_or("general");
    base.domainColumn = args.value("domain").value_or("domain");
    std::int64_t sw = -1;
    double replay = 0.0;
    if (!integer(args, "switch-step", sw, -1) || !integer(args, "warmup-steps", base.warmupSteps, 0) ||
        !number(args, "replay", replay, 0.0) || !number(args, "model-size", base.modelSizeMillions, 0.0))
        return std::nullopt;
    if (base.modelSizeMillions < 0.0) {
        usageError(args, "--model-size must be > 0 (millions of non-embedding parameters)");
        return std::nullopt;
    }
    if (replay > 1.0 && replay <= 100.0)
        replay /= 100.0;
    if (!(replay >= 0.0 && replay <= 1.0)) {
        usageError(args, "--replay must be in [0, 1] (or 0–100 %)");
        return std::nullopt;
    }
    if (base.warmupSteps < 0) {
        usageError(args, "--warmup-steps must be >= 0");
        return std::nullopt;
    }
    if (const auto w = args.value("cpt-warmup-start")) {
        if (*w == "continue")
            base.cptWarmupStart = std::nan("");
        else if (!number(args, "cpt-warmup-start", base.cptWarmupStart, 0.0) || base.cptWarmupStart < 0) {
            usageError(args, "--cpt-warmup-start: expected an LR >= 0 or 'continue'");
            return std::nullopt;
        }
    }
    std::vector<CptRun> runs;
    bool ok = true;
    for (const auto& text : specs) {
        const auto spec = parseRunSpec(args, text);
        if (!spec)
            return std::nullopt;
        CptCsvOptions o = base;
        o.switchStep = spec->switchStep.value_or(sw);
        o.replay = spec->replay.value_or(replay);
        o.modelSizeMillions = spec->modelSize.value_or(base.modelSizeMillions);
        if (o.switchStep < 0) {
            usageError(args, "'" + text + "': no switch step (give --switch-step S or write FILE@S)");
            return std::nullopt;
        }
        auto r = readCptRun(spec->path, o, args.value("run").value_or(""));
        for (const auto& d : r.diagnostics)
            std::cerr << core::printableText(d.toString()) << '\n';
        if (!r) {
            ok = false;
            continue;
        }
        runs.push_back(std::move(*r));
    }
    if (!ok) {
        code = kExitFailure;
        return std::nullopt;
    }
    return runs;
}

/// Fit settings shared by fit and eval.
std::optional<CptFitOptions> cptFitOptions(Args& args)
{
    auto fo = fitOptionsFromArgs(args);
    if (!fo)
        return std::nullopt;
    CptFitOptions o;
    o.fit = *fo;
    if (!number(args, "lambda", o.law.lambda, 0.999))
        return std::nullopt;
    if (!(o.law.lambda >= 0.0 && o.law.lambda < 1.0)) {
        usageError(args, "--lambda must be in [0, 1)");
        return std::nullopt;
    }
    o.law.warmupAsPeak = args.flag("warmup-as-peak");
    o.law.openSource = args.flag("open-source");
    o.law.modelSize = args.flag("size-law");
    if (const auto rf = args.value("replay-form"); rf && !parseReplayForm(*rf, o.law.replayForm)) {
        usageError(args, "--replay-form: expected cpt_share or paper, got '" + *rf + "'");
        return std::nullopt;
    }
    for (const auto& kv : args.values("fix")) {
        const auto eq = kv.find('=');
        const std::string value = eq == std::string::npos ? "" : kv.substr(eq + 1);
        double v = 0.0;
        if (eq == std::string::npos || eq == 0 || !parseFinite(value, v)) {
            usageError(args, "--fix: expected NAME=VALUE with a finite number VALUE, got '" + kv + "'");
            return std::nullopt;
        }
        o.fixed[kv.substr(0, eq)] = v;
    }
    return o;
}

/// Fits the sets that have data. Prints errors; nothing when a fit failed.
std::optional<CptFitPair> fitBoth(Args& args, const std::vector<CptRun>& runs, const CptFitOptions& options,
                                  double& seconds)
{
    CptFitPair pair;
    const auto t0 = std::chrono::steady_clock::now();
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        bool any = false;
        for (const auto& r : runs)
            for (double y : r.loss(set))
                any = any || std::isfinite(y);
        if (!any)
            continue;
        auto f = fitCpt(runs, set, options);
        if (!f) {
            std::cerr << errorPrefix(args) << toString(set) << ": " << f.errorText() << '\n';
            return std::nullopt;
        }
        if (reportUnusable(args, f->summary))
            return std::nullopt;
        (set == ValidationSet::General ? pair.general : pair.domain) = std::move(*f);
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!pair.general && !pair.domain) {
        std::cerr << errorPrefix(args) << "no measured general or domain losses in the files\n";
        return std::nullopt;
    }
    return pair;
}

/// The base scenario from --pt-* / --cpt-* / --replay options (defaults: the paper's setting A).
std::optional<CptScenario> scenarioFromArgs(Args& args)
{
    CptScenario s;
    auto shape = [&](const char* name, DecayShape& out) {
        if (const auto v = args.value(name)) {
            const auto d = decayShapeFromString(*v);
            if (!d) {
                usageError(args, std::string("--") + name +
                                     ": expected constant, cosine, linear or wsd, got '" + *v + "'");
                return false;
            }
            out = *d;
        }
        return true;
    };
    if (!integer(args, "pt-steps", s.pt.steps, s.pt.steps) ||
        !integer(args, "pt-warmup", s.pt.warmupSteps, 500) ||
        !number(args, "pt-peak", s.pt.peakLr, s.pt.peakLr) ||
        !number(args, "loss-potential", s.pt.finalFraction, s.pt.finalFraction) ||
        !shape("pt-shape", s.pt.shape) || !integer(args, "cpt-steps", s.cpt.steps, s.cpt.steps) ||
        !integer(args, "cpt-warmup", s.cpt.warmupSteps, s.cpt.warmupSteps) ||
        !number(args, "cpt-peak", s.cpt.peakLr, s.cpt.peakLr) ||
        !number(args, "cpt-final", s.cpt.finalFraction, s.cpt.finalFraction) ||
        !number(args, "cpt-decay", s.cpt.decayFraction, s.cpt.decayFraction) ||
        !shape("cpt-shape", s.cpt.shape) || !number(args, "replay", s.replay, 0.0))
        return std::nullopt;
    if (s.replay > 1.0 && s.replay <= 100.0)
        s.replay /= 100.0;
    if (!number(args, "model-size", s.modelSizeMillions, 0.0))
        return std::nullopt;
    if (s.modelSizeMillions < 0.0) {
        usageError(args, "--model-size must be > 0");
        return std::nullopt;
    }
    if (args.has("loss-potential") && !args.has("pt-shape") && s.pt.finalFraction >= 1.0)
        s.pt.shape = DecayShape::Constant;
    if (const auto why = s.validate(); !why.empty()) {
        usageError(args, why);
        return std::nullopt;
    }
    return s;
}

/// The fit file's PT schedule (when it carries one) replaces the parametric PT phase unless a --pt-* option
/// or --loss-potential was given. False (message printed) when it cannot be used.
bool usePtScheduleOfFit(Args& args, const CptFitPair& pair, CptScenario& s)
{
    if (pair.ptSchedule.empty())
        return true;
    for (const char* o : {"pt-steps", "pt-warmup", "pt-peak", "pt-shape", "loss-potential"})
        if (args.has(o))
            return true;
    if (const auto why = s.setPtLr(pair.ptSchedule, pair.ptWarmupSteps); !why.empty()) {
        std::cerr << errorPrefix(args) << args.value("fit").value_or("") << ": pt_schedule: " << why << '\n';
        return false;
    }
    return true;
}

/// The LRs of PT steps 0..S when every run has the same switch step S > 0, PT warmup and PT LRs (runs
/// continued from one base model), else empty.
std::vector<double> sharedPtSchedule(const std::vector<CptRun>& runs, std::int64_t& warmup)
{
    if (runs.empty() || runs.front().switchStep <= 0)
        return {};
    const CptRun& a = runs.front();
    const auto n = static_cast<std::size_t>(a.switchStep) + 1;
    if (a.schedule.lr.size() < n)
        return {};
    for (const auto& r : runs)
        if (r.switchStep != a.switchStep || r.schedule.warmupSteps != a.schedule.warmupSteps ||
            r.schedule.lr.size() < n ||
            !std::equal(a.schedule.lr.begin(), a.schedule.lr.begin() + n, r.schedule.lr.begin()))
            return {};
    warmup = a.schedule.warmupSteps;
    return {a.schedule.lr.begin(), a.schedule.lr.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::optional<CptFitPair> fitFromArgs(Args& args, int& code)
{
    code = kExitUsage;
    const auto path = args.value("fit");
    if (!path) {
        usageError(args, "--fit FILE is required (the JSON written by 'losscast-cli cpt fit')");
        return std::nullopt;
    }
    code = kExitFailure;
    auto r = readCptFitFile(*path);
    if (!r) {
        std::cerr << r.errorText() << '\n';
        return std::nullopt;
    }
    return *r;
}

core::JsonValue turnJson(const GeneralTurn& t)
{
    core::JsonValue v = core::JsonValue::object();
    v.set("loss_at_switch", t.lossAtSwitch);
    v.set("peak_step", static_cast<double>(t.peakStep));
    v.set("peak_loss", t.peakLoss);
    v.set("turning_length", static_cast<double>(t.turningLength));
    v.set("critical_step",
          t.criticalStep ? core::JsonValue(static_cast<double>(*t.criticalStep)) : core::JsonValue());
    return v;
}

core::JsonValue scenarioJson(const CptScenario& s)
{
    auto phase = [](const Phase& p) {
        core::JsonValue v = core::JsonValue::object();
        v.set("steps", static_cast<double>(p.steps));
        v.set("warmup_steps", static_cast<double>(p.warmupSteps));
        v.set("peak_lr", p.peakLr);
        v.set("shape", toString(p.shape));
        v.set("final_fraction", p.finalFraction);
        v.set("decay_fraction", p.decayFraction);
        return v;
    };
    core::JsonValue v = core::JsonValue::object();
    v.set("pt", phase(s.pt));
    v.set("cpt", phase(s.cpt));
    v.set("replay", s.replay);
    v.set("loss_potential", s.lossPotential());
    v.set("switch_step", static_cast<double>(s.switchStep()));
    return v;
}

// ---------------------------------------------------------------------------------------------------------

int runFitCmd(Args& args)
{
    const auto& pos = args.positionals();
    std::vector<std::string> files(pos.begin() + 1, pos.end());
    for (const auto& f : args.values("train"))
        files.push_back(f);
    if (files.empty())
        return usageError(args, "cpt fit needs at least one run FILE[@S[@R]]");
    auto options = cptFitOptions(args);
    if (!options)
        return kExitUsage;
    int code = kExitOk;
    auto runs = loadRuns(args, files, code);
    if (!runs)
        return code;
    double seconds = 0.0;
    auto pair = fitBoth(args, *runs, *options, seconds);
    if (!pair)
        return kExitFailure;
    // Runs continued from one base model share its PT schedule: it goes with the fit, so that `cpt predict`
    // with this file predicts over that PT (as the window does with a PT schedule from a run).
    pair->ptSchedule = sharedPtSchedule(*runs, pair->ptWarmupSteps);
    core::JsonValue out = toJson(*pair);
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        const auto& f = pair->get(set);
        if (!f)
            continue;
        core::JsonValue train = core::JsonValue::array();
        for (const auto& r : *runs) {
            core::JsonValue m = core::metricsToJson(evaluateRun(*f, r));
            m.set("file", r.source);
            train.push(std::move(m));
        }
        out.find(toString(set))->set("train", std::move(train));
    }
    core::JsonValue files_ = core::JsonValue::array();
    for (const auto& r : *runs) {
        core::JsonValue v = core::JsonValue::object();
        v.set("path", r.source);
        v.set("switch_step", static_cast<double>(r.switchStep));
        v.set("replay", r.replay);
        v.set("points", static_cast<double>(r.steps.size()));
        files_.push(std::move(v));
    }
    out.set("files", std::move(files_));
    return emitJson(args, out);
}

int runEvalCmd(Args& args)
{
    const auto trainFiles = args.values("train");
    const auto testFiles = args.values("test");
    if (trainFiles.empty() || testFiles.empty())
        return usageError(args, "--train and --test each need at least one FILE[@S[@R]]");
    auto options = cptFitOptions(args);
    if (!options)
        return kExitUsage;
    int code = kExitOk;
    auto train = loadRuns(args, trainFiles, code);
    if (!train)
        return code;
    auto test = loadRuns(args, testFiles, code);
    if (!test)
        return code;
    double seconds = 0.0;
    auto pair = fitBoth(args, *train, *options, seconds);
    if (!pair)
        return kExitFailure;
    core::JsonValue out = core::JsonValue::object();
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        const auto& f = pair->get(set);
        if (!f)
            continue;
        core::JsonValue s = toJson(*f);
        core::JsonValue tests = core::JsonValue::array();
        std::vector<core::fit::Metrics> per;
        for (const auto& r : *test) {
            bool any = false;
            for (double y : r.loss(set))
                any = any || std::isfinite(y);
            if (!any)
                continue;
            const auto m = evaluateRun(*f, r);
            per.push_back(m);
            core::JsonValue t = core::metricsToJson(m);
            t.set("file", r.source);
            tests.push(std::move(t));
        }
        s.set("test", std::move(tests));
        s.set("test_avg", core::metricsToJson(core::fit::average(per)));
        out.set(toString(set), std::move(s));
    }
    core::JsonValue fitJson = core::JsonValue::object();
    fitJson.set("seconds", seconds);
    fitJson.set("train_runs", static_cast<double>(train->size()));
    out.set("fit", std::move(fitJson));
    return emitJson(args, out, false);
}

int runPredictCmd(Args& args)
{
    int code = kExitOk;
    auto pair = fitFromArgs(args, code);
    if (!pair)
        return code;
    if (!pair->general || !pair->domain) {
        std::cerr << errorPrefix(args)
                  << "the fit file needs both a general and a domain fit to predict a scenario\n";
        return kExitFailure;
    }
    auto s = scenarioFromArgs(args);
    if (!s)
        return kExitUsage;
    if (!usePtScheduleOfFit(args, *pair, *s))
        return kExitFailure;
    if ((pair->general->law.modelSize || pair->domain->law.modelSize) && !(s->modelSizeMillions > 0.0))
        return usageError(args, "the fit uses the model-size law: give --model-size N (millions)");
    std::int64_t points = 200;
    if (!integer(args, "points", points, 200))
        return kExitUsage;
    if (points < 2 || points > 1'000'000)
        return usageError(args, "--points must be in 2..1000000");
    const auto steps = s->sampleSteps(static_cast<int>(points));
    ScenarioPrediction p;
    GeneralTurn turn;
    try {
        p = predictScenario(*pair->general, *pair->domain, *s, steps);
        turn = generalTurn(*pair->general, *s);
    } catch (const std::exception& e) {
        std::cerr << errorPrefix(args) << e.what() << '\n';
        return kExitFailure;
    }
    const auto format = args.value("format").value_or("csv");
    if (format == "csv") {
        core::CsvTable t;
        t.names = {"step", "lr", "general", "domain", "general_hidden", "domain_hidden"};
        const auto sch = s->schedule();
        std::vector<double> st, lr;
        for (auto k : steps) {
            st.push_back(static_cast<double>(k));
            lr.push_back(sch.lr[static_cast<std::size_t>(k)]);
        }
        t.columns = {st, lr, p.general, p.domain, p.generalHidden, p.domainHidden};
        const std::string text = core::formatCsv(t);
        if (const auto out = args.value("out")) {
            if (writeOutput(args, *out, text) != kExitOk)
                return kExitFailure;
        } else {
            std::cout << text;
        }
        return kExitOk;
    }
    if (format != "json")
        return usageError(args, "--format: expected csv or json, got '" + format + "'");
    core::JsonValue out = core::JsonValue::object();
    out.set("scenario", scenarioJson(*s));
    out.set("general_turn", turnJson(turn));
    auto arr = [](const auto& v) {
        core::JsonValue a = core::JsonValue::array();
        for (auto x : v)
            a.push(static_cast<double>(x));
        return a;
    };
    out.set("steps", arr(p.steps));
    out.set("general", arr(p.general));
    out.set("domain", arr(p.domain));
    out.set("general_hidden", arr(p.generalHidden));
    out.set("domain_hidden", arr(p.domainHidden));
    return emitJson(args, out, false);
}

bool rangeOption(Args& args, const char* name, double& lo, double& hi)
{
    const auto v = args.value(name);
    if (!v)
        return true;
    const auto colon = v->find(':');
    const std::string a = colon == std::string::npos ? *v : v->substr(0, colon);
    const std::string b = colon == std::string::npos ? *v : v->substr(colon + 1);
    if (!parseFinite(a, lo) || !parseFinite(b, hi) || !(lo <= hi)) {
        usageError(args, std::string("--") + name + ": expected MIN:MAX (or one value), got '" + *v + "'");
        return false;
    }
    return true;
}

int runOptimizeCmd(Args& args)
{
    int code = kExitOk;
    auto pair = fitFromArgs(args, code);
    if (!pair)
        return code;
    if (!pair->general || !pair->domain) {
        std::cerr << errorPrefix(args) << "the fit file needs both a general and a domain fit to optimise\n";
        return kExitFailure;
    }
    auto base = scenarioFromArgs(args);
    if (!base)
        return kExitUsage;
    if (!usePtScheduleOfFit(args, *pair, *base))
        return kExitFailure;
    if ((pair->general->law.modelSize || pair->domain->law.modelSize) && !(base->modelSizeMillions > 0.0))
        return usageError(args, "the fit uses the model-size law: give --model-size N (millions)");
    CptOptimizeOptions oo;
    if (!number(args, "lambda1", oo.lambda1, 0.5) || !number(args, "time-limit", oo.timeLimitSeconds, 10.0))
        return kExitUsage;
    if (!(oo.lambda1 >= 0.0 && oo.lambda1 <= 1.0))
        return usageError(args, "--lambda1 must be in [0, 1]");
    if (!(oo.timeLimitSeconds > 0.0))
        return usageError(args, "--time-limit must be > 0");
    CptSearchBounds b;
    b.peakLrMin = base->cpt.peakLr / 10.0;
    b.peakLrMax = base->cpt.peakLr * 5.0;
    // Default replay bounds: the replay ratios the fits saw (outside them e^(a1·r) extrapolates).
    b.replayMin = std::min(pair->general->replayMin, pair->domain->replayMin);
    b.replayMax = std::max(pair->general->replayMax, pair->domain->replayMax);
    b.stepsMin = b.stepsMax = base->cpt.steps;
    b.potentialMin = b.potentialMax = base->lossPotential();
    double smin = static_cast<double>(b.stepsMin), smax = static_cast<double>(b.stepsMax);
    if (!rangeOption(args, "peak-lr", b.peakLrMin, b.peakLrMax) ||
        !rangeOption(args, "replay-range", b.replayMin, b.replayMax) ||
        !rangeOption(args, "steps", smin, smax) ||
        !rangeOption(args, "potential", b.potentialMin, b.potentialMax))
        return kExitUsage;
    b.stepsMin = std::llround(smin);
    b.stepsMax = std::llround(smax);
    if (const auto shapes = args.value("shapes")) {
        b.shapes.clear();
        std::size_t start = 0;
        while (start <= shapes->size()) {
            const auto comma = shapes->find(',', start);
            const std::string name =
                shapes->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const auto d = decayShapeFromString(name);
            if (!d)
                return usageError(args,
                                  "--shapes: unknown shape '" + name + "' (constant, cosine, linear, wsd)");
            b.shapes.push_back(*d);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    } else {
        b.shapes = {base->cpt.shape};
    }
    if (const auto why = b.validate(); !why.empty())
        return usageError(args, why);
    CptOptimizeResult r;
    try {
        r = optimizeCpt(*pair->general, *pair->domain, *base, b, oo);
    } catch (const std::exception& e) {
        std::cerr << errorPrefix(args) << e.what() << '\n';
        return kExitFailure;
    }
    core::JsonValue out = core::JsonValue::object();
    out.set("lambda1", oo.lambda1);
    out.set("best", scenarioJson(r.best));
    out.set("objective", r.objective);
    out.set("base_objective", r.baseObjective);
    core::JsonValue d = core::JsonValue::object();
    d.set("general_end", r.generalEnd);
    d.set("domain_end", r.domainEnd);
    d.set("general_ref", r.generalRef);
    d.set("domain_ref", r.domainRef);
    d.set("delta_general", r.generalEnd - r.generalRef);
    d.set("delta_domain", r.domainEnd - r.domainRef);
    out.set("losses", std::move(d));
    core::JsonValue s = core::JsonValue::object();
    s.set("status", core::fit::toString(r.status));
    s.set("evaluations", r.evaluations);
    s.set("seconds", r.seconds);
    s.set("message", r.message);
    out.set("search", std::move(s));
    return emitJson(args, out);
}

int runCpt(Args& args)
{
    auto valued = kFitOptionNames;
    for (const auto& o : kRunOptions)
        valued.insert(o);
    for (const auto& o : kScenarioOptions)
        valued.insert(o);
    valued.insert({"lambda", "out", "fit", "points", "format", "lambda1", "peak-lr", "replay-range", "steps",
                   "potential", "shapes", "replay-form"});
    args.declare(valued, {"train", "test", "fix"}, {"warmup-as-peak", "open-source", "size-law"});
    if (!args.parse())
        return usageError(args, args.error());
    if (args.positionals().empty())
        return usageError(args, "expected an action: fit, predict, eval or optimize");
    const std::string action = args.positionals().front();
    if (action != "fit" && args.positionals().size() > 1)
        return usageError(args, "unexpected argument '" + args.positionals()[1] + "'");
    if (action == "fit")
        return runFitCmd(args);
    if (action == "eval")
        return runEvalCmd(args);
    if (action == "predict")
        return runPredictCmd(args);
    if (action == "optimize" || action == "optimise")
        return runOptimizeCmd(args);
    return usageError(args, "unknown action '" + action + "' (fit, predict, eval or optimize)");
}

const Registrar reg{
    {"cpt",
     "continual pre-training law (Wang et al. 2025): fit, predict, eval, optimize general vs domain loss",
     R"(usage: losscast-cli cpt fit FILE[@S[@R]]... [options]
       losscast-cli cpt eval --train FILE[@S[@R]]... --test FILE[@S[@R]]... [options]
       losscast-cli cpt predict --fit FIT.json [scenario options] [--points N] [--format csv|json]
       losscast-cli cpt optimize --fit FIT.json --lambda1 X [scenario options] [search bounds]

The CPT law (Wang, Tissue, Wang, Li, Zeng, ICML 2025, arXiv 2505.07796, Eq. 4 and 8):
  L(t) = L0 + A*(S1pt+S1cpt)^-alpha - C1*S2pt - C2*S2cpt*e^(a1*r) + B*(1-(1+E*S1cpt)^-beta)*g(r)
fitted separately for the general (PT data) and the domain (CPT data) validation loss.

Run files hold both phases: a CSV 'step,lr,<general>,<domain>' (the LR of the update at each step; empty cells
= not measured), or any file the importers read (HF trainer_state.json, W&B, TensorBoard, Lightning, text logs)
with a learning-rate series and series named by --general/--domain.
  FILE@S      the switch step S (the last PT step) for this file;  FILE@S@R  also its replay ratio R
              (share of PT data in the CPT batches, 0..1 or 0..100 %). 0 as S = the file holds the CPT phase
              only (with --open-source).
run options:
  --switch-step S         switch step for files without @S
  --replay R              replay ratio for files without @R (default 0)
  --general COLUMN        general loss column/series (default 'general')
  --domain COLUMN         domain loss column/series (default 'domain')
  --warmup-steps W        PT warmup: LR rises linearly from 0 over W steps to the first row's LR (default 0)
  --cpt-warmup-start LR   LR on the CPT side of the switch, i.e. the re-warmup start (default 0);
                          'continue' interpolates from the last PT LR (no re-warmup)
  --run NAME              the run to take from a file holding several
  --model-size N          model size in millions of non-embedding parameters (or FILE@S@R@N), for --size-law
fit options (fit, eval):
  --lambda L              momentum decay of S2 (default 0.999)
  --warmup-as-peak        count PT warmup LRs as the peak (MTL paper Sec. 3.4)
  --open-source           unknown PT history: S1pt is fitted, PT assumed annealed to 0
  --size-law              model-size extension (Eq. 7): C1, C2 scale with N^gamma, + F*N^-gamma3; runs of at
                          least two sizes (predict/optimize then take --model-size N)
  --fix NAME=VALUE        hold a parameter (repeatable; e.g. --fix a1=0)
  --replay-form F         how replay enters the shift term: paper (default, Eq. 8 as published) or
                          cpt_share (the shift advances with r_cpt*S1cpt, the CPT data's share of the area)
  --time-limit S, --huber-delta D, --objective log-huber|least-squares, --out FILE
Replay terms (a1, a2) are fitted when the runs have at least two replay ratios, else held (a1 = 0,
a2 = 3 general, -3 domain); a2 takes either sign.

cpt fit prints the fit file: {"law":"cpt","settings":{..},"general":{"params","stderr","at_bound","held",
  "covariance","fit","train":[metrics per file]},"domain":{..},"files":[..]}, with "pt_schedule" when all
  runs share one PT schedule (same switch step and PT LRs); "stderr_note" names parameters on a bound.
cpt eval fits on --train and prints ONE JSON line:
  {"general":{"params":..,"stderr":..,"test":[{"file","r2","mae","rmse","pred_e","worst_e","points"}],
   "test_avg":{..}},"domain":{..},"fit":{"seconds":s,"train_runs":n}}
  (fit.seconds = wall time of both fits)

scenario options (predict, optimize; defaults: the paper's setting A, or for the PT the fit file's
"pt_schedule" when it has one and no --pt-*/--loss-potential option is given):
  --pt-steps N (20000)  --pt-warmup N (500)  --pt-peak LR (2e-4)  --pt-shape constant|cosine|linear|wsd (wsd)
  --loss-potential P    final PT LR / PT peak, 0..1 (default 0: fully annealed base)
  --cpt-steps N (10000) --cpt-warmup N (500) --cpt-peak LR (2e-4) --cpt-shape ... (cosine)
  --cpt-final F         CPT final LR / CPT peak (0.1)   --cpt-decay F  WSD decay share (0.2)
  --replay R            replay ratio (0)
cpt predict prints CSV step,lr,general,domain,general_hidden,domain_hidden (--format json adds the turning
  point, turning length and critical point of the general loss).
cpt optimize minimises lambda1*dL_general + (1-lambda1)*dL_domain (dL: end of CPT minus the base scenario's
  loss at the switch) within:
  --peak-lr MIN:MAX (cpt-peak/10 : cpt-peak*5)   --replay-range MIN:MAX (the fits' replay_range)
  --steps MIN:MAX (held at --cpt-steps)           --potential MIN:MAX (held at the base's)
  --shapes cosine,wsd,linear,constant (held)      --time-limit S (10)
  A bound given as one value holds that variable.

Example (the bundled real curves, switch at 2000, PT warmup 100):
  losscast-cli cpt eval --warmup-steps 100 \
    --train resources/examples/cpt/const_r0.csv@2000@0 resources/examples/cpt/wsd_r0.csv@2000@0 \
            resources/examples/cpt/const_r50.csv@2000@0.5 \
    --test resources/examples/cpt/const_r0.csv@2000@0 resources/examples/cpt/wsd_r0.csv@2000@0 \
           resources/examples/cpt/const_r50.csv@2000@0.5
)",
     runCpt}};

} // namespace
} // namespace losscast::cli
