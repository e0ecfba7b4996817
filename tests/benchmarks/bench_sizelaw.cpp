// Size-aware curve laws on the real ladders, and the Chinchilla fit's speed.
//
//   bench_sizelaw [SHARED_DIR]
//
// 1. openwebtext2 ladder (Schaipp et al., ../shared/data/curves/schaipp_owt2; 59.8M, 93.2M, 166.2M, each size
//    with its own peak LR): leave-one-size-out — fit two sizes, predict every run of the third — for MTL Eq.
//    7 and for size-aware MPL variants that differ in which parameters scale with N. This is how "mpl-size"'s
//    scaled parameters were chosen (README: "Which MPL parameters depend on N").
// 2. MPL curves at 25M and 100M (bundled; Luo et al. 2025): fit both sizes' three protocol training runs,
// predict
//    the six held-out runs of each size.
// 3. Chinchilla: fit and 1,000 bootstrap refits on a synthetic 25-run table (wall time).
// Timings depend on the machine's load: report `uptime` with them.
#include "core/fit/protocol.h"
#include "core/io/curvecsv.h"
#include "core/laws/sizelaw.h"
#include "core/scaling/chinchilla.h"
#include "core/scaling/sizefit.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace losscast::core;
using namespace losscast::core::scaling;

namespace {

std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> out;
    std::stringstream s(line);
    std::string f;
    while (std::getline(s, f, ','))
        out.push_back(f);
    return out;
}

std::map<double, std::vector<Curve>> readOwt2(const std::string& dir)
{
    std::map<double, std::vector<Curve>> out;
    std::ifstream inv(dir + "/inventory.csv");
    std::string line;
    std::getline(inv, line);
    while (std::getline(inv, line)) {
        const auto f = split(line);
        if (f.size() < 12)
            continue;
        auto c = readCurveCsv(dir + "/" + f[0] + ".val.csv", 0);
        if (!c) {
            std::fprintf(stderr, "%s\n", c.errorText().c_str());
            continue;
        }
        Curve t = *c;
        t.steps.clear();
        t.loss.clear();
        for (std::size_t k = 0; k < c->steps.size(); ++k)
            if (c->steps[k] >= 1000) { // after the fast initial drop, as the laws' papers fit
                t.steps.push_back(c->steps[k]);
                t.loss.push_back(c->loss[k]);
            }
        const double n = std::stod(f[1]) / 1e6;
        t.schedule.modelSize = n;
        t.schedule.warmupSteps = std::stoll(f[10]);
        out[n].push_back(std::move(t));
    }
    return out;
}

const double kR[] = {0.0, 0.01, 0.02, 0.03}; // extrapolation_error values compared

struct Score
{
    double predE = 0, worstE = 0, coverage = 0, halfWidth = 0, seconds = 0;
    double coverageR[4] = {0, 0, 0, 0}, halfWidthR[4] = {0, 0, 0, 0};
    bool ok = false;
};

