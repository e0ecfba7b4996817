// Size-aware curve laws (core/laws/sizelaw.h, core/scaling/sizefit.h): analytic Jacobians, recovery of known
// parameters across three sizes, the flat direction of two sizes (warning, prior, a band that covers the
// prior range), errors, leave-one-size-out choice, and the real openwebtext2 ladder (skipped without
// ../shared).
#include "core/fit/fitter.h"
#include "core/io/curvecsv.h"
#include "core/laws/sizelaw.h"
#include "core/scaling/sizefit.h"
#include "core/schedule/schedule.h"

#include <QtTest>

#include <QDir>
#include <QFile>

#include <cmath>
#include <map>

using namespace losscast::core;
using namespace losscast::core::scaling;

namespace {

std::string sharedDir()
{
    return qEnvironmentVariable("LOSSCAST_SHARED_DIR", LOSSCAST_SHARED_DIR).toStdString();
}

/// A synthetic curve of `law` at model size n under a schedule spec, every 100 steps after the warmup.
Curve synthetic(const CurveLaw& law, const std::vector<double>& params, const LawSettings& settings,
                const std::string& spec, double n)
{
    auto schedule = Schedule::fromText(spec);
    if (!schedule)
        qFatal("bad spec %s", spec.c_str());
    Curve c;
    c.name = spec + "@" + std::to_string(n);
    c.schedule = schedule->toInput();
    c.schedule.modelSize = n;
    for (std::int64_t s = 600; s <= schedule->totalSteps(); s += 100)
        c.steps.push_back(s);
    c.loss = fit::predict(law, params, c.schedule, c.steps, settings);
    return c;
}

const char* kSpecs[] = {"constant:peak=1e-3,steps=8000,warmup=300",
                        "cosine:peak=1e-3,final=1e-4,steps=8000,warmup=300",
                        "wsd:peak=1e-3,final=1e-4,steps=8000,warmup=300,decay=0.2,shape=linear"};

bool hasWarning(const SizeFit& f, const std::string& code, const std::string& mentions = {})
{
    for (const auto& w : f.warnings)
        if (w.code == code && (mentions.empty() || w.message.find(mentions) != std::string::npos))
            return true;
    return false;
}

/// Reads the openwebtext2 ladder: {size in millions: curves}, each from step 1000 (after the fast start).
std::map<double, std::vector<Curve>> readOwt2(const std::string& dir)
{
    std::map<double, std::vector<Curve>> out;
    QFile inv(QString::fromStdString(dir + "/inventory.csv"));
    if (!inv.open(QIODevice::ReadOnly))
        return out;
    const auto lines = QString::fromUtf8(inv.readAll()).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        const auto f = lines[i].split(',');
        auto c = readCurveCsv(dir + "/" + f[0].toStdString() + ".val.csv", 0);
        if (!c)
            qFatal("%s", c.errorText().c_str());
        Curve curve = std::move(*c);
        Curve trimmed = curve;
        trimmed.steps.clear();
        trimmed.loss.clear();
        for (std::size_t k = 0; k < curve.steps.size(); ++k)
            if (curve.steps[k] >= 1000) {
                trimmed.steps.push_back(curve.steps[k]);
                trimmed.loss.push_back(curve.loss[k]);
            }
        const double n = f[1].toDouble() / 1e6;
        trimmed.schedule.modelSize = n;
        trimmed.schedule.warmupSteps = f[10].toLongLong();
        out[n].push_back(std::move(trimmed));
    }
    return out;
}

} // namespace

class TestSizeLaw : public QObject
{
    Q_OBJECT
private slots:
    void jacobian_data();
    void jacobian();
    void recoversThreeSizes();
    void twoSizesHoldTheExponent();
    void errors();
    void choosesByLeaveOneSizeOut();
    void owt2Ladder();
};

void TestSizeLaw::jacobian_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("mtl-size") << "mtl-size";
    QTest::newRow("mpl-size") << "mpl-size";
}

