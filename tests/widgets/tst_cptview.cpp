// The CPT view: live prediction while the replay slider moves (with a benchmark that prints the median update
// time), the full-replay limit on screen, the heat map, and the optimisation round trip through its
// TaskRunner.
#include "widgets/cptview.h"

#include <QHeaderView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace losscast::widgets;
using namespace losscast::core::cpt;

class TestCptView : public QObject
{
    Q_OBJECT
private slots:
    void presetPredicts();
    void replaySliderMovesTheCurves();
    void heatMap();
    void optimiseAndApply();
    void layoutIsReadable();
    void benchmarkReplaySlider();
};

void TestCptView::presetPredicts()
{
    CptView v;
    const auto& p = v.prediction();
    QVERIFY(p.steps.size() > 100);
    QCOMPARE(p.general.size(), p.steps.size());
    const auto s = v.scenario();
    // The general loss rises after the switch (B > 0 in the paper's general fit), the domain loss falls.
    const auto sw = std::find(p.steps.begin(), p.steps.end(), s.switchStep()) - p.steps.begin();
    QVERIFY(sw > 0 && static_cast<std::size_t>(sw) < p.steps.size());
    QVERIFY(v.generalTurn().peakLoss > v.generalTurn().lossAtSwitch);
    QVERIFY(p.domain.back() < p.domain[static_cast<std::size_t>(sw)]);
    QVERIFY(p.general.back() > p.generalHidden.back());
}

void TestCptView::replaySliderMovesTheCurves()
{
    CptView v;
    QSignalSpy changed(&v, &CptView::scenarioChanged);
    v.replaySlider()->setValue(0);
    const auto g0 = v.prediction().general.back();
    v.replaySlider()->setValue(50);
    QCOMPARE(v.scenario().replay, 0.5);
    QVERIFY(v.prediction().general.back() < g0); // replay reduces forgetting
    v.replaySlider()->setValue(100);
    QVERIFY(changed.count() >= 2);
    // Full replay: no distribution shift, the curves are their hidden PT curves.
    const auto& p = v.prediction();
    for (std::size_t k = 0; k < p.steps.size(); ++k) {
        QCOMPARE(p.general[k], p.generalHidden[k]);
        QCOMPARE(p.domain[k], p.domainHidden[k]);
    }
}

void TestCptView::heatMap()
{
    CptView v;
    v.setLambda1(0.0);
    v.updateHeatMapNow();
    const auto& h = v.heatMap();
    QCOMPARE(h.size(), std::size_t(12));
    for (const auto& row : h) {
        QCOMPARE(row.size(), std::size_t(12));
        for (double x : row)
            QVERIFY(std::isfinite(x));
    }
    // λ1 = 0 weighs only the domain loss: no replay beats full replay at every peak LR.
    for (std::size_t j = 0; j < 12; ++j)
        QVERIFY(h.front()[j] <= h.back()[j]);
}

void TestCptView::optimiseAndApply()
{
    CptView v;
    v.setLambda1(1.0); // only the general loss counts
    QSignalSpy done(&v, &CptView::optimisationFinished);
    v.optimiseButton()->click();
    QVERIFY(v.isOptimising() || done.count() == 1);
    QVERIFY(done.count() == 1 || done.wait(20000));
    QCOMPARE(done.first().at(0).toBool(), true);
    v.applyOptimum();
    QVERIFY(v.scenario().replay > 0.9); // keeping the old data in is what protects the general loss
    QCOMPARE(v.replaySlider()->value(), static_cast<int>(std::lround(v.scenario().replay * 100)));
}