Score evaluate(const SizeAwareLaw& law, const std::vector<Curve>& train, const std::vector<Curve>& test)
{
    Score s;
    const auto f = fitSizeLaw(law, train, law.defaultSettings());
    if (!f.fit.summary.isUsable())
        return s;
    s.seconds = f.fit.summary.seconds;
    const auto cov = fit::inflatedCovariance(law, f.fit, train);
    std::vector<fit::Metrics> m;
    for (const auto& c : test) {
        const auto b = sizeBand(law, f.fit.params, cov, f.fit.settings, c.schedule, c.steps);
        m.push_back(fit::computeMetrics(b.loss, c.loss));
        const auto chk = checkBand(b, c.loss);
        s.coverage += chk.coverage / double(test.size());
        s.halfWidth += chk.relHalfWidth / double(test.size());
    }
    for (int k = 0; k < 4; ++k) {
        LawSettings st = f.fit.settings;
        st["extrapolation_error"] = kR[k];
        for (const auto& c : test) {
            const auto chk = checkBand(sizeBand(law, f.fit.params, cov, st, c.schedule, c.steps), c.loss);
            s.coverageR[k] += chk.coverage / double(test.size());
            s.halfWidthR[k] += chk.relHalfWidth / double(test.size());
        }
    }
    const auto avg = fit::average(m);
    s.predE = avg.predE;
    s.worstE = avg.worstE;
    s.ok = true;
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string shared = argc > 1 ? argv[1] : LOSSCAST_SHARED_DIR;
    std::vector<std::pair<std::string, std::shared_ptr<const SizeAwareLaw>>> laws = {
        {"mtl-size (Eq. 7)", makeSizeAwareMtl()},
        {"mpl + D*N^-delta", makeSizeAwareMpl({}, "mpl-size0")},
        {"  + B*N^k", makeSizeAwareMpl({"B"}, "mpl-sizeB")},
        {"  + A*N^k", makeSizeAwareMpl({"A"}, "mpl-sizeA")},
        {"  + A, B", makeSizeAwareMpl({"A", "B"}, "mpl-sizeAB")},
        {"  + B, C", makeSizeAwareMpl({"B", "C"}, "mpl-sizeBC")},
        {"  + A, alpha, B", makeSizeAwareMpl({"A", "alpha", "B"}, "mpl-sizeAaB")},
    };
    const auto ladder = readOwt2(shared + "/data/curves/schaipp_owt2");
    if (ladder.size() >= 3) {
        std::printf(
            "openwebtext2 ladder, leave-one-size-out (fit two sizes, predict the third); PredE / coverage / "
            "band half-width\n");
        std::printf("%-18s", "law");
        for (const auto& [n, curves] : ladder)
            std::printf("  held out %6.1fM (%zu runs)          ", n, curves.size());
        std::printf("  mean PredE  fit s\n");
        for (const auto& [name, law] : laws) {
            std::printf("%-18s", name.c_str());
            double mean = 0, secs = 0;
            for (const auto& [held, curves] : ladder) {
                std::vector<Curve> train;
                for (const auto& [n, cs] : ladder)
                    if (n != held)
                        train.insert(train.end(), cs.begin(), cs.end());
                const auto s = evaluate(*law, train, curves);
                std::printf("  %.4f / %.2f / %.4f (worst %.4f)", s.predE, s.coverage, s.halfWidth, s.worstE);
                for (int k = 0; k < 4; ++k)
                    std::fprintf(stderr, "%s held %.1f r=%.2f coverage %.2f half-width %.4f\n", name.c_str(),
                                 held, kR[k], s.coverageR[k], s.halfWidthR[k]);
                mean += s.predE / double(ladder.size());
                secs = std::max(secs, s.seconds);
            }
            std::printf("  %.4f      %.2f\n", mean, secs);
        }
    } else {
        std::printf("openwebtext2 ladder not found under %s: skipped\n", shared.c_str());
    }

    const std::string mpl = std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl";
    auto s25 = fit::loadMplSplit(mpl, "25M"), s100 = fit::loadMplSplit(mpl, "100M");
    if (s25 && s100) {
        std::vector<Curve> train, test;
        for (auto [split, n] : {std::pair{&*s25, 25.0}, std::pair{&*s100, 100.0}}) {
            for (auto c : split->train) {
                c.schedule.modelSize = n;
                train.push_back(c);
            }
            for (auto c : split->test) {
                c.schedule.modelSize = n;
                test.push_back(c);
            }
        }
        std::printf("\nMPL curves, 25M + 100M: fit the 3 protocol training runs of each size, predict the 12 "
                    "held-out runs\n");
        for (const auto& [name, law] : laws) {
            const auto s = evaluate(*law, train, test);
            std::printf("%-18s PredE %.5f  WorstE %.4f  coverage %.2f  half-width %.4f  fit %.2f s\n",
                        name.c_str(), s.predE, s.worstE, s.coverage, s.halfWidth, s.seconds);
            for (int k = 0; k < 4; ++k)
                std::fprintf(stderr, "%s MPL r=%.2f coverage %.2f half-width %.4f\n", name.c_str(), kR[k],
                             s.coverageR[k], s.halfWidthR[k]);
        }
    }

    std::ostringstream t;
    t << "n,d,loss\n";
    const ChinchillaParams p{1.82, 482.0, 2085.0, 0.348, 0.366};
    int k = 0;
    for (double n : {4e7, 1e8, 3e8, 1e9, 3e9})
        for (double tpp : {5.0, 10.0, 20.0, 40.0, 80.0}) {
            t.precision(17);
            t << n << ',' << n * tpp << ',' << p.predict(n, n * tpp) * (1 + 0.003 * std::sin(1.7 * k++))
              << '\n';
        }
    const auto runs = parseRunsTable(t.str(), "synthetic");
    if (runs) {
        using Clock = std::chrono::steady_clock;
        auto t0 = Clock::now();
        const auto f = fitChinchilla(runs->runs);
        const double fitS = std::chrono::duration<double>(Clock::now() - t0).count();
        const auto b = bootstrapChinchilla(runs->runs, f, 1000);
        std::printf(
            "\nChinchilla, 25 runs: fit %.3f s (%d grid starts), 1,000 bootstrap refits %.2f s (%d ok)\n",
            fitS, f.gridStarts, b.seconds, b.succeeded);
    }
    return 0;
}
