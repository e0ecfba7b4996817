// losscast-cli scale: the Chinchilla law L(N, D) from a runs table, and compute-optimal planning.
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/io/textcheck.h"
#include "core/scaling/chinchilla.h"
#include "core/scaling/chinchillajson.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <cmath>
#include <functional>
#include <iostream>
#include <limits>

namespace losscast::cli {
namespace {

namespace sc = core::scaling;

const std::vector<std::string> kNames = {"E", "A", "B", "alpha", "beta"};

void printDiagnostics(const Args& args, const std::vector<core::Diagnostic>& diags)
{
    for (const auto& d : diags)
        std::cerr << "losscast-cli " << args.command() << ": " << core::printableText(d.toString()) << '\n';
}

int runScaleFit(Args& args)
{
    args.declare({"table", "n", "d", "flops", "loss", "bootstrap", "level", "seed", "out", "huber-delta"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto table = args.value("table");
    if (!table)
        return usageError(args, "--table T.csv is required (one row per run: N, D or FLOPs, final loss)");
    sc::RunsColumns cols;
    cols.n = args.value("n").value_or("");
    cols.d = args.value("d").value_or("");
    cols.flops = args.value("flops").value_or("");
    cols.loss = args.value("loss").value_or("");
    if (!cols.d.empty() && !cols.flops.empty())
        return usageError(args,
                          "give --d or --flops, not both (D = C / (6N) is only used without a D column)");
    long long replicates = 0, seed = 1;
    double level = 0.95;
    sc::ChinchillaOptions options;
    if (!args.intValue("bootstrap", replicates, 0) || !args.intValue("seed", seed, 1) ||
        !args.doubleValue("level", level, 0.95) || !args.doubleValue("huber-delta", options.huberDelta, 1e-3))
        return usageError(args, args.error());
    if (replicates < 0 || replicates > 100000)
        return usageError(args, "--bootstrap must be in 0..100000, got " + std::to_string(replicates));
    if (replicates == 1)
        return usageError(args, "--bootstrap needs at least 2 replicates for an interval");
    if (!(level > 0.0 && level < 1.0))
        return usageError(args, "--level must be in (0, 1)");
    if (!(options.huberDelta > 0.0))
        return usageError(args, "--huber-delta must be > 0");
    auto runs = sc::readRunsTable(*table, cols);
    printDiagnostics(args, runs.diagnostics);
    if (!runs)
        return kExitFailure;
    const auto fit = sc::fitChinchilla(runs->runs, options);
    if (!fit.summary.isUsable() || fit.x.size() != 5) {
        std::cerr << "losscast-cli scale fit: the fit did not give usable parameters: "
                  << fit.summary.briefReport() << '\n';
        return kExitFailure;
    }
    std::cerr << fit.summary.briefReport() << '\n';

    std::optional<sc::ChinchillaBootstrap> boot;
    if (replicates > 0) {
        boot = sc::bootstrapChinchilla(runs->runs, fit, static_cast<int>(replicates),
                                       static_cast<std::uint64_t>(seed));
        if (boot->succeeded < boot->requested)
            std::cerr << "losscast-cli scale fit: warning: " << boot->requested - boot->succeeded
                      << " bootstrap refits failed or were not reached in the time limit\n";
    }
    core::JsonValue out =
        sc::chinchillaFitToJson(fit, *runs, options.huberDelta, boot ? &*boot : nullptr, level);
    out.set("losscast_version", core::version());
    return emitJson(args, out);
}

/// A fit file of `scale fit`: the parameters, the covariance and the bootstrap samples when present.
struct ScaleFile
{
    sc::ChinchillaParams params;
    std::vector<double> covariance;
    std::vector<sc::ChinchillaParams> samples;
};

std::optional<ScaleFile> readScaleFile(const Args& args, const std::string& path)
{
    auto text = core::readTextFile(path);
    if (!text) {
        printDiagnostics(args, text.diagnostics);
        return std::nullopt;
    }
    core::JsonParseOptions po;
    po.name = path;
    auto json = core::parseJson(*text, po);
    if (!json) {
        printDiagnostics(args, json.diagnostics);
        return std::nullopt;
    }
    auto fail = [&](const std::string& msg) {
        std::cerr << path << ": error: " << msg << '\n';
        return std::nullopt;
    };
    if (json->string("law") != "chinchilla")
        return fail("not a fit of `losscast-cli scale fit` (\"law\" is '" + json->string("law") +
                    "', expected 'chinchilla')");
    const auto* p = json->find("params");
    if (!p || !p->isObject())
        return fail("member \"params\" is missing");
    ScaleFile f;
    double* dst[5] = {&f.params.E, &f.params.A, &f.params.B, &f.params.alpha, &f.params.beta};
    for (std::size_t j = 0; j < 5; ++j) {
        const auto* v = p->find(kNames[j]);
        if (!v || !v->isNumber() || !std::isfinite(v->toNumber()))
            return fail("params." + kNames[j] + ": expected a finite number");
        *dst[j] = v->toNumber();
    }
    if (!(f.params.A > 0 && f.params.B > 0 && f.params.alpha > 0 && f.params.beta > 0))
        return fail("params: A, B, alpha and beta must be > 0 for an optimal allocation");
    if (const auto* cov = json->find("covariance"); cov && cov->isArray() && cov->size() == 5) {
        for (const auto& row : cov->toArray())
            for (const auto& v : row.toArray())
                f.covariance.push_back(v.toNumber(std::numeric_limits<double>::quiet_NaN()));
        if (f.covariance.size() != 25)
            f.covariance.clear();
    }
    if (const auto* b = json->find("bootstrap"))
        if (const auto* s = b->find("samples"))
            for (const auto& row : s->toArray()) {
                const auto& a = row.toArray();
                if (a.size() != 5)
                    continue;
                sc::ChinchillaParams q{a[0].toNumber(), a[1].toNumber(), a[2].toNumber(), a[3].toNumber(),
                                       a[4].toNumber()};
                if (q.A > 0 && q.B > 0 && q.alpha > 0 && q.beta > 0)
                    f.samples.push_back(q);
            }
    return f;
}

/// The interval of g(params) at `level`: bootstrap percentiles when the file has samples, else the delta
/// method (core/scaling/chinchillajson.h).
std::pair<double, double> interval(const ScaleFile& f, double level,
                                   const std::function<double(const sc::ChinchillaParams&)>& g)
{
    return sc::chinchillaInterval(f.params, f.covariance, f.samples, level, g);
}

int runScaleOptimal(Args& args)
{
    args.declare({"fit", "flops", "loss", "level", "out"});
    if (!args.parse())
        return usageError(args, args.error());
    const auto path = args.value("fit");
    if (!path)
        return usageError(args, "--fit F.json (from `losscast-cli scale fit`) is required");
    if (args.has("flops") == args.has("loss"))
        return usageError(args, "give exactly one of --flops C (best N and D for this compute) or --loss L "
                                "(least compute that reaches L)");
    double flops = 0.0, loss = 0.0, level = 0.95;
    if (!args.doubleValue("flops", flops, 0.0) || !args.doubleValue("loss", loss, 0.0) ||
        !args.doubleValue("level", level, 0.95))
        return usageError(args, args.error());
    if (args.has("flops") && !(flops > 0.0 && std::isfinite(flops)))
        return usageError(args, "--flops must be a number > 0, e.g. 1e21");
    if (args.has("loss") && !(loss > 0.0 && std::isfinite(loss)))
        return usageError(args, "--loss must be a number > 0");
    if (!(level > 0.0 && level < 1.0))
        return usageError(args, "--level must be in (0, 1)");
    const auto f = readScaleFile(args, *path);
    if (!f)
        return kExitFailure;
    sc::Allocation a;
    core::JsonValue out = core::JsonValue::object();
    if (args.has("flops")) {
        a = sc::optimalForFlops(f->params, flops);
        const auto [lo, hi] = interval(
            *f, level, [&](const sc::ChinchillaParams& p) { return sc::optimalForFlops(p, flops).loss; });
        out.set("n", a.n);
        out.set("d", a.d);
        out.set("loss", a.loss);
        out.set("loss_lower", lo);
        out.set("loss_upper", hi);
        out.set("tokens_per_param", a.d / a.n);
        out.set("flops", flops);
    } else {
        const auto r = sc::optimalForLoss(f->params, loss);
        if (!r) {
            std::cerr << "losscast-cli scale optimal: error: loss " << loss
                      << " is not reachable: it is at or below the irreducible loss E = " << f->params.E
                      << " of " << *path << '\n';
            return kExitFailure;
        }
        a = *r;
        const auto [lo, hi] = interval(*f, level, [&](const sc::ChinchillaParams& p) {
            const auto x = sc::optimalForLoss(p, loss);
            return x ? x->flops : std::numeric_limits<double>::infinity();
        });
        out.set("n", a.n);
        out.set("d", a.d);
        out.set("loss", a.loss);
        // The loss is the target; its interval is the compute it may take.
        out.set("loss_lower", a.loss);
        out.set("loss_upper", a.loss);
        out.set("tokens_per_param", a.d / a.n);
        out.set("flops", a.flops);
        out.set("flops_lower", lo);
        out.set("flops_upper", hi);
    }
    out.set("level", level);
    out.set("interval_method", f->samples.size() >= 2 ? "bootstrap-percentile" : "delta");
    return emitJson(args, out);
}

const char* kUsage = R"(usage: losscast-cli scale VERB [options]

The Chinchilla law L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3; Besiroglu et al. 2024)
from a table of runs, and the compute-optimal allocation under C = 6*N*D.

verbs:
  fit --table T.csv [--n COL] [--d COL | --flops COL] [--loss COL] [--bootstrap K [--level P] [--seed S]]
      [--huber-delta 1e-3] [--out F.json]
                   fit on one row per run: N (parameters), D (tokens) or the FLOPs C (then D = C / 6N), and the
                   final loss. Columns are found by name unless given: n|params|n_params|num_params|parameters,
                   d|tokens|n_tokens|num_tokens, flops|compute|c, loss|final_loss|val_loss (case-insensitive);
                   a W&B runs-table export works when its columns carry these names (else name them);
                   --d may multiply columns and numbers: --d "max_iters*batch_size*block_size".
                   Log-sum-exp form, Huber delta 1e-3 on log loss, Hoffmann et al.'s grid of 4,500 starts, the
                   best 12 refined by Levenberg-Marquardt. Prints {"law":"chinchilla","params":{"E","A","B",
                   "alpha","beta"},"stderr":{..},"covariance":[[..]],"derived":{"a","b"},"fit":{"seconds",..},
                   "table":{..}}; a = beta/(alpha+beta) and b = alpha/(alpha+beta) are the exponents of
                   N* ~ C^a and D* ~ C^b. --bootstrap K refits on K resamplings of the runs and adds
                   "bootstrap":{"intervals":{"E":[lo,hi],..,"a":[..],"b":[..]},"samples":[[..]],..}
                   (percentile intervals at --level, default 0.95)
  optimal --fit F.json (--flops C | --loss L) [--level P] [--out FILE]
                   --flops: the N and D minimising L subject to 6ND = C (closed form), printed as
                   {"n","d","loss","loss_lower","loss_upper","tokens_per_param","flops"}; --loss: the least
                   compute whose optimal allocation reaches L, with "flops_lower","flops_upper". Intervals come
                   from the fit's bootstrap samples when it has them, else from its covariance (delta method)

Example:
  losscast-cli scale fit --table runs.csv --bootstrap 1000 --out chinchilla.json
  losscast-cli scale optimal --fit chinchilla.json --flops 1e21
)";

int runScaleCommand(Args& args)
{
    const auto& raw = args.raw();
    if (raw.empty() || raw[0] == "--help" || raw[0] == "help")
        return usageError(args, "a verb is required: fit, optimal");
    Args sub("scale " + raw[0], std::vector<std::string>(raw.begin() + 1, raw.end()));
    if (raw[0] == "fit")
        return runScaleFit(sub);
    if (raw[0] == "optimal")
        return runScaleOptimal(sub);
    std::cerr << "losscast-cli scale: unknown verb '" << raw[0]
              << "' (fit, optimal)\n(see 'losscast-cli scale --help')\n";
    return kExitUsage;
}

std::string scaleVerbUsage(const std::string& verb)
{
    if (verb != "fit" && verb != "optimal")
        return {};
    return kUsage;
}

const Registrar reg{{"scale", "Chinchilla L(N, D) from a runs table; compute-optimal N and D", kUsage,
                     runScaleCommand, scaleVerbUsage}};

} // namespace
} // namespace losscast::cli
