// The explorer window's finishing touches (issue #5), driven offscreen: what the crosshair says with a tokens
// axis, the empty scenario editor, logs without an LR, checkable metrics, and a newcomer's W&B path.
#include "app/gui/mainwindow.h"

#include "widgets/plotpanel.h"

#include <QAction>
#include <QTreeWidget>
#include <QtTest>

#include <qcustomplot.h>

using losscast::app::MainWindow;

class TestMainWindowExplorer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void crosshairSaysTokensOnATokensAxis();

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

QTEST_MAIN(TestMainWindowExplorer)
#include "tst_mainwindow_explorer.moc"
