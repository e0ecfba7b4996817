// The explorer window's finishing touches (issue #5), driven offscreen: what the crosshair says with a tokens
// axis, the empty scenario editor, logs without an LR, checkable metrics, and a newcomer's W&B path.
#include "app/gui/mainwindow.h"

#include "widgets/plotpanel.h"

#include "widgets/scenarioeditor.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
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

private:
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

QTEST_MAIN(TestMainWindowExplorer)
#include "tst_mainwindow_explorer.moc"
