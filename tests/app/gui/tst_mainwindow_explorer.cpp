// The explorer window's finishing touches (issue #5), driven offscreen: what the crosshair says with a tokens
// axis, the empty scenario editor, logs without an LR, checkable metrics, and a newcomer's W&B path.
#include "app/gui/mainwindow.h"

#include "app/gui/mappingdialog.h"
#include "core/import/importer.h"
#include "widgets/plotpanel.h"

#include "widgets/scenarioeditor.h"

#include <QAction>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <qcustomplot.h>

using losscast::app::MainWindow;

class TestMainWindowExplorer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void crosshairSaysTokensOnATokensAxis();
    void emptyScenarioEditorShowsUsableDefaultsAndAHint();
    void longScheduleSpecDoesNotWidenTheEditor();
    void wsdSpecFitsTheScenariosDock();
    void logWithoutLrIsExplainedAndAsksForTheSchedule();
    void metricsAreCheckableAndTheFitSeriesCanBeChosen();
    void newcomerGoesFromWandbExportToPredictedWsd();
    void onlyTheRunsWithoutLrTakeTheSchedule();
    void realWandbChartExportOpensWithTheDefaultSchedule();

private:
    /// Saves a widget's picture when LOSSCAST_TEST_SHOTS names a folder (for looking at dialogs by eye).
    static void shoot(QWidget* w, const QString& name)
    {
        const QString dir = qEnvironmentVariable("LOSSCAST_TEST_SHOTS");
        if (!dir.isEmpty())
            w->grab().save(dir + '/' + name + ".png");
    }
    static QString statusText(MainWindow& w)
    {
        QStringList texts;
        for (auto* l : w.statusBar()->findChildren<QLabel*>())
            texts << l->text();
        return texts.join('\n');
    }
    static QString data(const QString& name) { return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/") + name; }
};

void TestMainWindowExplorer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestMainWindowExplorer::crosshairSaysTokensOnATokensAxis()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFiles({data("import/tabs.tsv")}) > 0);
    auto* plot = w.plotPanel()->customPlot();
    plot->replot();
    // Hover the middle of the loss plot and read what the status bar is told.
    auto hover = [&] {
        QSignalSpy spy(w.plotPanel(), &losscast::widgets::PlotPanel::hoverText);
        const QPointF at = plot->axisRect(0)->rect().center();
        QMouseEvent move(QEvent::MouseMove, at, plot->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        return spy.isEmpty() ? QString() : spy.last().at(0).toString();
    };
    const QString inSteps = hover();
    QVERIFY2(inSteps.startsWith("step "), qPrintable(inSteps));

    auto* tokens = w.findChild<QAction*>("actionTokensX");
    QVERIFY(tokens && tokens->isEnabled());
    tokens->trigger();
    plot->replot();
    const QString inTokens = hover();
    // "12.3K tokens (step 12)": the axis' unit first, the step it corresponds to in brackets.
    QVERIFY2(QRegularExpression("^[0-9.]+[KMBT]? tokens \\(step [0-9]+\\)").match(inTokens).hasMatch(),
             qPrintable(inTokens));
    // tabs.tsv logs 102.4 tokens per step (1024 at step 10): the bracketed step is the tokens' step.
    const QString x = inTokens.section(' ', 0, 0);
    const double scale = x.endsWith('K') ? 1e3 : x.endsWith('M') ? 1e6 : 1.0;
    const double tokensX = (scale == 1.0 ? x : x.chopped(1)).toDouble() * scale;
    const qint64 step = QRegularExpression("step ([0-9]+)").match(inTokens).captured(1).toLongLong();
    QVERIFY2(std::abs(tokensX / 102.4 - double(step)) <= 0.01 * double(step) + 1, qPrintable(inTokens));

    tokens->trigger();
    QVERIFY(hover().startsWith("step "));
}