void TestSizeLaw::jacobian()
{
    QFETCH(QString, id);
    const auto law = findCurveLaw(id.toStdString());
    QVERIFY(law);
    const auto info = law->parameters();
    std::vector<double> x;
    for (const auto& p : info)
        x.push_back(p.initial);
    // Away from 0 so every column is exercised.
    for (std::size_t j = 0; j < info.size(); ++j)
        if (x[j] == 0.0)
            x[j] = 0.1;
    const auto settings = law->defaultSettings();
    auto schedule = Schedule::fromText(kSpecs[1])->toInput();
    schedule.modelSize = 60.0;
    const std::vector<std::int64_t> steps = {500, 2000, 7000, 8000};
    const auto f = law->prepare(schedule, steps, settings);
    std::vector<double> y(steps.size()), jac(steps.size() * info.size());
    law->evaluate(*f, x, y, jac.data());
    for (std::size_t j = 0; j < info.size(); ++j) {
        const double h = 1e-6 * std::max(std::abs(x[j]), 1e-2);
        auto up = x, dn = x;
        up[j] += h;
        dn[j] -= h;
        std::vector<double> yu(steps.size()), yd(steps.size());
        law->evaluate(*f, up, yu);
        law->evaluate(*f, dn, yd);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const double fd = (yu[i] - yd[i]) / (2 * h);
            QVERIFY2(std::abs(fd - jac[i * info.size() + j]) <= 1e-5 * std::max(1.0, std::abs(fd)),
                     qPrintable(QString("%1 row %2: analytic %3, numeric %4")
                                    .arg(QString::fromStdString(info[j].name))
                                    .arg(i)
                                    .arg(jac[i * info.size() + j])
                                    .arg(fd)));
        }
    }
}

void TestSizeLaw::recoversThreeSizes()
{
    const auto law = makeSizeAwareMtl();
    // L0, A, alpha, C, B, beta, gamma (Eq. 7), with a loss drop that grows with N.
    const std::vector<double> truth = {2.3, 0.9, 0.5, 0.05, 2.5, 0.3, 0.15};
    const auto settings = law->defaultSettings();
    std::vector<Curve> curves;
    for (double n : {25.0, 60.0, 150.0})
        for (const char* spec : kSpecs)
            curves.push_back(synthetic(*law, truth, settings, spec, n));
    const auto f = fitSizeLaw(*law, curves, settings);
    QVERIFY2(f.fit.summary.isUsable(), f.fit.summary.message.c_str());
    QVERIFY(!f.exponentHeld);
    QVERIFY(!hasWarning(f, "size_exponent_unidentified"));
    QCOMPARE(f.sizes.size(), std::size_t(3));
    const auto info = law->parameters();
    for (std::size_t j = 0; j < truth.size(); ++j)
        QVERIFY2(std::abs(f.fit.params[j] - truth[j]) <= 0.02 * std::abs(truth[j]),
                 qPrintable(QString("%1: fitted %2, true %3")
                                .arg(QString::fromStdString(info[j].name))
                                .arg(f.fit.params[j])
                                .arg(truth[j])));
}

