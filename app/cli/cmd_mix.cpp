// losscast-cli mix: data mixtures — mixing law fit/predict/eval/optimize, AutoScale, Domain2Vec alignment.
#include "app/cli/cmd_mix.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/io/textcheck.h"
#include "core/mixing/mixjson.h"
#include "core/mixing/mixmodels.h"
#include "core/mixing/nested.h"
#include "core/mixing/table.h"
#include "core/util/textfields.h"
#include "core/util/textfile.h"

#include <cmath>
#include <iostream>

namespace losscast::cli {

namespace mix = core::mixing;

void printDiagnostics(const Args& args, const std::vector<core::Diagnostic>& diags)
{
    for (const auto& d : diags)
        std::cerr << "losscast-cli " << args.command() << ": " << core::printableText(d.toString()) << '\n';
}

std::vector<std::string> commaItems(const Args& args, const std::string& option)
{
    std::vector<std::string> out;
    std::vector<std::string_view> fields;
    for (const auto& item : args.values(option)) {
        core::splitFields(item, ',', fields);
        for (const auto f : fields)
            if (!f.empty())
                out.emplace_back(f);
    }
    return out;
}

bool parseKeyValues(Args& args, const std::string& option, std::vector<std::pair<std::string, double>>& out)
{
    for (const auto& kv : commaItems(args, option)) {
        const auto eq = kv.rfind('=');
        double v = 0.0;
        if (eq == std::string::npos || eq == 0 || !mix::parseNumber(kv.substr(eq + 1), v) ||
            !std::isfinite(v)) {
            usageError(args, "--" + option + ": expected NAME=NUMBER, got '" + kv + "'");
            return false;
        }
        out.emplace_back(kv.substr(0, eq), v);
    }
    return true;
}

bool valuesByDomain(Args& args, const std::string& option, const std::vector<std::string>& domains,
                    double fallback, std::vector<double>& out)
{
    std::vector<std::pair<std::string, double>> kv;
    if (!parseKeyValues(args, option, kv))
        return false;
    out.assign(domains.size(), fallback);
    for (const auto& [name, v] : kv) {
        const int j = mix::findDomain(domains, name);
        if (j < 0) {
            std::string known;
            for (const auto& d : domains)
                known += (known.empty() ? "" : ", ") + d;
            usageError(args, "--" + option + ": " + (j == -2 ? "ambiguous" : "unknown") + " domain '" + name +
                                 "' (domains: " + known + ")");
            return false;
        }
        out[static_cast<std::size_t>(j)] = v;
    }
    return true;
}

namespace {

bool rolesFromArgs(Args& args, mix::RoleOverrides& roles)
{
    for (const auto& kv : args.values("role")) {
        const auto eq = kv.rfind('=');
        mix::ColumnRole r;
        if (eq == std::string::npos || eq == 0 || !mix::parseColumnRole(kv.substr(eq + 1), r)) {
            usageError(args, "--role: expected COLUMN=proportion|loss|index|size|steps|tokens|ignore, got '" +
                                 kv + "'");
            return false;
        }
        roles[kv.substr(0, eq)] = r;
    }
    return true;
}

/// One file (roles by name) or two files (RegMix's mixture + loss layout).
std::optional<mix::Experiments> loadExperiments(Args& args, const std::vector<std::string>& files,
                                                const mix::RoleOverrides& roles)
{
    auto e = files.size() == 1 ? mix::readExperiments(files[0], roles)
                               : mix::readExperimentPair(files[0], files[1], roles);
    printDiagnostics(args, e.diagnostics);
    if (!e)
        return std::nullopt;
    return std::move(*e);
}

std::optional<mix::MixingFitOptions> mixFitOptions(Args& args, const mix::Experiments& e)
{
    mix::MixingFitOptions o;
    auto& f = o.fit;
    if (!args.doubleValue("time-limit", f.timeLimitSeconds, f.timeLimitSeconds) ||
        !args.doubleValue("huber-delta", f.huberDelta, f.huberDelta)) {
        usageError(args, args.error());
        return std::nullopt;
    }
    if (const auto obj = args.value("objective")) {
        if (*obj == "log-huber")
            f.objective = core::fit::Objective::LogHuber;
        else if (*obj == "least-squares")
            f.objective = core::fit::Objective::LeastSquares;
        else {
            usageError(args, "--objective: expected log-huber or least-squares, got '" + *obj + "'");
            return std::nullopt;
        }
    }
    std::string why;
    if (!f.isValid(&why)) {
        usageError(args, why);
        return std::nullopt;
    }
    if (args.has("weights")) {
        if (!valuesByDomain(args, "weights", e.targets, 0.0, o.weights))
            return std::nullopt;
        for (double w : o.weights)
            if (w < 0.0) {
                usageError(args, "--weights: weights must be ≥ 0");
                return std::nullopt;
            }
    }
    return o;
}

std::vector<std::string> targetNames(const mix::MixtureModels& m, mix::MixtureModelKind kind)
{
    if (kind == mix::MixtureModelKind::Implicit)
        return m.implicit->targetNames;
    std::vector<std::string> out;
    for (const auto& t : m.law->targets)
        out.push_back(t.target);
    return out;
}

/// --model implicit|law|auto (default auto).
std::optional<mix::ModelChoice> modelChoice(Args& args)
{
    mix::ModelChoice c = mix::ModelChoice::Auto;
    if (const auto v = args.value("model"); v && !mix::parseModelChoice(*v, c)) {
        usageError(args, "--model: expected implicit, law or auto, got '" + *v + "'");
        return std::nullopt;
    }
    return c;
}

/// Fit options of both models (--folds, --gp-rows, --features for the implicit model).
std::optional<mix::MixtureModelOptions> modelOptions(Args& args, const mix::Experiments& e)
{
    auto law = mixFitOptions(args, e);
    if (!law)
        return std::nullopt;
    auto choice = modelChoice(args);
    if (!choice)
        return std::nullopt;
    mix::MixtureModelOptions o;
    o.model = *choice;
    o.law = *law;
    o.implicit.timeLimitSeconds = law->fit.timeLimitSeconds;
    double folds = o.folds, rows = static_cast<double>(o.implicit.hyperRows);
    if (!args.doubleValue("folds", folds, folds) || !args.doubleValue("gp-rows", rows, rows)) {
        usageError(args, args.error());
        return std::nullopt;
    }
    if (!(folds >= 2 && folds <= 50) || folds != std::floor(folds)) {
        usageError(args, "--folds: expected an integer in [2, 50]");
        return std::nullopt;
    }
    if (!(rows >= 8 && rows <= 1e6) || rows != std::floor(rows)) {
        usageError(args, "--gp-rows: expected an integer ≥ 8");
        return std::nullopt;
    }
    o.folds = static_cast<int>(folds);
    o.implicit.hyperRows = static_cast<std::size_t>(rows);
    if (const auto f = args.value("features"); f && !mix::parseImplicitFeatures(*f, o.implicit.features)) {
        usageError(args, "--features: expected log_proportions or proportions, got '" + *f + "'");
        return std::nullopt;
    }
    return o;
}

bool reportModels(const Args& args, const mix::MixtureModels& m)
{
    if (m.law && !m.law->usable() && (m.chosen == mix::MixtureModelKind::Law || !m.implicit)) {
        for (const auto& t : m.law->targets)
            if (!t.summary.isUsable())
                std::cerr << "losscast-cli " << args.command() << ": target '" << t.target
                          << "': the fit did not give usable parameters: " << t.summary.briefReport() << '\n';
        return false;
    }
    if (m.implicit && !m.implicit->usable() && m.chosen == mix::MixtureModelKind::Implicit) {
        std::cerr << "losscast-cli " << args.command()
                  << ": the implicit model did not fit: " << m.implicit->summary.briefReport() << '\n';
        return false;
    }
    return m.usable();
}

bool reportFit(const Args& args, const mix::MixingLawFit& fit)
{
    if (fit.usable())
        return true;
    for (const auto& t : fit.targets)
        if (!t.summary.isUsable())
            std::cerr << "losscast-cli " << args.command() << ": target '" << t.target
                      << "': the fit did not give usable parameters: " << t.summary.briefReport() << '\n';
    return false;
}

core::JsonValue scoresJson(const std::vector<mix::TargetScore>& scores)
{
    core::JsonValue arr = core::JsonValue::array();
    for (const auto& s : scores) {
        core::JsonValue o = core::JsonValue::object();
        o.set("name", s.name);
        o.set("mae", s.mae);
        o.set("spearman", s.spearman);
        o.set("points", static_cast<double>(s.points));
        arr.push(std::move(o));
    }
    return arr;
}

const std::set<std::string> kFitValued = {"time-limit", "huber-delta", "objective", "out",
                                          "model",      "folds",       "gp-rows",   "features"};

int runFit(Args& args)
{
    auto valued = kFitValued;
    valued.insert({"target-steps", "target-size"});
    args.declare(valued, {"role", "weights"});
    if (!args.parse())
        return usageError(args, args.error());
    mix::RoleOverrides roles;
    if (!rolesFromArgs(args, roles))
        return kExitUsage;
    if (args.positionals().empty() || args.positionals().size() > 2)
        return usageError(args, "expected one experiments CSV, or a mixture CSV and a loss CSV");
    auto e = loadExperiments(args, args.positionals(), roles);
    if (!e)
        return kExitFailure;
    auto o = mixFitOptions(args, *e);
    if (!o)
        return kExitUsage;
    double targetSteps = 0.0, targetSize = 0.0;
    if (!args.doubleValue("target-steps", targetSteps, 0.0) ||
        !args.doubleValue("target-size", targetSize, 0.0))
        return usageError(args, args.error());
    if (targetSteps < 0.0 || targetSize < 0.0)
        return usageError(args, "--target-steps and --target-size must be > 0");
    if ((targetSteps > 0.0 || targetSize > 0.0) && args.value("model").value_or("law") == "implicit")
        return usageError(args, "--target-steps/--target-size use the mixing law (Ye et al.'s nested "
                                "pipeline); drop --model implicit");
    if (targetSteps > 0.0 || targetSize > 0.0) {
        // Ye et al.'s nested pipeline: step law and size law per mixture, then the mixing law at the target.
        mix::NestedOptions no;
        no.targetSteps = targetSteps;
        no.targetSize = targetSize;
        no.mixing = *o;
        auto res = mix::nestedPipeline(*e, no);
        printDiagnostics(args, res.diagnostics);
        if (!res)
            return kExitFailure;
        if (!reportFit(args, res->fit))
            return kExitFailure;
        auto v = mix::toJson(res->fit);
        core::JsonValue rows = core::JsonValue::array();
        for (std::size_t i = 0; i < res->atTarget.rows(); ++i) {
            core::JsonValue r = core::JsonValue::object();
            r.set("mixture", core::namedNumbers(res->atTarget.domains, res->atTarget.mixtures[i]));
            r.set("loss", core::namedNumbers(res->atTarget.targets, res->atTarget.losses[i]));
            r.set("stderr", core::namedNumbers(res->atTarget.targets, res->band[i]));
            rows.push(std::move(r));
        }
        core::JsonValue nested = core::JsonValue::object();
        nested.set("target_steps", targetSteps);
        nested.set("target_size", targetSize);
        nested.set("extrapolated", std::move(rows));
        v.set("nested", std::move(nested));
        return emitJson(args, v);
    }
    auto mo = modelOptions(args, *e);
    if (!mo)
        return kExitUsage;
    const auto models = mix::fitMixtureModels(*e, *mo);
    if (!reportModels(args, models))
        return kExitFailure;
    auto v = mix::toJson(models);
    v.set("rows", static_cast<double>(e->rows()));
    return emitJson(args, v);
}

int runEval(Args& args)
{
    auto valued = kFitValued;
    args.declare(valued, {"train", "test", "role", "weights"});
    if (!args.parse())
        return usageError(args, args.error());
    if (args.values("train").empty() || args.values("test").empty())
        return usageError(args, "--train and --test are required (each: EXP.csv, or MIX.csv LOSS.csv)");
    mix::RoleOverrides roles;
    if (!rolesFromArgs(args, roles))
        return kExitUsage;
    if (args.values("train").size() > 2 || args.values("test").size() > 2)
        return usageError(args,
                          "--train/--test: expected one experiments CSV, or a mixture CSV and a loss CSV");
    auto train = loadExperiments(args, args.values("train"), roles);
    if (!train)
        return kExitFailure;
    auto test = loadExperiments(args, args.values("test"), roles);
    if (!test)
        return kExitFailure;
    auto mo = modelOptions(args, *train);
    if (!mo)
        return kExitUsage;
    const auto models = mix::fitMixtureModels(*train, *mo);
    if (!reportModels(args, models))
        return kExitFailure;
    auto scores = mix::evaluateWith(models, models.chosen, *test);
    printDiagnostics(args, scores.diagnostics);
    if (!scores)
        return kExitFailure;
    core::JsonValue out = core::JsonValue::object();
    out.set("model", mix::toString(models.chosen));
    out.set("targets", scoresJson(*scores));
    core::JsonValue f = core::JsonValue::object();
    f.set("seconds", models.seconds);
    if (models.law)
        f.set("law_seconds", models.law->seconds);
    if (models.implicit)
        f.set("implicit_seconds", models.implicit->seconds);
    f.set("train_rows", static_cast<double>(train->rows()));
    f.set("test_rows", static_cast<double>(test->rows()));
    out.set("fit", std::move(f));
    if (models.selection)
        out.set("selection", mix::selectionToJson(*models.selection));
    // Both models' held-out scores side by side when both were fitted.
    if (models.law && models.implicit) {
        core::JsonValue both = core::JsonValue::object();
        for (auto kind : {mix::MixtureModelKind::Law, mix::MixtureModelKind::Implicit}) {
            auto sc = mix::evaluateWith(models, kind, *test);
            if (!sc)
                continue;
            double rho = 0.0, mae = 0.0;
            for (const auto& t : *sc) {
                rho += t.spearman;
                mae += t.mae;
            }
            core::JsonValue m = core::JsonValue::object();
            m.set("mean_spearman", rho / static_cast<double>(sc->size()));
            m.set("mean_mae", mae / static_cast<double>(sc->size()));
            m.set("targets", scoresJson(*sc));
            both.set(mix::toString(kind), std::move(m));
        }
        out.set("models", std::move(both));
    }
    return emitJson(args, out, false);
}

/// The fit file and the model --model picks from it (auto: the file's chosen model).
std::optional<std::pair<mix::MixtureModels, mix::MixtureModelKind>> loadFit(Args& args, int& status)
{
    status = kExitUsage;
    const auto choice = modelChoice(args);
    if (!choice)
        return std::nullopt;
    const auto path = args.value("fit");
    if (!path) {
        usageError(args, "--fit FIT.json is required (written by 'losscast-cli mix fit --out')");
        return std::nullopt;
    }
    status = kExitFailure;
    auto fit = mix::readMixtureModels(*path);
    printDiagnostics(args, fit.diagnostics);
    if (!fit)
        return std::nullopt;
    mix::MixtureModelKind kind{};
    if (const auto why = mix::resolveModel(*fit, *choice, kind); !why.empty()) {
        std::cerr << "losscast-cli " << args.command() << ": " << *path << ": " << why << '\n';
        return std::nullopt;
    }
    return std::pair{std::move(*fit), kind};
}

int runPredict(Args& args)
{
    args.declare({"fit", "mixtures", "out", "model"}, {"mixture"});
    if (!args.parse())
        return usageError(args, args.error());
    if (!args.has("mixture") && !args.has("mixtures"))
        return usageError(args, "give --mixture NAME=SHARE,... or --mixtures FILE.csv");
    int status = 0;
    auto loaded = loadFit(args, status);
    if (!loaded)
        return status;
    const auto& models = loaded->first;
    const auto kind = loaded->second;
    const auto* fit = &models; // domains()
    std::vector<std::vector<double>> rows;
    if (args.has("mixture")) {
        std::vector<double> r;
        if (!valuesByDomain(args, "mixture", fit->domains(), 0.0, r))
            return kExitUsage;
        rows.push_back(r);
    }
    if (const auto file = args.value("mixtures")) {
        auto text = core::readCheckedTextFile(*file);
        if (!text) {
            printDiagnostics(args, text.diagnostics);
            return kExitFailure;
        }
        auto t = mix::parseTable(*text, *file);
        if (!t) {
            printDiagnostics(args, t.diagnostics);
            return kExitFailure;
        }
        std::vector<int> col(fit->domains().size(), -1);
        for (std::size_t c = 0; c < t->header.size(); ++c)
            for (std::size_t j = 0; j < fit->domains().size(); ++j)
                if (t->header[c] == fit->domains()[j])
                    col[j] = static_cast<int>(c);
        for (std::size_t j = 0; j < col.size(); ++j)
            if (col[j] < 0) {
                std::cerr << "losscast-cli mix: " << *file << ": no column for domain '" << fit->domains()[j]
                          << "'\n";
                return kExitFailure;
            }
        for (std::size_t r = 0; r < t->rows.size(); ++r) {
            std::vector<double> m(col.size());
            for (std::size_t j = 0; j < col.size(); ++j) {
                const auto& cell = t->rows[r][static_cast<std::size_t>(col[j])];
                if (!mix::parseNumber(cell, m[j]) || !(m[j] >= 0.0)) {
                    std::cerr << "losscast-cli mix: " << *file << ":" << t->lines[r] << ": domain '"
                              << fit->domains()[j] << "': expected a proportion ≥ 0, got '" << cell << "'\n";
                    return kExitFailure;
                }
            }
            rows.push_back(std::move(m));
        }
    }
    core::JsonValue preds = core::JsonValue::array();
    for (auto& r : rows) {
        double s = 0.0;
        for (double v : r)
            s += v;
        if (!(s > 0.0)) {
            std::cerr << "losscast-cli mix: a mixture has all proportions zero\n";
            return kExitFailure;
        }
        if (std::abs(s - 1.0) > 1e-6)
            std::cerr << "losscast-cli mix: warning: proportions sum to " << s << "; normalised to 1\n";
        for (double& v : r)
            v /= s;
        preds.push(mix::predictionToJson(models.domains(), targetNames(models, kind), r,
                                         mix::predictWith(models, kind, r), kind));
    }
    core::JsonValue out = core::JsonValue::object();
    out.set("predictions", std::move(preds));
    return emitJson(args, out);
}

int runOptimize(Args& args)
{
    args.declare({"fit", "total", "out", "model", "samples", "top-k"}, {"cap", "available"});
    if (!args.parse())
        return usageError(args, args.error());
    mix::ImplicitOptimizeOptions io;
    double samples = io.samples, topK = io.topK;
    if (!args.doubleValue("samples", samples, samples) || !args.doubleValue("top-k", topK, topK))
        return usageError(args, args.error());
    if (!(samples >= 1 && samples <= 1e7) || !(topK >= 1 && topK <= samples))
        return usageError(args, "--samples must be in [1, 1e7] and --top-k in [1, samples]");
    io.samples = static_cast<int>(samples);
    io.topK = static_cast<int>(topK);
    int status = 0;
    auto loaded = loadFit(args, status);
    if (!loaded)
        return status;
    const auto& models = loaded->first;
    const auto kind = loaded->second;
    const auto& domains = models.domains();
    std::vector<double> caps, avail;
    if (!valuesByDomain(args, "cap", domains, 1.0, caps))
        return kExitUsage;
    if (args.has("available")) {
        double total = 0.0;
        if (!args.doubleValue("total", total, 0.0) || !(total > 0.0))
            return usageError(args, "--available needs --total TOKENS > 0 (the planned training tokens)");
        if (!valuesByDomain(args, "available", domains, INFINITY, avail))
            return kExitUsage;
        for (std::size_t j = 0; j < caps.size(); ++j)
            caps[j] = std::min(caps[j], avail[j] / total);
    }
    for (double c : caps)
        if (!(c >= 0.0))
            return usageError(args, "caps must be ≥ 0");
    const auto opt = mix::optimizeWith(models, kind, caps, io);
    if (!opt.converged) {
        std::cerr << "losscast-cli mix: optimisation failed: " << opt.message << '\n';
        return kExitFailure;
    }
    core::JsonValue out =
        mix::predictionToJson(domains, targetNames(models, kind), opt.mixture, opt.prediction, kind);
    out.set("caps", core::namedNumbers(domains, caps));
    core::JsonValue s = core::JsonValue::object();
    if (kind == mix::MixtureModelKind::Law) {
        s.set("method",
              "spectral projected gradient on the capped simplex (exact projection); convex objective");
        s.set("iterations", opt.iterations);
        s.set("optimality", opt.optimality);
    } else {
        s.set("method", "RegMix's search: Dirichlet samples around the training mixtures' mean share, "
                        "projected onto the caps; the mean of the top-k by predicted overall loss");
        s.set("samples", io.samples);
        s.set("top_k", io.topK);
    }
    s.set("message", opt.message);
    out.set("solver", std::move(s));
    return emitJson(args, out);
}

} // namespace

/// Dispatches `mix VERB ...` to the verb with the remaining arguments.
int dispatchMix(const std::string& verb, Args& args)
{
    if (verb == "--help" || verb == "help")
        return kExitUsage;
    if (verb == "fit")
        return runFit(args);
    if (verb == "eval")
        return runEval(args);
    if (verb == "predict")
        return runPredict(args);
    if (verb == "optimize" || verb == "optimise")
        return runOptimize(args);
    if (verb == "autoscale")
        return runAutoScale(args);
    if (verb == "align")
        return runAlign(args);
    if (verb == "heuristic")
        return runHeuristic(args);
    std::cerr
        << "losscast-cli mix: unknown verb '" << verb
        << "' (fit, predict, eval, optimize, autoscale, align, heuristic)\n(see 'losscast-cli mix --help')\n";
    return kExitUsage;
}

namespace {

const char* kUsage = R"(usage: losscast-cli mix VERB [options]

Data mixtures: the data mixing law of Ye et al. 2024 (arXiv 2403.16952), L_i(r) = c_i + k_i*exp(sum_j t_ij r_j),
an implicit model (Gaussian-process regression on the simplex, as RegMix regresses loss on the mixture),
AutoScale (Kang et al. 2024, arXiv 2407.20177) and Domain2Vec alignment (arXiv 2506.10952).

Experiments tables (EXP) are either ONE csv (one row per run; roles by column name: train_* / mix_* / p_* are
proportions, *loss* / *ppl* / metric/* / val_* are losses, index|id|run, params|size, steps, tokens) or TWO
csvs in RegMix's layout (MIX.csv: an index column then one column per training domain; LOSS.csv: the index
then one column per validation domain). --role COLUMN=proportion|loss|index|size|steps|tokens|ignore overrides.
Proportions not summing to 1 are normalised with a warning; negative or missing ones are errors.

verbs:
  fit EXP [--model implicit|law|auto] [--weights T=W,..] [--huber-delta 0.02]
      [--objective log-huber|least-squares] [--time-limit s] [--folds 5] [--gp-rows 192]
      [--features log_proportions|proportions] [--target-steps S] [--target-size N] [--out FIT.json]
                             fit the mixture model(s): law = the mixing law per validation domain (params,
                             stderr, cov); implicit = a Gaussian process per validation domain (ARD kernel
                             on log-proportions, hyper-parameters by marginal likelihood); auto (default) =
                             both, the one with the better k-fold cross-validated Spearman is used.
                             With --target-steps/--target-size (needs steps/size columns): Ye et al.'s nested
                             pipeline, step law then size law per mixture, mixing law at the target scale
  predict --fit FIT.json [--model implicit|law|auto] (--mixture D=R,.. | --mixtures FILE.csv)
                             per-domain and overall loss with stderr and a +-2 sigma band (auto: the model
                             the fit chose)
  eval --train EXP --test EXP [--model implicit|law|auto] [fit options]
                             fit on --train, print {"model","targets":[{"name","mae","spearman","points"}],
                             "fit":{"seconds":s,..}} on --test (auto adds "selection" and both "models")
  optimize --fit FIT.json [--model implicit|law|auto] [--cap D=MAX,..] [--available D=TOKENS,..
           --total TOKENS] [--samples 20000] [--top-k 64]
                             optimum of the overall loss on the simplex with per-domain caps
                             (cap = available tokens / planned total): exact for the law; for the implicit
                             model RegMix's search (sample mixtures, average the top k), with its band
  autoscale --optima FILE [--from A,B] --totals T1,T2,..
                             AutoScale's extrapolation N(3)* = N(2)* (.) (N(2)*/N(1)*) of per-domain optimal
                             token counts; FILE rows: a label, total tokens, one column per domain
  autoscale --perturbation FILE [--total TOKENS] [--min-multiplier 0.2] [--max-multiplier X]
            [--pin D=MULT,..]
                             fit (x+a)^-b + c per domain from perturbation runs and solve DDO at that scale;
                             --pin fixes a domain's data multiplier (e.g. github=0.2, as the repository does)
  align --vectors V.csv --target T.csv [--cap D=MAX,..] [--huber-delta d] [--compare-samples N]
                             Domain2Vec DA^2: mixture whose meta-domain vector is closest (Huber) to the
                             target; V.csv rows: dataset name then one column per meta-domain
  heuristic --best-tokens D=TOKENS,..
                             practice heuristic: mix in the ratio of each dataset's best token count

Example (RegMix's 1M proxies, 512 training and 256 held-out mixtures):
  losscast-cli mix eval --train data_train_mixture_1m.csv data_train_pile_loss_1m.csv \
                        --test data_test_mixture_1m.csv data_test_pile_loss_1m.csv
)";

int runMixCommand(Args& args)
{
    const auto& raw = args.raw();
    if (raw.empty())
        return usageError(args,
                          "a verb is required: fit, predict, eval, optimize, autoscale, align, heuristic");
    Args sub("mix " + raw[0], std::vector<std::string>(raw.begin() + 1, raw.end()));
    return dispatchMix(raw[0], sub);
}

/// The usage of one verb: its lines from kUsage (from "  VERB " to the next verb), "" for unknown verbs.
std::string mixVerbUsage(const std::string& verb)
{
    const std::string v = verb == "optimise" ? "optimize" : verb;
    const std::string text = kUsage;
    const std::size_t verbs = text.find("\nverbs:\n");
    const std::size_t example = text.find("\nExample");
    if (verbs == std::string::npos || example == std::string::npos)
        return {};
    std::string block;
    bool in = false;
    std::size_t pos = verbs + 8;
    while (pos < example) {
        const std::size_t nl = text.find('\n', pos);
        const std::string line = text.substr(pos, nl - pos);
        pos = nl + 1;
        const bool verbLine = line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ';
        if (verbLine)
            in = line.compare(2, v.size() + 1, v + " ") == 0 || line.substr(2) == v;
        if (in)
            block += line + '\n';
    }
    if (block.empty())
        return {};
    return "usage: losscast-cli mix " + block.substr(2) +
           "\nEXP: one experiments CSV (one row per run), or a mixture CSV and a loss CSV in RegMix's "
           "layout; "
           "see 'losscast-cli mix --help'.\n";
}

const Registrar reg{{"mix",
                     "data mixtures: mixing law fit/predict/eval/optimize, AutoScale, Domain2Vec align",
                     kUsage, runMixCommand, mixVerbUsage}};

} // namespace

} // namespace losscast::cli
