// Tests of the LR-annealing law MTL (Tissue, Wang, Wang 2024, arXiv 2408.11029, Eq. 1–3): areas by hand,
// analytic Jacobian, parameter recovery from synthetic curves, and the MPL protocol on the bundled real
// curves.
#include "core/fit/fitter.h"
#include "core/fit/protocol.h"
#include "core/laws/law.h"
#include "core/laws/mtl.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace losscast::core;
using namespace losscast::core::fit;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Per-step LRs: linear warmup 0 → peak over `warmup` steps, then cosine to `peak/10` at `total`.
ScheduleInput cosineSchedule(std::int64_t total, std::int64_t warmup, double peak)
{
    ScheduleInput s;
    s.warmupSteps = warmup;
    for (std::int64_t i = 0; i <= total; ++i) {
        if (i <= warmup)
            s.lr.push_back(peak * static_cast<double>(i) / static_cast<double>(warmup));
        else {
            const double t = static_cast<double>(i - warmup) / static_cast<double>(total - warmup);
            s.lr.push_back(peak * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(kPi * t))));
        }
    }
    return s;
}

/// Warmup-stable-decay: constant peak, then linear decay to peak/10 over the last `decay` steps.
ScheduleInput wsdSchedule(std::int64_t total, std::int64_t warmup, std::int64_t decay, double peak)
{
    ScheduleInput s;
    s.warmupSteps = warmup;
    for (std::int64_t i = 0; i <= total; ++i) {
        if (i <= warmup)
            s.lr.push_back(peak * static_cast<double>(i) / static_cast<double>(warmup));
        else if (i <= total - decay)
            s.lr.push_back(peak);
        else
            s.lr.push_back(
                peak * (1.0 - 0.9 * static_cast<double>(i - (total - decay)) / static_cast<double>(decay)));
    }
    return s;
}

Curve synthetic(const std::string& name, const ScheduleInput& sch, const std::vector<double>& truth,
                const LawSettings& settings, double noise, unsigned seed)
{
    Curve c;
    c.name = name;
    c.schedule = sch;
    const auto total = static_cast<std::int64_t>(sch.lr.size()) - 1;
    for (std::int64_t s = sch.warmupSteps; s <= total; s += 100)
        c.steps.push_back(std::max<std::int64_t>(s, 1));
    MtlLaw law;
    c.loss = predict(law, truth, c.schedule, c.steps, settings);
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (double& y : c.loss)
        y *= 1.0 + noise * gauss(rng);
    return c;
}

/// The double-sum form S2(s) = Σ_{i≤s} Σ_{k≤i} (η_{k−1} − η_k)·λ^(i−k) (laws.md §1), computed naively.
double naiveS2(const std::vector<double>& eta, std::int64_t s, double lambda)
{
    double sum = 0.0;
    for (std::int64_t i = 1; i <= s; ++i)
        for (std::int64_t k = 1; k <= i; ++k)
            sum += (eta[k - 1] - eta[k]) * std::pow(lambda, static_cast<double>(i - k));
    return sum;
}

} // namespace

class TestMtl : public QObject
{
    Q_OBJECT

private slots:
    void registered()
    {
        const auto law = findCurveLaw("mtl");
        QVERIFY(law);
        QCOMPARE(QString::fromStdString(law->id()), QString("mtl"));
        QCOMPARE(law->parameters().size(), std::size_t(4));
        QCOMPARE(law->defaultSettings().at("lambda"), 0.999);
        QVERIFY(!findCurveLaw("no-such-law"));
    }

    void areasByHand_data()
    {
        QTest::addColumn<std::vector<double>>("lr");
        QTest::addColumn<qint64>("warmup");
        QTest::addColumn<bool>("asPeak");
        QTest::addColumn<std::vector<double>>("s1");
        QTest::addColumn<std::vector<double>>("s2");
        // λ = 0.5. Drop at step 2, then an LR increase at step 4: m_4 = 0.5·0.25 + (0.5 − 1) = −0.375 < 0, so
        // S2 decreases ("negative annealing").
        QTest::newRow("drop then re-warmup")
            << std::vector<double>{1, 1, 0.5, 0.5, 1, 1} << qint64(0) << false
            << std::vector<double>{1, 1.5, 2, 3, 4} << std::vector<double>{0, 0.5, 0.75, 0.375, 0.1875};
        // Warmup 0 → 1 over 2 steps, then a drop to 0.5. Actual LRs: the warmup is an LR increase.
        QTest::newRow("actual warmup LRs")
            << std::vector<double>{0, 0.5, 1, 1, 0.5} << qint64(2) << false
            << std::vector<double>{0.5, 1.5, 2.5, 3.0} << std::vector<double>{-0.5, -1.25, -1.625, -1.3125};
        // Same schedule with the paper's Sec. 3.4 convention: η = η_max during warmup, so no annealing
        // until 4.
        QTest::newRow("warmup as peak")
            << std::vector<double>{0, 0.5, 1, 1, 0.5} << qint64(2) << true
            << std::vector<double>{1, 2, 3, 3.5} << std::vector<double>{0, 0, 0, 0.5};
    }
    void areasByHand()
    {
        QFETCH(std::vector<double>, lr);
        QFETCH(qint64, warmup);
        QFETCH(bool, asPeak);
        QFETCH(std::vector<double>, s1);
        QFETCH(std::vector<double>, s2);
        ScheduleInput sch{lr, warmup};
        std::vector<std::int64_t> steps;
        for (std::size_t s = 1; s < lr.size(); ++s)
            steps.push_back(static_cast<std::int64_t>(s));
        const auto a = MtlLaw::areas(sch, steps, 0.5, asPeak);
        QCOMPARE(a.s1.size(), s1.size());
        for (std::size_t k = 0; k < s1.size(); ++k) {
            QVERIFY2(std::abs(a.s1[k] - s1[k]) < 1e-15, qPrintable(QString("S1 at %1").arg(k + 1)));
            QVERIFY2(std::abs(a.s2[k] - s2[k]) < 1e-15,
                     qPrintable(QString("S2 at %1: %2 vs %3").arg(k + 1).arg(a.s2[k]).arg(s2[k])));
        }
    }

