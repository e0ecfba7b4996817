// Tests of the Qt-free document (core/workspace): the loader registry and its one "plain CSV first"
// policy, runs with provenance, the split, fitting (a named law, fixed parameters, "auto"), scores,
// scenario editing with cached predictions, observers, and the session round trip.
#include "core/io/curvecsv.h"
#include "core/laws/law.h"
#include "core/session/session.h"
#include "core/workspace/lawfit.h"
#include "core/workspace/loaders.h"
#include "core/workspace/workspace.h"

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace losscast::core;
using namespace losscast::core::workspace;

namespace {

// MTL (Tissue et al. 2024, Eq. 1): the paper's 594M fit L0, A, alpha, C.
const std::vector<double> kTruth = {2.628, 0.429, 0.550, 0.411};

/// A noiseless MTL curve under `s`, logged every 20 steps.
Curve mtlCurve(const std::string& name, const Schedule& s)
{
    const auto law = findCurveLaw("mtl");
    Curve c;
    c.name = name;
    c.schedule = s.toInput();
    for (std::int64_t step = 20; step <= s.totalSteps(); step += 20)
        c.steps.push_back(step);
    c.loss = fit::predict(*law, kTruth, c.schedule, c.steps, law->defaultSettings());
    return c;
}

void writeText(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString(), std::ios::binary) << text;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void registryListsOneLoaderPerFamily();
    void sniffNamesTheFormat_data();
    void sniffNamesTheFormat();
    void plainCurveCsvIsReadFirst();
    void curveCsvDataErrorPolicy();
    void logWithoutLrWaitsOrTakesSchedule();
    void curveCsvWarmupDetectedOnRequest();
    void loadCurvesMatchesTheReaders();
    void observersHearEachChange();
    void fitRecoversParametersAndScoresHoldOut();
    void fixedParameterStaysAtItsValue();
    void handedOverCurvesScoreUntilAnEdit();
    void runChangesBumpTheirRevision();
    void clearEmptiesButKeepsObservers();
    void setScenariosRestoresAState();
    void ticksEqualToTheLawsHoldingAreItsDefault();
    void autoChoosesThroughModelSelection();
    void scenarioEditsAndCachedPredictions();
    void sessionRoundTrip();

private:
    QTemporaryDir m_dir;
    QString m_cosine, m_wsd, m_constant;
    QString path(const QString& name) const { return m_dir.filePath(name); }
};

void TestWorkspace::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cosine = path("cosine.csv");
    m_wsd = path("wsd.csv");
    m_constant = path("constant.csv");
    QVERIFY(writeCurveCsv(m_cosine.toStdString(), mtlCurve("cosine", Schedule::cosine(3e-4, 3e-5, 6000, 200)))
                .ok());
    QVERIFY(
        writeCurveCsv(m_wsd.toStdString(), mtlCurve("wsd", Schedule::wsd(3e-4, 3e-5, 6000, 200, 0.2))).ok());
    QVERIFY(writeCurveCsv(m_constant.toStdString(), mtlCurve("constant", Schedule::constant(3e-4, 4000, 200)))
                .ok());
}

void TestWorkspace::registryListsOneLoaderPerFamily()
{
    std::vector<std::string> ids;
    for (const auto& l : loaders()) {
        ids.push_back(l.id);
        QVERIFY(!l.description.empty());
        QVERIFY(l.sniff && l.read);
    }
    // The plain curve CSV is tried first: it is the format LossCast writes.
    QCOMPARE(ids, (std::vector<std::string>{"curve-csv", "csv", "text", "json", "jsonl", "folder"}));
    QVERIFY(findLoader("text") != nullptr);
    QVERIFY(findLoader("nope") == nullptr);
}

void TestWorkspace::sniffNamesTheFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("loader");
    const QString data = QStringLiteral(LOSSCAST_TEST_DATA_DIR) + "/import/";
    QTest::newRow("curve-csv") << QString() << "curve-csv"; // m_cosine, filled in below
    QTest::newRow("wandb-chart") << data + "wandb_chart_bucketed.csv"
                                 << "csv";
    QTest::newRow("nanogpt") << data + "nanogpt.log"
                             << "text";
    QTest::newRow("wandb-folder") << data + "wandb_modern_run"
                                  << "folder";
}

