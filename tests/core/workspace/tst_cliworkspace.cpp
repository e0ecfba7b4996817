// The workspace as losscast-cli uses it (issue #17: the CLI's commands are thin calls on the document):
// files opened with LoadOptions::everyRunACurve read exactly as loadCurves() reads them, and
// Workspace::fit(WorkspaceFitRequest) gives exactly what fit::forecast() gave the CLI (parameters, band,
// notes, warnings, the model choice of "auto"), with hold-out scores equal to the metrics of fit::predict.
#include "core/fit/forecast.h"
#include "core/fit/metrics.h"
#include "core/laws/law.h"
#include "core/schedule/schedule.h"
#include "core/workspace/follow.h"
#include "core/workspace/loaders.h"
#include "core/workspace/workspace.h"

#include <QtTest>

#include <cmath>

using namespace losscast::core;
using namespace losscast::core::workspace;

namespace {

std::string example(const char* name)
{
    return std::string(LOSSCAST_EXAMPLES_DIR "/mpl/") + name + ".csv";
}
std::string testData(const char* name)
{
    return std::string(LOSSCAST_TEST_DATA_DIR "/") + name;
}

const char* const kTrain[] = {"25M_constant_24000", "25M_cosine_24000", "25M_wsdcon_9"};
const char* const kTest[] = {"25M_cosine_72000", "25M_wsdcon_3"};

/// Equal element by element, NaN equal to NaN (held parameters have NaN standard errors).
bool same(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    return true;
}

std::vector<std::string> texts(const std::vector<Diagnostic>& diagnostics)
{
    std::vector<std::string> out;
    for (const auto& d : diagnostics)
        out.push_back(d.toString());
    return out;
}

/// The MPL protocol's 25M runs in a workspace as `losscast-cli eval --warmup-steps 2160` opens them: kTrain
/// as train runs, kTest (when `withTest`) held out.
Workspace protocolWorkspace(bool withTest)
{
    Workspace w;
    LoadOptions o;
    o.warmupSteps = 2160;
    o.everyRunACurve = true;
    for (const char* n : kTrain)
        w.open(example(n), o);
    if (withTest)
        for (const char* n : kTest)
            w.open(example(n), o);
    std::vector<int> heldOut;
    for (std::size_t i = std::size(kTrain); i < w.runs().size(); ++i)
        heldOut.push_back(w.runs()[i].id);
    for (int id : heldOut)
        w.setTrain(id, false);
    return w;
}

std::vector<Curve> heldOutCurves(const Workspace& w)
{
    std::vector<Curve> out;
    for (const auto& r : w.runs())
        if (!r.train && r.curve)
            out.push_back(*r.curve);
    return out;
}

} // namespace

class TestCliWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void everyRunACurveReadsAsLoadCurves_data();
    void everyRunACurveReadsAsLoadCurves();
    void fitEqualsForecast_data();
    void fitEqualsForecast();
    void windowFitKeepsTheDeltaBand();
    void holdOutScoresArePredictionMetrics();
    void followedForecastEqualsDirectForecast_data();
    void followedForecastEqualsDirectForecast();
};

void TestCliWorkspace::everyRunACurveReadsAsLoadCurves_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("run");
    QTest::addColumn<qlonglong>("warmup");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain-csv") << QString::fromStdString(example("25M_cosine_24000")) << ""
                               << "" << 2160LL << true;
    QTest::newRow("nan-rows") << QString::fromStdString(testData("cli/some_nan_loss.csv")) << ""
                              << "" << -1LL << true;
    QTest::newRow("bad-loss") << QString::fromStdString(testData("cli/bad_loss.csv")) << ""
                              << "" << -1LL << false;
    // A log without an LR: loadCurves names it as an error (the window's loadFile lets it wait for one).
    QTest::newRow("log-without-lr") << QString::fromStdString(testData("import/nanogpt.log")) << ""
                                    << "" << -1LL << false;
    QTest::newRow("log-with-schedule") << QString::fromStdString(testData("import/nanogpt.log"))
                                       << "cosine:peak=1e-3,final=1e-4,steps=5000,warmup=100"
                                       << "" << -1LL << true;
    const QString bucketed = QString::fromStdString(testData("import/wandb_chart_bucketed.csv"));
    const QString plan = "cosine:peak=1e-3,final=1e-4,steps=5000,warmup=100";
    QTest::newRow("multi-run-without-lr") << bucketed << ""
                                          << "" << -1LL << false;
    QTest::newRow("multi-run") << bucketed << plan << "" << -1LL << true;
    QTest::newRow("run-chosen") << bucketed << plan << "alpha-run" << -1LL << true;
    QTest::newRow("run-missing") << bucketed << plan << "nosuch" << -1LL << false;
    QTest::newRow("no-such-file") << QString::fromStdString(testData("cli/no_such_file.csv")) << ""
                                  << "" << -1LL << false;
}

