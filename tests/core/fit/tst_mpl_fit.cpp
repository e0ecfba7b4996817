// Fitting the multi-power law (Luo et al. 2025): recovery of known parameters from synthetic curves, the MPL
// evaluation protocol on the bundled 25M / 100M curves (Table 1 figures), determinism, bounds.
#include "core/fit/fitter.h"
#include "core/fit/protocol.h"
#include "core/fit/uncertainty.h"
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
    void holdsShapeByDefault();
    void protocol_data();
    void protocol();
};

void TestMplFit::recoversSyntheticParameters()
{
    const std::vector<double> truth{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    const std::vector<Curve> curves{synthetic("constant", 24000, 0, truth),
                                    synthetic("cosine", 24000, 1, truth), synthetic("step", 16000, 2, truth)};
    MplLaw law;
    LawSettings settings = law.defaultSettings();
    settings["free_shape"] = 1; // all seven parameters, β and γ away from the held defaults
    const CurveFit f = fitCurves(law, curves, settings);
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    for (std::size_t j = 0; j < truth.size(); ++j)
        QVERIFY2(
            std::abs(f.params[j] - truth[j]) <= 0.02 * truth[j],
            qPrintable(
                QString("%1: fitted %2, truth %3").arg(f.names[j].c_str()).arg(f.params[j]).arg(truth[j])));
    // Deterministic: the same input gives bit-identical parameters.
    const CurveFit again = fitCurves(law, curves, settings);
    QCOMPARE(again.params, f.params);
}

void TestMplFit::holdsShapeByDefault()
{
    // Synthetic curves made with the held β, γ: the default fit keeps them exactly, reports them without a
    // standard error, and recovers the five others.
    const std::vector<double> truth{3.0, 0.5, 0.5, 450.0, 2.0, kPaperBeta, kPaperGamma};
    const std::vector<Curve> curves{synthetic("constant", 24000, 0, truth),
                                    synthetic("cosine", 24000, 1, truth), synthetic("step", 16000, 2, truth)};
    MplLaw law;
    const CurveFit f = fitCurves(law, curves, law.defaultSettings());
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    QCOMPARE(f.params.size(), truth.size());
    QCOMPARE(f.names.size(), truth.size());
    QCOMPARE(f.params[MplLaw::Beta], kPaperBeta);
    QCOMPARE(f.params[MplLaw::Gamma], kPaperGamma);
    QVERIFY(std::isnan(f.stderrs[MplLaw::Beta]) && std::isnan(f.stderrs[MplLaw::Gamma]));
    for (std::size_t j = 0; j < MplLaw::Beta; ++j) {
        QVERIFY2(std::abs(f.params[j] - truth[j]) <= 0.02 * truth[j], f.names[j].c_str());
        QVERIFY2(std::isfinite(f.stderrs[j]) && f.stderrs[j] > 0, f.names[j].c_str());
    }
    // The covariance has no entries for held parameters.
    const std::size_t p = truth.size();
    QCOMPARE(f.covariance.size(), p * p);
    for (std::size_t j = 0; j < p; ++j)
        QCOMPARE(f.covariance[MplLaw::Beta * p + j], 0.0);
    // The robust and bootstrap errors agree: nothing for the held parameters, finite for the others.
    const auto robust = huberCovariance(law, f, curves);
    QCOMPARE(robust.size(), p * p);
    BootstrapOptions bo;
    bo.replicates = 6;
    const BootstrapResult boot = bootstrap(law, curves, f, bo);
    QCOMPARE(boot.stderrs.size(), p);
    for (std::size_t j = 0; j < p; ++j) {
        const bool isHeld = j == MplLaw::Beta || j == MplLaw::Gamma;
        QCOMPARE(robust[j * p + j] == 0.0, isHeld);
        QCOMPARE(std::isnan(boot.stderrs[j]), isHeld);
        for (const auto& refit : boot.params)
            if (isHeld)
                QCOMPARE(refit[j], f.params[j]);
    }
    // free_shape must be 0 or 1.
    LawSettings bad = law.defaultSettings();
    bad["free_shape"] = 0.5;
    const CurveFit g = fitCurves(law, curves, bad);
    QVERIFY(!g.summary.isUsable());
    QVERIFY2(g.summary.message.find("free_shape") != std::string::npos, g.summary.message.c_str());
}

void TestMplFit::protocol_data()
{
    // The MPL paper's Table 1 figures (MPL column): PredE .0012 / .0013 and WorstE .0040 / .0058; its
    // released code reaches PredE .00110 / .00142. The issue asks for PredE ≤ .0012 / .0014 and the paper's
    // WorstE. Reached with β, γ held at the paper's values (the default, see kPaperBeta in mpl.h) and the
    // wsdcon drops rebuilt as steps (core/schedule/logged.h): 25M .00120 / .00318, 100M .00136 / .00463.
    QTest::addColumn<QString>("size");
    QTest::addColumn<double>("maxPredE");
    QTest::addColumn<double>("maxWorstE");
    QTest::addColumn<double>("minR2");
    QTest::newRow("25M") << "25M" << 0.0012 << 0.0040 << 0.998;
    QTest::newRow("100M") << "100M" << 0.0014 << 0.0058 << 0.998;
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