void TestWorkspace::sniffNamesTheFormat()
{
    QFETCH(QString, file);
    QFETCH(QString, loader);
    if (file.isEmpty())
        file = m_cosine;
    QVERIFY2(QFileInfo::exists(file), qPrintable(file + " is a tracked fixture and must exist"));
    const Loader* l = sniffLoader(file.toStdString());
    QVERIFY(l);
    QCOMPARE(QString::fromStdString(l->id), loader);
    QVERIFY(sniffLoader(path("missing.csv").toStdString()) == nullptr);
}

void TestWorkspace::plainCurveCsvIsReadFirst()
{
    const LoadResult r = loadFile(m_cosine.toStdString());
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r.loader, std::string("curve-csv"));
    QCOMPARE(r.runs.size(), std::size_t(1));
    QCOMPARE(r.runs[0].name, std::string("cosine"));
    QCOMPARE(r.runs[0].provenance.file, m_cosine.toStdString());
    QCOMPARE(r.runs[0].provenance.format, std::string("curve-csv"));
    QVERIFY(!r.runs[0].needsLr());
    const auto direct = readCurveCsv(m_cosine.toStdString(), 0);
    QVERIFY(direct.ok());
    QCOMPARE(r.runs[0].curve->loss, direct->loss);
    QCOMPARE(r.runs[0].curve->schedule.lr, direct->schedule.lr);
}

void TestWorkspace::curveCsvDataErrorPolicy()
{
    // A step,lr,loss file with a bad row: losscast-cli reports it (final); the window reads what it can.
    const QString bad = path("bad_row.csv");
    writeText(bad, "step,lr,loss\n1,0.001,3.0\n2,0.001,abc\n3,0.001,2.9\n");
    LoadOptions strict;
    const LoadResult a = loadFile(bad.toStdString(), strict);
    QVERIFY(!a.ok());
    QCOMPARE(a.loader, std::string("curve-csv"));
    QVERIFY2(a.errorText().find(":3:") != std::string::npos, a.errorText().c_str()); // names the line
    LoadOptions lenient;
    lenient.curveCsvErrorsAreFinal = false;
    const LoadResult b = loadFile(bad.toStdString(), lenient);
    QCOMPARE(b.loader, std::string("csv"));
    QVERIFY2(b.ok(), b.errorText().c_str());
    QCOMPARE(b.runs.size(), std::size_t(1));
    QVERIFY(b.runs[0].curve.has_value());
    QCOMPARE(b.runs[0].curve->loss.size(), std::size_t(2)); // the unreadable cell is a gap
}

void TestWorkspace::logWithoutLrWaitsOrTakesSchedule()
{
    const QString log = path("loss_only.csv");
    writeText(log, "step,train/loss\n10,3.5\n20,3.2\n30,3.0\n40,2.9\n");
    const LoadResult waiting = loadFile(log.toStdString());
    QVERIFY2(waiting.ok(), waiting.errorText().c_str());
    QCOMPARE(waiting.runs.size(), std::size_t(1));
    QVERIFY(waiting.runs[0].needsLr());
    QVERIFY(waiting.runs[0].waitsForLr); // a loss without an LR waits: not an error
    QVERIFY(waiting.runs[0].source != nullptr);

    // Neither a loss nor an LR: the run cannot wait for an LR; its own error says what is missing.
    const QString noLoss = path("tokens_only.csv");
    writeText(noLoss, "step,tokens\n10,1000\n20,2000\n");
    const LoadResult failed = loadFile(noLoss.toStdString());
    QVERIFY(!failed.ok());
    QCOMPARE(failed.runs.size(), std::size_t(1));
    QVERIFY(!failed.runs[0].curve && !failed.runs[0].waitsForLr);
    QVERIFY(!failed.runs[0].diagnostics.empty());
    // The run's diagnostics are in the result's too, and not among the file's own.
    QCOMPARE(failed.errorText().find(failed.runs[0].diagnostics[0].message) != std::string::npos, true);
    for (const auto& d : failed.fileDiagnostics())
        QVERIFY(d.message != failed.runs[0].diagnostics[0].message);

    LoadOptions withSchedule;
    withSchedule.schedule = "cosine:peak=3e-4,final=3e-5,steps=40,warmup=5";
    const LoadResult given = loadFile(log.toStdString(), withSchedule);
    QVERIFY2(given.ok(), given.errorText().c_str());
    QCOMPARE(given.runs.size(), std::size_t(1));
    QVERIFY(!given.runs[0].needsLr());
    QCOMPARE(given.runs[0].provenance.schedule, withSchedule.schedule);
    QCOMPARE(given.runs[0].curve->schedule.lr, Schedule::fromText(withSchedule.schedule)->render());

    LoadOptions badSchedule;
    badSchedule.schedule = "cosine:peak=oops";
    QVERIFY(!loadFile(log.toStdString(), badSchedule).ok());
}

