// Drives the main window offscreen on the bundled real curves: open, fit, export, re-read.
#include "app/gui/mainwindow.h"
#include "app/gui/mappingdialog.h"
#include "windowtestsupport.h"

#include "core/export/fitfile.h"
#include "core/fit/fitter.h"
#include "core/import/importer.h"
#include "core/laws/law.h"
#include "core/laws/mpl.h"
#include "core/util/json.h"
#include "widgets/parametertable.h"
#include "widgets/plotpanel.h"
#include "widgets/taskrunner.h"

#include <QAction>
#include <QTreeWidget>
#include <QUndoStack>

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

using losscast::app::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensBundledSetWithProtocolSplit();
    void fitsInBackgroundAndScoresHeldOut();
    void exportsEveryFormat();
    void exportsParametersCsv();
    void residualPlotShowsMeasuredMinusFit();
    void fitCurvesComeFromTheWorkerAndFollowEdits();
    void windowWorksThroughItsDocument();
    void runsTreeListsMetricsUnderEachRun();
    void xAxisInTokensForRunsThatLogThem();
    void tokensAxisFollowsABatchSizeWarmup();
    void reportsUnreadableFileBesideRuns();
    void dragChangesPredictionAndUndoRestoresIt();
    void parameterEditIsUndoable();
    void scenarioEditsAreUndoable();
    void fixedParameterStaysInRefit();
    void mplHeldShapeShowsFixedAndUntickingFreesIt();
    void logWithoutLrAsksForMappingAndSchedule();
    void optimiseAddsABetterScheduleInBackground();

private:
    QString example(const QString& name) const
    {
        return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + name;
    }
    static bool fit(MainWindow& w) { return losscast::test::fitAndWait(w); }
    QTemporaryDir m_tmp;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
}

void TestMainWindow::opensBundledSetWithProtocolSplit()
{
    MainWindow w;
    QCOMPARE(w.openExampleSet(example("25M_cosine_24000.csv")), 9);
    QCOMPARE(int(w.runs().size()), 9);
    QStringList train;
    for (const auto& r : w.runs()) {
        QVERIFY(!r.curve.steps.empty());
        QCOMPARE(r.curve.steps.size(), r.curve.loss.size());
        if (r.train)
            train << QString::fromStdString(r.curve.name);
    }
    train.sort();
    QCOMPARE(train, QStringList({"25M_constant_24000", "25M_cosine_24000", "25M_wsdcon_9"}));
    // Opening a file twice does not duplicate it.
    QCOMPARE(w.openFiles({example("25M_cosine_24000.csv")}), 0);
}

void TestMainWindow::fitsInBackgroundAndScoresHeldOut()
{
    MainWindow w;
    w.setLaw("mtl");
    QCOMPARE(w.lawId(), QStringLiteral("mtl"));
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(!w.hasFit());
    QVERIFY(fit(w));
    QVERIFY(w.hasFit());
    const auto* f = w.fitResult();
    QCOMPARE(QString::fromStdString(f->fit.law), QStringLiteral("mtl"));
    QCOMPARE(f->fit.params.size(), f->fit.names.size());
    QCOMPARE(f->trainIds.size(), 3);
    // Every run is scored; held-out runs are predictions, so they must be close but are not fitted on.
    QCOMPARE(w.document().scores().size(), 9u);
    int heldOut = 0;
    for (const auto& s : w.document().scores()) {
        QVERIFY(std::isfinite(s.metrics.predE));
        QVERIFY2(s.metrics.predE < 0.01, "a prediction of a real run is off by more than 1 %");
        heldOut += s.train ? 0 : 1;
    }
    QCOMPARE(heldOut, 6);
}