    void momentumFormEqualsDoubleSum()
    {
        // The O(N) recursion equals the O(N²) definition on an irregular schedule with rises and falls.
        std::mt19937 rng(1);
        std::uniform_real_distribution<double> u(1e-5, 3e-4);
        ScheduleInput sch;
        for (int i = 0; i <= 300; ++i)
            sch.lr.push_back(u(rng));
        const std::vector<std::int64_t> steps{1, 17, 100, 250, 300};
        const auto a = MtlLaw::areas(sch, steps, 0.99, false);
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const double ref = naiveS2(sch.lr, steps[k], 0.99);
            QVERIFY2(std::abs(a.s2[k] - ref) <= 1e-12 * (1.0 + std::abs(ref)),
                     qPrintable(QString("%1 vs %2").arg(a.s2[k]).arg(ref)));
        }
    }

    void jacobianMatchesFiniteDifferences()
    {
        MtlLaw law;
        const auto sch = cosineSchedule(5000, 200, 3e-4);
        const std::vector<std::int64_t> steps{200, 1000, 3000, 5000};
        const auto f = law.prepare(sch, steps, law.defaultSettings());
        const std::vector<double> p{2.6, 0.43, 0.55, 0.41};
        std::vector<double> y(4), jac(16);
        law.evaluate(*f, p, y, jac.data());
        for (int j = 0; j < 4; ++j) {
            std::vector<double> hi = p, lo = p, yh(4), yl(4);
            const double h = 1e-6 * std::max(1.0, std::abs(p[j]));
            hi[j] += h;
            lo[j] -= h;
            law.evaluate(*f, hi, yh);
            law.evaluate(*f, lo, yl);
            for (int i = 0; i < 4; ++i)
                QVERIFY2(std::abs((yh[i] - yl[i]) / (2 * h) - jac[4 * i + j]) < 1e-6,
                         qPrintable(QString("d y%1 / d p%2").arg(i).arg(j)));
        }
    }

    void rejectsBadInput()
    {
        MtlLaw law;
        const ScheduleInput sch{{0.0, 0.0, 1e-4, 1e-4}, 0};
        const std::vector<std::int64_t> first{1}, beyond{9}, ok{2, 3};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, law.prepare(sch, first, {})); // S1 = 0 at step 1
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, law.prepare(sch, beyond, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, law.prepare(sch, ok, {{"lambda", 1.0}}));
        // A fit over a schedule with a zero forward area fails with the law's message, it does not crash.
        Curve c{"zero-start", "", sch, {1, 2, 3}, {3.0, 2.9, 2.8}};
        const CurveFit f = fitCurves(law, {c}, {});
        QCOMPARE(int(f.summary.status), int(Status::Failed));
        QVERIFY2(f.summary.message.find("forward area") != std::string::npos, f.summary.message.c_str());
    }

    void recoversSyntheticParameters_data()
    {
        QTest::addColumn<double>("noise");
        QTest::addColumn<double>("tol"); // relative tolerance on each parameter
        QTest::newRow("noise-free") << 0.0 << 1e-5;
        QTest::newRow("0.05% noise") << 5e-4 << 0.05;
    }
    void recoversSyntheticParameters()
    {
        QFETCH(double, noise);
        QFETCH(double, tol);
        // The paper's reference fit (594M, Sec. 3): L0 = 2.628, A = 0.429, α = 0.550, C = 0.411; λ = 0.999.
        const std::vector<double> truth{2.628, 0.429, 0.550, 0.411};
        MtlLaw law;
        const auto settings = law.defaultSettings();
        const std::vector<Curve> curves{
            synthetic("cosine", cosineSchedule(20000, 500, 3e-4), truth, settings, noise, 1),
            synthetic("wsd", wsdSchedule(20000, 500, 4000, 3e-4), truth, settings, noise, 2)};
        const CurveFit f = fitCurves(law, curves, settings);
        QVERIFY2(f.summary.isUsable(), f.summary.briefReport().c_str());
        for (std::size_t j = 0; j < 4; ++j)
            QVERIFY2(
                std::abs(f.params[j] - truth[j]) <= tol * truth[j],
                qPrintable(
                    QString("%1 = %2, truth %3").arg(f.names[j].c_str()).arg(f.params[j]).arg(truth[j])));
        if (noise > 0.0)
            for (double se : f.stderrs)
                QVERIFY(std::isfinite(se) && se > 0.0);
    }

    void lambdaGridFindsTheGeneratingLambda()
    {
        // Curves made with λ = 0.99: the grid fit must choose 0.99 and recover the parameters.
        const std::vector<double> truth{2.628, 0.429, 0.550, 0.411};
        MtlLaw law;
        const LawSettings made{{"lambda", 0.99}};
        const std::vector<Curve> curves{
            synthetic("cosine", cosineSchedule(20000, 500, 3e-4), truth, made, 0, 1),
            synthetic("wsd", wsdSchedule(20000, 500, 4000, 3e-4), truth, made, 0, 2)};
        const CurveFit f = fitCurves(law, curves, {{"lambda_grid", 1.0}});
        QVERIFY2(f.summary.isUsable(), f.summary.briefReport().c_str());
        QCOMPARE(f.settings.at("lambda"), 0.99);
        QCOMPARE(f.settings.at("lambda_grid"), 0.0);
        QVERIFY(std::abs(f.params[3] - 0.411) < 1e-4);
        QVERIFY(f.summary.message.find("grid point 2 of 5") != std::string::npos);
    }

    // The MPL paper's protocol (Luo et al. 2025, Sec. 5, Table 1) on the bundled curves. The targets are the
    // paper's published MTL PredE. Our default (actual warmup LRs, λ = 0.999) reaches 25M ≈ .0015 (paper
    // .0014) and 100M ≈ .0014, better than the paper's .0022; with the paper's warmup-as-peak convention 100M
    // gives ≈ .0020 (R² .9959, RMSE .0085 vs the paper's .9959, .0095), which suggests the paper used that
    // convention. So: the default must not be worse than the paper by more than 10 %, and must beat
    // warmup-as-peak.
    void mplProtocol_data()
    {
        QTest::addColumn<QString>("size");
        QTest::addColumn<double>("paperPredE");
        QTest::newRow("25M") << "25M" << 0.0014;
        QTest::newRow("100M") << "100M" << 0.0022;
    }
    void mplProtocol()
    {
        QFETCH(QString, size);
        QFETCH(double, paperPredE);
        const auto split = loadMplSplit(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl", size.toStdString());
        QVERIFY2(split.ok(), split.errorText().c_str());
        QCOMPARE(split->train.size(), std::size_t(3));
        QCOMPARE(split->test.size(), std::size_t(6));
        MtlLaw law;
        const ProtocolResult def = evaluateProtocol(law, *split, law.defaultSettings());
        QVERIFY2(def.fit.summary.isUsable(), def.fit.summary.briefReport().c_str());
        QCOMPARE(def.test.size(), std::size_t(6));
        const double predE = def.averaged.predE;
        qInfo("%s default: R2 %.4f MAE %.4f RMSE %.4f PredE %.5f WorstE %.5f (fit %.3f s)", qPrintable(size),
              def.averaged.r2, def.averaged.mae, def.averaged.rmse, predE, def.averaged.worstE,
              def.fit.summary.seconds);
        QVERIFY2(predE <= 1.1 * paperPredE,
                 qPrintable(QString("PredE %1 vs paper %2").arg(predE).arg(paperPredE)));
        QVERIFY(def.averaged.r2 > 0.99);
        if (size == "25M") // here our figure is the paper's, within 10 %
            QVERIFY2(predE >= 0.9 * paperPredE, qPrintable(QString::number(predE)));

        // Deterministic: a second fit gives bit-identical parameters.
        const CurveFit again = fitCurves(law, split->train, law.defaultSettings());
        QCOMPARE(again.params, def.fit.params);

        // Evidence for the default warmup convention.
        const ProtocolResult peak =
            evaluateProtocol(law, *split, {{"lambda", 0.999}, {"warmup_as_peak", 1.0}});
        QVERIFY(peak.fit.summary.isUsable());
        qInfo("%s warmup-as-peak: PredE %.5f", qPrintable(size), peak.averaged.predE);
        QVERIFY2(predE < peak.averaged.predE,
                 qPrintable(QString("actual %1 vs peak %2").arg(predE).arg(peak.averaged.predE)));

        // The λ grid never trains worse than λ = 0.999 alone (0.999 is one of its points).
        const ProtocolResult grid = evaluateProtocol(law, *split, {{"lambda_grid", 1.0}});
        QVERIFY(grid.fit.summary.finalCost <= def.fit.summary.finalCost * (1.0 + 1e-9));
        QVERIFY2(grid.averaged.predE <= 1.1 * paperPredE, qPrintable(QString::number(grid.averaged.predE)));
    }
};

QTEST_APPLESS_MAIN(TestMtl)
#include "tst_mtl.moc"
