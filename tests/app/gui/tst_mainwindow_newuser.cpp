// What a first-time user hit in the window (issue #5 review): each test opens the kind of file they opened
// and checks the window does the right thing with it.
#include "app/gui/mainwindow.h"
#include "app/gui/mappingdialog.h"

#include "core/import/importer.h"
#include "core/session/session.h"
#include "widgets/plotpanel.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeWidget>
#include <qcustomplot.h>

#include <QtTest>

#include <algorithm>

using losscast::app::MainWindow;

class TestMainWindowNewUser : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void scenariosTakeTheWarmupOfALoggedLrRamp();
    void sessionKeepsAFileThatNeedsAnLr();
    void tooShortRunIsNotFittedAndSaysWhy();
    void lossOfARunWithoutLrIsDrawn();
    void smallWindowKeepsLegendSmallAndTicksApart();

private:
    static QString data(const QString& name) { return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/gui/") + name; }
    QTemporaryDir m_tmp;
};

void TestMainWindowNewUser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
}

void TestMainWindowNewUser::scenariosTakeTheWarmupOfALoggedLrRamp()
{
    // Logged from step 0: the LR rises 0 → 6e-4 over 20 steps, then a cosine. There is no unlogged prefix,
    // but the run was trained with a 20-step warmup: the fit (the run's curve) and its scenarios use it.
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QCOMPARE(w.openFiles({data("lr_warmup_ramp.csv")}), 1);
    QCOMPARE(w.runs().front().curve.schedule.warmupSteps, 20);
    const auto& sc = w.scenarioState().scenarios;
    QCOMPARE(int(sc.size()), 2);
    for (const auto& s : sc) {
        QCOMPARE(s.schedule.warmupSteps(), 20);
        QCOMPARE(s.schedule.totalSteps(), 240);
    }
}

void TestMainWindowNewUser::sessionKeepsAFileThatNeedsAnLr()
{
    // A W&B chart export logs the loss only: its runs wait for a schedule. Saving the session must keep the
    // file (marked by having no runs yet), and opening the session lists it again as needing an LR.
    const QString input = data("wandb_export_loss_only.csv");
    const QString out = m_tmp.filePath("needs_lr.losscast");
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QCOMPARE(w.openFiles({input}), 0);
        if (auto* dlg = w.findChild<losscast::app::MappingDialog*>())
            dlg->reject();
        QString error;
        QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    }
    const auto saved = losscast::core::readSession(out.toStdString());
    QVERIFY2(saved.ok(), saved.errorText().c_str());
    QCOMPARE(int(saved->files.size()), 1);
    QVERIFY(
        QString::fromStdString(saved->files[0].path).endsWith(QStringLiteral("wandb_export_loss_only.csv")));
    QVERIFY(saved->files[0].runs.empty());

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QString error;
    QVERIFY2(w.openSession(out, &error), qPrintable(error));
    if (auto* dlg = w.findChild<losscast::app::MappingDialog*>())
        dlg->reject();
    QCOMPARE(w.missingFileCount(), 0); // read, not "missing" or "unreadable"
    QVERIFY(w.runs().empty());
    auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("runsTree"));
    QVERIFY(tree);
    bool listed = false;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        listed = listed || ((*it)->text(0) == QStringLiteral("wandb_export_loss_only.csv") &&
                            (*it)->text(1).contains(QStringLiteral("LR")));
    QVERIFY2(listed, "the file waiting for an LR is listed in the Runs dock");
}

void TestMainWindowNewUser::tooShortRunIsNotFittedAndSaysWhy()
{
    // Two points cannot determine a law with several parameters: the run is held out when opened (with a
    // warning saying why), and ticking it for fitting gives a message instead of a degenerate fit.
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.setLaw(QStringLiteral("mtl"));
    QCOMPARE(w.openFiles({data("two_points.csv")}), 1);
    QCOMPARE(int(w.runs().front().curve.steps.size()), 2);
    QVERIFY(!w.runs().front().train);
    QVERIFY(w.runs().front().warnings.join(' ').contains(QStringLiteral("only 2 point")));

    w.setRunTrain(0, true);
    QSignalSpy fitted(&w, &MainWindow::fitFinished);
    QVERIFY(!w.startFit());
    QVERIFY(!w.hasFit());
    QCOMPARE(fitted.count(), 0);
    bool said = false;
    for (auto* label : w.findChildren<QLabel*>())
        said = said || label->text().contains(QStringLiteral("degenerate"));
    QVERIFY2(said, "the window says why it does not fit");

    // A run with enough points opened next is ticked for fitting as usual.
    QCOMPARE(w.openFiles({data("lr_warmup_ramp.csv")}), 1);
    QVERIFY(w.runs().back().train);
}