void TestMainWindowExplorer::longScheduleSpecDoesNotWidenTheEditor()
{
    // An optimised schedule is a piecewise spec of hundreds of characters without spaces; shown as one
    // label it once forced the Scenarios dock (and the window) to 3,800 px. It scrolls in one line now and
    // copies exactly as losscast-cli takes it.
    std::string spec = "piecewise:points=2160@3e-4";
    for (int k = 1; k <= 64; ++k)
        spec += ";" + std::to_string(2160 + k * 340) + "@" + std::to_string(3e-4 - k * 4e-6);
    spec += ",warmup=2160";
    const auto schedule = losscast::core::Schedule::fromText(spec);
    QVERIFY2(schedule.ok(), schedule.errorText().c_str());
    losscast::widgets::ScenarioEditor editor;
    const int before = editor.minimumSizeHint().width();
    editor.setRows({{QStringLiteral("Optimised"), Qt::darkYellow, *schedule, 3.27}}, 0, 0);
    auto* line = editor.findChild<QPlainTextEdit*>("scheduleSpec");
    QVERIFY(line);
    QVERIFY(line->toPlainText().size() > 500);
    QVERIFY2(editor.minimumSizeHint().width() <= std::max(before, 500),
             qPrintable(QString::number(editor.minimumSizeHint().width())));
    // What is copied is what losscast-cli takes (the line's break marks after commas are not copied).
    line->selectAll();
    line->copy();
    QCOMPARE(QGuiApplication::clipboard()->text().toStdString(), schedule->toText());
}

void TestMainWindowExplorer::wsdSpecFitsTheScenariosDock()
{
    // Issue #12: in a 320 px Scenarios dock the spec line of a WSD scenario was clipped after "deca".
    const auto schedule = losscast::core::Schedule::fromText(
        "wsd:peak=0.0002489638554216867,final=1.3e-9,steps=2790,warmup=60,decay=0.2,shape=linear");
    QVERIFY2(schedule.ok(), schedule.errorText().c_str());
    losscast::widgets::ScenarioEditor editor;
    editor.resize(320, 700);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setRows({{QStringLiteral("WSD 20% linear"), Qt::darkCyan, *schedule, 3.27}}, 0, 0);
    auto* line = editor.findChild<QPlainTextEdit*>("scheduleSpec");
    QVERIFY(line);
    QApplication::processEvents();
    QVERIFY2(line->toPlainText().contains("peak=2.49e-4") || line->toPlainText().contains("peak=0.000249"),
             qPrintable(line->toPlainText()));         // at most 4 significant digits on the line
    QCOMPARE(line->verticalScrollBar()->maximum(), 0); // all of it visible: no part scrolled away
    QVERIFY(line->toolTip().contains("0.0002489638554216867") ||
            line->toolTip().contains("2.489638554216867e-4"));
}

void TestMainWindowExplorer::emptyScenarioEditorShowsUsableDefaultsAndAHint()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.runs().empty());
    QVERIFY(w.scenarioState().scenarios.empty());
    auto* peak = w.findChild<QDoubleSpinBox*>("peakLr");
    auto* steps = w.findChild<QSpinBox*>("totalSteps");
    auto* hint = w.findChild<QLabel*>("scenarioEmptyHint");
    QVERIFY(peak && steps && hint);
    // Not "peak 0, 1 total step": the form shows (disabled) what Add would create, next to a hint.
    const auto def = losscast::widgets::ScenarioEditor::defaultSchedule();
    QCOMPARE(peak->value(), def.maxLr());
    QVERIFY(peak->value() > 0);
    QCOMPARE(qint64(steps->value()), qint64(def.totalSteps()));
    QVERIFY(steps->value() >= 1000);
    QVERIFY(!peak->isEnabled() && !steps->isEnabled());
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains("Open a run"));
    for (auto* b : w.findChildren<QToolButton*>())
        if (b->text() == "Remove" || b->text() == "Duplicate" || b->text().startsWith("Optimise"))
            QVERIFY2(!b->isEnabled(), qPrintable(b->text() + " acts on no scenario"));

    // Add creates that schedule; the hint goes away and the form becomes editable.
    QToolButton* add = nullptr;
    for (auto* b : w.findChildren<QToolButton*>())
        if (b->text() == "Add")
            add = b;
    QVERIFY(add);
    add->click();
    QCOMPARE(int(w.scenarioState().scenarios.size()), 1);
    QVERIFY(w.scenarioState().scenarios.front().schedule == def);
    QVERIFY(!hint->isVisible());
    QVERIFY(peak->isEnabled());
    w.undoStack()->undo();
    QVERIFY(w.scenarioState().scenarios.empty());
    QVERIFY(hint->isVisible());
    QCOMPARE(peak->value(), def.maxLr());
}