void TestWorkspace::curveCsvWarmupDetectedOnRequest()
{
    // A plain curve CSV whose logged LR rises from step 0: the CLI's default takes warmup 0 (W = −1 →
    // max(W, 0)); the window asks for detection (core::kAutoWarmup), as readCurveCsv does it.
    const QString ramp = path("ramp.csv");
    std::string text = "step,lr,loss\n";
    for (int s = 1; s <= 40; ++s)
        text += std::to_string(s * 10) + "," + std::to_string(s <= 10 ? 3e-4 * s / 10 : 3e-4) + "," +
                std::to_string(4.0 - 0.02 * s) + "\n";
    writeText(ramp, text);
    const LoadResult cli = loadFile(ramp.toStdString());
    QVERIFY2(cli.ok(), cli.errorText().c_str());
    QCOMPARE(cli.runs[0].curve->schedule.warmupSteps,
             readCurveCsv(ramp.toStdString(), 0)->schedule.warmupSteps);
    LoadOptions detect;
    detect.detectCurveCsvWarmup = true;
    const LoadResult window = loadFile(ramp.toStdString(), detect);
    QVERIFY2(window.ok(), window.errorText().c_str());
    const auto detected = readCurveCsv(ramp.toStdString(), kAutoWarmup);
    QCOMPARE(window.runs[0].curve->schedule.warmupSteps, detected->schedule.warmupSteps);
    QVERIFY(detected->schedule.warmupSteps > 0);
    QCOMPARE(window.runs[0].provenance.format, std::string("curve-csv"));
}

void TestWorkspace::loadCurvesMatchesTheReaders()
{
    // The CLI's reading: a plain curve through readCurveCsv, a log through importCurves (same messages).
    const auto plain = loadCurves(m_wsd.toStdString());
    QVERIFY(plain.ok());
    QCOMPARE(plain->size(), std::size_t(1));
    QCOMPARE(plain->front().loss, readCurveCsv(m_wsd.toStdString(), 0)->loss);

    const QString log = path("loss_only2.csv");
    writeText(log, "step,train/loss\n10,3.5\n20,3.2\n");
    const auto noLr = loadCurves(log.toStdString());
    QVERIFY(!noLr.ok());
    const auto viaImporter = import::importCurves(log.toStdString(), {});
    QCOMPARE(noLr.errorText(), viaImporter.errorText());
    QVERIFY(noLr.errorText().find("no learning rate") != std::string::npos);
}

void TestWorkspace::observersHearEachChange()
{
    Workspace w;
    std::vector<Change> heard;
    const int handle = w.addObserver([&](Change c) { heard.push_back(c); });
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(heard == std::vector<Change>{Change::Runs});
    const int id = w.runs().front().id;
    QVERIFY(w.setTrain(id, false));
    QVERIFY(w.setTrain(id, false)); // no change: no notification
    QVERIFY(w.setLaw("mpl"));
    QVERIFY(!w.setLaw("no-such-law"));
    w.addScenario("cos", Schedule::cosine(3e-4, 3e-5, 1000, 10));
    QVERIFY(heard == (std::vector<Change>{Change::Runs, Change::Split, Change::Model, Change::Scenarios}));
    w.removeObserver(handle);
    w.setCurrentScenario(0);
    QCOMPARE(heard.size(), std::size_t(4));
}

