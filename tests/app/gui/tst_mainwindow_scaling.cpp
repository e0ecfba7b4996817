// The Scaling view in the window: View → Scaling, a table built from the opened runs (N from the run names),
// the session round trip (table path, columns, fit settings, budget; the fit made again on opening), the fit
// export, and the Schaipp runs of ../shared (skipped without it) as a real table.
#include "app/gui/mainwindow.h"
#include "app/gui/scaling.h"
#include "app/gui/sizecurve.h"

#include "core/fit/fitter.h"
#include "core/scaling/chinchilla.h"
#include "core/session/session.h"
#include "core/util/json.h"
#include "core/util/textfile.h"
#include "widgets/plotpanel.h"
#include "widgets/scalingview.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using losscast::app::MainWindow;
using losscast::widgets::ScalingView;
namespace core = losscast::core;
namespace sc = losscast::core::scaling;

namespace {

const sc::ChinchillaParams kTrue{1.8, 480.0, 2100.0, 0.34, 0.29};

QString writeSynthetic(const QString& path)
{
    QString csv = QStringLiteral("size,train_tokens,final\n");
    int k = 0;
    for (double n : {2e7, 6e7, 1.5e8, 4e8, 1e9})
        for (double d : {1e9, 4e9, 1.6e10, 6e10})
            csv += QStringLiteral("%1,%2,%3\n")
                       .arg(n, 0, 'g', 17)
                       .arg(d, 0, 'g', 17)
                       .arg(kTrue.predict(n, d) * (1.0 + 0.001 * std::sin(1.7 * k++)), 0, 'g', 17);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(csv.toUtf8());
    return path;
}

bool waitFit(ScalingView* v)
{
    // The result arrives through the runner's queued signal: wait for the job, then for the signal.
    QSignalSpy spy(v, &ScalingView::fitFinished);
    v->waitForFit();
    if (spy.isEmpty() && !spy.wait(5000)) // delivered before the call, or never
        return v->hasFit();
    return spy.last().first().toBool();
}

} // namespace

class TestMainWindowScaling : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void viewMenuShowsScaling();
    void sessionRoundTrip();
    void tableFromOpenedRuns();
    void modelSizeFromNames();
    void badScalingSessionMember();
    void curveAtModelSize();
    void schaippRunsTable();

private:
    QTemporaryDir m_tmp;
};

void TestMainWindowScaling::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
}

void TestMainWindowScaling::viewMenuShowsScaling()
{
    MainWindow w;
    auto* dock = w.findChild<QDockWidget*>(QStringLiteral("scalingDock"));
    QVERIFY(dock);
    QVERIFY(dock->isHidden());
    QAction* toggle = dock->toggleViewAction();
    bool inViewMenu = false;
    for (QMenu* m : w.findChildren<QMenu*>())
        inViewMenu = inViewMenu || m->actions().contains(toggle);
    QVERIFY(inViewMenu);
    toggle->trigger();
    QVERIFY(!dock->isHidden());
    QVERIFY(dock->widget()->isAncestorOf(w.scalingView())); // in a scroll area, like the other wide views
}