void TestMainWindow::exportsEveryFormat()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QString error;
    // Nothing to export before a fit, with a message instead of an empty file.
    QVERIFY(!w.exportParametersJson(m_tmp.filePath("none.json"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(m_tmp.filePath("none.json")));
    QVERIFY(fit(w));

    const QString png = m_tmp.filePath("plot.png");
    QVERIFY2(w.exportPlot(png, 800, 500, &error), qPrintable(error));
    QImage img(png);
    QCOMPARE(img.size(), QSize(800, 500));

    const QString svg = m_tmp.filePath("plot.svg");
    QVERIFY2(w.exportPlot(svg, 800, 500, &error), qPrintable(error));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("<path") || svgText.contains("<polyline"));

    const QString pdf = m_tmp.filePath("plot.pdf");
    QVERIFY2(w.exportPlot(pdf, 800, 500, &error), qPrintable(error));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");

    QVERIFY(!w.exportPlot(m_tmp.filePath("plot.bmpx"), 800, 500, &error));
    QVERIFY(error.contains("bmpx"));

    // Parameters: the CLI's JSON shape, values identical to the fit, readable by what `losscast-cli predict`
    // uses.
    const QString json = m_tmp.filePath("params.json");
    QVERIFY2(w.exportParametersJson(json, &error), qPrintable(error));
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const auto parsed = losscast::core::parseJson(jf.readAll().toStdString());
    QVERIFY2(parsed.ok(), parsed.errorText().c_str());
    QCOMPARE(QString::fromStdString(parsed->string("law")), QStringLiteral("mtl"));
    const auto* params = parsed->find("params");
    QVERIFY(params && params->isObject());
    const auto& f = w.fitResult()->fit;
    QCOMPARE(params->size(), f.params.size());
    for (std::size_t i = 0; i < f.names.size(); ++i)
        QCOMPARE(params->number(f.names[i], std::nan("")), f.params[i]);
    QVERIFY(parsed->find("settings") && parsed->find("settings")->isObject());
    QVERIFY(parsed->find("fit") && parsed->find("fit")->contains("status"));
    const auto* files = parsed->find("files");
    QVERIFY(files && files->isArray());
    QCOMPARE(files->size(), std::size_t(3));
    QCOMPARE(files->toArray().front().string("sha256").size(), std::size_t(64));
    QVERIFY(!parsed->string("losscast_version").empty());
    const auto reread = losscast::core::readFitFile(json.toStdString());
    QVERIFY2(reread.ok(), reread.errorText().c_str());
    QCOMPARE(reread->fit.law, f.law);
    QCOMPARE(reread->fit.params, f.params);
    // ... and the window reads it back as its fit.
    MainWindow other;
    QVERIFY2(other.openParametersFile(json, &error), qPrintable(error));
    QCOMPARE(other.fitResult()->fit.params, f.params);

    // Predicted curves: one row per measured point of every run.
    const QString csv = m_tmp.filePath("pred.csv");
    QVERIFY2(w.exportPredictionsCsv(csv, &error), qPrintable(error));
    QFile cf(csv);
    QVERIFY(cf.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(cf.readAll()).split('\n', Qt::SkipEmptyParts);
    std::size_t points = 0;
    for (const auto& r : w.runs())
        points += r.curve.steps.size();
    std::size_t scenarioPoints = 0;
    QVERIFY(!w.scenarioPredictions().empty());
    for (const auto& p : w.scenarioPredictions())
        scenarioPoints += p.steps.size();
    QCOMPARE(std::size_t(lines.size()), points + scenarioPoints + 1);
    QCOMPARE(lines.first(), QStringLiteral("series,kind,step,lr,measured,predicted,lower,upper"));
    QVERIFY(lines.last().contains(",scenario,"));
}

void TestMainWindow::exportsParametersCsv()
{
    MainWindow w;
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QString error;
    QVERIFY(!w.exportParametersCsv(m_tmp.filePath("none.csv"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(m_tmp.filePath("none.csv")));
    QVERIFY(fit(w));
    const auto& f = w.fitResult()->fit;

    const QString path = m_tmp.filePath("params.csv");
    QVERIFY2(w.exportParametersCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("kind,name,value,stderr"));
    QString law;
    std::map<std::string, std::pair<double, double>> params;
    std::map<std::string, double> settings;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(',');
        QCOMPARE(cells.size(), 4);
        if (cells[0] == "law")
            law = cells[1];
        else if (cells[0] == "parameter")
            params[cells[1].toStdString()] = {cells[2].toDouble(),
                                              cells[3].isEmpty() ? std::nan("") : cells[3].toDouble()};
        else if (cells[0] == "setting")
            settings[cells[1].toStdString()] = cells[2].toDouble();
        else
            QFAIL(qPrintable("unexpected row kind: " + lines[i]));
    }
    QCOMPARE(law, QString::fromStdString(f.law));
    QCOMPARE(params.size(), f.params.size());
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        const auto it = params.find(f.names.at(i));
        QVERIFY2(it != params.end(), f.names[i].c_str());
        QCOMPARE(it->second.first, f.params[i]); // 17 significant digits: exact round trip
        if (i < f.stderrs.size() && std::isfinite(f.stderrs[i]))
            QCOMPARE(it->second.second, f.stderrs[i]);
    }
    QCOMPARE(settings.size(), f.settings.size());
    for (const auto& [k, v] : f.settings)
        QCOMPARE(settings.at(k), v);
}

void TestMainWindow::residualPlotShowsMeasuredMinusFit()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    auto* action = w.findChild<QAction*>("actionResiduals");
    QVERIFY(action && action->isCheckable());
    auto* panel = w.plotPanel();
    QVERIFY(!panel->residualsVisible());
    QVERIFY(panel->drawnResiduals().isEmpty()); // hidden by default: no strip in the layout

    action->trigger();
    QVERIFY(panel->residualsVisible());
    const auto drawn = panel->drawnResiduals();
    QCOMPARE(drawn.size(), int(w.runs().size())); // one residual curve per visible run
    const auto& f = w.fitResult()->fit;
    const auto law = losscast::core::findCurveLaw(f.law);
    QVERIFY(law);
    double largest = 0.0;
    for (const auto& [id, points] : drawn) {
        const losscast::app::Run* run = nullptr;
        for (const auto& r : w.runs())
            if (id == r.id + QStringLiteral(":residual"))
                run = &r;
        QVERIFY2(run, qPrintable(id));
        QVERIFY(points.size() > 2);
        const auto fitted =
            losscast::core::fit::predict(*law, f.params, run->curve.schedule, run->curve.steps, f.settings);
        const auto& steps = run->curve.steps;
        for (const QPointF& p : {points.first(), points[points.size() / 2], points.last()}) {
            const auto it = std::find(steps.begin(), steps.end(), std::int64_t(std::llround(p.x())));
            QVERIFY(it != steps.end());
            const std::size_t i = std::size_t(it - steps.begin());
            const double expected = run->curve.loss[i] - fitted[i];
            QVERIFY2(std::abs(p.y() - expected) < 1e-12,
                     qPrintable(QStringLiteral("%1 at step %2: drawn %3, measured - fitted %4")
                                    .arg(id)
                                    .arg(p.x())
                                    .arg(p.y())
                                    .arg(expected)));
            largest = std::max(largest, std::abs(expected));
        }
    }
    QVERIFY(largest > 0.0); // a real fit never matches noisy data exactly

    // The toggle hides the strip again.
    action->trigger();
    QVERIFY(!panel->residualsVisible());
    QVERIFY(panel->drawnResiduals().isEmpty());
}