void TestMainWindowNewUser::lossOfARunWithoutLrIsDrawn()
{
    // The W&B export logs the loss of one run and no LR: before the user gives the schedule, its measured
    // loss is drawn (the values of the file), the LR plot says why it is empty and the Scenarios dock says
    // what to do instead of "Open a run".
    const QString input = data("wandb_export_loss_only.csv");
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QCOMPARE(w.openFiles({input}), 0);
    if (auto* dlg = w.findChild<losscast::app::MappingDialog*>())
        dlg->reject();
    QVERIFY(w.runs().empty());
    const auto imported = losscast::core::import::importFile(input.toStdString());
    QVERIFY(!imported.runs.empty());
    const auto& run = imported.runs.front();
    const auto* loss = run.find(run.roles.loss);
    QVERIFY(loss && loss->size() > 0);
    const losscast::widgets::PlotSeries* drawn = nullptr;
    for (const auto& s : w.plotPanel()->lossSeries())
        if (s.id.startsWith(QStringLiteral("needslr:")) && s.id.endsWith(QStringLiteral(":0")))
            drawn = &s;
    QVERIFY2(drawn, "the measured loss of the run without an LR is drawn");
    QCOMPARE(drawn->x, loss->steps);
    QCOMPARE(drawn->y, loss->values);
    QVERIFY(w.plotPanel()->lrHint().contains(QStringLiteral("No LR logged")));
    auto* hint = w.findChild<QLabel*>(QStringLiteral("scenarioEmptyHint"));
    QVERIFY(hint);
    QVERIFY(!hint->text().contains(QStringLiteral("Open a run")));
    QVERIFY(hint->text().contains(QStringLiteral("learning rate")));
}

void TestMainWindowNewUser::smallWindowKeepsLegendSmallAndTicksApart()
{
    // The example session (9 runs, fit key, 2 predictions: 12 legend entries) at 1280×720 and smaller: the
    // legend covers less than half of the loss plot, and the step labels under the LR plot do not run
    // together.
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QString error;
    QVERIFY2(w.openSession(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/session/example.losscast"), &error),
             qPrintable(error));
    // 1100×600: the twelve rows no longer fit in half the plot, so the measured runs share one entry.
    for (const QSize size : {QSize(1280, 720), QSize(1100, 600)}) {
        w.resize(size);
        QCustomPlot* plot = w.plotPanel()->customPlot();
        for (int k = 0; k < 3; ++k) { // the legend fits itself after a layout: let the queued replots run
            plot->replot();
            QCoreApplication::processEvents();
        }
        QCPAxisRect* lossRect = plot->axisRect(0);
        QCPAxisRect* lrRect = plot->axisRect(1);
        QVERIFY(lossRect && lrRect);
        QCPLegend* legend = nullptr;
        for (int i = 0; i < lossRect->insetLayout()->elementCount(); ++i)
            if (auto* l = qobject_cast<QCPLegend*>(lossRect->insetLayout()->elementAt(i)))
                legend = l;
        QVERIFY(legend && legend->visible() && legend->itemCount() > 0);
        QVERIFY2(legend->outerRect().height() < 0.45 * lossRect->rect().height(),
                 qPrintable(QStringLiteral("legend %1 px of a %2 px loss plot")
                                .arg(legend->outerRect().height())
                                .arg(lossRect->rect().height())));

        QCPAxis* x = lrRect->axis(QCPAxis::atBottom);
        const QVector<double> ticks = x->tickVector();
        const QVector<QString> labels = x->tickVectorLabels();
        QVERIFY(ticks.size() >= 2);
        const QFontMetrics fm(x->tickLabelFont());
        for (int i = 1; i < ticks.size(); ++i) {
            const double gap = std::abs(x->coordToPixel(ticks[i]) - x->coordToPixel(ticks[i - 1]));
            const double need =
                (fm.horizontalAdvance(labels[i]) + fm.horizontalAdvance(labels[i - 1])) / 2.0 + 4;
            QVERIFY2(gap >= need, qPrintable(QStringLiteral("labels %1 and %2 are %3 px apart, need %4")
                                                 .arg(labels[i - 1], labels[i])
                                                 .arg(gap)
                                                 .arg(need)));
        }
        if (size.height() == 600)
            QVERIFY(legend->itemCount() < 12);
    }
}

QTEST_MAIN(TestMainWindowNewUser)
#include "tst_mainwindow_newuser.moc"
