// Tests of the data mixing law (Ye et al. 2024, arXiv 2403.16952) and its optimum (core/mixing/mixinglaw.h).
#include "core/mixing/mixinglaw.h"
#include "core/mixing/simplex.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <random>

using namespace losscast::core;
using namespace losscast::core::mixing;

namespace {

std::vector<double> dirichlet(std::mt19937& rng, std::size_t D, double alpha)
{
    std::gamma_distribution<double> g(alpha, 1.0);
    std::vector<double> r(D);
    double s = 0.0;
    for (auto& v : r)
        s += (v = g(rng));
    for (auto& v : r)
        v /= s;
    return r;
}

struct TrueLaw
{
    double c, k;
    std::vector<double> t; // Σ t = 0
    double at(const std::vector<double>& r) const
    {
        double z = 0.0;
        for (std::size_t j = 0; j < r.size(); ++j)
            z += t[j] * r[j];
        return c + k * std::exp(z);
    }
};

Experiments synthetic(const std::vector<TrueLaw>& laws, std::size_t rows, double noise, unsigned seed)
{
    Experiments e;
    const std::size_t D = laws[0].t.size();
    for (std::size_t j = 0; j < D; ++j)
        e.domains.push_back("d" + std::to_string(j));
    for (std::size_t i = 0; i < laws.size(); ++i)
        e.targets.push_back("v" + std::to_string(i));
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (std::size_t n = 0; n < rows; ++n) {
        auto r = dirichlet(rng, D, 0.7);
        std::vector<double> y;
        for (const auto& l : laws)
            y.push_back(l.at(r) * (1.0 + noise * gauss(rng)));
        e.mixtures.push_back(r);
        e.losses.push_back(y);
        e.ids.push_back(std::to_string(n));
        e.lines.push_back(static_cast<std::int64_t>(n + 2));
    }
    return e;
}

const std::vector<TrueLaw> kLaws = {{2.0, 1.5, {-1.2, 0.3, 0.6, 0.3}}, {1.0, 0.8, {0.5, -2.0, 0.9, 0.6}}};

/// ../shared, or $LOSSCAST_SHARED_DIR when set (worktrees that are not beside ../shared).
std::string sharedDir()
{
    return qEnvironmentVariable("LOSSCAST_SHARED_DIR", LOSSCAST_SHARED_DIR).toStdString();
}

} // namespace

class TestMixingLaw : public QObject
{
    Q_OBJECT
private slots:
    void recoversParameters_data();
    void recoversParameters();
    void heldOutScores();
    void spearmanTies();
    void optimumBeatsDenseSampling_data();
    void optimumBeatsDenseSampling();
    void projectionIsExact();
    void infeasibleCaps();
    void regmixHeldOut();
};

void TestMixingLaw::recoversParameters_data()
{
    QTest::addColumn<double>("noise");
    QTest::addColumn<double>("tol");
    QTest::newRow("noiseless") << 0.0 << 1e-5;
    QTest::newRow("noise-0.2%") << 0.002 << 0.05;
}

void TestMixingLaw::recoversParameters()
{
    QFETCH(double, noise);
    QFETCH(double, tol);
    const auto e = synthetic(kLaws, 120, noise, 7);
    const auto fit = fitMixingLaw(e);
    QVERIFY2(fit.usable(), fit.targets[0].summary.message.c_str());
    QCOMPARE(fit.targets.size(), std::size_t(2));
    for (std::size_t i = 0; i < kLaws.size(); ++i) {
        const auto& got = fit.targets[i];
        QVERIFY2(std::abs(got.c - kLaws[i].c) < tol * 4, qPrintable(QString("c %1").arg(got.c)));
        QVERIFY2(std::abs(got.k - kLaws[i].k) < tol * 4, qPrintable(QString("k %1").arg(got.k)));
        for (std::size_t j = 0; j < 4; ++j)
            QVERIFY2(std::abs(got.t[j] - kLaws[i].t[j]) < tol * 10,
                     qPrintable(QString("t%1 %2 vs %3").arg(j).arg(got.t[j]).arg(kLaws[i].t[j])));
        if (noise > 0) {
            QVERIFY(std::isfinite(got.cStderr) && got.cStderr > 0);
            for (double s : got.tStderr)
                QVERIFY(std::isfinite(s) && s > 0);
            // The truth lies within 4 standard errors (the fit model is exact here).
            QVERIFY(std::abs(got.c - kLaws[i].c) < 4 * got.cStderr + 1e-9);
        }
    }
}

void TestMixingLaw::heldOutScores()
{
    const auto train = synthetic(kLaws, 80, 0.002, 1);
    const auto test = synthetic(kLaws, 100, 0.0, 2);
    const auto fit = fitMixingLaw(train);
    const auto scores = evaluateMixingLaw(fit, test);
    QVERIFY2(scores.ok(), scores.errorText().c_str());
    QCOMPARE(scores->size(), std::size_t(2));
    for (const auto& s : *scores) {
        QCOMPARE(s.points, std::size_t(100));
        QVERIFY2(s.mae < 0.01, qPrintable(QString::number(s.mae)));
        QVERIFY2(s.spearman > 0.99, qPrintable(QString::number(s.spearman)));
    }
    // A table with other domains is refused with a message naming the domain.
    auto other = test;
    other.domains[1] = "nope";
    const auto bad = evaluateMixingLaw(fit, other);
    QVERIFY(!bad.ok());
    QVERIFY(bad.errorText().find("d1") != std::string::npos);
    // The prediction's band comes from the covariance and is small but positive.
    const auto p = predictMixture(fit, test.mixtures[0]);
    QVERIFY(p.overallStderr > 0 && p.overallStderr < 0.01);
    QCOMPARE(p.overall, 0.5 * p.loss[0] + 0.5 * p.loss[1]);
}