void TestMainWindow::fitCurvesComeFromTheWorkerAndFollowEdits()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto* result = w.fitResult();
    const auto& f = result->fit;
    const auto law = losscast::core::findCurveLaw(f.law);
    QVERIFY(law);
    // The fitted curve of every run and every scenario's prediction arrive with the fit, computed in the
    // worker (the GUI thread only copies them), and equal what the window would compute itself.
    QCOMPARE(result->fittedParams, f.params);
    QCOMPARE(w.document().runs().size(), w.runs().size());
    auto maxDiff = [](const std::vector<double>& a, const std::vector<double>& b) {
        double m = a.size() == b.size() ? 0.0 : INFINITY;
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
            m = std::max(m, std::abs(a[i] - b[i]));
        return m;
    };
    for (const auto& r : w.runs()) {
        QVERIFY2(w.document().hasHandedOverCurve(r.docId), qPrintable(r.id));
        const auto expected =
            losscast::core::fit::predict(*law, f.params, r.curve.schedule, r.curve.steps, f.settings);
        QVERIFY(maxDiff(w.document().fittedCurve(r.docId), expected) < 1e-12);
    }
    const auto& scenarios = w.scenarioState().scenarios;
    QVERIFY(!scenarios.empty());
    QCOMPARE(w.scenarioPredictions().size(), scenarios.size());
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const auto expected = losscast::app::predictSchedule(*law, f, scenarios[i].schedule, false);
        QVERIFY(!expected.loss.empty());
        QVERIFY(maxDiff(w.scenarioPredictions()[i].loss, expected.loss) < 1e-12);
        QVERIFY(maxDiff(w.scenarioPredictions()[i].upper, expected.upper) < 1e-12);
    }

    // A parameter edit must not reuse the worker's curves: the residuals follow the new parameters.
    w.findChild<QAction*>("actionResiduals")->setChecked(true);
    w.setParameterValue(0, f.params[0] + 0.05);
    const auto params = w.fitResult()->fit.params;
    QVERIFY(params != w.fitResult()->fittedParams);
    QCOMPARE(w.document().currentFit()->fit.params, params); // the edit went through the document
    QVERIFY(!w.document().hasHandedOverCurve(w.runs().front().docId));
    const auto drawn = w.plotPanel()->drawnResiduals();
    QVERIFY(!drawn.isEmpty());
    const auto& run = w.runs().front();
    const auto fitted =
        losscast::core::fit::predict(*law, params, run.curve.schedule, run.curve.steps, f.settings);
    for (const auto& [id, points] : drawn) {
        if (id != run.id + QStringLiteral(":residual"))
            continue;
        const QPointF p = points[points.size() / 2];
        const auto at = std::find(run.curve.steps.begin(), run.curve.steps.end(), std::llround(p.x()));
        QVERIFY(at != run.curve.steps.end());
        const std::size_t i = std::size_t(at - run.curve.steps.begin());
        QVERIFY(std::abs(p.y() - (run.curve.loss[i] - fitted[i])) < 1e-12);
        return;
    }
    QFAIL("no residual drawn for the first run");
}

