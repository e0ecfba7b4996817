// The window on a user's own data (issue #12): files that are not the bundled examples (logged from step 0,
// an inf first loss, NaN rows, a warmup ramp from LR 0, an HF trainer_state.json, a diverging run), driven
// through the real window offscreen. Each test names the finding it keeps fixed.
#include "app/gui/mainwindow.h"
#include "app/gui/mappingdialog.h"
#include "windowtestsupport.h"

#include "core/fit/fitter.h"
#include "core/laws/law.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using losscast::app::MainWindow;
namespace core = losscast::core;

class TestMainWindowUserData : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fitsOddInputsWithoutCrash_data();
    void fitsOddInputsWithoutCrash();
    void scenarioOfTheRunsScheduleMatchesItsFittedCurve();
    void warmupFieldReachesTheFitAndTheScenarios();
    void scheduleQuestionForALogWithoutLr();
    void tensorBoardRootRunIsNamedAfterItsFile();
    void wholeFlowOnEveryFormat_data();
    void wholeFlowOnEveryFormat();
    void longRunNamesAreElidedInTheLegend();
    void smallerThingsAUserNotices();
    void lawThatDoesNotDescribeTheRunsIsSaid();
    void everyViewCombinationFits_data();
    void everyViewCombinationFits();

private:
    static QString data(const QString& name) { return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/gui/") + name; }
    static bool fit(MainWindow& w) { return losscast::test::fitAndWait(w); }
    static void setWarmup(MainWindow& w, int value)
    {
        auto* box = w.findChild<QSpinBox*>(QStringLiteral("warmupSteps"));
        QVERIFY(box);
        box->setValue(value);
    }
    /// The fitted curve of run `i` at its last step, computed from the fit's parameters.
    static double fittedLast(const MainWindow& w, std::size_t i)
    {
        const auto& r = w.runs().at(i);
        const auto* f = w.fitResult();
        const auto law = core::findCurveLaw(f->fit.law);
        const std::int64_t last = r.curve.steps.back();
        return core::fit::predict(*law, f->fit.params, r.curve.schedule, std::vector<std::int64_t>{last},
                                  f->fit.settings)
            .front();
    }
};

void TestMainWindowUserData::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestMainWindowUserData::fitsOddInputsWithoutCrash_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("warmup"); // -1 = auto
    QTest::addColumn<QString>("law");
    // SIGSEGV in MplLaw::prepare (fit worker → predictSchedule) before the fix: warmup 0 and steps near 0.
    for (const char* law : {"mpl", "mtl"}) {
        QTest::addRow("step0-inf-auto-%s", law) << "from_step0_inf.csv" << -1 << law;
        QTest::addRow("step0-inf-warmup0-%s", law) << "from_step0_inf.csv" << 0 << law;
        QTest::addRow("ramp-from-lr0-warmup0-%s", law) << "warmup_ramp_from_0.csv" << 0 << law;
        QTest::addRow("hf-trainer-state-%s", law) << "hf_warmup/trainer_state.json" << -1 << law;
        QTest::addRow("hf-trainer-state-warmup0-%s", law) << "hf_warmup/trainer_state.json" << 0 << law;
        QTest::addRow("nan-rows-%s", law) << "nan_rows.csv" << -1 << law;
        QTest::addRow("diverging-%s", law) << "diverging.csv" << -1 << law;
    }
}

void TestMainWindowUserData::fitsOddInputsWithoutCrash()
{
    QFETCH(QString, file);
    QFETCH(int, warmup);
    QFETCH(QString, law);
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    setWarmup(w, warmup);
    w.setLaw(law);
    QVERIFY(w.openFiles({data(file)}) >= 1);
    if (warmup >= 0)
        for (const auto& r : w.runs())
            QCOMPARE(r.curve.schedule.warmupSteps, std::int64_t(warmup));
    const bool ok = fit(w);
    if (file != QLatin1String("diverging.csv"))
        QVERIFY2(ok, "the fit succeeds");
    if (!ok)
        return;
    QVERIFY(!w.scenarioPredictions().empty());
    for (const auto& p : w.scenarioPredictions()) {
        QVERIFY(!p.loss.empty());
        QVERIFY(std::all_of(p.loss.begin(), p.loss.end(), [](double v) { return std::isfinite(v); }));
    }
    for (std::size_t i = 0; i < w.runs().size(); ++i)
        QVERIFY(std::isfinite(fittedLast(w, i)));
}