void TestMainWindowScaling::sessionRoundTrip()
{
    const QString dir = m_tmp.filePath(QStringLiteral("round"));
    QDir().mkpath(dir);
    const QString table = writeSynthetic(dir + QStringLiteral("/runs.csv"));
    const QString session = dir + QStringLiteral("/scaling.losscast");
    double alpha = 0, budget = 0;
    {
        MainWindow w;
        ScalingView* v = w.scalingView();
        v->setColumns({"size", "train_tokens", "", "final"});
        v->setSettings({2e-3, 0, 0.9});
        QVERIFY(w.openScalingTable(table));
        QVERIFY(waitFit(v));
        v->setBudget(4.2e21);
        budget = v->budget();
        alpha = v->outcome()->fit.params.alpha;
        QVERIFY(w.isDocumentModified());
        QString error;
        QVERIFY2(w.saveSession(session, &error), qPrintable(error));
        // The session names the table relative to itself, with the columns and settings.
        auto saved = core::readSession(session.toStdString());
        QVERIFY(saved.ok());
        QVERIFY(saved->scaling);
        QCOMPARE(QString::fromStdString(saved->scaling->table), QStringLiteral("runs.csv"));
        QCOMPARE(QString::fromStdString(saved->scaling->lossColumn), QStringLiteral("final"));
        QVERIFY(saved->scaling->rows.empty()); // the file is read again, not copied
        QCOMPARE(saved->scaling->huberDelta, 2e-3);
        QCOMPARE(saved->scaling->flops, budget);
        // Export of the fit: what scale fit writes, never over the table.
        QVERIFY(w.exportScalingFit(dir + QStringLiteral("/fit.json"), &error));
        const auto text = core::readTextFile((dir + QStringLiteral("/fit.json")).toStdString());
        QVERIFY(text.ok());
        auto json = core::parseJson(*text, {});
        QVERIFY(json.ok());
        QCOMPARE(json->find("params")->find("alpha")->toNumber(), alpha);
        QVERIFY(!w.exportScalingFit(table, &error));
        QVERIFY(error.contains(QStringLiteral("runs.csv")));
        w.newSession();
        QVERIFY(!v->hasFit());
        QVERIFY(v->rows().empty());
    }
    MainWindow w;
    QString error;
    QVERIFY2(w.openSession(session, &error), qPrintable(error));
    ScalingView* v = w.scalingView();
    QVERIFY(!w.findChild<QDockWidget*>(QStringLiteral("scalingDock"))->isHidden());
    QCOMPARE(v->tablePath(), QFileInfo(table).absoluteFilePath());
    QCOMPARE(QString::fromStdString(v->columns().loss), QStringLiteral("final"));
    QCOMPARE(v->settings().huberDelta, 2e-3);
    QCOMPARE(v->settings().level, 0.9);
    QVERIFY(waitFit(v));
    QCOMPARE(v->outcome()->fit.params.alpha, alpha); // deterministic fit of the same table
    QCOMPARE(v->budget(), budget);
    QCOMPARE(v->optimum().n, sc::optimalForFlops(v->outcome()->fit.params, budget).n);
    QVERIFY(!w.isDocumentModified());
}

void TestMainWindowScaling::tableFromOpenedRuns()
{
    // Runs named by size ("25M_…", "100M_…"): one row each, N from the name, D from last step × tokens/step.
    MainWindow w;
    const QDir mpl(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl"));
    QStringList files;
    for (const QString& f : mpl.entryList({"25M_cosine*.csv", "100M_cosine*.csv"}, QDir::Files))
        files << mpl.filePath(f);
    // The bundled runs are tracked (resources/examples/mpl): missing ones are a failure, not a skip.
    QVERIFY2(!files.filter("/25M_").isEmpty() && !files.filter("/100M_").isEmpty(),
             qPrintable("bundled 25M/100M cosine runs missing in " + mpl.path()));
    QVERIFY(w.openFiles(files) > 0);
    ScalingView* v = w.scalingView();
    v->setTokensPerStep(0.5e6);
    QString error;
    QVERIFY(w.scalingTableFromRuns(&error));
    const auto rows = v->rows();
    QCOMPARE(rows.size(), w.runs().size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& run = w.runs()[i];
        QCOMPARE(rows[i].name, QString::fromStdString(run.curve.name));
        QCOMPARE(rows[i].n, run.curve.name.rfind("25M", 0) == 0 ? 25e6 : 100e6);
        QCOMPARE(rows[i].loss, run.curve.loss.back());
        QCOMPARE(rows[i].d, double(run.curve.steps.back()) * 0.5e6);
    }
    // Saved with the session as rows (there is no table file).
    const QString session = m_tmp.filePath(QStringLiteral("fromruns.losscast"));
    QVERIFY(w.saveSession(session, &error));
    auto saved = core::readSession(session.toStdString());
    QVERIFY(saved.ok() && saved->scaling);
    QCOMPARE(saved->scaling->rows.size(), rows.size());
    QCOMPARE(saved->scaling->rows.front().n, rows.front().n);
    QVERIFY(saved->scaling->table.empty());
}

void TestMainWindowScaling::modelSizeFromNames()
{
    using losscast::app::modelSizeFromName;
    QCOMPARE(modelSizeFromName(QStringLiteral("25M_cosine_24000")), 25e6);
    QCOMPARE(modelSizeFromName(QStringLiteral("/data/pythia-1.4b/log.csv")), 1.4e9);
    QCOMPARE(modelSizeFromName(QStringLiteral("run_400M")), 400e6);
    QVERIFY(std::isnan(modelSizeFromName(QStringLiteral("openwebtext2_llama_nlayers12_nhead14"))));
    QVERIFY(std::isnan(modelSizeFromName(QStringLiteral("wsd_24000"))));
}

void TestMainWindowScaling::badScalingSessionMember()
{
    // A session's Scaling part is checked like the rest: the JSON path of the bad member is named.
    const std::string head = R"({"format":"losscast-session","version":1,"files":[],"scaling":)";
    auto bad = core::parseSession(head + R"({"level":2}})", "s.losscast");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorText().find("scaling.level") != std::string::npos, bad.errorText().c_str());
    bad = core::parseSession(head + R"({"rows":[{"name":"a","n":1e8}]}})", "s.losscast");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorText().find("scaling.rows[0].d") != std::string::npos, bad.errorText().c_str());
    auto good = core::parseSession(
        head + R"({"open":true,"rows":[{"name":"a","n":1e8,"d":2e9,"loss":3.1}],"bootstrap":7}})",
        "s.losscast");
    QVERIFY2(good.ok(), good.errorText().c_str());
    QVERIFY(good->scaling && good->scaling->open);
    QCOMPARE(good->scaling->bootstrap, 7);
    QCOMPARE(good->scaling->rows.front().d, 2e9);
    // Written and read back unchanged.
    auto again = core::parseSession(core::writeSessionText(*good), "s.losscast");
    QVERIFY(again.ok() && again->scaling);
    QVERIFY(*again->scaling == *good->scaling);
}