void TestMainWindow::windowWorksThroughItsDocument()
{
    // The window's runs, fit, scores and scenarios are its document's (core::workspace::Workspace): what the
    // window shows is what the document holds, and the window's edits are the document's operations.
    MainWindow w;
    w.setLaw("mpl");
    const auto& doc = w.document();
    QCOMPARE(doc.lawId(), std::string("mpl"));
    w.setLaw("mtl");
    QCOMPARE(doc.lawId(), std::string("mtl"));
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QCOMPARE(doc.runs().size(), w.runs().size());
    for (std::size_t i = 0; i < w.runs().size(); ++i) {
        const auto& r = w.runs()[i];
        const auto& d = doc.runs()[i];
        QCOMPARE(r.docId, d.id);
        QCOMPARE(r.id, QStringLiteral("run%1").arg(d.id));
        QCOMPARE(r.train, d.train); // the MPL protocol's split, set in the document
        QCOMPARE(r.visible, d.visible);
        QVERIFY(d.curve.has_value());
        QCOMPARE(r.curve.loss, d.curve->loss);
        QCOMPARE(d.provenance.file, r.file.toStdString());
    }
    QCOMPARE(int(std::count_if(doc.runs().begin(), doc.runs().end(), [](const auto& d) { return d.train; })),
             3);
    // The Fit on tick is the document's split.
    const bool was = w.runs()[0].train;
    w.setRunTrain(0, !was);
    QCOMPARE(doc.runs()[0].train, !was);
    QCOMPARE(w.runs()[0].train, !was);
    w.setRunTrain(0, was);

    // The fit is handed to the document with the worker's curves; the document scores every run.
    QVERIFY(fit(w));
    QVERIFY(doc.currentFit().has_value());
    QCOMPARE(doc.currentFit()->fit.params, w.fitResult()->fit.params);
    QCOMPARE(doc.currentFit()->trainIds.size(), std::size_t(w.fitResult()->trainIds.size()));
    QCOMPARE(doc.scores().size(), w.runs().size());

    // Scenarios: the same in both; a drag moves the point in the document, undo restores the document.
    QCOMPARE(doc.scenarios().size(), w.scenarioState().scenarios.size());
    QCOMPARE(doc.currentScenario(), w.scenarioState().current);
    const auto cur = std::size_t(doc.currentScenario());
    const losscast::core::Schedule before = doc.scenarios()[cur].schedule;
    const auto points = w.currentControlPoints();
    QVERIFY(points.size() >= 2);
    w.beginControlPointDrag();
    w.moveControlPoint(int(points.size()) - 1, QPointF(points.back().x(), points.back().y() * 0.5));
    w.finishControlPointDrag();
    QVERIFY(!(doc.scenarios()[cur].schedule == before));
    QVERIFY(doc.scenarios()[cur].schedule == w.scenarioState().scenarios[cur].schedule);
    QCOMPARE(w.currentControlPoints().back().y(), points.back().y() * 0.5);
    w.undoStack()->undo();
    QVERIFY(doc.scenarios()[cur].schedule == before);
    QVERIFY(w.scenarioState().scenarios[cur].schedule == before);

    // A parameter edit and its undo: the document's parameters, the window's view follows.
    const std::vector<double> fitted = doc.currentFit()->fit.params;
    w.setParameterValue(0, fitted[0] * 1.05);
    QCOMPARE(doc.currentFit()->fit.params[0], fitted[0] * 1.05);
    QCOMPARE(w.fitResult()->fit.params, doc.currentFit()->fit.params);
    w.undoStack()->undo();
    QCOMPARE(doc.currentFit()->fit.params, fitted);

    // A new session empties the document; the law and warmup fields stay and so does the document's law.
    w.newSession();
    QVERIFY(doc.runs().empty());
    QVERIFY(!doc.currentFit().has_value());
    QVERIFY(doc.scenarios().empty());
    QCOMPARE(doc.lawId(), std::string("mtl"));
    QVERIFY(w.runs().empty());
    QVERIFY(!w.hasFit());
}