void TestCliWorkspace::everyRunACurveReadsAsLoadCurves()
{
    QFETCH(QString, path);
    QFETCH(QString, schedule);
    QFETCH(QString, run);
    QFETCH(qlonglong, warmup);
    QFETCH(bool, ok);
    LoadOptions o;
    o.schedule = schedule.toStdString();
    o.run = run.toStdString();
    o.warmupSteps = warmup;
    const auto expected = loadCurves(path.toStdString(), o);
    QCOMPARE(expected.ok(), ok);

    o.everyRunACurve = true;
    Workspace w;
    const LoadResult opened = w.open(path.toStdString(), o);
    QCOMPARE(opened.ok(), ok);
    QCOMPARE(texts(opened.diagnostics), texts(expected.diagnostics));
    if (!ok) {
        QVERIFY(w.runs().empty());
        QVERIFY(!opened.errorText().empty());
        return;
    }
    QCOMPARE(w.runs().size(), expected->size());
    for (std::size_t i = 0; i < expected->size(); ++i) {
        const Curve& want = (*expected)[i];
        const WorkspaceRun& got = w.runs()[i];
        QVERIFY(got.curve);
        QCOMPARE(got.curve->name, want.name);
        QCOMPARE(got.curve->source, want.source);
        QCOMPARE(got.curve->steps, want.steps);
        QCOMPARE(got.curve->loss, want.loss);
        QCOMPARE(got.curve->schedule.lr, want.schedule.lr);
        QCOMPARE(got.curve->schedule.warmupSteps, want.schedule.warmupSteps);
        QCOMPARE(got.provenance.file, path.toStdString());
        QVERIFY(!got.name.empty());
    }
}

void TestCliWorkspace::fitEqualsForecast_data()
{
    QTest::addColumn<QString>("law");
    QTest::addColumn<QString>("setting"); // "key=value" or empty
    QTest::addColumn<bool>("calibrate");
    QTest::newRow("mtl") << "mtl"
                         << "" << true;
    QTest::newRow("mtl-lambda") << "mtl"
                                << "lambda=0.99" << true;
    QTest::newRow("mpl") << "mpl"
                         << "" << true;
    QTest::newRow("mpl-uncalibrated") << "mpl"
                                      << "" << false;
    QTest::newRow("auto") << "auto"
                          << "" << true;
}

void TestCliWorkspace::fitEqualsForecast()
{
    QFETCH(QString, law);
    QFETCH(QString, setting);
    QFETCH(bool, calibrate);
    Workspace w = protocolWorkspace(true);
    QVERIFY(w.setLaw(law.toStdString()));
    LawSettings settings;
    if (!setting.isEmpty()) {
        const auto kv = setting.split('=');
        settings[kv[0].toStdString()] = kv[1].toDouble();
    }
    w.setSettings(settings);
    LawFitOutcome attempt;
    std::string error;
    QVERIFY2(w.fit(WorkspaceFitRequest{{}, {}, calibrate}, &attempt, &error), error.c_str());

    // What losscast-cli fit/eval asked fit::forecast() for before they went through the workspace.
    fit::ForecastRequest req;
    req.law = law.toStdString();
    if (law != "auto")
        req.settings[req.law] = settings;
    req.calibrateBand = calibrate;
    req.targetLr = fit::lowestTargetLr(heldOutCurves(w));
    const fit::Forecast want = fit::forecast(w.trainCurves(), req);
    QVERIFY(want.law);

    const WorkspaceFit& got = *w.currentFit();
    QCOMPARE(got.law->id(), want.law->id());
    QCOMPARE(got.fit.names, want.fit.names);
    QVERIFY(same(got.fit.params, want.fit.params));
    QVERIFY(same(got.fit.stderrs, want.fit.stderrs));
    QCOMPARE(got.fit.settings, want.fit.settings);
    QVERIFY(got.fit.summary.status == want.fit.summary.status);
    QCOMPARE(got.fit.summary.finalCost, want.fit.summary.finalCost);
    QCOMPARE(got.fit.summary.iterations, want.fit.summary.iterations);
    QVERIFY(same(got.bandCovariance, want.bandCovariance));
    QCOMPARE(got.bandRelSigma, want.bandRelSigma);
    QCOMPARE(got.bandMethod, want.bandMethod);
    QCOMPARE(got.notes, want.notes);
    QCOMPARE(got.warnings.size(), want.warnings.size());
    for (std::size_t i = 0; i < got.warnings.size(); ++i)
        QCOMPARE(got.warnings[i].message, want.warnings[i].message);
    QCOMPARE(bool(got.choice), bool(want.choice));
    if (want.choice) {
        QCOMPARE(got.choice->chosen, want.choice->chosen);
        QCOMPARE(got.choice->criterion, want.choice->criterion);
        QCOMPARE(got.choice->candidates.size(), want.choice->candidates.size());
    }
    QCOMPARE(calibrate, got.bandRelSigma > 0.0); // the 25M runs calibrate the band
    // The outcome handed back is the fit kept.
    QVERIFY(same(attempt.fit.params, got.fit.params));
    QCOMPARE(attempt.bandRelSigma, got.bandRelSigma);
}