void TestMainWindowExplorer::logWithoutLrIsExplainedAndAsksForTheSchedule()
{
    // A W&B chart export ("Export CSV") of two runs' train/loss: no learning rate anywhere in it.
    const QString path = data("gui/wandb_export_loss_only.csv");
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QCOMPARE(w.openFiles({path}), 0);
    QVERIFY(w.runs().empty());
    // Plain words, not losscast-cli's "--lr: error: ... name the LR series".
    const QString status = statusText(w);
    QVERIFY2(!status.contains("--lr") && !status.contains("error:"), qPrintable(status));
    QVERIFY2(status.contains("no learning rate") && status.contains("wandb_export_loss_only.csv"),
             qPrintable(status));
    // Beside the runs (readable in a screenshot too): the file, what to do, and each run's name.
    auto* tree = w.findChild<QTreeWidget*>("runsTree");
    QTreeWidgetItem* file = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == "wandb_export_loss_only.csv")
            file = tree->topLevelItem(i);
    QVERIFY(file);
    QStringList rows;
    for (int i = 0; i < file->childCount(); ++i)
        rows << file->child(i)->text(0);
    QVERIFY2(rows.contains("nanogpt-124M-cosine") && rows.contains("nanogpt-124M-cosine-rerun"),
             qPrintable(rows.join(", ")));
    QVERIFY2(rows.filter("double-click").size() == 1, qPrintable(rows.join(", ")));
    for (const QString& r : rows)
        QVERIFY2(!r.contains("--"), qPrintable(r));

    // The window asks at once, with a schedule form rather than a text spec.
    auto* dlg = w.findChild<losscast::app::MappingDialog*>();
    QVERIFY(dlg);
    QTRY_VERIFY(dlg->isVisible());
    auto* problem = dlg->findChild<QLabel*>("mappingProblem");
    QVERIFY(problem && problem->text().contains("no learning-rate column"));
    QCOMPARE(dlg->loss(), QStringLiteral("train/loss"));
    QVERIFY(dlg->lr().isEmpty()); // "not logged: use the schedule below"
    auto* steps = dlg->findChild<QSpinBox*>("scheduleSteps");
    QVERIFY(steps);
    QCOMPARE(steps->value(), 3000); // reaches the longer run's last step, not only the first run's
    // A bad peak is explained and blocks OK.
    auto* peak = dlg->findChild<QLineEdit*>("schedulePeak");
    auto* ok = dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    peak->setText("abc");
    QVERIFY(!ok->isEnabled());
    QVERIFY(dlg->findChild<QLabel*>("mappingStatus")->text().contains("Peak LR"));
    // What the run's config said: cosine 6e-4 → 6e-5 over 3000 steps, 100 warmup.
    peak->setText("6e-4");
    dlg->findChild<QLineEdit*>("scheduleFinal")->setText("6e-5");
    dlg->findChild<QSpinBox*>("scheduleWarmup")->setValue(100);
    auto* kind = dlg->findChild<QComboBox*>("scheduleKind");
    kind->setCurrentIndex(kind->findData(int(losscast::core::ScheduleKind::Cosine)));
    QVERIFY(ok->isEnabled());
    ok->click();
    QCOMPARE(int(w.runs().size()), 2);
    const auto cosine = losscast::core::Schedule::cosine(6e-4, 6e-5, 3000, 100);
    for (const auto& r : w.runs()) {
        QVERIFY(!r.curve.steps.empty());
        for (std::int64_t s : {std::int64_t(1), std::int64_t(100), r.curve.steps.back()})
            QCOMPARE(r.curve.schedule.lr.at(std::size_t(s)), cosine.lrAt(s));
    }
    // The file is no longer listed as waiting for its LR; each run says where it came from (the loader of
    // core's registry that read it, the importer's format, the schedule given).
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        QVERIFY(tree->topLevelItem(i)->text(1) != "needs LR");
    for (const auto& r : w.runs()) {
        QCOMPARE(r.provenance.format, std::string("csv"));
        QVERIFY2(r.provenance.detected.find("wandb") != std::string::npos, r.provenance.detected.c_str());
        QCOMPARE(r.provenance.loss, std::string("train/loss"));
        QVERIFY(!r.provenance.schedule.empty());
        QCOMPARE(QFileInfo(QString::fromStdString(r.provenance.file)), QFileInfo(path));
    }

    // Double-clicking a waiting file asks again (here after re-opening it in a second window).
    MainWindow again;
    QCOMPARE(again.openFiles({path}), 0);
    auto* first = again.findChild<losscast::app::MappingDialog*>();
    QVERIFY(first);
    first->reject();
    QTRY_VERIFY(again.findChild<losscast::app::MappingDialog*>() == nullptr);
    auto* t2 = again.findChild<QTreeWidget*>("runsTree");
    QVERIFY(t2->topLevelItemCount() > 0);
    emit t2->itemActivated(t2->topLevelItem(0)->child(0), 0);
    QVERIFY(again.findChild<losscast::app::MappingDialog*>() != nullptr);

    // The file is read once: the question is asked from the runs read on opening, so it is still asked
    // (with the file's series) after the file has gone.
    QTemporaryDir tmp;
    const QString copy = tmp.filePath("loss_only.csv");
    QVERIFY(QFile::copy(path, copy));
    MainWindow third;
    QCOMPARE(third.openFiles({copy}), 0);
    QVERIFY(third.filesWaitingForLr().contains(QFileInfo(copy).absoluteFilePath()));
    auto* asked = third.findChild<losscast::app::MappingDialog*>();
    QVERIFY(asked);
    asked->reject();
    QTRY_VERIFY(third.findChild<losscast::app::MappingDialog*>() == nullptr);
    QVERIFY(QFile::remove(copy));
    auto* t3 = third.findChild<QTreeWidget*>("runsTree");
    emit t3->itemActivated(t3->topLevelItem(0)->child(0), 0);
    auto* again3 = third.findChild<losscast::app::MappingDialog*>();
    QVERIFY(again3);
    QCOMPARE(again3->loss(), QStringLiteral("train/loss"));
}