void TestWorkspace::fitRecoversParametersAndScoresHoldOut()
{
    Workspace w;
    w.setWarmup(200); // the curves' warmup (MPL needs it to place t = 1)
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_constant.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    const int held = w.runs().back().id;
    QVERIFY(w.setTrain(held, false));
    QCOMPARE(w.trainCurves().size(), std::size_t(2));
    QVERIFY(w.setLaw("mtl"));
    std::string error;
    QVERIFY2(w.fit({}, {}, &error), error.c_str());
    const auto& f = w.currentFit();
    QVERIFY(f.has_value());
    QCOMPARE(f->fit.law, std::string("mtl"));
    QCOMPARE(f->trainIds.size(), std::size_t(2));
    for (std::size_t i = 0; i < kTruth.size(); ++i)
        QVERIFY2(std::abs(f->fit.params[i] - kTruth[i]) <= 0.02 * std::abs(kTruth[i]),
                 qPrintable(QString("param %1: %2 vs %3").arg(i).arg(f->fit.params[i]).arg(kTruth[i])));
    // The held-out WSD run is predicted from its own schedule: noiseless data, so PredE is tiny.
    const auto& scores = w.scores();
    QCOMPARE(scores.size(), std::size_t(3));
    QCOMPARE(scores.back().runId, held);
    QVERIFY(!scores.back().train);
    QVERIFY2(scores.back().metrics.predE < 1e-3, qPrintable(QString::number(scores.back().metrics.predE)));
    QVERIFY(w.meanScore(true).predE < 1e-3);
    QCOMPARE(w.fittedCurve(held).size(), w.run(held)->curve->steps.size());

    // Nothing ticked: a clear refusal, and the fit is kept.
    Workspace empty;
    QVERIFY(!empty.fit({}, {}, &error));
    QVERIFY(error.find("ticked") != std::string::npos);
}

void TestWorkspace::handedOverCurvesScoreUntilAnEdit()
{
    // A window fits in its worker and hands the fit over with the runs' fitted curves: they are what
    // fittedCurve() and scores() use, until a parameter edit or a new curve of the run.
    Workspace fitted;
    fitted.setWarmup(200);
    QVERIFY(fitted.open(m_cosine.toStdString()).ok());
    QVERIFY(fitted.open(m_wsd.toStdString()).ok());
    QVERIFY(fitted.setLaw("mtl"));
    QVERIFY(fitted.fit());
    const WorkspaceFit fit = *fitted.currentFit();

    Workspace w;
    w.setWarmup(200);
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    const int a = w.runs().front().id, b = w.runs().back().id;
    // A handed-over curve (marked by an offset) is returned as it is, not predicted again.
    std::vector<double> marked = fitted.fittedCurve(a);
    for (double& v : marked)
        v += 0.5;
    w.setFit(fit, {{a, marked}});
    QVERIFY(w.hasHandedOverCurve(a));
    QVERIFY(!w.hasHandedOverCurve(b)); // not handed over: predicted on demand
    QCOMPARE(w.fittedCurve(a), marked);
    QCOMPARE(w.fittedCurve(b), fitted.fittedCurve(b));
    QCOMPARE(w.scores().size(), std::size_t(2));
    QVERIFY(w.scores().front().metrics.predE > 0.05); // scored from the marked curve
    QVERIFY(w.scores().back().metrics.predE < 1e-3);

    // A growing (followed) run is not predicted on demand: it is scored only from a handed-over curve.
    QVERIFY(w.setGrowing(b, true));
    QVERIFY(w.fittedCurve(b).empty());
    QCOMPARE(w.scores().size(), std::size_t(1));
    QVERIFY(w.setGrowing(b, false));

    // An edit invalidates the handed-over curves; undoing it (the same values) makes them valid again.
    const std::vector<double> params = fit.fit.params;
    std::vector<double> edited = params;
    edited[0] *= 1.01;
    QVERIFY(w.setParameterValues(edited));
    QVERIFY(!w.hasHandedOverCurve(a));
    QCOMPARE(w.currentFit()->fit.params, edited);
    QVERIFY(w.fittedCurve(a) != marked);
    QVERIFY(!w.setParameterValues({1.0})); // wrong count: unchanged
    QVERIFY(w.setParameterValues(params));
    QVERIFY(w.hasHandedOverCurve(a));
    // A new curve of the run drops its handed-over one.
    QVERIFY(w.setRunCurve(a, *w.run(a)->curve));
    QVERIFY(!w.hasHandedOverCurve(a));
    QCOMPARE(w.fittedCurve(a), fitted.fittedCurve(a));
}

void TestWorkspace::runChangesBumpTheirRevision()
{
    Workspace w;
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    const int a = w.runs().front().id, b = w.runs().back().id;
    const auto revA = w.run(a)->revision, revB = w.run(b)->revision;
    QVERIFY(w.setTrain(a, false));
    QVERIFY(w.run(a)->revision > revA);
    QCOMPARE(w.run(b)->revision, revB); // only the run that changed
    const auto rev = w.run(a)->revision;
    QVERIFY(w.setTrain(a, false)); // no change: no new revision
    QCOMPARE(w.run(a)->revision, rev);
    Curve shorter = *w.run(b)->curve;
    shorter.steps.resize(10);
    shorter.loss.resize(10);
    QVERIFY(w.setRunCurve(b, shorter));
    QVERIFY(w.run(b)->revision > revB);
    QCOMPARE(w.run(b)->curve->steps.size(), std::size_t(10));
    QVERIFY(!w.setRunCurve(9999, shorter));
}

