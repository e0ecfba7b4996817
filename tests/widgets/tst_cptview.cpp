// The CPT view: live prediction while the replay slider moves (with a benchmark that prints the median update
// time), the full-replay limit on screen, the heat map, and the optimisation round trip through its
// TaskRunner.
#include "widgets/cptview.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

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