void TestMainWindowExplorer::metricsAreCheckableAndTheFitSeriesCanBeChosen()
{
    // A W&B history with train/loss (fitted), eval/loss and train/lr.
    const QString path = data("import/wandb_api_history.csv");
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QCOMPARE(w.openFiles({path}), 1);
    const auto imported = losscast::core::import::importFile(path.toStdString());
    const auto& src = imported.runs.front();
    QCOMPARE(src.roles.valLoss, std::string("eval/loss"));
    auto* tree = w.findChild<QTreeWidget*>("runsTree");
    auto findRow = [&](const QString& text) -> QTreeWidgetItem* {
        const auto hits = tree->findItems(text, Qt::MatchExactly | Qt::MatchRecursive);
        return hits.isEmpty() ? nullptr : hits.first();
    };
    QTreeWidgetItem* runRow = findRow(QString::fromStdString(w.runs().front().curve.name));
    QTreeWidgetItem* train = findRow("train/loss");
    QTreeWidgetItem* eval = findRow("eval/loss");
    QTreeWidgetItem* lr = findRow("train/lr");
    QVERIFY(runRow && train && eval && lr);
    // Loss-like series have check boxes and colour chips; the LR row is information only.
    QVERIFY(train->flags() & Qt::ItemIsUserCheckable);
    QVERIFY(eval->flags() & Qt::ItemIsUserCheckable);
    QVERIFY(!(lr->flags() & Qt::ItemIsUserCheckable));
    QVERIFY(!train->icon(0).isNull() && !eval->icon(0).isNull());
    QCOMPARE(train->checkState(0), Qt::Checked);
    QCOMPARE(eval->checkState(0), Qt::Unchecked);
    QCOMPARE(runRow->checkState(0), Qt::PartiallyChecked); // tri-state: one of two series drawn
    QVERIFY(train->font(0).bold());
    QCOMPARE(train->text(1), QStringLiteral("fit on"));

    auto drawn = [&](const QString& idSuffix) -> const losscast::widgets::PlotSeries* {
        for (const auto& s : w.plotPanel()->lossSeries())
            if (s.id == w.runs().front().id + idSuffix)
                return &s;
        return nullptr;
    };
    QVERIFY(drawn(""));
    QVERIFY(!drawn(":metric:eval/loss"));
    // Ticking eval/loss draws it too: its logged points, dotted, named after run and series.
    eval->setCheckState(0, Qt::Checked);
    QTRY_VERIFY(drawn(":metric:eval/loss"));
    const auto* e = drawn(":metric:eval/loss");
    const auto* es = src.find("eval/loss");
    QCOMPARE(e->x, es->steps);
    QCOMPARE(e->y, es->values);
    QCOMPARE(e->style, Qt::DotLine);
    QVERIFY(e->inLegend);
    QVERIFY(e->name.contains("eval/loss") &&
            e->name.contains(QString::fromStdString(w.runs().front().curve.name)));
    QVERIFY(drawn("")->name.contains("train/loss")); // and the fitted series says which it is
    QCOMPARE(runRow->checkState(0), Qt::Checked);
    // Unticking the run unticks (and hides) all its series.
    runRow->setCheckState(0, Qt::Unchecked);
    QCOMPARE(train->checkState(0), Qt::Unchecked);
    QCOMPARE(eval->checkState(0), Qt::Unchecked);
    QTRY_VERIFY(!drawn("") && !drawn(":metric:eval/loss"));
    QVERIFY(!w.runs().front().visible);
    runRow->setCheckState(0, Qt::Checked);
    QTRY_VERIFY(drawn("") && drawn(":metric:eval/loss"));

    // Fit on eval/loss instead: the curve becomes its points, with the same logged LR.
    QString error;
    QVERIFY(!w.setFitMetric(0, "no-such-series", &error));
    QVERIFY(!error.isEmpty());
    const auto lrBefore = w.runs().front().curve.schedule.lr;
    QVERIFY2(w.setFitMetric(0, "eval/loss", &error), qPrintable(error));
    const auto& curve = w.runs().front().curve;
    QCOMPARE(curve.steps.size(), es->size());
    for (std::size_t i = 0; i < es->size(); ++i) {
        QCOMPARE(double(curve.steps[i]), es->steps[i]);
        QCOMPARE(curve.loss[i], es->values[i]);
    }
    QCOMPARE(w.runs().front().fitMetric, QStringLiteral("eval/loss"));
    QVERIFY(curve.schedule.lr.size() <= lrBefore.size());
    QCOMPARE(curve.schedule.lr.back(), lrBefore[curve.schedule.lr.size() - 1]);
    // The tree marks the new choice.
    QTreeWidgetItem* evalAfter = findRow("eval/loss");
    QVERIFY(evalAfter && evalAfter->font(0).bold());
    QCOMPARE(evalAfter->text(1), QStringLiteral("fit on"));
    QVERIFY(!findRow("train/loss")->font(0).bold());
}