void TestMainWindowUserData::scenarioOfTheRunsScheduleMatchesItsFittedCurve()
{
    // A Schaipp-style run logged from step 0 with its 300-step warmup ramp in the LR column (WSD, 20 % linear
    // decay to 1e-4, 6000 steps). With warmup "auto" the run was fitted with warmup 0 while its own schedule,
    // made as a scenario, was predicted with a warmup: MPL predicted 2.659 where the fitted curve ended at
    // 2.830. One warmup for both: the scenario equal to the run's schedule predicts the run's fitted curve.
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.setLaw(QStringLiteral("mpl"));
    QCOMPARE(w.openFiles({data("warmup_ramp_from_0.csv")}), 1);
    QCOMPARE(w.runs().front().curve.schedule.warmupSteps, std::int64_t(300)); // detected from the LR ramp
    const auto& sc = w.scenarioState().scenarios;
    const auto wsd = std::find_if(sc.begin(), sc.end(),
                                  [](const auto& s) { return s.name.startsWith(QStringLiteral("WSD")); });
    QVERIFY(wsd != sc.end());
    QCOMPARE(wsd->schedule.warmupSteps(), std::int64_t(300));
    QCOMPARE(wsd->schedule.totalSteps(), w.runs().front().curve.steps.back());
    QVERIFY(fit(w));
    const double fitted = fittedLast(w, 0);
    const double predicted = w.scenarioPredictions().at(std::size_t(wsd - sc.begin())).finalLoss;
    QVERIFY2(std::abs(predicted - fitted) < 1e-3 * fitted,
             qPrintable(QString("scenario %1 vs fitted curve %2").arg(predicted).arg(fitted)));
    // ... and that is the loss the run measured, within the fit's error.
    const double measured = w.runs().front().curve.loss.back();
    QVERIFY2(std::abs(predicted - measured) < 0.01 * measured,
             qPrintable(QString("scenario %1 vs measured %2").arg(predicted).arg(measured)));
}

void TestMainWindowUserData::warmupFieldReachesTheFitAndTheScenarios()
{
    // Typing a warmup into Warmup steps and refitting gave the same parameters: the field only applied to
    // files opened afterwards. It now rebuilds the open runs and the scenarios (one undo step for those).
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.setLaw(QStringLiteral("mpl"));
    QCOMPARE(w.openFiles({data("warmup_ramp_from_0.csv")}), 1);
    QVERIFY(fit(w));
    const auto detected = w.fitResult()->fit.params;
    setWarmup(w, 0);
    QCOMPARE(w.runs().front().curve.schedule.warmupSteps, std::int64_t(0));
    for (const auto& s : w.scenarioState().scenarios)
        QCOMPARE(s.schedule.warmupSteps(), std::int64_t(0));
    QVERIFY(fit(w));
    QVERIFY2(w.fitResult()->fit.params != detected, "a different warmup gives a different fit");
    setWarmup(w, 120);
    QCOMPARE(w.runs().front().curve.schedule.warmupSteps, std::int64_t(120));
    for (const auto& s : w.scenarioState().scenarios)
        QCOMPARE(s.schedule.warmupSteps(), std::int64_t(120));
    setWarmup(w, -1); // back to auto: detected again
    QCOMPARE(w.runs().front().curve.schedule.warmupSteps, std::int64_t(300));
    w.undoStack()->undo(); // the scenarios' warmup change is one undo step
    for (const auto& s : w.scenarioState().scenarios)
        QCOMPARE(s.schedule.warmupSteps(), std::int64_t(120));
}

