// View → "CPT: PT Schedule from Selected Run" hands the selected run's LR history to the CPT view as its PT.
#include "app/gui/mainwindow.h"
#include "widgets/cptview.h"

#include <QTemporaryDir>
#include <QtTest>

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTreeWidget>
#include <QUndoStack>
#include <qcustomplot.h>

using namespace losscast;

class TestMainWindowCpt : public QObject
{
    Q_OBJECT
private slots:
    void ptScheduleFromSelectedRun();
    void cptEditsAreUndoable();
    void cptViewFitsTheDefaultWindow();
};

void TestMainWindowCpt::ptScheduleFromSelectedRun()
{
    app::MainWindow w;
    auto* action = w.findChild<QAction*>("cptPtFromRun");
    QVERIFY(action);
    auto* view = w.findChild<widgets::CptView*>();
    QVERIFY(view);
    // Nothing selected: the scenario stays and the user is told why.
    const auto before = view->scenario();
    action->trigger();
    QCOMPARE(view->scenario().switchStep(), before.switchStep());
    QVERIFY(view->scenario().ptLr.empty());

    QCOMPARE(w.openFiles({QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv")}), 1);
    auto* tree = w.findChild<QTreeWidget*>();
    QVERIFY(tree);
    QTreeWidgetItem* runItem = nullptr;
    for (int i = 0; i < tree->topLevelItemCount() && !runItem; ++i) {
        QTreeWidgetItem* top = tree->topLevelItem(i);
        if (top->data(0, Qt::UserRole + 1).isValid())
            runItem = top;
        for (int c = 0; c < top->childCount() && !runItem; ++c)
            if (top->child(c)->data(0, Qt::UserRole + 1).isValid())
                runItem = top->child(c);
    }
    QVERIFY(runItem);
    tree->setCurrentItem(runItem);
    action->trigger();
    const auto& lr = w.runs().front().curve.schedule.lr;
    const auto s = view->scenario();
    QCOMPARE(s.switchStep(), std::int64_t(lr.size() - 1));
    QCOMPARE(s.ptLr.size(), lr.size() - 1);
    for (std::size_t i = 1; i < lr.size(); ++i)
        QCOMPARE(s.ptLr[i - 1], lr[i]);
    QVERIFY(w.findChild<QDockWidget*>("cptDock")->isVisibleTo(&w));

    // The view's "Save fit…" never replaces one of the window's inputs (here the run the PT came from).
    QTemporaryDir tmp;
    const QString copy = tmp.filePath(QStringLiteral("run.csv"));
    QVERIFY(QFile::copy(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv"), copy));
    QCOMPARE(w.openFiles({copy}), 1);
    QFile original(copy);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    QString error;
    QVERIFY(!view->saveFitFile(copy, &error));
    QVERIFY2(error.contains(QStringLiteral("input")), qPrintable(error));
    QFile after(copy);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
}

namespace {
void sendMouse(QWidget* w, QEvent::Type type, QPoint pos)
{
    const Qt::MouseButtons buttons = type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}
bool samePhase(const core::cpt::Phase& a, const core::cpt::Phase& b)
{
    return a.steps == b.steps && a.warmupSteps == b.warmupSteps && a.peakLr == b.peakLr &&
           a.shape == b.shape && a.finalFraction == b.finalFraction && a.decayFraction == b.decayFraction;
}
bool sameScenario(const core::cpt::CptScenario& a, const core::cpt::CptScenario& b)
{
    return samePhase(a.pt, b.pt) && samePhase(a.cpt, b.cpt) && a.replay == b.replay && a.ptLr == b.ptLr;
}
} // namespace

// Edits in the CPT view are steps of the window's undo stack: a whole mouse drag of a schedule point is one
// step, slider and spin-box changes too (key presses on one control merge); undo restores the schedule and
// the curves, redo re-applies them.
void TestMainWindowCpt::cptEditsAreUndoable()
{
    app::MainWindow w;
    w.resize(1600, 1000);
    auto* dock = w.findChild<QDockWidget*>("cptDock");
    auto* view = w.findChild<widgets::CptView*>();
    QVERIFY(dock && view);
    dock->setFloating(true);
    dock->resize(1400, 850);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock));
    QUndoStack* undo = w.undoStack();
    const int base = undo->count();
    const auto s0 = view->scenario();
    const double end0 = view->prediction().domain.back();

    // Drag the CPT end point down to 30 % of the peak in several moves: one undo step.
    QCustomPlot* plot = view->lossPlot();
    const QCPAxisRect* r = plot->axisRect(1);
    auto px = [&](QPointF c) {
        return QPointF(r->axis(QCPAxis::atBottom)->coordToPixel(c.x()),
                       r->axis(QCPAxis::atLeft)->coordToPixel(c.y()))
            .toPoint();
    };
    const QPoint from = px(view->cptControlPoints().back());
    const QPoint to = px(QPointF(view->cptControlPoints().back().x(), 0.3 * s0.cpt.peakLr));
    sendMouse(plot, QEvent::MouseButtonPress, from);
    for (int k = 1; k <= 5; ++k)
        sendMouse(plot, QEvent::MouseMove, from + (to - from) * k / 5);
    sendMouse(plot, QEvent::MouseButtonRelease, to);
    const auto dragged = view->scenario();
    QVERIFY(std::abs(dragged.cpt.finalFraction - 0.3) < 0.05);
    QCOMPARE(undo->count(), base + 1);
    const double endDragged = view->prediction().domain.back();
    QVERIFY(endDragged > end0 + 1e-3);

    undo->undo();
    QVERIFY(sameScenario(view->scenario(), s0));
    QCOMPARE(view->prediction().domain.back(), end0);
    QCOMPARE(view->cptControlPoints().back().y(), s0.cpt.finalFraction * s0.cpt.peakLr);
    undo->redo();
    QVERIFY(sameScenario(view->scenario(), dragged));
    QCOMPARE(view->prediction().domain.back(), endDragged);

    // Replay slider: two keyboard-like steps on the same slider merge into one undo step.
    view->replaySlider()->setValue(20);
    view->replaySlider()->setValue(40);
    QCOMPARE(undo->count(), base + 2);
    QCOMPARE(view->scenario().replay, 0.4);
    undo->undo();
    QCOMPARE(view->scenario().replay, dragged.replay);
    QCOMPARE(view->replaySlider()->value(), int(std::lround(dragged.replay * 100)));
    undo->redo();
    QCOMPARE(view->scenario().replay, 0.4);

    // The CPT steps spin box (typing 12000 gives several values in a row): one step.
    auto* cptSteps = view->findChildren<QSpinBox*>().at(1);
    QCOMPARE(cptSteps->value(), int(s0.cpt.steps));
    for (int v : {1, 12, 120, 1200, 12000})
        cptSteps->setValue(v);
    QCOMPARE(view->scenario().cpt.steps, std::int64_t(12000));
    QCOMPARE(undo->count(), base + 3);
    undo->undo();
    QCOMPARE(view->scenario().cpt.steps, s0.cpt.steps);
    QCOMPARE(cptSteps->value(), int(s0.cpt.steps));
    // Undoing everything gives back the starting scenario.
    undo->undo();
    undo->undo();
    QVERIFY(sameScenario(view->scenario(), s0));
    QCOMPARE(view->prediction().domain.back(), end0);
}

// Reviewers: with the CPT dock open the 1500x940 window grew to 1159 px and the Runs tree shrank to two rows.
void TestMainWindowCpt::cptViewFitsTheDefaultWindow()
{
    app::MainWindow w;
    QCOMPARE(w.openFiles({QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv")}), 1);
    w.resize(1500, 940);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* dock = w.findChild<QDockWidget*>("cptDock");
    QVERIFY(dock);
    dock->show();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    if (qEnvironmentVariableIsSet("LOSSCAST_SHOT_DIR"))
        w.grab().save(qEnvironmentVariable("LOSSCAST_SHOT_DIR") + "/cpt-dock.png");
    qInfo() << "minimumSizeHint" << w.minimumSizeHint() << "size" << w.size() << "dock" << dock->size();
    QVERIFY2(w.minimumSizeHint().height() <= 940, qPrintable(QString::number(w.minimumSizeHint().height())));
    QCOMPARE(w.size(), QSize(1500, 940));
    // The docks beside it stay usable: the Runs tree shows several rows and the CPT plots are not squashed.
    auto* tree = w.findChild<QTreeWidget*>("runsTree");
    QVERIFY(tree);
    QVERIFY2(tree->viewport()->height() >= 5 * tree->fontMetrics().height(),
             qPrintable(QString::number(tree->viewport()->height())));
    auto* view = w.findChild<widgets::CptView*>();
    QVERIFY(view->isVisible());
    for (auto* plot : view->findChildren<QCustomPlot*>())
        QVERIFY2(plot->height() >= 200, qPrintable(QString::number(plot->height())));
    // In this short dock the legend used to cover the general curves after the switch and the last LR handle
    // was cut in half at the right edge: the legend is outside the loss axis, every handle inside the LR
    // axis.
    QCustomPlot* plot = view->lossPlot();
    plot->replot();
    QVERIFY(!plot->legend->outerRect().intersects(plot->axisRect(0)->rect()));
    QVERIFY(plot->legend->outerRect().width() <= plot->width());
    const QCPAxisRect* lr = plot->axisRect(1);
    for (const QPointF c : view->cptControlPoints()) {
        const QPointF px(lr->axis(QCPAxis::atBottom)->coordToPixel(c.x()),
                         lr->axis(QCPAxis::atLeft)->coordToPixel(c.y()));
        QVERIFY2(QRectF(lr->rect()).adjusted(5, 5, -5, 0).contains(px),
                 qPrintable(QString("handle at %1,%2").arg(px.x()).arg(px.y())));
    }
}

QTEST_MAIN(TestMainWindowCpt)
#include "tst_mainwindow_cpt.moc"