void TestWorkspace::clearEmptiesButKeepsObservers()
{
    Workspace w;
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    w.addScenario("cos", Schedule::cosine(3e-4, 3e-5, 1000, 10));
    QVERIFY(w.setLaw("mpl"));
    int heard = 0;
    w.addObserver([&](Change) { ++heard; });
    w.clear();
    QVERIFY(heard > 0);
    QVERIFY(w.runs().empty());
    QVERIFY(w.scenarios().empty());
    QVERIFY(!w.currentFit());
    QCOMPARE(w.lawId(), std::string("mtl"));
    heard = 0;
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QCOMPARE(heard, 1);
    QCOMPARE(w.runs().front().id, 1); // ids start again with the new document
}

void TestWorkspace::setScenariosRestoresAState()
{
    Workspace w;
    w.addScenario("a", Schedule::cosine(3e-4, 3e-5, 1000, 10));
    w.addScenario("b", Schedule::constant(3e-4, 1000, 10));
    const std::vector<WorkspaceScenario> before = w.scenarios();
    const auto points = w.controlPoints(0);
    QVERIFY(points.size() >= 3);
    std::string why;
    QVERIFY2(w.moveControlPoint(0, 1, {points[1].step, points[1].lr * 0.5}, &why), why.c_str());
    QVERIFY(!(w.scenarios()[0].schedule == before[0].schedule));
    w.setScenarios(before, 0, 1);
    QCOMPARE(w.scenarios().size(), std::size_t(2));
    QVERIFY(w.scenarios()[0].schedule == before[0].schedule);
    QCOMPARE(w.currentScenario(), 0);
    QCOMPARE(w.baselineScenario(), 1);
    w.setScenarios({}, 5, 5); // out of range: clamped
    QCOMPARE(w.currentScenario(), -1);
    QCOMPARE(w.baselineScenario(), 0);
}

void TestWorkspace::fixedParameterStaysAtItsValue()
{
    Workspace w;
    w.setWarmup(200); // the curves' warmup (MPL needs it to place t = 1)
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    QVERIFY(w.setLaw("mtl"));
    std::vector<double> values = kTruth;
    values[0] = 2.5; // L0 held at a wrong value: the others absorb it, L0 stays
    w.setFixed({true, false, false, false}, values);
    std::string error;
    QVERIFY2(w.fit({}, {}, &error), error.c_str());
    QCOMPARE(w.currentFit()->fit.params[0], 2.5);
    QVERIFY(std::isnan(w.currentFit()->fit.stderrs[0]));
    QVERIFY(w.currentFit()->fit.params[1] != values[1]);
}

void TestWorkspace::ticksEqualToTheLawsHoldingAreItsDefault()
{
    // MPL holds β and γ under its defaults (the paper's fit): those ticks are its default fit, not a user's
    // choice; unticking one, or ticking another, is.
    const auto mpl = findCurveLaw("mpl");
    QVERIFY(mpl);
    const std::size_t n = mpl->parameters().size();
    std::vector<bool> held(n, false);
    const auto holding = mpl->heldParameters(mpl->defaultSettings());
    QVERIFY(!holding.empty());
    for (const auto& h : holding)
        held[h.index] = true;
    QVERIFY(!differsFromOwnHolding(*mpl, held));
    QVERIFY(!differsFromOwnHolding(*mpl, {}));
    std::vector<bool> freed = held;
    freed[holding.front().index] = false;
    QVERIFY(differsFromOwnHolding(*mpl, freed));
    std::vector<bool> more = held;
    const std::size_t other = held[0] ? 1 : 0;
    more[other] = true;
    QVERIFY(!held[other] && differsFromOwnHolding(*mpl, more));
    // MTL holds nothing: any tick is the user's.
    const auto mtl = findCurveLaw("mtl");
    QVERIFY(!differsFromOwnHolding(*mtl, std::vector<bool>(mtl->parameters().size(), false)));
    std::vector<bool> one(mtl->parameters().size(), false);
    one[0] = true;
    QVERIFY(differsFromOwnHolding(*mtl, one));
}

