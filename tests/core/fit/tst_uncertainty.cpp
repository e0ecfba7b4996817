// Uncertainty of MPL fits on synthetic curves with known truth: the delta-method band is calibrated (its
// standard error matches the spread of refits over noise draws, and it covers the true curve), it narrows
// with more data, the autocorrelation correction detects correlated noise, and the bootstrap agrees in scale.
#include "core/cpt/cptjson.h"
#include "core/export/fitfile.h"
#include "core/fit/uncertainty.h"
#include "core/laws/mpl.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

using namespace losscast::core;
using namespace losscast::core::fit;

namespace {

constexpr double kPeak = 3e-4;
constexpr std::int64_t kWarmup = 2160;
const std::vector<double> kTruth{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};

/// kTruth's β and γ differ from the values MPL holds by default, so the fits here free them.
LawSettings freeShape()
{
    LawSettings s = MplLaw().defaultSettings();
    s["free_shape"] = 1;
    return s;
}

ScheduleInput schedule(std::int64_t total, int kind)
{
    ScheduleInput s;
    s.warmupSteps = kWarmup;
    s.lr.resize(static_cast<std::size_t>(total) + 1);
    const double n = double(total - kWarmup);
    for (std::int64_t i = 0; i <= total; ++i) {
        double lr;
        if (i < kWarmup)
            lr = kPeak * double(i) / double(kWarmup);
        else if (kind == 0)
            lr = kPeak;
        else if (kind == 1)
            lr = 3e-5 + 0.5 * (kPeak - 3e-5) * (1 + std::cos(std::numbers::pi * double(i - kWarmup) / n));
        else if (kind == 2)
            lr = i < 8000 ? kPeak : 9e-5;
        else // WSD with a linear decay over the last 20 %
            lr = double(i - kWarmup) < 0.8 * n
                     ? kPeak
                     : kPeak - (kPeak - 3e-5) * (double(i - kWarmup) - 0.8 * n) / (0.2 * n);
        s.lr[static_cast<std::size_t>(i)] = lr;
    }
    return s;
}

/// Gaussian noise by Box–Muller on mt19937_64 (portable, unlike std::normal_distribution).
struct Noise
{
    std::mt19937_64 rng;
    explicit Noise(std::uint64_t seed) : rng(seed) {}
    double uniform() { return (double(rng() >> 11) + 0.5) / 9007199254740992.0; }
    double normal()
    {
        return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform());
    }
};