void TestSizeLaw::twoSizesHoldTheExponent()
{
    const auto law = makeSizeAwareMtl();
    const auto settings = law->defaultSettings();
    // The true exponent (0.45) is inside the prior range but away from the prior (0.34).
    const std::vector<double> truth = {2.3, 0.9, 0.5, 0.05, 2.5, 0.45, 0.15};
    std::vector<Curve> curves;
    for (double n : {25.0, 100.0})
        for (const char* spec : kSpecs)
            curves.push_back(synthetic(*law, truth, settings, spec, n));
    const auto f = fitSizeLaw(*law, curves, settings);
    QVERIFY2(f.fit.summary.isUsable(), f.fit.summary.message.c_str());
    QVERIFY(f.exponentHeld);
    QVERIFY(hasWarning(f, "size_exponent_unidentified", "25M, 100M"));
    // The numerical check finds the flat direction through the size exponent.
    QVERIFY(hasWarning(f, "flat_direction", "beta"));
    QCOMPARE(f.fit.params[law->termExponentIndex()], kSizeExponentPrior);
    QVERIFY(std::isnan(f.fit.stderrs[law->termExponentIndex()]));
    // The training curves are still fitted exactly (the direction is flat) ...
    for (const auto& c : curves) {
        const auto p = fit::predict(*law, f.fit.params, c.schedule, c.steps, f.fit.settings);
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY(std::abs(p[i] - c.loss[i]) < 2e-3 * c.loss[i]);
    }
    // ... and at 400M the prediction with the prior misses the truth, but the band over the prior range
    // covers it.
    const Curve at400 = synthetic(*law, truth, settings, kSpecs[1], 400.0);
    // The prior range alone (no model-error term) must cover the truth: it moves exactly along the flat
    // direction, and the truth (beta 0.45) lies inside [0.2, 0.5].
    LawSettings priorOnly = f.fit.settings;
    priorOnly["extrapolation_error"] = 0.0;
    const auto band = sizeBand(*law, f.fit.params, f.fit.covariance, priorOnly, at400.schedule, at400.steps);
    QVERIFY(band.method.find("prior-range") != std::string::npos);
    const auto check = checkBand(band, at400.loss);
    double miss = 0.0;
    for (std::size_t i = 0; i < band.loss.size(); ++i)
        miss = std::max(miss, std::abs(band.loss[i] - at400.loss[i]) / at400.loss[i]);
    std::printf("two sizes: params");
    for (double v : f.fit.params)
        std::printf(" %.4g", v);
    std::printf("; largest miss at 400M %.4f, prior-range half-width %.4f\n", miss, check.relHalfWidth);
    QVERIFY2(miss > 1e-3, "the prior should not happen to equal the truth here");
    QCOMPARE(check.coverage, 1.0);
    QVERIFY(check.relHalfWidth < 0.05);
    // Without the held exponent there is no prior range: the delta band alone is narrower and misses.
    LawSettings free = priorOnly;
    free["size_exponent_held"] = 0.0;
    const auto narrow = sizeBand(*law, f.fit.params, f.fit.covariance, free, at400.schedule, at400.steps);
    QVERIFY(checkBand(narrow, at400.loss).relHalfWidth < check.relHalfWidth);
    QVERIFY(checkBand(narrow, at400.loss).coverage < 1.0);
    // The default band adds the model-error term where it is the larger: never narrower.
    const auto full =
        sizeBand(*law, f.fit.params, f.fit.covariance, f.fit.settings, at400.schedule, at400.steps);
    QVERIFY(checkBand(full, at400.loss).relHalfWidth >= check.relHalfWidth - 1e-12);
    QVERIFY(full.method.find("extrapolation") != std::string::npos);
}

void TestSizeLaw::errors()
{
    const auto law = makeSizeAwareMtl();
    const auto settings = law->defaultSettings();
    const std::vector<double> truth = {2.3, 0.9, 0.5, 0.05, 2.5, 0.3, 0.15};
    std::vector<Curve> one;
    for (const char* spec : kSpecs)
        one.push_back(synthetic(*law, truth, settings, spec, 25.0));
    const auto f = fitSizeLaw(*law, one, settings);
    QVERIFY(!f.fit.summary.isUsable());
    QVERIFY2(f.fit.summary.message.find("at least two model sizes") != std::string::npos,
             f.fit.summary.message.c_str());
    // A curve without a size cannot be prepared, and the message says how to give one.
    auto schedule = Schedule::fromText(kSpecs[0])->toInput();
    const std::vector<std::int64_t> steps = {1000};
    try {
        law->prepare(schedule, steps, settings);
        QFAIL("prepare accepted a curve without a model size");
    } catch (const std::invalid_argument& e) {
        QVERIFY(std::string(e.what()).find("@size=N") != std::string::npos);
    }
}