void TestMainWindow::runsTreeListsMetricsUnderEachRun()
{
    MainWindow w;
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    const QString history = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/wandb_api_history.csv");
    QVERIFY(w.openFiles({history}) > 0);
    auto* tree = w.findChild<QTreeWidget*>("runsTree");
    QVERIFY(tree);
    // Every run row (second level) has its series as children (third level), named as logged.
    auto metricRows = [](QTreeWidgetItem* runItem) {
        QMap<QString, QTreeWidgetItem*> rows;
        for (int c = 0; c < runItem->childCount(); ++c)
            if (const QVariant v = runItem->child(c)->data(0, Qt::UserRole + 2); v.isValid())
                rows[v.toString()] = runItem->child(c);
        return rows;
    };
    int runsSeen = 0;
    for (int t = 0; t < tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem* dir = tree->topLevelItem(t);
        for (int k = 0; k < dir->childCount(); ++k) {
            QTreeWidgetItem* item = dir->child(k);
            const int index = item->data(0, Qt::UserRole + 1).toInt();
            QVERIFY(index >= 0 && index < int(w.runs().size()));
            const auto& run = w.runs()[std::size_t(index)];
            const auto rows = metricRows(item);
            ++runsSeen;
            if (run.file != history) {
                // A plain step,lr,loss file: its loss at the logged steps and the LR of every step.
                QCOMPARE(rows.size(), 2);
                QCOMPARE(rows.value("loss")->text(2).toULongLong(), qulonglong(run.curve.steps.size()));
                QCOMPARE(rows.value("lr")->text(2).toULongLong(), qulonglong(run.curve.schedule.lr.size()));
                QCOMPARE(rows.value("lr")->text(1), QStringLiteral("LR"));
                continue;
            }
            // An imported log: exactly the importer's series, with point counts and the loss role marked.
            const auto imported = losscast::core::import::importFile(history.toStdString());
            QVERIFY(!imported.runs.empty());
            const auto& src = imported.runs.front();
            QCOMPARE(rows.size(), int(src.series.size()));
            for (const auto& s : src.series) {
                QTreeWidgetItem* row = rows.value(QString::fromStdString(s.name));
                QVERIFY2(row, s.name.c_str());
                QCOMPARE(row->text(2).toULongLong(), qulonglong(s.size()));
            }
            // The series the fit uses is marked (bold, "fit on"); the others say their role.
            QCOMPARE(rows.value(QString::fromStdString(src.roles.loss))->text(1), QStringLiteral("fit on"));
            QVERIFY(rows.value(QString::fromStdString(src.roles.loss))->font(0).bold());
            QCOMPARE(rows.value(QString::fromStdString(src.roles.lr))->text(1), QStringLiteral("LR"));
        }
    }
    QCOMPARE(runsSeen, int(w.runs().size()));
}

void TestMainWindow::xAxisInTokensForRunsThatLogThem()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    auto* action = w.findChild<QAction*>("actionTokensX");
    QVERIFY(action && action->isCheckable());
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(!action->isEnabled()); // the bundled runs log no tokens
    const QString path = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/tabs.tsv");
    QVERIFY(w.openFiles({path}) > 0);
    QVERIFY(action->isEnabled());
    const auto imported = losscast::core::import::importFile(path.toStdString());
    QVERIFY(!imported.runs.empty());
    const auto& src = imported.runs.front();
    const auto* tokens = src.find(src.roles.tokens);
    QVERIFY(tokens && tokens->size() > 1);
    const losscast::app::Run* run = nullptr;
    for (const auto& r : w.runs())
        if (r.file == path)
            run = &r;
    QVERIFY(run);
    auto drawnX = [&]() -> std::vector<double> {
        for (const auto& s : w.plotPanel()->lossSeries())
            if (s.id == run->id)
                return s.x;
        return {};
    };
    QCOMPARE(drawnX().size(), run->curve.steps.size());
    QCOMPARE(drawnX().front(), double(run->curve.steps.front())); // steps by default

    action->trigger();
    const auto x = drawnX();
    QCOMPARE(x.size(), run->curve.steps.size());
    int matched = 0;
    for (std::size_t i = 0; i < run->curve.steps.size(); ++i)
        for (std::size_t k = 0; k < tokens->size(); ++k)
            if (tokens->steps[k] == double(run->curve.steps[i])) {
                QCOMPARE(x[i], tokens->values[k]); // the logged tokens at that step
                ++matched;
            }
    QVERIFY(matched > 0);
    // Runs without tokens leave the plot rather than being drawn against the wrong unit.
    for (const auto& s : w.plotPanel()->lossSeries())
        for (const auto& r : w.runs())
            if (s.id == r.id)
                QVERIFY(!r.tokens.empty());

    action->trigger();
    QCOMPARE(drawnX().front(), double(run->curve.steps.front()));
}