// What the first screenshot got wrong: the "Optimised" column clipped, the legend over the turning-point
// marker and label, and the loss axis cutting the curves.
void TestCptView::layoutIsReadable()
{
    CptView v;
    v.resize(1400, 850);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QSignalSpy done(&v, &CptView::optimisationFinished);
    v.optimise();
    QVERIFY(done.count() == 1 || done.wait(20000));
    QCoreApplication::processEvents(); // layout after the table got its optimised column
    const QTableWidget* table = v.resultTable();
    int columns = 0;
    for (int c = 0; c < table->columnCount(); ++c) {
        QVERIFY2(table->columnWidth(c) >= table->horizontalHeader()->sectionSizeHint(c),
                 qPrintable(QString("column %1 narrower than its header").arg(c)));
        for (int row = 0; row < table->rowCount(); ++row)
            QVERIFY2(table->columnWidth(c) > table->fontMetrics().horizontalAdvance(table->item(row, c)->text()),
                     qPrintable(QString("cell %1,%2 clipped").arg(row).arg(c)));
        columns += table->columnWidth(c);
    }
    QVERIFY2(
        columns <= table->viewport()->width(),
        qPrintable(QString("columns %1 px, viewport %2 px").arg(columns).arg(table->viewport()->width())));

    QCustomPlot* plot = v.lossPlot();
    QCPItemText* label = nullptr;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)))
            label = t;
    QVERIFY(label);
    for (int replay : {0, 30, 70}) {
        v.replaySlider()->setValue(replay);
        plot->replot();
        const auto& turn = v.generalTurn();
        const QRectF legend = plot->legend->outerRect();
        const QPointF marker(plot->xAxis->coordToPixel(static_cast<double>(turn.peakStep)),
                             plot->yAxis->coordToPixel(turn.peakLoss));
        QVERIFY2(!legend.adjusted(-5, -5, 5, 5).contains(marker),
                 qPrintable(QString("replay %1").arg(replay)));
        const QRectF text(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition());
        QVERIFY2(!legend.intersects(text),
                 qPrintable(QString("replay %1: legend covers the label").arg(replay)));
        QVERIFY2(QRectF(plot->axisRect()->rect()).contains(text),
                 qPrintable(QString("replay %1: label outside the plot").arg(replay)));
        // Every curve after the PT warmup lies inside the loss axis, and the axis is not mostly empty.
        const auto& p = v.prediction();
        const QCPRange y = plot->yAxis->range();
        double lo = 1e300, hi = -1e300;
        for (std::size_t k = 0; k < p.steps.size(); ++k)
            if (p.steps[k] >= v.scenario().pt.warmupSteps)
                for (const auto* c : {&p.general, &p.domain, &p.generalHidden, &p.domainHidden}) {
                    QVERIFY2(y.contains((*c)[k]),
                             qPrintable(QString("replay %1, step %2: %3 outside [%4, %5]")
                                            .arg(replay)
                                            .arg(p.steps[k])
                                            .arg((*c)[k])
                                            .arg(y.lower)
                                            .arg(y.upper)));
                    lo = std::min(lo, (*c)[k]);
                    hi = std::max(hi, (*c)[k]);
                }
        QVERIFY(y.size() < 1.5 * (hi - lo));
    }
}

void TestCptView::benchmarkReplaySlider()
{
    CptView v;
    v.resize(1400, 850);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    std::vector<double> ms;
    QElapsedTimer t;
    for (int round = 0; round < 2; ++round)
        for (int value = 0; value <= 100; ++value) {
            t.start();
            v.replaySlider()->setValue(round == 0 ? value : 100 - value); // recompute + immediate replot
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
    std::sort(ms.begin(), ms.end());
    std::printf(
        "CPT view, replay slider (%zu moves, scenario 20k PT + 10k CPT steps, 400 points): median %.2f ms, "
        "90th %.2f ms, max %.2f ms\n",
        ms.size(), ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back());
    if (const QByteArray dir = qgetenv("LOSSCAST_SCREENSHOT_DIR"); !dir.isEmpty()) {
        v.replaySlider()->setValue(30);
        v.updateHeatMapNow();
        QVERIFY(v.saveScreenshot(QString::fromLocal8Bit(dir) + "/cptview.png"));
    }
}

QTEST_MAIN(TestCptView)
#include "tst_cptview.moc"