void TestMixingLaw::spearmanTies()
{
    const std::vector<double> a{1, 2, 3, 4, 5}, b{5, 6, 7, 8, 7};
    // ranks b: 1,2,3.5,5,3.5 → ρ = 0.8208 (by hand: Pearson of the ranks)
    QVERIFY(std::abs(spearman(a, b) - 0.82078268166812329) < 1e-12);
    const std::vector<double> rev{5, 4, 3, 2, 1};
    QCOMPARE(spearman(a, rev), -1.0);
    QVERIFY(std::isnan(spearman(a, std::vector<double>{1, 1, 1, 1, 1})));
}

void TestMixingLaw::optimumBeatsDenseSampling_data()
{
    QTest::addColumn<double>("cap");
    QTest::newRow("uncapped") << 1.0;
    QTest::newRow("cap-0.3") << 0.3;
}

void TestMixingLaw::optimumBeatsDenseSampling()
{
    QFETCH(double, cap);
    const auto fit = fitMixingLaw(synthetic(kLaws, 80, 0.0, 3));
    const std::vector<double> caps(4, cap);
    const auto opt = optimizeMixture(fit, caps);
    QVERIFY2(opt.converged, opt.message.c_str());
    double sum = 0.0;
    for (double r : opt.mixture) {
        QVERIFY(r >= 0.0 && r <= cap + 1e-12);
        sum += r;
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-12);
    // No feasible sample of 20k Dirichlet mixtures is better than the solve.
    std::mt19937 rng(11);
    double best = 1e300;
    for (int s = 0; s < 20000; ++s) {
        auto r = dirichlet(rng, 4, 1.0);
        if (*std::max_element(r.begin(), r.end()) > cap)
            continue;
        best = std::min(best, predictMixture(fit, r).overall);
    }
    QVERIFY2(opt.prediction.overall <= best + 1e-12,
             qPrintable(QString("%1 vs %2").arg(opt.prediction.overall).arg(best)));
}

void TestMixingLaw::projectionIsExact()
{
    std::vector<double> y{0.9, -0.3, 0.5, 0.2};
    const std::vector<double> lo(4, 0.0), hi{1.0, 1.0, 0.3, 1.0};
    QVERIFY(projectCappedSimplex(y, lo, hi, 1.0));
    // τ = 0.15: (0.75, 0, 0.3 capped, 0.05) sums to 1.1 → the 0.5 is capped: 0.9−τ + 0.3 + 0.2−τ = 1 → τ =
    // 0.2
    QVERIFY(std::abs(y[0] - 0.7) < 1e-15);
    QCOMPARE(y[1], 0.0);
    QCOMPARE(y[2], 0.3);
    QVERIFY(std::abs(y[3] - 0.0) < 1e-15);
}

void TestMixingLaw::infeasibleCaps()
{
    const auto fit = fitMixingLaw(synthetic(kLaws, 40, 0.0, 5));
    const std::vector<double> caps(4, 0.2); // Σ caps = 0.8 < 1
    const auto opt = optimizeMixture(fit, caps);
    QVERIFY(!opt.converged);
    QVERIFY(opt.message.find("infeasible") != std::string::npos);
}

void TestMixingLaw::regmixHeldOut()
{
    const std::string dir = sharedDir() + "/data/mixing/regmix/";
    if (!std::filesystem::exists(dir + "data_train_mixture_1m.csv"))
        QSKIP("../shared/data/mixing/regmix not present");
    const auto train =
        readExperimentPair(dir + "data_train_mixture_1m.csv", dir + "data_train_pile_loss_1m.csv");
    const auto test =
        readExperimentPair(dir + "data_test_mixture_1m.csv", dir + "data_test_pile_loss_1m.csv");
    QVERIFY2(train.ok(), train.errorText().c_str());
    QVERIFY2(test.ok(), test.errorText().c_str());
    QCOMPARE(train->rows(), std::size_t(512));
    QCOMPARE(test->rows(), std::size_t(256));
    QCOMPARE(train->domains.size(), std::size_t(17));
    QCOMPARE(train->targets.size(), std::size_t(13));
    const auto fit = fitMixingLaw(*train);
    QVERIFY(fit.usable());
    const auto scores = evaluateMixingLaw(fit, *test);
    QVERIFY2(scores.ok(), scores.errorText().c_str());
    QCOMPARE(scores->size(), std::size_t(13));
    for (const auto& s : *scores) {
        qInfo("%-45s MAE %.4f  Spearman %.4f", s.name.c_str(), s.mae, s.spearman);
        // The parametric law must rank held-out mixtures far better than chance on every target.
        QVERIFY2(s.spearman > 0.5, s.name.c_str());
        if (s.name.find("pile_cc") != std::string::npos)
            QVERIFY2(s.spearman > 0.8, qPrintable(QString::number(s.spearman)));
    }
}

QTEST_GUILESS_MAIN(TestMixingLaw)
#include "tst_mixinglaw.moc"