void TestMainWindow::tokensAxisFollowsABatchSizeWarmup()
{
    // A run whose batch grows 4× at step 200 (512 tokens per step, then 2,048): on the tokens axis a
    // scenario's schedule, its prediction and its control points sit where the run is at the same step, and a
    // point dragged to a token count lands on that step (a single tokens-per-step scale put the warmup's end
    // at 3.4× its tokens).
    const QString path = m_tmp.filePath("batch_warmup.csv");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray text = "iter,train_loss,learning_rate,tokens\n";
        for (int s = 10; s <= 1000; s += 10) {
            const double tokens = s <= 200 ? 512.0 * s : 512.0 * 200 + 2048.0 * (s - 200);
            text += QByteArray::number(s) + "," + QByteArray::number(2.5 + 3.0 / std::sqrt(s)) + ",3e-4," +
                    QByteArray::number(tokens, 'f', 0) + "\n";
        }
        f.write(text);
    }
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QCOMPARE(w.openFiles({path}), 1);
    const losscast::app::Run& run = w.runs().front();
    QVERIFY(!run.tokens.empty());
    QCOMPARE(run.tokensAt(100), 51200.0);
    w.addScenario("cosine", losscast::core::Schedule::cosine(3e-4, 3e-5, 1000, 100));
    auto* action = w.findChild<QAction*>("actionTokensX");
    QVERIFY(action && action->isEnabled());
    action->trigger();

    const QVector<QPointF> steps = w.currentControlPoints();
    const QVector<QPointF> drawn = w.plotPanel()->controlPoints();
    QCOMPARE(drawn.size(), steps.size());
    bool inRamp = false;
    for (int i = 0; i < steps.size(); ++i) {
        QCOMPARE(drawn[i].x(), run.tokensAt(steps[i].x()));
        inRamp = inRamp || (steps[i].x() > 0 && steps[i].x() < 200);
    }
    QVERIFY(inRamp); // the warmup's end (step 100) is in the ramp: 51,200 tokens, not 100 × the mean rate

    // Dragging the warmup's end to the tokens of step 120 moves it to step 120 (its neighbour is near 148).
    int warm = -1;
    for (int i = 0; i < steps.size(); ++i)
        if (std::abs(steps[i].x() - 100) < 0.5)
            warm = i;
    QVERIFY(warm >= 0);
    w.beginControlPointDrag();
    emit w.plotPanel()->controlPointMoved(warm, QPointF(run.tokensAt(120), steps[warm].y()));
    w.finishControlPointDrag();
    // (The edited cosine becomes a piecewise schedule with its own points: one of them is at step 120.)
    QStringList at;
    bool moved = false;
    for (const QPointF& p : w.currentControlPoints()) {
        moved = moved || std::abs(p.x() - 120) < 0.5;
        at << QString::number(p.x());
    }
    QVERIFY2(moved, qPrintable(at.join(", ")));
}

void TestMainWindow::reportsUnreadableFileBesideRuns()
{
    MainWindow w;
    const QString bad = m_tmp.filePath("bad.csv");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("step,lr,loss\n1,0.1,abc\n");
    f.close();
    QCOMPARE(w.openFiles({bad}), 0);
    QVERIFY(w.runs().empty());
    QVERIFY(!w.startFit()); // nothing to fit, no crash
}