void TestMainWindowExplorer::newcomerGoesFromWandbExportToPredictedWsd()
{
    // The README's path, as a newcomer takes it: File → Open a W&B chart export, answer the schedule
    // question with the training config, Fit, read the WSD scenario's predicted curve.
    MainWindow w;
    w.resize(1500, 940);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.openFiles({data("gui/wandb_export_loss_only.csv")}), 0);
    auto* dlg = w.findChild<losscast::app::MappingDialog*>();
    QVERIFY(dlg);
    dlg->findChild<QLineEdit*>("schedulePeak")->setText("6e-4");
    dlg->findChild<QLineEdit*>("scheduleFinal")->setText("6e-5");
    dlg->findChild<QSpinBox*>("scheduleWarmup")->setValue(100);
    shoot(dlg, "wandb-schedule-dialog");
    dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(int(w.runs().size()), 2);
    // Opening says what to do next.
    QVERIFY2(statusText(w).contains("Fit"), qPrintable(statusText(w)));

    QSignalSpy done(&w, &MainWindow::fitFinished);
    QVERIFY(w.startFit());
    QVERIFY(done.wait(60000));
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(statusText(w)));
    QVERIFY2(statusText(w).contains("Scenarios"), qPrintable(statusText(w))); // where to look next

    // A WSD scenario is there from the start, with the runs' peak LR and length, and it is predicted.
    const auto& st = w.scenarioState();
    int wsd = -1;
    for (int i = 0; i < int(st.scenarios.size()); ++i)
        if (!st.scenarios[std::size_t(i)].schedule.phases().empty() &&
            st.scenarios[std::size_t(i)].schedule.phases().front().kind == losscast::core::ScheduleKind::Wsd)
            wsd = i;
    QVERIFY(wsd >= 0);
    const auto& schedule = st.scenarios[std::size_t(wsd)].schedule;
    QCOMPARE(schedule.totalSteps(), std::int64_t(3000));
    QVERIFY(std::abs(schedule.maxLr() - 6e-4) < 1e-5);
    const auto& p = w.scenarioPredictions().at(std::size_t(wsd));
    QVERIFY(std::isfinite(p.finalLoss));
    QVERIFY(p.finalLoss > 2.5 && p.finalLoss < 4.0); // the fixture's runs end near 3.0
    bool drawn = false;
    for (const auto& s : w.plotPanel()->lossSeries())
        drawn = drawn || (s.role == losscast::widgets::PlotSeries::Role::Predicted &&
                          s.name.contains(st.scenarios[std::size_t(wsd)].name) && s.y.size() > 10);
    QVERIFY(drawn);
    w.plotPanel()->replotNow();
    shoot(&w, "wandb-wsd-prediction");
}

