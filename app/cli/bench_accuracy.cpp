// losscast-cli bench accuracy: the generalisation benchmark (core/fit/accuracy.h) over every public curve
// set, for MTL, MPL and --law auto, with the 95 % band's coverage of the held-out points.
#include "app/cli/bench_accuracy.h"

#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/fit/accuracy.h"
#include "core/fit/forecast.h"
#include "core/util/numtext.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

namespace losscast::cli {
namespace {

std::string defaultCurvesDir()
{
#ifdef LOSSCAST_SHARED_DIR
    return LOSSCAST_SHARED_DIR "/data/curves";
#else
    return "../shared/data/curves";
#endif
}

bool gDetails = false;
bool gFoldsOnly = false; // --folds-only: auto without the test runs' lowest LR (no early-stop rule)

core::fit::MethodAnswer answerFrom(const core::fit::Forecast& f, const std::vector<core::Curve>& test)
{
    if (gDetails && f.law) {
        std::fprintf(stderr, "  %s:", f.law->id().c_str());
        for (std::size_t j = 0; j < f.fit.params.size(); ++j)
            std::fprintf(stderr, " %s=%.4g", f.fit.names[j].c_str(), f.fit.params[j]);
        std::fprintf(stderr, " cost=%.5g sigma=%.4g", f.fit.summary.finalCost, f.bandRelSigma);
        for (const auto& w : f.warnings)
            std::fprintf(stderr, " [%s]", w.code.c_str());
        for (const auto& [k, v] : f.fit.settings)
            std::fprintf(stderr, " %s=%g", k.c_str(), v);
        std::fprintf(stderr, "\n");
    }
    core::fit::MethodAnswer a;
    a.law = f.law ? f.law->id() : "";
    if (!f.law || !f.fit.summary.isUsable()) {
        a.message = f.message.empty() ? f.fit.summary.message : f.message;
        return a;
    }
    for (const auto& w : f.warnings)
        a.warningCodes.push_back(w.code);
    for (const auto& c : test) {
        const auto band = core::fit::forecastBand(f, c.schedule, c.steps, 0.95);
        a.loss.push_back(band.loss);
        a.lower.push_back(band.lower);
        a.upper.push_back(band.upper);
    }
    a.ok = true;
    return a;
}

std::string fmt(double v, const char* f = "%.4f")
{
    if (!std::isfinite(v))
        return "-";
    char b[32];
    std::snprintf(b, sizeof b, f, v);
    std::string s = b;
    if (s.rfind("0.", 0) == 0)
        s.erase(0, 1); // ".0012" as in the papers' tables
    return s;
}

} // namespace

int runBenchAccuracy(Args& args)
{
    args.declare({"data", "only", "protocol", "laws"}, {"set"}, {"json", "details", "folds-only"});
    if (!args.parse())
        return usageError(args, args.error());
    gDetails = args.flag("details");
    gFoldsOnly = args.flag("folds-only");
    const std::string dir = args.value("data").value_or(defaultCurvesDir());
    std::vector<std::string> notes;
    auto cases = core::fit::loadAccuracyCases(dir, &notes);
    for (const auto& n : notes)
        std::cerr << "note: " << n << '\n';
    if (auto only = args.value("only")) {
        std::erase_if(cases, [&](const auto& c) { return c.set.find(*only) == std::string::npos; });
    }
    if (auto p = args.value("protocol")) {
        std::erase_if(cases, [&](const auto& c) { return c.protocol != *p; });
    }
    if (cases.empty()) {
        std::cout << "bench accuracy: skipped: no curve sets under " << dir
                  << " (pass --data DIR with the shared curves folder)\n";
        return kExitOk;
    }
    // Per-law settings: --set mpl.free_shape=1 mtl.lambda=0.995 (for the benchmark's choice of defaults).
    std::map<std::string, core::LawSettings> overrides;
    for (const auto& kv : args.values("set")) {
        const auto dot = kv.find('.'), eq = kv.find('=');
        double v = 0;
        if (dot == std::string::npos || eq == std::string::npos || eq < dot ||
            core::parseDouble(kv.substr(eq + 1), v) != core::NumberParse::Ok)
            return usageError(args, "--set: expected LAW.KEY=NUMBER, got '" + kv + "'");
        overrides[kv.substr(0, dot)][kv.substr(dot + 1, eq - dot - 1)] = v;
    }
    std::vector<std::string> methods{"mtl", "mpl", "auto"};
    if (auto l = args.value("laws")) {
        methods.clear();
        std::string s = *l;
        std::size_t pos = 0;
        while (pos <= s.size()) {
            const auto comma = std::min(s.find(',', pos), s.size());
            methods.push_back(s.substr(pos, comma - pos));
            pos = comma + 1;
        }
    }
    for (const auto& m : methods)
        if (m != "auto" && !core::findCurveLaw(m))
            return usageError(args, "--laws: unknown law '" + m + "'");

    const bool json = args.flag("json");
    if (!json) {
        std::printf("%-20s %-10s %-30s", "set", "protocol", "case");
        for (const auto& m : methods)
            std::printf(" | %-6s %6s %6s %5s %6s", m.c_str(), "PredE", "WorstE", "cov", "hw%");
        std::printf("\n");
    }
    struct Sum
    {
        double predE = 0, worstE = 0, coverage = 0, hw = 0, seconds = 0;
        int n = 0, failed = 0, bandN = 0, good = 0;
    };
    std::map<std::string, Sum> total;
    std::map<std::string, std::map<std::string, Sum>> byProtocol;
    core::JsonValue rows = core::JsonValue::array();
    for (const auto& c : cases) {
        if (!json)
            std::printf("%-20s %-10s %-30.30s", c.set.c_str(), c.protocol.c_str(), c.name.c_str());
        core::JsonValue row = core::JsonValue::object();
        row.set("set", c.set);
        row.set("protocol", c.protocol);
        row.set("case", c.name);
        for (const auto& m : methods) {
            core::fit::AccuracyMethod method = [&](const std::vector<core::Curve>& train,
                                                   const std::vector<core::Curve>& test) {
                core::fit::ForecastRequest req;
                req.law = m;
                req.settings = overrides;
                if (!gFoldsOnly)
                    req.targetLr = core::fit::lowestTargetLr(test);
                return answerFrom(core::fit::forecast(train, req), test);
            };
            const auto s = core::fit::scoreCase(c, method);
            core::JsonValue r = core::JsonValue::object();
            r.set("ok", s.ok);
            if (s.ok) {
                r.set("law", s.law);
                r.set("pred_e", s.predE);
                r.set("worst_e", s.worstE);
                r.set("coverage", s.coverage);
                r.set("band_rel_halfwidth", s.halfWidth);
                core::JsonValue w = core::JsonValue::array();
                for (const auto& code : s.warningCodes)
                    w.push(code);
                r.set("warnings", std::move(w));
            } else
                r.set("message", s.message);
            r.set("seconds", s.seconds);
            row.set(m, std::move(r));
            for (Sum* sum : {&total[m], &byProtocol[c.protocol][m]}) {
                sum->seconds += s.seconds;
                if (!s.ok) {
                    ++sum->failed;
                    continue;
                }
                ++sum->n;
                sum->predE += s.predE;
                sum->worstE += s.worstE;
                if (std::isfinite(s.coverage)) {
                    ++sum->bandN;
                    sum->coverage += s.coverage;
                    sum->hw += s.halfWidth;
                    if (s.coverage >= 0.8 && s.halfWidth < 0.02)
                        ++sum->good;
                }
            }
            if (!json) {
                if (s.ok)
                    std::printf(" | %-6.6s %6s %6s %5s %6s%s", m == "auto" ? s.law.c_str() : "",
                                fmt(s.predE).c_str(), fmt(s.worstE).c_str(), fmt(s.coverage, "%.2f").c_str(),
                                fmt(s.halfWidth * 100, "%.2f").c_str(), s.warningCodes.empty() ? " " : "!");
                else
                    std::printf(" | %-6s %-28.28s", "FAIL", s.message.c_str());
                std::fflush(stdout);
            }
        }
        rows.push(std::move(row));
        if (!json)
            std::printf("\n");
    }
    auto sumJson = [](const Sum& s) {
        core::JsonValue v = core::JsonValue::object();
        v.set("cases", s.n);
        v.set("failed", s.failed);
        v.set("pred_e", s.n ? s.predE / s.n : NAN);
        v.set("worst_e", s.n ? s.worstE / s.n : NAN);
        v.set("coverage", s.bandN ? s.coverage / s.bandN : NAN);
        v.set("band_rel_halfwidth", s.bandN ? s.hw / s.bandN : NAN);
        v.set("band_ok_cases", s.good);
        v.set("seconds", s.seconds);
        return v;
    };
    if (json) {
        core::JsonValue root = core::JsonValue::object();
        root.set("data", dir);
        root.set("cases", std::move(rows));
        core::JsonValue sums = core::JsonValue::object();
        for (const auto& [m, s] : total)
            sums.set(m, sumJson(s));
        root.set("mean", std::move(sums));
        return emitJson(args, root);
    }
    std::printf(
        "\nmeans over cases (PredE, WorstE, band coverage, band half-width %%, cases with coverage >= "
        ".8 and half-width < 2 %%, failed, seconds)\n");
    auto line = [&](const std::string& label, const std::map<std::string, Sum>& sums) {
        std::printf("%-30s", label.c_str());
        for (const auto& m : methods) {
            const auto it = sums.find(m);
            if (it == sums.end())
                continue;
            const Sum& s = it->second;
            std::printf(" | %-5s %6s %6s %5s %5s %3d/%-3d %d %6.1fs", m.c_str(),
                        fmt(s.n ? s.predE / s.n : NAN).c_str(), fmt(s.n ? s.worstE / s.n : NAN).c_str(),
                        fmt(s.bandN ? s.coverage / s.bandN : NAN, "%.2f").c_str(),
                        fmt(s.bandN ? s.hw / s.bandN * 100 : NAN, "%.2f").c_str(), s.good, s.n, s.failed,
                        s.seconds);
        }
        std::printf("\n");
    };
    for (const auto& [p, sums] : byProtocol)
        line(p, sums);
    line("all", total);
    return kExitOk;
}

const char* benchAccuracyUsage()
{
    return R"(usage: losscast-cli bench accuracy [--data DIR] [--only SET] [--protocol P] [--laws mtl,mpl,auto]
                                  [--set LAW.KEY=VALUE...] [--folds-only] [--json]

The generalisation benchmark: every public curve set under DIR (default ../shared/data/curves next to the
source tree: mpl 25M/100M, schaipp 124M at peak LR 5e-4 and 1e-3, schaipp_owt2 60M/93M/166M, cpt_tiny PT)
through five protocols (mpl-split, horizon 1.5-2x, cooldown transfer, early-stop 25/35/50 %, leave-one-run-
out). For each case and method it prints PredE and WorstE averaged over the held-out curves, the share of
held-out points inside the 95 % band (cov) and the band's mean half-width in % of the loss (hw%); '!' marks a
fit with degeneracy warnings. Then the means per protocol and overall. Skips (exit 0) without the curves.
  --only SET        only sets whose name contains SET (e.g. owt2, mpl-25M)
  --protocol P      only this protocol
  --laws LIST       methods to run (default mtl,mpl,auto)
  --set LAW.KEY=V   a law setting for this run (e.g. mtl.lambda=0.995, mpl.free_shape=1)
  --details         print each fit's parameters, cost, band sigma and warnings to stderr
  --folds-only      auto without the test runs' lowest LR: validation folds only, no early-stop rule
                    (what auto did before; README "Choosing a law")
  --json            one JSON object with every case and the means
)";
}

} // namespace losscast::cli