void TestCliWorkspace::windowFitKeepsTheDeltaBand()
{
    // The window's fit() does not calibrate (it draws the fit's own band): unchanged by the CLI's request.
    Workspace w = protocolWorkspace(false);
    QVERIFY(w.setLaw("mtl"));
    std::string error;
    QVERIFY2(w.fit({}, {}, &error), error.c_str());
    QCOMPARE(w.currentFit()->bandRelSigma, 0.0);
    QCOMPARE(w.currentFit()->bandMethod, std::string("delta (model-curve covariance only)"));
    QVERIFY(same(w.currentFit()->bandCovariance, w.currentFit()->fit.covariance));
}

void TestCliWorkspace::holdOutScoresArePredictionMetrics()
{
    // losscast-cli eval reports the workspace's scores of its hold-out runs as "test": they must be the
    // metrics of fit::predict on each --test curve.
    Workspace w = protocolWorkspace(true);
    QVERIFY(w.setLaw("mtl"));
    QVERIFY(w.fit(WorkspaceFitRequest{{}, {}, true}, nullptr));
    const WorkspaceFit& f = *w.currentFit();
    const auto test = heldOutCurves(w);
    QCOMPARE(test.size(), std::size(kTest));
    std::vector<fit::Metrics> heldOut;
    for (const auto& s : w.scores())
        if (!s.train)
            heldOut.push_back(s.metrics);
    QCOMPARE(heldOut.size(), test.size());
    std::vector<fit::Metrics> direct;
    for (std::size_t i = 0; i < test.size(); ++i) {
        const auto m = fit::computeMetrics(
            fit::predict(*f.law, f.fit.params, test[i].schedule, test[i].steps, f.fit.settings),
            test[i].loss);
        direct.push_back(m);
        QCOMPARE(heldOut[i].points, m.points);
        QCOMPARE(heldOut[i].r2, m.r2);
        QCOMPARE(heldOut[i].mae, m.mae);
        QCOMPARE(heldOut[i].rmse, m.rmse);
        QCOMPARE(heldOut[i].predE, m.predE);
        QCOMPARE(heldOut[i].worstE, m.worstE);
        QVERIFY(m.predE > 0.0 && m.predE < 0.05);
    }
    QCOMPARE(w.meanScore(false).predE, fit::average(direct).predE);
}

void TestCliWorkspace::followedForecastEqualsDirectForecast_data()
{
    QTest::addColumn<QString>("law");
    QTest::addColumn<QString>("run");
    QTest::newRow("mtl") << "mtl"
                         << "25M_cosine_24000";
    QTest::newRow("mpl") << "mpl"
                         << "25M_wsdcon_9";
    // The plan anneals past the constant run: "auto" sees the early stop through the forecast's reach.
    QTest::newRow("auto-early-stop") << "auto"
                                     << "25M_constant_24000";
}

void TestCliWorkspace::followedForecastEqualsDirectForecast()
{
    // losscast-cli forecast (and the window's Follow) fit through a Workspace in forecastFollowed(): the
    // same forecast as fit::forecast() on the thinned run with the plan's lowest LR as the reach.
    QFETCH(QString, law);
    QFETCH(QString, run);
    LoadOptions o;
    o.warmupSteps = 2160;
    const auto curves = loadCurves(example(run.toUtf8().constData()), o);
    QVERIFY(curves.ok());
    const Curve& curve = curves->front();
    const auto plan = Schedule::fromText("cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160");
    QVERIFY(plan.ok());
    fit::ForecastRequest req;
    req.law = law.toStdString();
    const LiveForecast got = forecastFollowed(curve, true, plan->toInput(), req);
    QVERIFY2(got.ok(), got.problem().c_str());

    const ScheduleInput schedule = plannedSchedule(curve, true, plan->toInput());
    Curve reach;
    reach.schedule = schedule;
    req.targetLr = fit::lowestTargetLr({reach});
    const fit::Forecast want = fit::forecast({thinForFit(curve)}, req);
    QVERIFY(want.law);
    const std::int64_t at[1] = {got.finalStep};
    const auto band = fit::forecastBand(want, schedule, at, 0.95);
    QCOMPARE(got.forecast.law->id(), want.law->id());
    QVERIFY(same(got.forecast.fit.params, want.fit.params));
    QCOMPARE(got.forecast.bandRelSigma, want.bandRelSigma);
    QCOMPARE(got.forecast.warnings.size(), want.warnings.size());
    QCOMPARE(got.finalLoss, band.loss[0]);
    QCOMPARE(got.lower, band.lower[0]);
    QCOMPARE(got.upper, band.upper[0]);
}

QTEST_APPLESS_MAIN(TestCliWorkspace)
#include "tst_cliworkspace.moc"
