// Prints the MPL's prediction cost (prepare + evaluate) for long schedules: the targets are
// 100k steps at 1,000 points < 5 ms and 1M steps < 20 ms. Run: build/tests/benchmarks/bench_mpl
#include "core/laws/mpl.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

using namespace losscast::core;

static ScheduleInput schedule(std::int64_t total, int kind)
{
    const std::int64_t warmup = 2000;
    const double peak = 3e-4, floor = 3e-5;
    ScheduleInput s;
    s.warmupSteps = warmup;
    s.lr.resize(static_cast<std::size_t>(total) + 1);
    const std::int64_t n = total - warmup;
    for (std::int64_t i = 0; i <= total; ++i) {
        if (i < warmup) {
            s.lr[i] = peak * double(i) / double(warmup);
            continue;
        }
        const double x = double(i - warmup) / double(n);
        if (kind == 0)
            s.lr[i] = floor + 0.5 * (peak - floor) * (1 + std::cos(std::numbers::pi * x));
        else
            s.lr[i] = x < 0.8 ? peak : floor + (peak - floor) * (1 - std::sqrt((x - 0.8) / 0.2));
    }
    return s;
}

int main()
{
    MplLaw law;
    const std::vector<double> p{3.040, 0.525, 0.508, 363.8, 2.066, 0.583, 0.641};
    for (std::int64_t total : {100000LL, 1000000LL})
        for (int kind : {0, 1}) {
            const auto s = schedule(total, kind);
            std::vector<std::int64_t> at;
            for (int i = 1; i <= 1000; ++i)
                at.push_back(total * i / 1000);
            std::vector<double> out(at.size());
            double best = 1e9, bestEval = 1e9;
            std::size_t terms = 0;
            for (int rep = 0; rep < 15; ++rep) {
                const auto t0 = std::chrono::steady_clock::now();
                auto f = law.prepare(s, at, law.defaultSettings());
                const auto t1 = std::chrono::steady_clock::now();
                law.evaluate(*f, p, out);
                const auto t2 = std::chrono::steady_clock::now();
                best = std::min(best, std::chrono::duration<double, std::milli>(t2 - t0).count());
                bestEval = std::min(bestEval, std::chrono::duration<double, std::milli>(t2 - t1).count());
                terms = static_cast<const MplFeatures&>(*f).termCount();
            }
            std::printf(
                "mpl predict %-6s %8lld steps, 1000 points: %.2f ms (evaluate alone %.2f ms, %zu terms)\n",
                kind == 0 ? "cosine" : "wsd", static_cast<long long>(total), best, bestEval, terms);
        }
}