void TestMainWindowUserData::tensorBoardRootRunIsNamedAfterItsFile()
{
    // A TensorBoard download of the log folder's root is named run-.-tag-loss.csv: its run is ".", and the
    // legend read ". (no LR yet)" with a "." row in the Runs dock. The window names such a run after its
    // file.
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QCOMPARE(w.openFiles({data("run-.-tag-loss.csv")}), 0);
    QCOMPARE(w.filesWaitingForLr().size(), 1);
    auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("runsTree"));
    QVERIFY(tree);
    QStringList rows;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        rows << (*it)->text(0);
    QVERIFY2(rows.contains(QStringLiteral("run-.-tag-loss")), qPrintable(rows.join(" | ")));
    QVERIFY2(!rows.contains(QStringLiteral(".")), qPrintable(rows.join(" | ")));
    QStringList names;
    for (QCustomPlot* p : w.findChildren<QCustomPlot*>())
        for (int i = 0; i < p->graphCount(); ++i)
            names << (p->graph(i)->property("fullName").isValid()
                          ? p->graph(i)->property("fullName").toString()
                          : p->graph(i)->name());
    QVERIFY2(names.contains(QStringLiteral("run-.-tag-loss (no LR yet)")), qPrintable(names.join(" | ")));
    for (const QString& n : names)
        QVERIFY2(!n.startsWith(QStringLiteral(". ")), qPrintable(n));
}

void TestMainWindowUserData::scheduleQuestionForALogWithoutLr()
{
    // A W&B chart export of three RL runs (5,000, 10,000 and 7,500 steps) that logs a cost and a reward but
    // no LR. The dialog offered `_step`/`Step` as the loss and Total steps 1, the Runs dock said the file had
    // failed to open, an import error closed the dialog and lost what was typed, and double-click did not
    // ask again.
    using losscast::app::MappingDialog;
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QCOMPARE(w.openFiles({data("wandb_chart_rl_cost.csv")}), 0);
    QCOMPARE(w.filesWaitingForLr().size(), 1); // "needs LR", not failed
    auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("runsTree"));
    QVERIFY(tree);
    QTreeWidgetItem* waiting = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        QVERIFY2(!(*it)->text(0).contains(QStringLiteral("failed")), qPrintable((*it)->text(0)));
        if ((*it)->text(0) == QStringLiteral("wandb_chart_rl_cost.csv"))
            waiting = *it;
    }
    QVERIFY(waiting);
    auto* dlg = w.findChild<MappingDialog*>();
    QVERIFY(dlg);
    auto* loss = dlg->findChild<QComboBox*>(QStringLiteral("lossColumn"));
    auto* steps = dlg->findChild<QSpinBox*>(QStringLiteral("scheduleSteps"));
    auto* peak = dlg->findChild<QLineEdit*>(QStringLiteral("schedulePeak"));
    auto* status = dlg->findChild<QLabel*>(QStringLiteral("mappingStatus"));
    auto* buttons = dlg->findChild<QDialogButtonBox*>();
    QVERIFY(loss && steps && peak && status && buttons);
    QCOMPARE(loss->currentText(), QStringLiteral("train/cost")); // loss-like, not the step column
    QCOMPARE(steps->value(), 10000);                             // the longest run's last step
    QCOMPARE(dlg->requiredLastStep(), qint64(10000));
    // Too short a schedule: said in the dialog, OK disabled.
    steps->setValue(5000);
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(status->text().contains(QStringLiteral("10000")));
    steps->setValue(10000);
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    // A column the import cannot use (the reward is negative): the error is shown inline, the dialog stays
    // open and keeps what was typed.
    peak->setText(QStringLiteral("3e-4"));
    loss->setCurrentText(QStringLiteral("train/reward"));
    buttons->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dlg->isVisible());
    QVERIFY2(!status->text().isEmpty(), "the import's error is shown in the dialog");
    QCOMPARE(peak->text(), QStringLiteral("3e-4"));
    QVERIFY(w.runs().empty());
    // Closed without an answer: double-clicking the file's row asks again.
    dlg->reject();
    QTRY_VERIFY(w.findChild<MappingDialog*>() == nullptr);
    waiting = nullptr; // the tree may have been rebuilt meanwhile
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == QStringLiteral("wandb_chart_rl_cost.csv"))
            waiting = *it;
    QVERIFY2(waiting, "the file is still listed as needing an LR");
    // Activating the row (a double-click, or Enter on it: both emit itemActivated) asks again. Offscreen,
    // QTest's synthetic double-click does not reach activation, so the keyboard's path is driven here.
    tree->setFocus();
    tree->setCurrentItem(waiting);
    QTest::keyClick(tree, Qt::Key_Return);
    dlg = w.findChild<MappingDialog*>();
    QVERIFY2(dlg, "activating the file's row reopens the schedule question");
    // Answered: the three runs open with that schedule.
    dlg->findChild<QLineEdit*>(QStringLiteral("schedulePeak"))->setText(QStringLiteral("3e-4"));
    dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(int(w.runs().size()), 3);
    QVERIFY(w.filesWaitingForLr().isEmpty());
}

