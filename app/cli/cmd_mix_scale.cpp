// losscast-cli mix autoscale | align | heuristic (verbs of `mix`, registered in cmd_mix.cpp).
#include "app/cli/cmd_mix.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/export/fitfile.h"
#include "core/io/textcheck.h"
#include "core/mixing/autoscale.h"
#include "core/mixing/domain2vec.h"
#include "core/mixing/mixjson.h"
#include "core/mixing/table.h"
#include "core/util/textfile.h"

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>

namespace losscast::cli {

namespace mix = core::mixing;

namespace {

bool numberList(Args& args, const std::string& option, std::vector<double>& out)
{
    for (const auto& one : commaItems(args, option)) {
        double v = 0.0;
        if (!mix::parseNumber(one, v) || !std::isfinite(v)) {
            usageError(args, "--" + option + ": expected numbers separated by commas, got '" + one + "'");
            return false;
        }
        out.push_back(v);
    }
    return true;
}

std::optional<std::string> readFile(Args& args, const std::string& path)
{
    auto text = core::readCheckedTextFile(path);
    if (!text) {
        printDiagnostics(args, text.diagnostics);
        return std::nullopt;
    }
    return std::move(*text);
}

int runOptimaExtrapolation(Args& args)
{
    const auto text = readFile(args, *args.value("optima"));
    if (!text)
        return kExitFailure;
    auto table = mix::parseOptima(*text, *args.value("optima"));
    printDiagnostics(args, table.diagnostics);
    if (!table)
        return kExitFailure;
    std::vector<double> totals, steps;
    if (!numberList(args, "totals", totals) || !numberList(args, "steps", steps))
        return kExitUsage;
    if (totals.empty() && steps.empty())
        return usageError(args,
                          "give --totals T1,T2,.. (total tokens, in the file's unit) or --steps s1,s2,..");
    for (double t : totals)
        if (!(t > 0.0))
            return usageError(args, "--totals must be > 0");
    // The two scales: --from LABEL1,LABEL2, else the first two rows.
    std::size_t i1 = 0, i2 = 1;
    if (const auto from = args.value("from")) {
        const auto comma = from->find(',');
        if (comma == std::string::npos)
            return usageError(args, "--from: expected LABEL1,LABEL2 (two row labels of the optima file)");
        auto find = [&](const std::string& label) -> long {
            for (std::size_t r = 0; r < table->rows.size(); ++r)
                if (table->rows[r].label == label)
                    return static_cast<long>(r);
            for (std::size_t r = 0; r < table->rows.size(); ++r)
                if (table->rows[r].label.rfind(label, 0) == 0)
                    return static_cast<long>(r);
            return -1;
        };
        const long a = find(from->substr(0, comma)), b = find(from->substr(comma + 1));
        if (a < 0 || b < 0)
            return usageError(args, "--from: no row labelled '" +
                                        (a < 0 ? from->substr(0, comma) : from->substr(comma + 1)) + "' in " +
                                        *args.value("optima"));
        i1 = static_cast<std::size_t>(a);
        i2 = static_cast<std::size_t>(b);
    } else if (table->rows.size() < 2) {
        std::cerr << "losscast-cli mix autoscale: " << *args.value("optima")
                  << ": needs optima at two or more scales\n";
        return kExitFailure;
    } else if (table->rows.size() > 2) {
        std::cerr << "losscast-cli mix autoscale: warning: using the first two rows ('"
                  << table->rows[0].label << "', '" << table->rows[1].label
                  << "'); choose others with --from\n";
    }
    const auto& n1 = table->rows[i1];
    const auto& n2 = table->rows[i2];
    core::JsonValue out = core::JsonValue::object();
    core::JsonValue from = core::JsonValue::array();
    for (const auto* r : {&n1, &n2}) {
        core::JsonValue o = core::JsonValue::object();
        o.set("label", r->label);
        o.set("total", r->total);
        from.push(std::move(o));
    }
    out.set("from", std::move(from));
    out.set("rule",
            "N(s) = N2 * (N2/N1)^s elementwise (AutoScale, Kang et al. 2024, arXiv 2407.20177); s = 1 is "
            "the paper's N(3)*");
    core::JsonValue optima = core::JsonValue::array();
    auto emit = [&](const mix::ScaleOptimum& s) {
        core::JsonValue o = core::JsonValue::object();
        o.set("total", s.total);
        o.set("step", s.step);
        o.set("tokens", core::namedNumbers(table->domains, s.tokens));
        std::vector<double> w;
        for (double t : s.tokens)
            w.push_back(t / s.total);
        o.set("weights", core::namedNumbers(table->domains, w));
        optima.push(std::move(o));
    };
    for (double t : totals) {
        auto s = mix::autoscaleAtTotal(n1.tokens, n2.tokens, t);
        if (!s) {
            printDiagnostics(args, s.diagnostics);
            return kExitFailure;
        }
        emit(*s);
    }
    for (double st : steps) {
        mix::ScaleOptimum s;
        s.step = st;
        s.tokens = mix::autoscaleStep(n1.tokens, n2.tokens, st);
        for (double v : s.tokens)
            s.total += v;
        emit(s);
    }
    out.set("optima", std::move(optima));
    return emitJson(args, out);
}

int runDdo(Args& args)
{
    const auto text = readFile(args, *args.value("perturbation"));
    if (!text)
        return kExitFailure;
    auto p = mix::parsePerturbations(*text, *args.value("perturbation"), args.value("value").value_or(""));
    printDiagnostics(args, p.diagnostics);
    if (!p)
        return kExitFailure;
    double total = 1.0, lo = 0.2, hi = 3.0;
    if (!args.doubleValue("total", total, 1.0) || !args.doubleValue("min-multiplier", lo, 0.2) ||
        !args.doubleValue("max-multiplier", hi, 3.0))
        return usageError(args, args.error());
    if (!(total > 0.0) || !(lo >= 0.0) || !(hi >= lo))
        return usageError(args, "--total > 0 and 0 ≤ --min-multiplier ≤ --max-multiplier are required");
    // --pin DOMAIN=MULT fixes a domain's multiplier, as the AutoScale repository's DDO notebook leaves GitHub
    // (and its extrapolated row arXiv) at 0.2x; the free domains share the rest of Σ x = D.
    std::vector<double> pinned;
    if (!valuesByDomain(args, "pin", p->domains, std::numeric_limits<double>::quiet_NaN(), pinned))
        return kExitUsage;
    std::size_t free = 0;
    for (std::size_t j = 0; j < pinned.size(); ++j) {
        if (std::isnan(pinned[j]))
            ++free;
        else if (!(pinned[j] >= 0.0))
            return usageError(args, "--pin: multiplier of '" + p->domains[j] + "' must be >= 0");
    }
    if (free == 0)
        return usageError(args, "--pin: leave at least one domain free");
    const auto fits = mix::fitPerturbations(*p);
    core::JsonValue out = core::JsonValue::object();
    core::JsonValue fj = core::JsonValue::array();
    for (const auto& f : fits) {
        if (!f.summary.isUsable()) {
            std::cerr << "losscast-cli mix autoscale: domain '" << f.domain
                      << "': " << f.summary.briefReport() << '\n';
            return kExitFailure;
        }
        core::JsonValue o = core::JsonValue::object();
        o.set("domain", f.domain);
        o.set("a", f.a);
        o.set("b", f.b);
        o.set("c", f.c);
        o.set("points", static_cast<double>(f.x.size()));
        o.set("final_cost", f.summary.finalCost);
        fj.push(std::move(o));
    }
    out.set("model",
            "PPL(x)/PPL(1) = (x + a)^(-b) + c per domain, x = data multiplier (AutoScale DDO, Kang et al. "
            "2024)");
    out.set("fits", std::move(fj));
    const auto ddo = mix::optimizeDdo(fits, total, lo, hi, pinned);
    if (!ddo.converged) {
        std::cerr << "losscast-cli mix autoscale: DDO failed: " << ddo.message << '\n';
        return kExitFailure;
    }
    core::JsonValue d = core::JsonValue::object();
    d.set("total", total);
    d.set("multipliers", core::namedNumbers(p->domains, ddo.multipliers));
    d.set("weights", core::namedNumbers(p->domains, ddo.weights));
    d.set("tokens", core::namedNumbers(p->domains, ddo.tokens));
    d.set("predicted_sum", ddo.predicted);
    d.set("bounds", core::JsonValue(core::JsonArray{lo, hi}));
    {
        std::vector<std::string> names;
        std::vector<double> values;
        for (std::size_t j = 0; j < pinned.size(); ++j)
            if (!std::isnan(pinned[j])) {
                names.push_back(p->domains[j]);
                values.push_back(pinned[j]);
            }
        d.set("pinned", core::namedNumbers(names, values));
    }
    out.set("ddo", std::move(d));
    return emitJson(args, out);
}

} // namespace

int runAutoScale(Args& args)
{
    args.declare(
        {"optima", "from", "perturbation", "value", "total", "min-multiplier", "max-multiplier", "out"},
        {"totals", "steps", "pin"});
    if (!args.parse())
        return usageError(args, args.error());
    if (args.has("optima") == args.has("perturbation"))
        return usageError(args,
                          "give exactly one of --optima FILE (extrapolate) or --perturbation FILE (DDO)");
    return args.has("optima") ? runOptimaExtrapolation(args) : runDdo(args);
}

int runAlign(Args& args)
{
    args.declare({"vectors", "target", "huber-delta", "compare-samples", "out"}, {"cap"});
    if (!args.parse())
        return usageError(args, args.error());
    if (!args.has("vectors") || !args.has("target"))
        return usageError(args, "--vectors V.csv and --target T.csv are required");
    double delta = 1.0, samples = 0.0;
    if (!args.doubleValue("huber-delta", delta, 1.0) || !args.doubleValue("compare-samples", samples, 0.0))
        return usageError(args, args.error());
    if (!(delta > 0.0) || !(samples >= 0.0) || samples > 1e8)
        return usageError(args, "--huber-delta must be > 0 and --compare-samples in [0, 1e8]");
    const auto vtext = readFile(args, *args.value("vectors"));
    const auto ttext = vtext ? readFile(args, *args.value("target")) : std::nullopt;
    if (!vtext || !ttext)
        return kExitFailure;
    auto V = mix::parseDomainVectors(*vtext, *args.value("vectors"));
    printDiagnostics(args, V.diagnostics);
    if (!V)
        return kExitFailure;
    auto target = mix::parseTargetVector(*ttext, *args.value("target"), V->metaDomains);
    printDiagnostics(args, target.diagnostics);
    if (!target)
        return kExitFailure;
    std::vector<double> caps;
    if (!valuesByDomain(args, "cap", V->datasets, 1.0, caps))
        return kExitUsage;
    const auto exact = mix::alignExact(*V, *target, caps, delta);
    if (!exact.converged) {
        std::cerr << "losscast-cli mix align: " << exact.message << '\n';
        return kExitFailure;
    }
    core::JsonValue out = core::JsonValue::object();
    out.set("method",
            "DA2 (Domain2Vec, arXiv 2506.10952): exact Huber-distance minimisation on the capped simplex");
    out.set("mixture", core::namedNumbers(V->datasets, exact.mixture));
    out.set("distance", exact.distance);
    out.set("huber_delta", delta);
    out.set("caps", core::namedNumbers(V->datasets, caps));
    out.set("seconds", exact.seconds);
    if (samples > 0.0) {
        const auto s = mix::alignDirichlet(*V, *target, caps, delta, static_cast<std::size_t>(samples), 100);
        core::JsonValue c = core::JsonValue::object();
        c.set("method", "Dirichlet(1) search, mean of the best 100 (the paper's procedure)");
        c.set("samples", samples);
        c.set("mixture", core::namedNumbers(V->datasets, s.mixture));
        c.set("distance", s.distance);
        c.set("seconds", s.seconds);
        out.set("search", std::move(c));
    }
    return emitJson(args, out);
}

int runHeuristic(Args& args)
{
    args.declare({"out"}, {"best-tokens"});
    if (!args.parse())
        return usageError(args, args.error());
    std::vector<std::pair<std::string, double>> kv;
    if (!parseKeyValues(args, "best-tokens", kv))
        return kExitUsage;
    if (kv.empty())
        return usageError(args, "--best-tokens NAME=TOKENS,... is required");
    std::vector<std::string> names;
    std::vector<double> tokens;
    for (const auto& [n, v] : kv) {
        if (!(v > 0.0))
            return usageError(args, "--best-tokens: token counts must be > 0 ('" + n + "')");
        names.push_back(n);
        tokens.push_back(v);
    }
    core::JsonValue out = core::JsonValue::object();
    out.set("rule",
            "mix in the ratio of the token counts at which each dataset was best alone (Databricks/Mosaic, "
            "continued pre-training)");
    out.set("mixture", core::namedNumbers(names, mix::mixtureFromBestTokens(tokens)));
    return emitJson(args, out);
}

} // namespace losscast::cli