void TestMainWindowScaling::schaippRunsTable()
{
    // The openwebtext2 ladder (Schaipp et al.): N from inventory.csv, D = iterations × tokens per step.
    const QString inv = QStringLiteral(LOSSCAST_SHARED_DIR "/data/curves/schaipp_owt2/inventory.csv");
    if (!QFileInfo::exists(inv))
        QSKIP("../shared is not next to the checkout");
    MainWindow w;
    ScalingView* v = w.scalingView();
    v->setColumns({"params", "iterations*tokens_per_step", "", "final_val"});
    v->setSettings({1e-3, 50, 0.95});
    QVERIFY(w.openScalingTable(inv));
    QVERIFY(waitFit(v));
    QCOMPARE(v->outcome()->fit.runs, std::size_t(21));
    // The fit is the CLI's: the same core fit on the same runs.
    auto table =
        sc::readRunsTable(inv.toStdString(), {"params", "iterations*tokens_per_step", "", "final_val"});
    QVERIFY(table.ok());
    const auto direct = sc::fitChinchilla(table->runs);
    QCOMPARE(v->outcome()->fit.params.E, direct.params.E);
    QCOMPARE(v->outcome()->fit.params.alpha, direct.params.alpha);
    // The fitted law predicts these runs' final losses closely (in-sample).
    double worst = 0;
    for (const auto& r : table->runs)
        worst = std::max(worst, std::abs(direct.params.predict(r.n, r.d) / r.loss - 1.0));
    QVERIFY2(worst < 0.05, qPrintable(QString::number(worst)));
    QVERIFY(!v->frontierPoints().empty());
}

