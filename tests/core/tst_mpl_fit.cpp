// Fitting the multi-power law (Luo et al. 2025): recovery of known parameters from synthetic curves, the MPL
// evaluation protocol on the bundled 25M / 100M curves (Table 1 figures), determinism, bounds.
#include "core/fit/fitter.h"
#include "core/fit/protocol.h"
#include "core/laws/mpl.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace losscast::core;
using namespace losscast::core::fit;

namespace {

constexpr double kPeak = 3e-4;
constexpr std::int64_t kWarmup = 2160;

Curve synthetic(const std::string& name, std::int64_t total, int kind, const std::vector<double>& params)
{
    Curve c;
    c.name = name;
    c.schedule.warmupSteps = kWarmup;
    c.schedule.lr.resize(static_cast<std::size_t>(total) + 1);
    const double n = double(total - kWarmup);
    for (std::int64_t s = 0; s <= total; ++s) {
        double lr;
        if (s < kWarmup)
            lr = kPeak * double(s) / double(kWarmup);
        else if (kind == 0)
            lr = kPeak;
        else if (kind == 1)
            lr = 3e-5 + 0.5 * (kPeak - 3e-5) * (1 + std::cos(std::numbers::pi * double(s - kWarmup) / n));
        else
            lr = s < 8000 ? kPeak : 9e-5;
        c.schedule.lr[static_cast<std::size_t>(s)] = lr;
    }
    for (std::int64_t s = kWarmup + 16; s <= total; s += 128)
        c.steps.push_back(s);
    MplLaw law;
    c.loss = predict(law, params, c.schedule, c.steps, law.defaultSettings());
    return c;
}

} // namespace

class TestMplFit : public QObject
{
    Q_OBJECT
private slots:
    void recoversSyntheticParameters();
    void protocol_data();
    void protocol();
};

void TestMplFit::recoversSyntheticParameters()
{
    const std::vector<double> truth{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    const std::vector<Curve> curves{synthetic("constant", 24000, 0, truth),
                                    synthetic("cosine", 24000, 1, truth), synthetic("step", 16000, 2, truth)};
    MplLaw law;
    const CurveFit f = fitCurves(law, curves, law.defaultSettings());
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    for (std::size_t j = 0; j < truth.size(); ++j)
        QVERIFY2(
            std::abs(f.params[j] - truth[j]) <= 0.02 * truth[j],
            qPrintable(
                QString("%1: fitted %2, truth %3").arg(f.names[j].c_str()).arg(f.params[j]).arg(truth[j])));
    // Deterministic: the same input gives bit-identical parameters.
    const CurveFit again = fitCurves(law, curves, law.defaultSettings());
    QCOMPARE(again.params, f.params);
}

void TestMplFit::protocol_data()
{
    // The MPL paper's Table 1 figures (MPL column) are PredE .0012 / .0013 and WorstE .0040 / .0058; its
    // released code reaches PredE .00110 / .00142. The WorstE limits are what this implementation reaches on
    // the bundled files (whose LRs are logged every 128 steps and rebuilt by linear interpolation, which
    // turns the wsdcon step drops into 64-step ramps), rounded up: see docs-mpl.md.
    QTest::addColumn<QString>("size");
    QTest::addColumn<double>("maxPredE");
    QTest::addColumn<double>("maxWorstE");
    QTest::addColumn<double>("minR2");
    QTest::newRow("25M") << "25M" << 0.0012 << 0.0050 << 0.998;
    QTest::newRow("100M") << "100M" << 0.0014 << 0.0060 << 0.998;
}

void TestMplFit::protocol()
{
    QFETCH(QString, size);
    QFETCH(double, maxPredE);
    QFETCH(double, maxWorstE);
    QFETCH(double, minR2);
    const auto split = loadMplSplit(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl", size.toStdString());
    QVERIFY2(split.ok(), split.errorText().c_str());
    MplLaw law;
    const ProtocolResult r = evaluateProtocol(law, *split, law.defaultSettings());
    QVERIFY2(r.fit.summary.isUsable(), r.fit.summary.message.c_str());
    QCOMPARE(r.test.size(), std::size_t(6));
    qInfo("%s: R2 %.4f MAE %.4f RMSE %.4f PredE %.5f WorstE %.5f; fit %.3f s, %s", qPrintable(size),
          r.averaged.r2, r.averaged.mae, r.averaged.rmse, r.averaged.predE, r.averaged.worstE,
          r.fit.summary.seconds, r.fit.summary.message.c_str());
    QVERIFY(r.averaged.predE <= maxPredE);
    QVERIFY(r.averaged.worstE <= maxWorstE);
    QVERIFY(r.averaged.r2 >= minR2);
    const auto info = law.parameters();
    for (std::size_t j = 0; j < info.size(); ++j)
        QVERIFY(r.fit.params[j] >= info[j].lower && r.fit.params[j] <= info[j].upper);
    QVERIFY(r.fit.params[MplLaw::Beta] < 1.0 && r.fit.params[MplLaw::Gamma] < 1.0);
}

QTEST_GUILESS_MAIN(TestMplFit)
#include "tst_mpl_fit.moc"
