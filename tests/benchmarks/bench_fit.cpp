// bench_fit: MTL fit time on the MPL protocol's training curves and the protocol's evaluation figures.
// usage: bench_fit [examples-dir] [repeats]      (default: the bundled resources/examples/mpl, 10 repeats)
#include "core/fit/protocol.h"
#include "core/laws/law.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace losscast::core;
using namespace losscast::core::fit;

int main(int argc, char** argv)
{
    const std::string dir = argc > 1 ? argv[1] : std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl";
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 10;
    const auto law = findCurveLaw("mtl");
    if (!law) {
        std::fprintf(stderr, "bench_fit: law mtl is not registered\n");
        return 1;
    }
    struct Variant
    {
        const char* name;
        LawSettings settings;
    };
    const Variant variants[] = {
        {"default (lambda 0.999, actual warmup LRs)", law->defaultSettings()},
        {"lambda grid, actual warmup LRs", {{"lambda_grid", 1}, {"warmup_as_peak", 0}}},
        {"lambda 0.999, warmup as peak (paper 3.4)", {{"lambda", 0.999}, {"warmup_as_peak", 1}}},
        {"lambda grid, warmup as peak", {{"lambda_grid", 1}, {"warmup_as_peak", 1}}},
    };
    for (const char* size : {"25M", "100M"}) {
        auto split = loadMplSplit(dir, size);
        if (!split) {
            std::fprintf(stderr, "bench_fit: %s\n", split.errorText().c_str());
            return 1;
        }
        for (const auto& v : variants) {
            const BenchResult b = benchmarkFit(*law, split->train, v.settings, repeats);
            const ProtocolResult r = evaluateProtocol(*law, *split, v.settings);
            std::printf("%s  MTL  %s\n", size, v.name);
            std::printf("  fit: %d repeats, seconds min %.4f median %.4f max %.4f; %s\n", b.repeats,
                        b.minSeconds, b.medianSeconds, b.maxSeconds, b.lastSummary.briefReport().c_str());
            std::printf("  params:");
            for (std::size_t j = 0; j < r.fit.params.size(); ++j)
                std::printf(" %s=%.6g(±%.2g)", r.fit.names[j].c_str(), r.fit.params[j], r.fit.stderrs[j]);
            std::printf("  lambda=%.4g\n",
                        r.fit.settings.count("lambda") ? r.fit.settings.at("lambda") : 0.999);
            for (const auto& e : r.test)
                std::printf("  %-20s R2 %.4f  MAE %.4f  RMSE %.4f  PredE %.5f  WorstE %.5f\n", e.name.c_str(),
                            e.metrics.r2, e.metrics.mae, e.metrics.rmse, e.metrics.predE, e.metrics.worstE);
            const Metrics& a = r.averaged;
            std::printf("  %-20s R2 %.4f  MAE %.4f  RMSE %.4f  PredE %.5f  WorstE %.5f\n\n", "AVERAGE", a.r2,
                        a.mae, a.rmse, a.predE, a.worstE);
        }
    }
    return 0;
}
