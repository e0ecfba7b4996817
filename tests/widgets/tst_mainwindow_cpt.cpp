// View → "CPT: PT Schedule from Selected Run" hands the selected run's LR history to the CPT view as its PT.
#include "app/gui/mainwindow.h"
#include "widgets/cptview.h"

#include <QtTest>

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QTreeWidget>

using namespace losscast;

class TestMainWindowCpt : public QObject
{
    Q_OBJECT
private slots:
    void ptScheduleFromSelectedRun();
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
}

QTEST_MAIN(TestMainWindowCpt)
#include "tst_mainwindow_cpt.moc"
