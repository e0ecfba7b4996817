// Benchmark of core/mixing: the exact DA² solve against the paper's 100k-sample Dirichlet search, the
// mixing-law fit and optimum on RegMix's table (when ../shared is present), and the cost of one live
// prediction (what a slider drag re-evaluates per frame). Prints medians; asserts nothing.
#include "core/mixing/domain2vec.h"
#include "core/mixing/implicitmodel.h"
#include "core/mixing/mixinglaw.h"
#include "core/mixing/mixmodels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

using namespace losscast::core::mixing;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class F> double median(int reps, F&& f)
{
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        const double t0 = now();
        f();
        t.push_back(now() - t0);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

std::vector<double> dirichlet(std::mt19937& rng, std::size_t n, double alpha)
{
    std::gamma_distribution<double> g(alpha, 1.0);
    std::vector<double> r(n);
    double s = 0;
    for (auto& v : r)
        s += (v = g(rng));
    for (auto& v : r)
        v /= s;
    return r;
}

} // namespace

int main()
{
    // Domain2Vec at the paper's size: 17 datasets (Pile), 260 meta-domains.
    std::mt19937 rng(7);
    DomainVectors V;
    for (int m = 0; m < 260; ++m)
        V.metaDomains.push_back("m" + std::to_string(m));
    for (int j = 0; j < 17; ++j) {
        V.datasets.push_back("d" + std::to_string(j));
        V.vectors.push_back(dirichlet(rng, 260, 0.1));
    }
    const auto target = dirichlet(rng, 260, 0.3);
    for (double delta : {1.0, 1e-3}) {
        AlignResult exact, search;
        const double te = median(9, [&] { exact = alignExact(V, target, {}, delta); });
        const double ts = median(3, [&] { search = alignDirichlet(V, target, {}, delta, 100000, 100); });
        std::printf(
            "DA2 17x260 delta=%g: exact %.3f ms (distance %.6g, %d iterations) | 100k Dirichlet top-100 "
            "%.1f ms (distance %.6g) | speed-up %.0fx\n",
            delta, te * 1e3, exact.distance, exact.iterations, ts * 1e3, search.distance, ts / te);
    }

    const char* env = std::getenv("LOSSCAST_SHARED_DIR");
    const std::string dir = std::string(env ? env : LOSSCAST_SHARED_DIR) + "/data/mixing/regmix/";
    if (!std::filesystem::exists(dir + "data_train_mixture_1m.csv")) {
        std::printf("RegMix data not present (%s): skipped\n", dir.c_str());
        return 0;
    }
    const auto train =
        readExperimentPair(dir + "data_train_mixture_1m.csv", dir + "data_train_pile_loss_1m.csv");
    if (!train) {
        std::printf("%s\n", train.errorText().c_str());
        return 1;
    }
    MixingLawFit fit;
    const double tf = median(5, [&] { fit = fitMixingLaw(*train); });
    std::printf("mixing-law fit, RegMix 512 mixtures x 17 domains -> 13 targets: median %.1f ms\n", tf * 1e3);
    MixtureOptimum opt;
    const double to = median(9, [&] { opt = optimizeMixture(fit); });
    std::printf(
        "optimum on the simplex (17 domains, 13 targets): median %.3f ms, %d iterations, overall %.4f\n",
        to * 1e3, opt.iterations, opt.prediction.overall);
    const auto r = train->mixtures[0];
    double sink = 0;
    const double tp = median(101, [&] { sink += predictMixture(fit, r).overall; });
    std::printf("one prediction with bands (13 targets): median %.2f us (sink %.1f)\n", tp * 1e6, sink);

    // The implicit model (GP per target): fit, the k-fold choice, one live prediction, the sampled optimum.
    ImplicitFit gp;
    const double tg = median(3, [&] { gp = fitImplicitModel(*train); });
    std::printf("implicit model (GP) fit, 512 x 17 -> 13 targets: median %.2f s wall (%u hardware threads)\n",
                tg, std::thread::hardware_concurrency());
    const double ts = median(3, [&] { (void)selectModel(*train, fit, gp, MixingFitOptions{}, 5); });
    std::printf("5-fold choice between the law and the GP: median %.2f s\n", ts);
    const double tq = median(101, [&] { sink += predictImplicit(gp, r).overall; });
    std::printf("one GP prediction with bands (13 targets): median %.1f us\n", tq * 1e6);
    MixtureOptimum gopt;
    const double tgo = median(3, [&] { gopt = optimizeImplicit(gp); });
    std::printf("GP optimum, 20,000 samples, top 64: median %.2f s, overall %.4f +- %.4f (sink %.1f)\n", tgo,
                gopt.prediction.overall, 2.0 * gopt.prediction.overallStderr, sink);
    return 0;
}