void TestSizeLaw::choosesByLeaveOneSizeOut()
{
    const auto mtl = makeSizeAwareMtl();
    const auto settings = mtl->defaultSettings();
    const std::vector<double> truth = {2.3, 0.9, 0.5, 0.05, 2.5, 0.3, 0.15};
    std::vector<Curve> curves;
    for (double n : {25.0, 60.0, 150.0})
        for (const char* spec : kSpecs)
            curves.push_back(synthetic(*mtl, truth, settings, spec, n));
    const auto choice = chooseSizeLaw(curves, sizeCurveLaws());
    QCOMPARE(choice.criterion, std::string("leave-one-size-out mean PredE"));
    QVERIFY(choice.chosen >= 0);
    QCOMPARE(choice.candidates.size(), std::size_t(2));
    for (const auto& c : choice.candidates) {
        QVERIFY2(c.usable, c.message.c_str());
        QCOMPARE(c.folds.size(), std::size_t(3));
        QCOMPARE(c.heldOut.front(), std::string("size=25"));
    }
    // The choice is the lowest held-out error; every fold keeps two sizes, so the size exponent is held at
    // the prior there and even the true law (Eq. 7, beta 0.3) errs a little.
    const auto& best = choice.candidates[static_cast<std::size_t>(choice.chosen)];
    for (const auto& c : choice.candidates)
        QVERIFY(best.validation.predE <= c.validation.predE);
    QVERIFY(choice.candidates[0].validation.predE < 0.01);
}

void TestSizeLaw::owt2Ladder()
{
    const std::string dir = sharedDir() + "/data/curves/schaipp_owt2";
    if (!QFile::exists(QString::fromStdString(dir + "/inventory.csv")))
        QSKIP("../shared/data/curves/schaipp_owt2 not present");
    const auto ladder = readOwt2(dir);
    QCOMPARE(ladder.size(), std::size_t(3));
    std::vector<Curve> train, test;
    for (const auto& [n, curves] : ladder)
        for (const auto& c : curves)
            (n > 150 ? test : train).push_back(c);
    for (const auto& law : sizeCurveLaws()) {
        const auto* sl = dynamic_cast<const SizeAwareLaw*>(law.get());
        const auto f = fitSizeLaw(*sl, train, sl->defaultSettings());
        QVERIFY2(f.fit.summary.isUsable(), f.fit.summary.message.c_str());
        QVERIFY(f.exponentHeld);
        QVERIFY(hasWarning(f, "size_exponent_unidentified"));
        const auto cov = fit::inflatedCovariance(*sl, f.fit, train);
        std::vector<fit::Metrics> m;
        double coverage = 0.0, width = 0.0;
        for (const auto& c : test) {
            const auto band = sizeBand(*sl, f.fit.params, cov, f.fit.settings, c.schedule, c.steps);
            m.push_back(fit::computeMetrics(band.loss, c.loss));
            const auto check = checkBand(band, c.loss);
            coverage += check.coverage / static_cast<double>(test.size());
            width += check.relHalfWidth / static_cast<double>(test.size());
        }
        const auto avg = fit::average(m);
        std::printf(
            "owt2 %s fitted on 59.8M + 93.2M, predicting the 7 runs at 166.2M: PredE %.4f WorstE %.4f "
            "coverage %.2f half-width %.4f fit %.2f s\n",
            sl->id().c_str(), avg.predE, avg.worstE, coverage, width, f.fit.summary.seconds);
        // Measured (bench_sizelaw): MTL Eq. 7 PredE .0171, coverage .91, half-width .0295; the MPL does not
        // transfer across this ladder's per-size peak LRs (PredE ≈ .034). Bounds with a margin, so that a
        // regression fails.
        if (sl->id() == "mtl-size") {
            QVERIFY2(avg.predE < 0.019, qPrintable(QString("PredE %1").arg(avg.predE)));
            QVERIFY(coverage >= 0.85);
            QVERIFY(width <= 0.032);
        } else {
            QVERIFY2(avg.predE < 0.045, qPrintable(QString("PredE %1").arg(avg.predE)));
        }
    }
}

QTEST_GUILESS_MAIN(TestSizeLaw)
#include "tst_sizelaw.moc"