void TestMainWindowExplorer::realWandbChartExportOpensWithTheDefaultSchedule()
{
    // A real W&B chart export (eight nanoGPT runs of different lengths, train/loss only).
    const QString path = QStringLiteral(
        LOSSCAST_SHARED_DIR "/data/formats/wandb_ui_export_csv/druidowm_nanoGPT_wandb_export.csv");
    if (!QFile::exists(path))
        QSKIP("../shared/data/formats is not present");
    MainWindow w;
    w.resize(1500, 940);
    w.show();
    QCOMPARE(w.openFiles({path}), 0);
    auto* dlg = w.findChild<losscast::app::MappingDialog*>();
    QVERIFY(dlg);
    // The form's defaults are a usable schedule reaching the longest run (step 385): OK opens every run.
    QCOMPARE(dlg->findChild<QSpinBox*>("scheduleSteps")->value(), 385);
    auto* ok = dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    ok->click();
    QCOMPARE(int(w.runs().size()), 8);
    QSignalSpy done(&w, &MainWindow::fitFinished);
    QVERIFY(w.startFit());      // Auto, the default: every law with its validation folds on eight runs
    QVERIFY(done.wait(240000)); // generous for the sanitizer build on a loaded machine
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(statusText(w)));
    QVERIFY(!w.scenarioState().scenarios.empty());
    w.plotPanel()->replotNow();
    shoot(&w, "real-wandb-export");
}

void TestMainWindowExplorer::onlyTheRunsWithoutLrTakeTheSchedule()
{
    // run-a logged train/lr, run-b only its loss: run-a opens at once, run-b waits for a schedule.
    const QString path = data("gui/wandb_export_mixed_lr.csv");
    MainWindow w;
    QCOMPARE(w.openFiles({path}), 1);
    QCOMPARE(QString::fromStdString(w.runs().front().curve.name), QStringLiteral("run-a"));
    const auto loggedLr = w.runs().front().curve.schedule.lr;
    QVERIFY(statusText(w).contains("no learning rate"));
    auto* dlg = w.findChild<losscast::app::MappingDialog*>();
    QVERIFY(dlg);
    dlg->findChild<QLineEdit*>("schedulePeak")->setText("3e-4");
    dlg->findChild<QLineEdit*>("scheduleFinal")->setText("3e-5");
    QVERIFY(dlg->lr().isEmpty()); // asked about run-b, which has no LR column
    dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    // run-b is added with the schedule; run-a is not added twice and keeps its logged LR.
    QCOMPARE(int(w.runs().size()), 2);
    QCOMPARE(QString::fromStdString(w.runs()[1].curve.name), QStringLiteral("run-b"));
    QVERIFY(w.runs().front().curve.schedule.lr == loggedLr);
    QVERIFY(w.runs()[1].curve.schedule.lr != loggedLr);
}

QTEST_MAIN(TestMainWindowExplorer)
#include "tst_mainwindow_explorer.moc"