void TestMainWindow::dragChangesPredictionAndUndoRestoresIt()
{
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    QVERIFY(w.scenarioState().scenarios.size() >= 2);
    const int cur = w.scenarioState().current;
    QVERIFY(cur >= 0);
    const auto schedule0 = w.scenarioState().scenarios[std::size_t(cur)].schedule;
    const auto loss0 = w.scenarioPredictions().at(std::size_t(cur)).loss;
    QVERIFY(!loss0.empty());
    const QVector<QPointF> points0 = w.currentControlPoints();
    QVERIFY(points0.size() >= 3); // WSD: end of warmup, start of decay, end
    const int undo0 = w.undoStack()->count();

    // Drag the start of the decay to the left (an earlier, longer decay) and down.
    losscast::test::dragControlPoint(w, 1, QPointF(-60, 15));
    const auto& dragged = w.scenarioState().scenarios[std::size_t(cur)].schedule;
    QVERIFY(!(dragged == schedule0));
    QVERIFY(dragged.phases().front().kind == losscast::core::ScheduleKind::Piecewise);
    QVERIFY(w.currentControlPoints().at(1).x() < points0.at(1).x());
    const auto loss1 = w.scenarioPredictions().at(std::size_t(cur)).loss;
    QVERIFY(!loss1.empty());
    double maxDiff = 0;
    for (std::size_t i = 0; i < std::min(loss0.size(), loss1.size()); ++i)
        maxDiff = std::max(maxDiff, std::abs(loss1[i] - loss0[i]));
    QVERIFY2(maxDiff > 1e-4, "moving the decay start must change the predicted curve");
    QCOMPARE(w.undoStack()->count(), undo0 + 1); // one drag = one undo step

    w.undoStack()->undo();
    QVERIFY(w.scenarioState().scenarios[std::size_t(cur)].schedule == schedule0);
    QCOMPARE(w.scenarioPredictions().at(std::size_t(cur)).loss, loss0);
    QCOMPARE(w.currentControlPoints(), points0);

    w.undoStack()->redo();
    QVERIFY(w.scenarioState().scenarios[std::size_t(cur)].schedule.phases().front().kind ==
            losscast::core::ScheduleKind::Piecewise);
    QCOMPARE(w.scenarioPredictions().at(std::size_t(cur)).loss.size(), loss0.size());
    QVERIFY(w.scenarioPredictions().at(std::size_t(cur)).loss != loss0);
}

void TestMainWindow::parameterEditIsUndoable()
{
    MainWindow w;
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto params0 = w.fitResult()->fit.params;
    const double final0 = w.scenarioPredictions().at(0).finalLoss;
    w.setParameterValue(0, params0[0] + 0.1); // L0, the loss floor: every prediction moves up by 0.1
    QCOMPARE(w.fitResult()->fit.params[0], params0[0] + 0.1);
    QVERIFY(std::abs(w.scenarioPredictions().at(0).finalLoss - (final0 + 0.1)) < 1e-9);
    w.undoStack()->undo();
    QCOMPARE(w.fitResult()->fit.params, params0);
    QCOMPARE(w.scenarioPredictions().at(0).finalLoss, final0);
}

void TestMainWindow::scenarioEditsAreUndoable()
{
    MainWindow w;
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto before = w.scenarioState();
    w.addScenario("WSD 50k", losscast::core::Schedule::wsd(3e-4, 3e-5, 50000, 2000, 0.2));
    QCOMPARE(w.scenarioState().scenarios.size(), before.scenarios.size() + 1);
    QCOMPARE(w.scenarioState().current, int(before.scenarios.size()));
    // A longer run at the same peak ends lower than the 24k ones.
    const double longer = w.scenarioPredictions().back().finalLoss;
    QVERIFY(std::isfinite(longer));
    QVERIFY(longer < w.scenarioPredictions().front().finalLoss);
    w.undoStack()->undo();
    QCOMPARE(w.scenarioState().scenarios.size(), before.scenarios.size());
    QCOMPARE(w.scenarioState().current, before.current);
}

void TestMainWindow::fixedParameterStaysInRefit()
{
    MainWindow w;
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto free = w.fitResult()->fit;
    const double pinned = free.params[0] + 0.05; // L0 away from its optimum
    w.setParameterValue(0, pinned);
    auto* table = w.findChild<losscast::widgets::ParameterTable*>();
    QVERIFY(table);
    table->item(0, 3)->setCheckState(Qt::Checked); // the "Fixed" box of L0, as a user ticks it
    QVERIFY(fit(w));
    const auto& refit = w.fitResult()->fit;
    QCOMPARE(refit.params.size(), free.params.size());
    QCOMPARE(refit.params[0], pinned);     // held exactly
    QVERIFY(std::isnan(refit.stderrs[0])); // and reported as not estimated
    QVERIFY(std::isfinite(refit.stderrs[1]));
    QVERIFY(refit.params[1] != free.params[1]);                 // the others adapted to the pinned floor
    QVERIFY(refit.summary.finalCost >= free.summary.finalCost); // a constrained fit cannot beat the free one
}