void TestMainWindowUserData::wholeFlowOnEveryFormat_data()
{
    QTest::addColumn<QString>("file");
    const QString gui = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/gui/");
    const QString imp = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/");
    // Every format the importers read (the repo's own fixtures) and the odd inputs of issue #12.
    for (const QString& f : {gui + "from_step0_inf.csv",
                             gui + "nan_rows.csv",
                             gui + "one_point.csv",
                             gui + "diverging.csv",
                             gui + "warmup_ramp_from_0.csv",
                             gui + "wandb_chart_rl_cost.csv",
                             gui + "wandb_export_loss_only.csv",
                             gui + "hf_warmup/trainer_state.json",
                             imp + "hf/checkpoint-40/trainer_state.json",
                             imp + "lightning/version_3/metrics.csv",
                             imp + "wandb_api_history.csv",
                             imp + "wandb_chart_bucketed.csv",
                             imp + "wandb_legacy_run",
                             imp + "wandb_modern_run",
                             imp + "run-baseline_2-tag-train_loss.csv",
                             imp + "run-eval-tag-loss.json",
                             imp + "long_format_runs.csv",
                             imp + "tabs.tsv",
                             imp + "nanogpt.log",
                             imp + "llmc.log",
                             imp + "modded_nanogpt_val_train.log",
                             imp + "megatron_reset.log"})
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestMainWindowUserData::wholeFlowOnEveryFormat()
{
    // A user's whole flow: open, answer the schedule question when asked, fit MTL and MPL, drag a point of
    // the current scenario, undo, open every view, export, new session. No crash, finite predictions.
    using losscast::app::MappingDialog;
    QFETCH(QString, file);
    QTemporaryDir tmp;
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.openFiles({file});
    if (auto* dlg = w.findChild<MappingDialog*>()) {
        // The schedule the runs were trained with: the form's cosine at the suggested length.
        dlg->findChild<QLineEdit*>(QStringLiteral("schedulePeak"))->setText(QStringLiteral("6e-4"));
        auto* ok = dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        if (ok->isEnabled())
            ok->click();
        if (w.findChild<MappingDialog*>())
            dlg->reject(); // nothing usable in it (a table of runs): the file stays listed
    }
    for (const char* law : {"mtl", "mpl"}) {
        w.setLaw(QString::fromLatin1(law));
        const bool trainable =
            std::any_of(w.runs().begin(), w.runs().end(), [](const auto& r) { return r.train; });
        if (!trainable || !fit(w))
            continue;
        for (const auto& p : w.scenarioPredictions())
            QVERIFY2(std::all_of(p.loss.begin(), p.loss.end(), [](double v) { return std::isfinite(v); }),
                     law);
        if (!w.currentControlPoints().isEmpty()) {
            const auto before =
                w.scenarioState().scenarios.at(std::size_t(w.scenarioState().current)).schedule;
            const int last = int(w.currentControlPoints().size()) - 1;
            losscast::test::dragControlPoint(w, std::max(0, last - 1), QPointF(-30, 20));
            for (const auto& p : w.scenarioPredictions())
                QVERIFY(std::all_of(p.loss.begin(), p.loss.end(), [](double v) { return std::isfinite(v); }));
            while (w.undoStack()->canUndo() &&
                   w.scenarioState().scenarios.at(std::size_t(w.scenarioState().current)).schedule != before)
                w.undoStack()->undo();
            QVERIFY(w.scenarioState().scenarios.at(std::size_t(w.scenarioState().current)).schedule ==
                    before);
        }
    }
    for (const char* name : {"cptDock", "mixtureDock"}) {
        auto* dock = w.findChild<QDockWidget*>(QString::fromLatin1(name));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QApplication::processEvents();
    }
    QString error;
    QVERIFY2(w.exportPlot(tmp.filePath("plot.png"), 900, 600, &error), qPrintable(error));
    if (w.hasFit())
        QVERIFY2(w.exportPredictionsCsv(tmp.filePath("predictions.csv"), &error), qPrintable(error));
    w.newSession();
    QVERIFY(w.runs().empty());
    QVERIFY(w.filesWaitingForLr().isEmpty());
    QVERIFY(w.scenarioState().scenarios.empty());
    QCOMPARE(w.findChild<QSpinBox*>(QStringLiteral("warmupSteps"))->value(), -1);
}

void TestMainWindowUserData::smallerThingsAUserNotices()
{
    // Issue #12, "Smaller things a user notices": scenario names follow their schedule, a dragged (Custom)
    // scenario shows no decay fraction, the status bar says what was undone, the toolbar's Undo is an icon
    // (its growing text made the buttons after it jump), the progress bar moves before the first report.
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setLaw(QStringLiteral("mtl"));
    // Rows dropped while reading (NaN losses) are said in the status bar, not only in a collapsed row.
    {
        MainWindow nan;
        QCOMPARE(nan.openFiles({data("nan_rows.csv")}), 1);
        auto* text = nan.findChild<QLabel*>(QStringLiteral("statusText"));
        QVERIFY(text);
        QVERIFY2(text->text().contains(QStringLiteral("warning")) &&
                     text->text().contains(QStringLiteral("⚠")),
                 qPrintable(text->text()));
        QVERIFY(!nan.runs().front().warnings.isEmpty());
        QVERIFY2(nan.runs().front().warnings.join(' ').contains(QStringLiteral("NaN")),
                 qPrintable(nan.runs().front().warnings.join(' ')));
    }
    QCOMPARE(w.openFiles({data("warmup_ramp_from_0.csv")}), 1);
    auto current = [&w]() -> const losscast::app::Scenario& {
        return w.scenarioState().scenarios.at(std::size_t(w.scenarioState().current));
    };
    QCOMPARE(current().name, QStringLiteral("WSD 20% linear"));
    auto* decay = w.findChild<QDoubleSpinBox*>(QStringLiteral("decayFraction"));
    QVERIFY(decay);
    decay->setValue(0.3);
    QCOMPARE(current().name, QStringLiteral("WSD 30% linear"));
    QVERIFY(fit(w));
    losscast::test::dragControlPoint(w, 1, QPointF(40, 25));
    QCOMPARE(current().name, QStringLiteral("WSD 30% linear, edited"));
    QCOMPARE(decay->text(), QStringLiteral("—")); // not the 0.30 the schedule had before the drag
    auto* status = w.findChild<QLabel*>(QStringLiteral("statusText"));
    QVERIFY(status);
    QAction* undo = nullptr;
    for (QAction* a : w.findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(QKeySequence::Undo))
            undo = a;
    QVERIFY(undo);
    undo->trigger();
    QVERIFY2(status->text().startsWith(QStringLiteral("Undone: Move point")), qPrintable(status->text()));
    QCOMPARE(current().name, QStringLiteral("WSD 30% linear"));
    auto* toolbar = w.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    QVERIFY(toolbar);
    auto* undoButton = qobject_cast<QToolButton*>(toolbar->widgetForAction(undo));
    QVERIFY(undoButton);
    QCOMPARE(undoButton->toolButtonStyle(), Qt::ToolButtonIconOnly);
    const int width = undoButton->sizeHint().width();
    QVERIFY(w.undoStack()->text(w.undoStack()->index() - 1).size() > 10); // a long undo text...
    QCOMPARE(undoButton->sizeHint().width(), width);                      // ...does not widen the button
    // Busy: the bar moves (range 0..0) until the fit reports a fraction.
    QSignalSpy done(&w, &MainWindow::fitFinished);
    QVERIFY(w.startFit());
    auto* bar = w.findChild<QProgressBar*>(QStringLiteral("fitProgress"));
    QVERIFY(bar);
    QCOMPARE(bar->maximum(), 0);
    QVERIFY(done.wait(120000));
    QVERIFY(!bar->isVisible());
}

void TestMainWindowUserData::lawThatDoesNotDescribeTheRunsIsSaid()
{
    // A metric that is no loss curve (an RL cost, a reward) gave R² −29 and no word.
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.setLaw(QStringLiteral("mtl"));
    QCOMPARE(w.openFiles({data("not_a_loss.csv")}), 1);
    QVERIFY(fit(w));
    auto* summary = w.findChild<QLabel*>(QStringLiteral("fitSummary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QStringLiteral("does not describe these runs")),
             qPrintable(summary->text()));
    // A real loss curve gets no such warning.
    MainWindow good;
    good.setLaw(QStringLiteral("mtl"));
    QCOMPARE(good.openFiles({data("warmup_ramp_from_0.csv")}), 1);
    QVERIFY(fit(good));
    auto* goodSummary = good.findChild<QLabel*>(QStringLiteral("fitSummary"));
    QVERIFY(goodSummary);
    QVERIFY2(!goodSummary->text().contains(QStringLiteral("does not describe")),
             qPrintable(goodSummary->text()));
}

void TestMainWindowUserData::longRunNamesAreElidedInTheLegend()
{
    // A W&B run name such as "gpt2_last_char_to_char1729642919.4054031 - train/loss" pushed the legend out
    // on the left and its line samples vanished: names are elided in the middle, the full one is a tooltip.
    QTemporaryDir tmp;
    const QString name =
        QStringLiteral("gpt2_last_char_to_char1729642919.4054031_augmented_char_to_token_rerun_"
                       "with_a_much_longer_name");
    QVERIFY(QFile::copy(data("nan_rows.csv"), tmp.filePath(name + ".csv")));
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QCOMPARE(w.openFiles({tmp.filePath(name + ".csv")}), 1);
    QCustomPlot* plot = w.plotPanel()->customPlot();
    bool found = false;
    for (int i = 0; i < plot->graphCount(); ++i) {
        const QVariant full = plot->graph(i)->property("fullName");
        if (!full.toString().contains(name))
            continue;
        found = true;
        const QString shown = plot->graph(i)->name();
        QVERIFY2(shown.size() < name.size() && shown.contains(QChar(0x2026)), qPrintable(shown));
        QVERIFY(shown.contains(name.left(8)));
    }
    QVERIFY2(found, "the run's legend entry carries its full name");
}

void TestMainWindowUserData::everyViewCombinationFits_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>(
        "views"); // bit 0: CPT, bit 1: Mixtures, bit 2: Runs, bit 3: Scenarios, bit 4: Model
    for (const QSize size : {QSize(1280, 800), QSize(1600, 1000)})
        for (int views = 0; views < 32; ++views)
            QTest::addRow("%dx%d-views%d", size.width(), size.height(), views)
                << size.width() << size.height() << views;
}

void TestMainWindowUserData::everyViewCombinationFits()
{
    // Opening Mixtures while Continual Pre-training was open grew the window to 2,485 px on a 1,600 px
    // screen and drew one dock over the other after a resize. Every combination of the views must fit the
    // window at 1280×800 and 1600×1000: the window keeps its size, docks lie inside it and do not overlap.
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, views);
    MainWindow w;
    w.resize(width, height);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.openFiles({data("warmup_ramp_from_0.csv")}), 1);
    const char* names[] = {"cptDock", "mixtureDock", "runsDock", "scenariosDock", "modelDock"};
    for (int i = 0; i < 5; ++i) {
        auto* dock = w.findChild<QDockWidget*>(QString::fromLatin1(names[i]));
        QVERIFY2(dock, names[i]);
        dock->setVisible(views & (1 << i));
        if (views & (1 << i))
            dock->raise();
    }
    w.resize(width, height);
    QApplication::processEvents();
    QTest::qWait(20);
    // To look at them: LOSSCAST_SHOTS_DIR=/tmp/shots ./tst_mainwindow_userdata everyViewCombinationFits
    if (const QString dir = qEnvironmentVariable("LOSSCAST_SHOTS_DIR"); !dir.isEmpty())
        w.grab().save(
            QDir(dir).filePath(QStringLiteral("views-%1x%2-%3.png").arg(width).arg(height).arg(views)));
    QVERIFY2(w.width() <= width && w.height() <= height,
             qPrintable(QString("window %1x%2").arg(w.width()).arg(w.height())));
    QVERIFY2(
        w.minimumSizeHint().width() <= width && w.minimumSizeHint().height() <= height,
        qPrintable(
            QString("minimum %1x%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
    QVector<QRect> shown;
    QVector<QString> shownNames;
    QWidget* central = w.centralWidget();
    for (int i = 0; i < 5; ++i) {
        auto* dock = w.findChild<QDockWidget*>(QString::fromLatin1(names[i]));
        if (!dock->isVisible() || dock->visibleRegion().isEmpty())
            continue; // hidden, or the back tab of the bottom area
        const QRect g = dock->geometry();
        QVERIFY2(w.rect().contains(g), qPrintable(QString("%1 at %2,%3 %4x%5 outside the window")
                                                      .arg(names[i])
                                                      .arg(g.x())
                                                      .arg(g.y())
                                                      .arg(g.width())
                                                      .arg(g.height())));
        QVERIFY2(!g.intersects(central->geometry()),
                 qPrintable(QString("%1 covers the plots").arg(names[i])));
        // Not clipped: the dock gives its contents at least their minimum size.
        const QSize min = dock->widget()->minimumSizeHint();
        QVERIFY2(dock->widget()->width() >= min.width() - 1 && dock->widget()->height() >= min.height() - 1,
                 qPrintable(QString("%1 %2x%3 below its minimum %4x%5")
                                .arg(names[i])
                                .arg(dock->widget()->width())
                                .arg(dock->widget()->height())
                                .arg(min.width())
                                .arg(min.height())));
        for (int j = 0; j < shown.size(); ++j)
            QVERIFY2(!g.intersects(shown[j]),
                     qPrintable(QString("%1 overlaps %2").arg(names[i], shownNames[j])));
        shown << g;
        shownNames << QString::fromLatin1(names[i]);
    }
    QVERIFY2(central->width() >= central->minimumSizeHint().width() - 1 &&
                 central->height() >= central->minimumSizeHint().height() - 1,
             qPrintable(QString("plots %1x%2").arg(central->width()).arg(central->height())));
}

QTEST_MAIN(TestMainWindowUserData)
#include "tst_mainwindow_userdata.moc"