void TestWorkspace::autoChoosesThroughModelSelection()
{
    Workspace w;
    w.setWarmup(200); // the curves' warmup (MPL needs it to place t = 1)
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    QVERIFY(w.open(m_constant.toStdString()).ok());
    QVERIFY(w.setLaw("auto"));
    std::string error;
    QVERIFY2(w.fit({}, {}, &error), error.c_str());
    const auto& f = *w.currentFit();
    QVERIFY(f.choice.has_value());
    QCOMPARE(f.choice->candidates.size(), curveLaws().size());
    // The same choice as the criterion called directly (losscast-cli eval --law auto).
    const auto direct = fit::chooseCurveLaw(w.trainCurves(), curveLaws());
    QCOMPARE(f.choice->chosen, direct.chosen);
    QCOMPARE(f.fit.law, direct.candidates[std::size_t(direct.chosen)].law);
    QCOMPARE(f.law->id(), f.fit.law);
}

void TestWorkspace::scenarioEditsAndCachedPredictions()
{
    Workspace w;
    w.setWarmup(200); // the curves' warmup (MPL needs it to place t = 1)
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    const int s = w.addScenario("WSD", Schedule::wsd(3e-4, 3e-5, 6000, 200, 0.2));
    QCOMPARE(s, 0);
    QVERIFY(std::isnan(w.prediction(0).finalLoss)); // no fit yet
    QVERIFY(w.fit());
    const ScenarioPrediction& first = w.prediction(0);
    QVERIFY(std::isfinite(first.finalLoss));
    const auto law = findCurveLaw("mtl");
    const auto expected = predictSchedule(*law, w.currentFit()->fit, w.scenarios()[0].schedule);
    QCOMPARE(first.loss, expected.loss);
    QCOMPARE(&w.prediction(0), &first); // cached
    const double before = first.finalLoss;

    // Drag the last point (the final LR) down: the scenario turns piecewise and anneals further.
    const std::vector<LrPoint> points = w.controlPoints(0);
    QVERIFY(points.size() >= 3);
    QCOMPARE(points.front().step, 200.0); // starts where the warmup ends
    QCOMPARE(points.back().step, 6000.0);
    LrPoint to = points.back();
    to.lr = 0.0;
    std::string why;
    QVERIFY2(w.moveControlPoint(0, points.size() - 1, to, &why), why.c_str());
    QVERIFY(w.scenarios()[0].schedule.phases().front().kind == ScheduleKind::Piecewise);
    QCOMPARE(w.scenarios()[0].schedule.warmupSteps(), std::int64_t(200));
    QCOMPARE(w.scenarios()[0].schedule.lrAt(6000), 0.0);
    QVERIFY(w.prediction(0).finalLoss < before);

    // An invalid move (a negative LR) is refused with the schedule's reason; nothing changes.
    const Schedule kept = w.scenarios()[0].schedule;
    LrPoint negative = w.controlPoints(0)[1];
    negative.lr = -1.0;
    QVERIFY(!w.moveControlPoint(0, 1, negative, &why));
    QVERIFY(!why.empty());
    QVERIFY(w.scenarios()[0].schedule == kept);

    const std::size_t n = w.controlPoints(0).size();
    QVERIFY(w.addControlPoint(0, LrPoint{3000.0, 2e-4}));
    QCOMPARE(w.controlPoints(0).size(), n + 1);
    QVERIFY(w.removeControlPoint(0, 1));
    QCOMPARE(w.controlPoints(0).size(), n);

    // A parameter edit invalidates the cached predictions.
    const double edited = w.prediction(0).finalLoss;
    QVERIFY(w.setParameterValue(0, w.currentFit()->fit.params[0] + 0.1));
    QCOMPARE(w.prediction(0).finalLoss, edited + 0.1); // L0 shifts the curve
}