void TestMainWindowScaling::curveAtModelSize()
{
    // Eq. 7 (mtl-size) fitted on the bundled 25M and 100M runs; the curve of a 400M model under the current
    // scenario is drawn in the main plot and is core's prediction for that schedule at N = 400 (millions).
    const QDir mpl(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl"));
    QStringList files;
    for (const char* f : {"25M_cosine_24000.csv", "25M_constant_24000.csv", "100M_cosine_24000.csv",
                          "100M_constant_24000.csv"})
        files << mpl.filePath(QLatin1String(f));
    for (const QString& f : files)
        QVERIFY2(QFileInfo::exists(f), qPrintable("bundled run missing: " + f));
    {
        MainWindow one;
        QVERIFY(one.openFiles(files.mid(0, 2)) == 2);
        QString error;
        QVERIFY(!one.fitSizeAwareCurves(QStringLiteral("mtl-size"), &error));
        QVERIFY2(error.contains(QStringLiteral("two or more")), qPrintable(error));
    }
    MainWindow w;
    QCOMPARE(w.openFiles(files), 4);
    QVERIFY(w.scenarioState().current >= 0);
    QSignalSpy spy(&w, &MainWindow::sizeCurveFitFinished);
    QString error;
    QVERIFY2(w.fitSizeAwareCurves(QStringLiteral("mtl-size"), &error), qPrintable(error));
    QVERIFY(spy.wait(120000));
    QVERIFY(spy.first().first().toBool());
    const auto* f = w.sizeCurveFit();
    QVERIFY(f);
    QCOMPARE(f->fit.sizes.size(), std::size_t(2));
    QVERIFY(f->fit.exponentHeld); // two sizes: the exponent is held at the prior, and the view says so
    QVERIFY(!w.scalingView()->sizeStatus().isEmpty());

    auto curve = [&w]() -> const losscast::widgets::PlotSeries* {
        for (const auto& s : w.plotPanel()->lossSeries())
            if (s.id == QLatin1String("sizecurve"))
                return &s;
        return nullptr;
    };
    auto corePrediction = [&](const losscast::widgets::PlotSeries& s, double size) {
        const auto& sc = w.scenarioState().scenarios[std::size_t(w.scenarioState().current)];
        core::ScheduleInput input = sc.schedule.toInput();
        input.modelSize = size;
        std::vector<std::int64_t> steps;
        for (double x : s.x)
            steps.push_back(std::int64_t(std::llround(x)));
        return core::fit::predict(*f->law, f->fit.fit.params, input, steps, f->fit.fit.settings);
    };
    w.scalingView()->setCurveSize(400);
    const auto* s400 = curve();
    QVERIFY(s400);
    QVERIFY(s400->name.contains(QStringLiteral("400M")));
    auto expected = corePrediction(*s400, 400);
    QCOMPARE(s400->y.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); i += 25)
        QVERIFY(std::abs(s400->y[i] - expected[i]) < 1e-9 * expected[i]);
    QCOMPARE(s400->lower.size(), s400->y.size()); // with its band (held exponent: the prior range)
    QVERIFY(s400->lower.back() < s400->y.back() && s400->y.back() < s400->upper.back());
    const double final400 = s400->y.back();
    // Another size: another curve, again core's.
    w.scalingView()->setCurveSize(1600);
    const auto* s1600 = curve();
    QVERIFY(s1600 && s1600->name.contains(QStringLiteral("1.6B")));
    QVERIFY(std::abs(s1600->y.back() - final400) > 1e-6);
    expected = corePrediction(*s1600, 1600);
    QVERIFY(std::abs(s1600->y.back() - expected.back()) < 1e-9 * expected.back());
    // Live while a schedule point is dragged: the curve follows the new schedule.
    const auto points = w.currentControlPoints();
    QVERIFY(points.size() >= 2);
    w.beginControlPointDrag();
    const QPointF last = points.back();
    w.moveControlPoint(int(points.size()) - 1, QPointF(last.x(), last.y() * 3));
    const auto* dragged = curve();
    QVERIFY(dragged);
    expected = corePrediction(*dragged, 1600);
    QVERIFY(std::abs(dragged->y.back() - expected.back()) < 1e-9 * expected.back());
    w.finishControlPointDrag();
    // Unticked: not drawn.
    w.scalingView()->findChild<QCheckBox*>()->setChecked(false);
    QVERIFY(!curve());
    w.scalingView()->findChild<QCheckBox*>()->setChecked(true);
    // Sessions keep the law and the size; opening fits the law again on the runs and draws the same curve.
    const QString session = m_tmp.filePath(QStringLiteral("sizecurve.losscast"));
    QVERIFY2(w.saveSession(session, &error), qPrintable(error));
    const std::vector<double> params = f->fit.fit.params;
    MainWindow again;
    QSignalSpy spy2(&again, &MainWindow::sizeCurveFitFinished);
    QVERIFY2(again.openSession(session, &error), qPrintable(error));
    QVERIFY(spy2.wait(120000) && spy2.first().first().toBool());
    QCOMPARE(again.scalingView()->sizeLawId(), QStringLiteral("mtl-size"));
    QCOMPARE(again.scalingView()->curveSize(), 1600.0);
    QCOMPARE(again.sizeCurveFit()->fit.fit.params, params);
    bool drawn = false;
    for (const auto& s : again.plotPanel()->lossSeries())
        drawn = drawn || (s.id == QLatin1String("sizecurve") && s.name.contains(QStringLiteral("1.6B")));
    QVERIFY(drawn);
}

QTEST_MAIN(TestMainWindowScaling)
#include "tst_mainwindow_scaling.moc"
