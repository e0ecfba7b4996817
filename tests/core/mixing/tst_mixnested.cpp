// Tests of the nested pipeline of Ye et al. 2024 (step law → size law → mixing law at the target scale) and
// of its power-law fits (core/mixing/nested.h).
#include "core/mixing/nested.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace losscast::core;
using namespace losscast::core::mixing;

namespace {

// Truth: L_i(r, N, S) = c_i + k_i·exp(t_i·r) + A/N^0.3 + B/S^0.5, so the step law and the size law are exact.
constexpr double kA = 20.0, kB = 5.0;
const double kC[2] = {1.5, 1.0}, kK[2] = {1.2, 0.8};
const double kT[2][3] = {{-1.0, 0.4, 0.6}, {0.7, -1.5, 0.8}};

double truth(int i, const std::vector<double>& r, double N, double S)
{
    double z = 0;
    for (int j = 0; j < 3; ++j)
        z += kT[i][j] * r[j];
    return kC[i] + kK[i] * std::exp(z) + kA / std::pow(N, 0.3) + kB / std::sqrt(S);
}

Experiments grid(int mixtures)
{
    Experiments e;
    e.domains = {"a", "b", "c"};
    e.targets = {"l0", "l1"};
    std::mt19937 rng(4);
    std::gamma_distribution<double> g(0.8, 1.0);
    std::int64_t line = 2;
    for (int m = 0; m < mixtures; ++m) {
        std::vector<double> r(3);
        double s = 0;
        for (auto& v : r)
            s += (v = g(rng));
        for (auto& v : r)
            v /= s;
        for (double N : {1e7, 3e7, 1e8})
            for (double S : {1e3, 2e3, 4e3, 8e3, 1.6e4}) {
                e.mixtures.push_back(r);
                e.losses.push_back({truth(0, r, N, S), truth(1, r, N, S)});
                e.modelSize.push_back(N);
                e.steps.push_back(S);
                e.ids.push_back(std::to_string(line));
                e.lines.push_back(line++);
            }
    }
    return e;
}

} // namespace

class TestMixNested : public QObject
{
    Q_OBJECT
private slots:
    void powerLawRecovery();
    void pipelineRecoversTargetScale();
    void tooFewPointsNamesRow();
};

void TestMixNested::powerLawRecovery()
{
    std::vector<double> x, y;
    for (double v : {1e3, 2e3, 4e3, 8e3, 1.6e4, 3.2e4}) {
        x.push_back(v);
        y.push_back(2.0 + std::pow(500.0 / v, 0.4));
    }
    const auto f = fitPowerLaw(x, y);
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    QVERIFY2(std::abs(f.c - 2.0) < 1e-6 && std::abs(f.alpha - 0.4) < 1e-6 &&
                 std::abs(f.x0 / 500.0 - 1) < 1e-5,
             qPrintable(QString("%1 %2 %3").arg(f.c).arg(f.x0).arg(f.alpha)));
    QVERIFY(std::abs(f.predict(1e6) - (2.0 + std::pow(5e-4, 0.4))) < 1e-6);
}

void TestMixNested::pipelineRecoversTargetScale()
{
    const auto e = grid(12);
    NestedOptions o;
    o.targetSteps = 1e5;
    o.targetSize = 1e9;
    const auto res = nestedPipeline(e, o);
    QVERIFY2(res.ok(), res.errorText().c_str());
    QCOMPARE(res->atTarget.rows(), std::size_t(12));
    for (std::size_t m = 0; m < 12; ++m)
        for (int i = 0; i < 2; ++i) {
            const double want = truth(i, res->atTarget.mixtures[m], 1e9, 1e5);
            QVERIFY2(std::abs(res->atTarget.losses[m][i] - want) < 1e-4 * want,
                     qPrintable(QString("%1 vs %2").arg(res->atTarget.losses[m][i]).arg(want)));
        }
    QVERIFY(res->fit.usable());
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j) {
            // t is defined up to a shift (Σ t = 0 representative).
            const double mean = (kT[i][0] + kT[i][1] + kT[i][2]) / 3.0;
            QVERIFY(std::abs(res->fit.targets[i].t[j] - (kT[i][j] - mean)) < 1e-2);
        }
    // The optimum at the target scale is the optimum of the truth there (same t, shifted c).
    const auto opt = optimizeMixture(res->fit);
    QVERIFY(opt.converged);
    const double at = 0.5 * (truth(0, opt.mixture, 1e9, 1e5) + truth(1, opt.mixture, 1e9, 1e5));
    QVERIFY(std::abs(opt.prediction.overall - at) < 1e-3);
}

void TestMixNested::tooFewPointsNamesRow()
{
    auto e = grid(8);
    // Drop two step values of the first mixture at the first size: only 3 → still fine; drop 3 → error.
    for (int k = 0; k < 3; ++k) {
        e.mixtures.erase(e.mixtures.begin());
        e.losses.erase(e.losses.begin());
        e.modelSize.erase(e.modelSize.begin());
        e.steps.erase(e.steps.begin());
        e.ids.erase(e.ids.begin());
        e.lines.erase(e.lines.begin());
    }
    e.source = "exp.csv";
    NestedOptions o;
    o.targetSteps = 1e5;
    o.targetSize = 1e9;
    const auto res = nestedPipeline(e, o);
    QVERIFY(!res.ok());
    QVERIFY2(res.errorText().find("exp.csv:5: error:") == 0, res.errorText().c_str());
    QVERIFY(res.errorText().find("3 or more step counts") != std::string::npos);
    NestedOptions noSize;
    noSize.targetSteps = 1e5;
    QVERIFY(nestedPipeline(grid(8), noSize).errorText().find("several model sizes") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestMixNested)
#include "tst_mixnested.moc"