void TestWorkspace::sessionRoundTrip()
{
    Workspace w;
    w.setWarmup(200); // the curves' warmup (MPL needs it to place t = 1)
    QVERIFY(w.open(m_cosine.toStdString()).ok());
    QVERIFY(w.open(m_wsd.toStdString()).ok());
    QVERIFY(w.open(m_constant.toStdString()).ok());
    QVERIFY(w.setTrain(w.runs()[2].id, false));
    QVERIFY(w.setVisible(w.runs()[1].id, false));
    QVERIFY(w.fit());
    w.addScenario("Cosine", Schedule::cosine(3e-4, 3e-5, 6000, 200));
    w.addScenario("WSD", Schedule::wsd(3e-4, 3e-5, 6000, 200, 0.2));
    w.setBaselineScenario(0);
    w.setMixtureInputs({path("mix.csv").toStdString()});
    // An edited parameter is saved beside the fit as fitted; a fixed one by its name.
    const std::vector<double> asFitted = w.currentFit()->fit.params;
    QVERIFY(w.setParameterValue(0, asFitted[0] * 1.01));
    std::vector<bool> fixed(asFitted.size(), false);
    fixed[1] = true;
    w.setFixed(fixed, w.currentFit()->fit.params);

    const std::string dir = m_dir.path().toStdString();
    const std::string text = writeSessionText(w.toSession(dir));
    const auto parsed = parseSession(text, "test.losscast");
    QVERIFY2(parsed.ok(), parsed.errorText().c_str());
    QCOMPARE(parsed->files.size(), std::size_t(3));
    QCOMPARE(parsed->files[0].path, std::string("cosine.csv")); // relative to the session
    std::vector<std::string> problems;
    QCOMPARE(parsed->warmup, std::int64_t(200));
    QVERIFY(parsed->fit.has_value());
    QCOMPARE(parsed->fit->fit.params, asFitted);
    QCOMPARE(parsed->editedValues, w.currentFit()->fit.params);
    QCOMPARE(parsed->fixedParams, (std::vector<std::string>{w.currentFit()->fit.names[1]}));
    const Workspace back = Workspace::fromSession(*parsed, dir, &problems);
    QVERIFY(problems.empty());
    QCOMPARE(back.warmup(), std::int64_t(200));
    QCOMPARE(back.runs().size(), w.runs().size());
    for (std::size_t i = 0; i < w.runs().size(); ++i) {
        QCOMPARE(back.runs()[i].name, w.runs()[i].name);
        QCOMPARE(back.runs()[i].train, w.runs()[i].train);
        QCOMPARE(back.runs()[i].visible, w.runs()[i].visible);
        QCOMPARE(back.runs()[i].curve->loss, w.runs()[i].curve->loss);
    }
    QVERIFY(back.currentFit().has_value());
    QCOMPARE(back.currentFit()->fit.params, w.currentFit()->fit.params);
    QCOMPARE(back.currentFit()->asFitted, asFitted);
    QCOMPARE(back.fixed(), fixed);
    // Ticks belong to the law they were set for: after switching to another law and back they still apply,
    // set under one law they are not applied to another.
    Workspace other;
    other.setWarmup(200);
    QVERIFY(other.open(m_cosine.toStdString()).ok());
    QVERIFY(other.setLaw("mpl"));
    std::vector<bool> mtlTicks(4, false);
    mtlTicks[0] = true;
    QVERIFY(other.setLaw("mtl"));
    other.setFixed(mtlTicks, {1.0, 0.5, 0.5, 0.1});
    QVERIFY(other.setLaw("mpl"));
    QVERIFY(other.setLaw("mtl"));
    QCOMPARE(other.fixed(), mtlTicks);
    QVERIFY(other.fit());
    QCOMPARE(other.currentFit()->fit.params[0], 1.0); // held
    QCOMPARE(back.currentFit()->trainIds.size(), std::size_t(2));
    QCOMPARE(back.scenarios().size(), std::size_t(2));
    QVERIFY(back.scenarios()[1].schedule == w.scenarios()[1].schedule);
    QCOMPARE(back.currentScenario(), 1);
    QCOMPARE(back.prediction(1).loss, w.prediction(1).loss); // restored fit, no refit
    QCOMPARE(back.mixtureInputs(), w.mixtureInputs());

    // A file gone since: named as a problem, the other runs still open.
    QVERIFY(QFile::rename(m_constant, m_constant + ".moved"));
    problems.clear();
    const Workspace partial = Workspace::fromSession(*parsed, dir, &problems);
    QVERIFY(QFile::rename(m_constant + ".moved", m_constant));
    QCOMPARE(partial.runs().size(), std::size_t(2));
    QCOMPARE(problems.size(), std::size_t(1));
    QVERIFY2(problems[0].find("constant.csv") != std::string::npos, problems[0].c_str());
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