/// Training curves with multiplicative log-noise σ, AR(1) with coefficient `phi`, sampled every `stride`
/// steps.
std::vector<Curve> trainingSet(std::uint64_t seed, double sigma, double phi, std::int64_t stride,
                               const std::vector<double>& truth = kTruth)
{
    MplLaw law;
    Noise noise(seed);
    std::vector<Curve> out;
    const std::pair<std::int64_t, int> runs[] = {{24000, 0}, {24000, 1}, {16000, 2}};
    for (auto [total, kind] : runs) {
        Curve c;
        c.name = "synthetic-" + std::to_string(kind);
        c.schedule = schedule(total, kind);
        for (std::int64_t s = kWarmup + 16; s <= total; s += stride)
            c.steps.push_back(s);
        c.loss = predict(law, truth, c.schedule, c.steps, law.defaultSettings());
        double e = 0;
        for (double& y : c.loss) {
            e = phi * e + std::sqrt(1 - phi * phi) * sigma * noise.normal();
            y *= std::exp(e);
        }
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

class TestUncertainty : public QObject
{
    Q_OBJECT
private slots:
    void deltaBandIsCalibrated();
    void bandNarrowsWithMoreData();
    void autocorrelationIsDetected();
    void bootstrapAgreesInScale();
    void rejectsBadLevel();
    void boundsReached_data();
    void boundsReached();
    void fitEndingOnBoundIsMarked();
    void warningsKeepTheirParameterInFitFiles();
    void cptFitOnBoundIsMarked();
};

void TestUncertainty::deltaBandIsCalibrated()
{
    MplLaw law;
    const auto target = schedule(30000, 3); // held out: a WSD run longer than any training run
    std::vector<std::int64_t> at;
    for (std::int64_t s = 4000; s <= 30000; s += 1000)
        at.push_back(s);
    const auto truth = predict(law, kTruth, target, at, law.defaultSettings());

    const int replicates = 16;
    std::vector<double> finals, finalStderr;
    int covered = 0, total = 0, degenerate = 0;
    for (int r = 0; r < replicates; ++r) {
        const auto curves = trainingSet(100 + r, 1e-3, 0.0, 128);
        const CurveFit f = fitCurves(law, curves, freeShape());
        QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
        // Noise can push a fit into the law's degenerate valley (β → 0 with B·β fixed), where the curvature
        // is singular and the fitter reports no covariance; such a band is NaN, never a made-up number.
        if (f.covariance.empty()) {
            const auto band = deltaBand(law, f.params, f.covariance, target, at, f.settings, 0.95);
            QVERIFY(std::isnan(band.lower.back()) && std::isnan(band.upper.back()));
            ++degenerate;
            continue;
        }
        const auto cov = huberCovariance(law, f, curves);
        QVERIFY(!cov.empty());
        const auto band = deltaBand(law, f.params, cov, target, at, f.settings, 0.95);
        for (std::size_t i = 0; i < at.size(); ++i) {
            QVERIFY(band.lower[i] < band.loss[i] && band.loss[i] < band.upper[i]);
            covered += truth[i] >= band.lower[i] && truth[i] <= band.upper[i];
            ++total;
        }
        finals.push_back(band.loss.back());
        finalStderr.push_back(band.stderrs.back());
    }
    QVERIFY(degenerate <= replicates / 4);
    const double m = double(finals.size());
    double mean = 0, ss = 0, predicted = 0;
    for (double v : finals)
        mean += v / m;
    for (double v : finals)
        ss += (v - mean) * (v - mean);
    for (double v : finalStderr)
        predicted += v / m;
    const double empirical = std::sqrt(ss / (m - 1));
    const double coverage = double(covered) / double(total);
    qInfo("coverage of the true curve %.3f; final-step stderr: delta %.3g vs spread of refits %.3g; %d of %d "
          "fits degenerate",
          coverage, predicted, empirical, degenerate, replicates);
    QVERIFY(coverage >= 0.8);
    QVERIFY(predicted > 0.5 * empirical && predicted < 2.0 * empirical);
}

void TestUncertainty::bandNarrowsWithMoreData()
{
    MplLaw law;
    const auto target = schedule(30000, 3);
    const std::vector<std::int64_t> at{10000, 20000, 30000};
    double width[2];
    const std::int64_t strides[2] = {256, 32};
    for (int k = 0; k < 2; ++k) {
        const auto curves = trainingSet(7, 2e-3, 0.0, strides[k]);
        const CurveFit f = fitCurves(law, curves, freeShape());
        QVERIFY(f.summary.isUsable() && !f.covariance.empty());
        const auto band = deltaBand(law, f.params, huberCovariance(law, f, curves), target, at, f.settings);
        width[k] = band.upper.back() - band.lower.back();
    }
    qInfo("final-step band width: %.3g with every 256th step, %.3g with every 32nd", width[0], width[1]);
    QVERIFY(width[1] < 0.6 * width[0]); // 8× the points: about 1/√8 ≈ 0.35 of the width
}

void TestUncertainty::autocorrelationIsDetected()
{
    MplLaw law;
    for (double phi : {0.0, 0.8}) {
        const auto curves = trainingSet(11, 2e-3, phi, 64);
        const CurveFit f = fitCurves(law, curves, freeShape());
        QVERIFY(f.summary.isUsable() && !f.covariance.empty());
        const double rho = residualAutocorrelation(law, f, curves);
        const auto inflated = inflatedCovariance(law, f, curves);
        qInfo("AR(1) noise phi %.1f: estimated lag-1 autocorrelation %.3f", phi, rho);
        if (phi == 0.0)
            QVERIFY(rho < 0.2);
        else
            QVERIFY(rho > 0.6);
        QCOMPARE(inflated.size(), f.covariance.size());
        QVERIFY(std::abs(inflated[0] / f.covariance[0] - (1 + rho) / (1 - rho)) < 1e-9);
    }
}

void TestUncertainty::bootstrapAgreesInScale()
{
    MplLaw law;
    const auto curves = trainingSet(3, 2e-3, 0.0, 128);
    const CurveFit f = fitCurves(law, curves, freeShape());
    QVERIFY(f.summary.isUsable() && !f.covariance.empty());
    BootstrapOptions o;
    o.replicates = 30;
    const BootstrapResult b = bootstrap(law, curves, f, o);
    QCOMPARE(int(b.params.size()) + b.failed, 30);
    QVERIFY(b.params.size() >= 25);
    const auto target = schedule(30000, 3);
    const std::vector<std::int64_t> at{10000, 30000};
    const auto boot = bootstrapBand(law, f, b, target, at);
    const auto delta = deltaBand(law, f.params, huberCovariance(law, f, curves), target, at, f.settings);
    qInfo("final-step stderr: bootstrap (blocks) %.3g, delta %.3g; %.2f s", boot.stderrs.back(),
          delta.stderrs.back(), b.seconds);
    QVERIFY(boot.stderrs.back() > delta.stderrs.back() / 3 && boot.stderrs.back() < delta.stderrs.back() * 3);
    QVERIFY(boot.lower.back() <= boot.upper.back());
    // The same seed gives the same refits.
    const BootstrapResult again = bootstrap(law, curves, f, o);
    QCOMPARE(again.params, b.params);
    // Curve resampling runs too.
    o.kind = BootstrapKind::Curves;
    o.replicates = 8;
    const BootstrapResult byCurve = bootstrap(law, curves, f, o);
    QCOMPARE(byCurve.kind, std::string("bootstrap-curves"));
    QVERIFY(!byCurve.params.empty());
}

void TestUncertainty::rejectsBadLevel()
{
    MplLaw law;
    const auto s = schedule(5000, 1);
    const std::vector<std::int64_t> at{3000};
    const std::vector<double> cov(49, 0.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, deltaBand(law, kTruth, cov, s, at, {}, 1.5));
}

void TestUncertainty::boundsReached_data()
{
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::addColumn<bool>("logScale");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("side");
    const double inf = std::numeric_limits<double>::infinity();
    const int none = int(BoundSide::None), lo = int(BoundSide::Lower), hi = int(BoundSide::Upper);
    QTest::newRow("mpl-gamma-upper") << 1e-4 << 1.0 - 1e-4 << false << 0.9999 << hi;
    QTest::newRow("mpl-gamma-near-upper") << 1e-4 << 1.0 - 1e-4 << false << 0.9999 - 1e-7 << hi;
    QTest::newRow("mpl-gamma-inside") << 1e-4 << 1.0 - 1e-4 << false << 0.9990 << none;
    QTest::newRow("mpl-gamma-lower") << 1e-4 << 1.0 - 1e-4 << false << 1e-4 << lo;
    QTest::newRow("zero-lower-exact") << 0.0 << inf << true << 0.0 << lo;
    QTest::newRow("zero-lower-tiny") << 0.0 << inf << true << 1e-30 << none;
    QTest::newRow("log-relative") << 1e-8 << inf << true << 1.000000001e-8 << lo;
    QTest::newRow("log-not-width") << 1e-6 << 1e9 << true << 5e-4 << none; // 1e-6·width would flag it
    QTest::newRow("unbounded") << -inf << inf << false << -1e300 << none;
    QTest::newRow("outside") << 0.0 << 1.0 << false << 1.5 << hi;
}

void TestUncertainty::boundsReached()
{
    QFETCH(double, lower);
    QFETCH(double, upper);
    QFETCH(bool, logScale);
    QFETCH(double, value);
    QFETCH(int, side);
    const std::vector<ParamInfo> infos{{"x", "", value, lower, upper, logScale}};
    const std::vector<double> params{value};
    QCOMPARE(int(fit::boundsReached(infos, params).at(0)), side);
}

void TestUncertainty::fitEndingOnBoundIsMarked()
{
    // Curves made with γ = 1.4, beyond MPL's box (γ ≤ 0.9999): the fit ends on the bound, and the fit file
    // says so next to the (unconstrained) standard error. A fit of in-box data marks nothing.
    MplLaw law;
    std::vector<double> truth = kTruth;
    truth[MplLaw::Gamma] = 1.4;
    const auto curves = trainingSet(7, 2e-4, 0.0, 64, truth);
    const CurveFit f = fitCurves(law, curves, freeShape());
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    const double gammaMax = law.parameters()[MplLaw::Gamma].upper;
    qInfo("gamma fitted %.6f (bound %.6f), stderr %.3g", f.params[MplLaw::Gamma], gammaMax,
          f.stderrs[MplLaw::Gamma]);
    const auto sides = fit::boundsReached(law.parameters(), f.params);
    QCOMPARE(int(sides[MplLaw::Gamma]), int(BoundSide::Upper));

    const JsonValue v = toJson(makeFitFile(law, f, curves));
    const JsonValue* at = v.find("at_bound");
    QVERIFY(at && at->isObject());
    for (std::size_t i = 0; i < f.names.size(); ++i) {
        const JsonValue* flag = at->find(f.names[i]);
        QVERIFY2(flag && flag->isBool(), f.names[i].c_str());
        QCOMPARE(flag->toBool(), sides[i] != BoundSide::None);
    }
    const JsonValue* note = v.find("stderr_note");
    QVERIFY(note && note->find("gamma"));
    const std::string text = note->find("gamma")->toString();
    QVERIFY2(text.find("upper bound (0.9999)") != std::string::npos, text.c_str());
    QVERIFY2(text.find("not a meaningful uncertainty") != std::string::npos, text.c_str());
    // Backward compatible: "stderr" keeps its number for every parameter.
    QVERIFY(v.find("stderr")->find("gamma")->isNumber());
    // The file still reads back.
    QVERIFY(parseFitFile(writeJson(v), "fit.json"));

    const auto inside = trainingSet(7, 2e-4, 0.0, 64);
    const CurveFit g = fitCurves(law, inside, freeShape());
    QVERIFY2(g.summary.isUsable(), g.summary.message.c_str());
    const JsonValue w = toJson(makeFitFile(law, g, inside));
    for (const auto& name : g.names)
        QCOMPARE(w.find("at_bound")->find(name)->toBool(), false);
    QVERIFY(!w.find("stderr_note"));
}

void TestUncertainty::warningsKeepTheirParameterInFitFiles()
{
    // A fit file (losscast-cli fit --out, a session's fit) keeps what each warning is about, so the window
    // reopening it words the warning itself instead of showing the CLI's sentence ("hold it (--set)").
    const MplLaw law;
    const auto curves = trainingSet(7, 2e-4, 0.0, 64);
    const CurveFit f = fitCurves(law, curves, freeShape());
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    FitFile file = makeFitFile(law, f, curves);
    file.warnings = {{kWarnParamAtBound, "gamma rests on its upper bound", "gamma", 0.9999},
                     {kWarnDropSaturated, "saturated", "", 4.5e12},
                     {kWarnSingularCovariance, "singular", "", 0.0}};
    const JsonValue v = toJson(file);
    const auto& a = v.find("warnings")->toArray();
    QCOMPARE(a.size(), std::size_t(3));
    QCOMPARE(a[0].string("parameter"), std::string("gamma"));
    QCOMPARE(a[0].number("value"), 0.9999);
    QVERIFY(!a[1].find("parameter"));
    QCOMPARE(a[1].number("value"), 4.5e12);
    QVERIFY(!a[2].find("parameter") && !a[2].find("value")); // nothing to add to the message
    const auto back = parseFitFile(writeJson(v), "fit.json");
    QVERIFY(back);
    QCOMPARE(back->warnings.size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(back->warnings[i].code, file.warnings[i].code);
        QCOMPARE(back->warnings[i].message, file.warnings[i].message);
        QCOMPARE(back->warnings[i].parameter, file.warnings[i].parameter);
        QCOMPARE(back->warnings[i].value, file.warnings[i].value);
    }
}

void TestUncertainty::cptFitOnBoundIsMarked()
{
    // beta on its upper bound (20), C1 held at 0 (its lower bound, but not fitted: not marked).
    cpt::CptLawOptions o;
    cpt::CptFit f = cpt::makeFit(o, {{"beta", 20.0}, {"C1", 0.0}});
    f.held.assign(f.params.size(), false);
    const auto idx = [&](const std::string& n) {
        return std::size_t(std::find(f.names.begin(), f.names.end(), n) - f.names.begin());
    };
    f.held[idx("C1")] = true;
    const JsonValue v = cpt::toJson(f);
    QCOMPARE(v.find("at_bound")->find("beta")->toBool(), true);
    QCOMPARE(v.find("at_bound")->find("C1")->toBool(), false);
    QCOMPARE(v.find("at_bound")->find("L0")->toBool(), false);
    QVERIFY(v.find("stderr_note")->find("beta"));
    QVERIFY(!v.find("stderr_note")->find("C1"));
}

QTEST_GUILESS_MAIN(TestUncertainty)
#include "tst_uncertainty.moc"