void TestMainWindow::mplHeldShapeShowsFixedAndUntickingFreesIt()
{
    MainWindow w;
    w.setLaw("mpl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto held = w.fitResult()->fit;
    QCOMPARE(held.params[losscast::core::MplLaw::Beta], losscast::core::kPaperBeta);
    QCOMPARE(held.params[losscast::core::MplLaw::Gamma], losscast::core::kPaperGamma);
    auto* table = w.findChild<losscast::widgets::ParameterTable*>();
    QVERIFY(table);
    // β and γ, held by the law's default, are shown ticked in the "Fixed" column.
    QCOMPARE(table->item(losscast::core::MplLaw::Beta, 3)->checkState(), Qt::Checked);
    QCOMPARE(table->item(losscast::core::MplLaw::Gamma, 3)->checkState(), Qt::Checked);
    QCOMPARE(table->item(losscast::core::MplLaw::C, 3)->checkState(), Qt::Unchecked);
    // Unticking both frees them in the next fit: fitted, at a lower training cost.
    table->item(losscast::core::MplLaw::Beta, 3)->setCheckState(Qt::Unchecked);
    table->item(losscast::core::MplLaw::Gamma, 3)->setCheckState(Qt::Unchecked);
    QVERIFY(fit(w));
    const auto& freed = w.fitResult()->fit;
    QVERIFY(freed.params[losscast::core::MplLaw::Beta] != losscast::core::kPaperBeta);
    // (Their standard errors are not computable there: the freed optimum is nearly singular, β → 0 with B
    // growing, which is why the law holds them by default.)
    QVERIFY(freed.params[losscast::core::MplLaw::Gamma] != losscast::core::kPaperGamma);
    QCOMPARE(freed.settings.at("free_shape"), 1.0); // the fit file says that β and γ were fitted
    QVERIFY(freed.summary.finalCost < held.summary.finalCost);
    QCOMPARE(table->item(losscast::core::MplLaw::Beta, 3)->checkState(), Qt::Unchecked);
}

void TestMainWindow::logWithoutLrAsksForMappingAndSchedule()
{
    const QString log = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/nanogpt.log");
    QVERIFY2(QFile::exists(log), "tests/data/import/nanogpt.log is a tracked fixture and must be there");
    MainWindow w;
    QCOMPARE(w.openFiles({log}), 0); // nanoGPT logs no LR: nothing can be fitted without one
    QVERIFY(w.runs().empty());
    QVERIFY(w.findChild<losscast::app::MappingDialog*>() != nullptr); // so the window asks instead
    QString error;
    QCOMPARE(w.importWithMapping(log, "train_loss", "", "cosine:peak=oops", &error), 0);
    QVERIFY2(!error.isEmpty(), "a malformed schedule is reported");
    const QString spec = "cosine:peak=1e-3,final=1e-4,steps=100,warmup=5";
    QVERIFY2(w.importWithMapping(log, "train_loss", "", spec, &error) > 0, qPrintable(error));
    QCOMPARE(int(w.runs().size()), 1);
    const auto& curve = w.runs().front().curve;
    QVERIFY(!curve.steps.empty());
    const auto schedule = losscast::core::Schedule::fromText(spec.toStdString());
    QVERIFY(schedule.ok());
    for (std::int64_t s : {std::int64_t(1), std::int64_t(5), curve.steps.back()})
        QCOMPARE(curve.schedule.lr.at(std::size_t(s)), schedule->lrAt(s));
}

void TestMainWindow::optimiseAddsABetterScheduleInBackground()
{
    MainWindow w;
    w.setLaw("mpl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto before = w.scenarioState();
    QVERIFY(before.scenarios.size() >= 2);
    const double cosine = w.scenarioPredictions().at(0).finalLoss; // the default baseline: cosine
    QVERIFY(std::isfinite(cosine));
    QSignalSpy done(w.optimiseRunner(), &losscast::widgets::TaskRunner::finished);
    QVERIFY(w.optimiseScenario(before.current));
    QVERIFY(done.wait(120000)); // the window stays responsive meanwhile: the search runs on a pool thread
    QCOMPARE(w.scenarioState().scenarios.size(), before.scenarios.size() + 1);
    const auto& added = w.scenarioState().scenarios.back();
    QVERIFY(added.name.startsWith("Optimised"));
    QCOMPARE(added.schedule.totalSteps(),
             before.scenarios[std::size_t(before.current)].schedule.totalSteps());
    const double optimised = w.scenarioPredictions().back().finalLoss;
    QVERIFY2(optimised < cosine, "the searched schedule must end below cosine of the same length");
    w.undoStack()->undo(); // adding it is one undo step
    QCOMPARE(w.scenarioState().scenarios.size(), before.scenarios.size());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
