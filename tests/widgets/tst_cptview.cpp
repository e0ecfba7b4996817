// The CPT view: live prediction while the replay slider moves (with a benchmark that prints the median update
// time), the full-replay limit on screen, the heat map, the optimisation round trip through its
// TaskRunner, and the view's screenshot (always rendered and checked).
#include "core/cpt/cptjson.h"
#include "widgets/cptview.h"

#include <QHeaderView>
#include <QImage>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QtTest>

#include <QTemporaryDir>
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
    void shortViewScrollsItsControls();
    void dragCptSchedule();
    void importedPtSchedule();
    void savedFitCarriesPtSchedule();
    void benchmarkDrag();
    void benchmarkReplaySlider();
    void screenshotIsARendering();
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

// Docked under the main window's plots the view gets little height: its control column scrolls instead of
// forcing the window taller than the screen, and the result table shows every row without a scroll bar of its
// own.
void TestCptView::shortViewScrollsItsControls()
{
    CptView v;
    QVERIFY2(v.minimumSizeHint().height() <= 600,
             qPrintable(QString("minimum height %1 px").arg(v.minimumSizeHint().height())));
    v.resize(1400, 600);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QCoreApplication::processEvents();
    const QTableWidget* table = v.resultTable();
    QVERIFY(table->rowCount() >= 8);
    int rows = 0;
    for (int r = 0; r < table->rowCount(); ++r)
        rows += table->rowHeight(r);
    QVERIFY2(table->viewport()->height() >= rows,
             qPrintable(QString("rows %1 px, viewport %2 px").arg(rows).arg(table->viewport()->height())));
    QVERIFY2(v.height() <= 600, qPrintable(QString("height %1 px").arg(v.height())));
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
    // At the test's size and squeezed to the smallest the layout allows.
    for (const QSize size : {QSize(1400, 850), QSize(600, 500)}) {
        v.resize(size);
        QCoreApplication::processEvents();
        int columns = 0;
        for (int c = 0; c < table->columnCount(); ++c) {
            QVERIFY2(table->columnWidth(c) >= table->horizontalHeader()->sectionSizeHint(c),
                     qPrintable(QString("column %1 narrower than its header").arg(c)));
            for (int row = 0; row < table->rowCount(); ++row)
                QVERIFY2(table->columnWidth(c) >
                             table->fontMetrics().horizontalAdvance(table->item(row, c)->text()),
                         qPrintable(QString("cell %1,%2 clipped").arg(row).arg(c)));
            columns += table->columnWidth(c);
        }
        QVERIFY2(columns <= table->viewport()->width(),
                 qPrintable(
                     QString("columns %1 px, viewport %2 px").arg(columns).arg(table->viewport()->width())));
    }
    v.resize(1400, 850);
    QCoreApplication::processEvents();

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
                    const QPointF at(plot->xAxis->coordToPixel(static_cast<double>(p.steps[k])),
                                     plot->yAxis->coordToPixel((*c)[k]));
                    QVERIFY2(!legend.contains(at),
                             qPrintable(QString("replay %1: legend covers a curve at step %2")
                                            .arg(replay)
                                            .arg(p.steps[k])));
                    lo = std::min(lo, (*c)[k]);
                    hi = std::max(hi, (*c)[k]);
                }
        QVERIFY(y.size() < 1.5 * (hi - lo));
    }
}

namespace {
QPoint handlePixel(CptView& v, int i)
{
    QCPAxisRect* r = v.lossPlot()->axisRect(1);
    const QPointF c = v.cptControlPoints()[static_cast<std::size_t>(i)];
    return QPointF(r->axis(QCPAxis::atBottom)->coordToPixel(c.x()),
                   r->axis(QCPAxis::atLeft)->coordToPixel(c.y()))
        .toPoint();
}
void sendMouse(QWidget* w, QEvent::Type type, QPoint pos)
{
    const Qt::MouseButtons buttons = type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}
QPointF lrAt(CptView& v, QPoint px)
{
    QCPAxisRect* r = v.lossPlot()->axisRect(1);
    return {r->axis(QCPAxis::atBottom)->pixelToCoord(px.x()), r->axis(QCPAxis::atLeft)->pixelToCoord(px.y())};
}
} // namespace

// Dragging the CPT schedule's points with the mouse on the LR plot changes the scenario and the curves.
void TestCptView::dragCptSchedule()
{
    CptView v;
    v.resize(1400, 850);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QCOMPARE(v.lossPlot()->axisRectCount(), 2);
    // The LR plot shares the loss plot's step axis.
    QCOMPARE(v.lossPlot()->axisRect(1)->axis(QCPAxis::atBottom)->range(), v.lossPlot()->xAxis->range());
    const auto s0 = v.scenario();
    const auto pts = v.cptControlPoints();
    QCOMPARE(pts.size(), std::size_t(2)); // cosine: re-warmup end, end
    QCOMPARE(pts[0].x(), double(s0.switchStep() + s0.cpt.warmupSteps));
    QCOMPARE(pts[1].x(), double(s0.totalSteps()));
    QSignalSpy changed(&v, &CptView::scenarioChanged);
    QWidget* plot = v.lossPlot();

    // End point up to half the peak: the final LR fraction follows the mouse, less annealing → higher end
    // loss.
    const double domainEnd0 = v.prediction().domain.back();
    QPoint from = handlePixel(v, 1);
    QPoint to(from.x(), plot->height() / 2);
    const QCPAxisRect* r = v.lossPlot()->axisRect(1);
    to.setY(static_cast<int>(r->axis(QCPAxis::atLeft)->coordToPixel(0.5 * s0.cpt.peakLr)));
    sendMouse(plot, QEvent::MouseButtonPress, from);
    sendMouse(plot, QEvent::MouseMove, to - QPoint(0, -3));
    sendMouse(plot, QEvent::MouseMove, to);
    sendMouse(plot, QEvent::MouseButtonRelease, to);
    QVERIFY(changed.count() >= 2);
    QVERIFY(std::abs(v.scenario().cpt.finalFraction - lrAt(v, to).y() / s0.cpt.peakLr) < 1e-9);
    QVERIFY(std::abs(v.scenario().cpt.finalFraction - 0.5) < 0.05);
    QVERIFY(v.prediction().domain.back() > domainEnd0 + 1e-3);

    // Re-warmup end: right and up → a longer re-warmup and a higher peak (the peak slider follows).
    const double generalPeak0 = v.generalTurn().peakLoss;
    from = handlePixel(v, 0);
    to = from + QPoint(40, -30);
    sendMouse(plot, QEvent::MouseButtonPress, from);
    sendMouse(plot, QEvent::MouseMove, to);
    sendMouse(plot, QEvent::MouseButtonRelease, to);
    const auto s1 = v.scenario();
    QVERIFY(s1.cpt.warmupSteps > s0.cpt.warmupSteps);
    QVERIFY(s1.cpt.peakLr > s0.cpt.peakLr);
    QVERIFY(std::abs(double(s1.switchStep() + s1.cpt.warmupSteps) - lrAt(v, to).x()) <= 1.0);
    QVERIFY(v.generalTurn().peakLoss > generalPeak0); // a higher CPT LR forgets more
    // A press away from every point drags nothing.
    const auto before = v.scenario();
    sendMouse(plot, QEvent::MouseButtonPress, QPoint(r->left() + 5, r->top() + 5));
    sendMouse(plot, QEvent::MouseMove, QPoint(r->left() + 50, r->top() + 30));
    sendMouse(plot, QEvent::MouseButtonRelease, QPoint(r->left() + 50, r->top() + 30));
    QCOMPARE(v.scenario().cpt.peakLr, before.cpt.peakLr);
    QCOMPARE(v.scenario().cpt.warmupSteps, before.cpt.warmupSteps);

    // WSD has a third point, the decay start; dragging it left lengthens the decay.
    auto w = v.scenario();
    w.cpt.shape = DecayShape::Wsd;
    v.setScenario(w);
    QCOMPARE(v.cptControlPoints().size(), std::size_t(3));
    from = handlePixel(v, 1);
    to = from - QPoint(60, 0);
    sendMouse(plot, QEvent::MouseButtonPress, from);
    sendMouse(plot, QEvent::MouseMove, to);
    sendMouse(plot, QEvent::MouseButtonRelease, to);
    QVERIFY(v.scenario().cpt.decayFraction > w.cpt.decayFraction);
    QVERIFY(std::abs(v.cptControlPoints()[1].x() - lrAt(v, to).x()) < 2.0);
    // Dragging far outside stays valid.
    v.moveControlPoint(0, -1e9, 1e9);
    QVERIFY(v.scenario().validate().empty());
    v.moveControlPoint(2, 0.0, -1.0);
    QCOMPARE(v.scenario().cpt.finalFraction, 0.0);
}

// A PT schedule from an imported run (here a rendered cosine Schedule, as a Curve's LR history would be).
void TestCptView::importedPtSchedule()
{
    CptView v;
    const double switchLoss0 = v.generalTurn().lossAtSwitch;
    const auto cosine = losscast::core::Schedule::cosine(3e-4, 3e-5, 12000, 600);
    const std::vector<double> lr = cosine.render();
    QSignalSpy changed(&v, &CptView::scenarioChanged);
    QString error;
    QVERIFY2(v.setPtSchedule(cosine, "run A", &error), qPrintable(error));
    const auto s = v.scenario();
    QCOMPARE(s.switchStep(), std::int64_t(12000));
    QCOMPARE(s.pt.warmupSteps, std::int64_t(600));
    QCOMPARE(s.pt.peakLr, *std::max_element(lr.begin(), lr.end()));
    QCOMPARE(s.lossPotential(), lr.back() / s.pt.peakLr);
    // The law sees exactly the imported LRs, then the CPT phase.
    const auto in = s.schedule();
    for (std::size_t i = 0; i < lr.size(); ++i)
        QCOMPARE(in.lr[i], lr[i]);
    QCOMPARE(in.lr[12001], s.cpt.lrAt(1));
    QCOMPARE(v.prediction().steps.back(), s.totalSteps());
    QVERIFY(std::abs(v.generalTurn().lossAtSwitch - switchLoss0) > 1e-3); // a different PT, a different base
    // The LR plot shows it: its largest value is the imported peak (or the CPT peak if higher).
    QCPGraph* lrGraph = v.lossPlot()->axisRect(1)->graphs().front();
    double top = 0.0;
    for (const auto& p : *lrGraph->data())
        top = std::max(top, p.value);
    QCOMPARE(top, std::max(s.pt.peakLr, s.cpt.peakLr));
    // Moving a slider keeps the imported PT.
    v.replaySlider()->setValue(50);
    QCOMPARE(v.scenario().ptLr.size(), std::size_t(12000));
    QCOMPARE(v.scenario().replay, 0.5);
    // Bad LRs: refused with a message naming the source; the scenario stays.
    losscast::core::ScheduleInput bad;
    bad.lr = {0.0, 1e-4, -1e-4};
    QVERIFY(!v.setPtSchedule(bad, "run B", &error));
    QVERIFY2(error.contains("run B") && error.contains("step 2"), qPrintable(error));
    bad.lr = {0.0};
    QVERIFY(!v.setPtSchedule(bad, "run C", &error));
    QVERIFY2(error.contains("run C"), qPrintable(error));
    bad.lr = {0.0, 0.0, 0.0};
    QVERIFY(!v.setPtSchedule(bad, "run D", &error));
    bad.lr = {0.0, 1e-4, std::nan("")};
    QVERIFY(!v.setPtSchedule(bad, "run E", &error));
    QCOMPARE(v.scenario().switchStep(), std::int64_t(12000));
    // Back to the preset PT.
    v.clearPtSchedule();
    QVERIFY(v.scenario().ptLr.empty());
    QCOMPARE(v.scenario().switchStep(), std::int64_t(20000));
    QVERIFY(changed.count() >= 1);
}

// "Save fit…" writes the PT schedule taken from a run with the fits; read back (as `cpt predict --fit` does)
// it gives the view's prediction. Both compact forms: a cosine (written as a spec) and a jittery logged LR
// (written as steps and LRs).
void TestCptView::savedFitCarriesPtSchedule()
{
    std::vector<double> jitter = losscast::core::Schedule::cosine(3e-4, 3e-5, 3000, 100).render();
    for (std::size_t i = 1; i < jitter.size(); ++i)
        jitter[i] *= 1.0 + 1e-3 * double((i * 7919) % 13);
    for (const auto& lr : {losscast::core::Schedule::cosine(3e-4, 3e-5, 12000, 600).render(), jitter}) {
        CptView v;
        losscast::core::ScheduleInput in;
        in.lr = lr;
        in.warmupSteps = lr.size() > 5000 ? 600 : 100;
        QString error;
        QVERIFY2(v.setPtSchedule(in, "run A", &error), qPrintable(error));
        v.replaySlider()->setValue(30);
        QTemporaryDir tmp;
        const QString path = tmp.filePath("fit.json");
        QVERIFY2(v.saveFitFile(path, &error), qPrintable(error));
        const auto pair = readCptFitFile(path.toStdString());
        QVERIFY2(pair.ok(), pair.errorText().c_str());
        QCOMPARE(pair->ptSchedule.size(), lr.size());
        QCOMPARE(pair->ptWarmupSteps, in.warmupSteps);
        CptScenario s;
        s.cpt = v.scenario().cpt;
        s.replay = v.scenario().replay;
        QVERIFY(s.setPtLr(pair->ptSchedule, pair->ptWarmupSteps).empty());
        const auto& want = v.prediction();
        const auto got = predictScenario(*pair->general, *pair->domain, s, want.steps);
        for (std::size_t k = 0; k < want.steps.size(); ++k) {
            QVERIFY(std::abs(got.general[k] - want.general[k]) <= 1e-9);
            QVERIFY(std::abs(got.domain[k] - want.domain[k]) <= 1e-9);
        }
        // "Load CPT fit…" in another view takes the PT schedule back.
        CptView other;
        QVERIFY2(other.loadFitFile(path, &error), qPrintable(error));
        QCOMPARE(other.scenario().ptLr.size(), lr.size() - 1);
        QCOMPARE(other.scenario().pt.warmupSteps, in.warmupSteps);
        for (std::size_t i = 1; i < lr.size(); ++i)
            QVERIFY(std::abs(other.scenario().ptLr[i - 1] - lr[i]) <= 1e-12 * v.scenario().pt.peakLr);
    }
    // Without an imported PT the file has none (predict then uses its --pt-* options).
    CptView plain;
    QTemporaryDir tmp;
    QString error;
    QVERIFY(plain.saveFitFile(tmp.filePath("p.json"), &error));
    QVERIFY(readCptFitFile(tmp.filePath("p.json").toStdString())->ptSchedule.empty());

    // Never over an input: the window's runs and tables (asked at each save) are refused, naming the file,
    // and left as they were.
    const QString run = tmp.filePath("run.csv");
    {
        QFile f(run);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("step,lr,loss\n1,0.001,3\n");
    }
    plain.setInputFiles([run] { return QStringList{run}; });
    QVERIFY(!plain.saveFitFile(run, &error));
    QVERIFY2(error.contains("run.csv") && error.contains("input"), qPrintable(error));
    QFile f(run);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("step,lr,loss\n1,0.001,3\n"));
    QVERIFY2(plain.saveFitFile(tmp.filePath("other.json"), &error), qPrintable(error));
}

// Median time of one drag move of the CPT end point (recompute + immediate replot), printed.
void TestCptView::benchmarkDrag()
{
    CptView v;
    v.resize(1400, 850);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QWidget* plot = v.lossPlot();
    const QCPAxisRect* r = v.lossPlot()->axisRect(1);
    const QPoint from = handlePixel(v, 1);
    sendMouse(plot, QEvent::MouseButtonPress, from);
    std::vector<double> ms;
    QElapsedTimer t;
    for (int k = 0; k < 200; ++k) {
        const QPoint to(from.x(), r->top() + (k * 7) % std::max(1, r->height()));
        t.start();
        sendMouse(plot, QEvent::MouseMove, to);
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    sendMouse(plot, QEvent::MouseButtonRelease, from);
    QVERIFY(v.scenario().cpt.finalFraction != 0.1); // the moves did drag
    std::vector<double> direct;
    for (int k = 0; k < 200; ++k) {
        t.start();
        v.moveControlPoint(1, 0.0, v.scenario().cpt.peakLr * ((k * 7) % 100) / 100.0);
        direct.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(direct.begin(), direct.end());
    std::printf("  moveControlPoint alone: median %.2f ms\n", direct[direct.size() / 2]);
    std::sort(ms.begin(), ms.end());
    std::printf(
        "CPT view, dragging the CPT schedule's end point (%zu moves, 20k PT + 10k CPT steps, 400 points): "
        "median %.2f ms, 90th %.2f ms, max %.2f ms\n",
        ms.size(), ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back());
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
    QCOMPARE(v.scenario().replay, 0.0); // the last move took
}

namespace {

/// `image`'s part under `w` (a child of `top`, grabbed at `dpr`).
QImage partUnder(const QImage& image, const QWidget* top, const QWidget* w, qreal dpr)
{
    const QRect r(w->mapTo(top, QPoint(0, 0)), w->size());
    return image.copy(QRect((QPointF(r.topLeft()) * dpr).toPoint(), (QSizeF(r.size()) * dpr).toSize()));
}

/// Distinct colours of `image` sampled every 5 pixels.
int colourCount(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

// The view's screenshot (saveScreenshot, as the README's picture is made) is always taken and checked: the
// PNG is written at the view's size, the loss plot and the heat map are real renderings (not blank or flat
// grabs), and the picture follows the replay slider (the loss plot at 30 % replay differs from full replay).
// LOSSCAST_SCREENSHOT_DIR=dir also keeps dir/cptview.png, to look at.
void TestCptView::screenshotIsARendering()
{
    CptView v;
    v.resize(1400, 850);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray keep = qgetenv("LOSSCAST_SCREENSHOT_DIR");
    const QString shotPath = (keep.isEmpty() ? tmp.path() : QString::fromLocal8Bit(keep)) + "/cptview.png";
    const QString fullPath = tmp.filePath("cptview-full-replay.png");
    v.replaySlider()->setValue(100);
    v.updateHeatMapNow();
    QVERIFY(v.saveScreenshot(fullPath));
    v.replaySlider()->setValue(30);
    v.updateHeatMapNow();
    QVERIFY(v.saveScreenshot(shotPath));
    const QImage shot(shotPath), full(fullPath);
    QVERIFY2(!shot.isNull(), qPrintable(shotPath + " was not written as an image"));
    QVERIFY2(!full.isNull(), qPrintable(fullPath + " was not written as an image"));
    const qreal dpr = v.devicePixelRatioF();
    QCOMPARE(shot.size(), (QSizeF(v.size()) * dpr).toSize());
    QCOMPARE(full.size(), shot.size());
    // The loss plot: axes, labels, several curves and the schedule below.
    const QImage loss = partUnder(shot, &v, v.lossPlot(), dpr);
    QVERIFY2(loss.width() > 300 && loss.height() > 200,
             qPrintable(QString("loss plot %1x%2").arg(loss.width()).arg(loss.height())));
    QVERIFY2(colourCount(loss) >= 8, qPrintable(QString::number(colourCount(loss))));
    // The heat map (the view's other plot): a colour scale over the grid, so many colours.
    QCustomPlot* heat = nullptr;
    for (auto* p : v.findChildren<QCustomPlot*>())
        if (p != v.lossPlot())
            heat = p;
    QVERIFY(heat);
    const QImage heatImage = partUnder(shot, &v, heat, dpr);
    QVERIFY2(colourCount(heatImage) >= 16, qPrintable(QString::number(colourCount(heatImage))));
    // Less replay, more forgetting: the general loss curve is drawn elsewhere.
    const QImage lossFull = partUnder(full, &v, v.lossPlot(), dpr);
    QCOMPARE(lossFull.size(), loss.size());
    int differing = 0;
    for (int y = 0; y < loss.height(); ++y)
        for (int x = 0; x < loss.width(); ++x)
            differing += loss.pixel(x, y) != lossFull.pixel(x, y);
    QVERIFY2(differing > 100, qPrintable(QString::number(differing)));
}

QTEST_MAIN(TestCptView)
#include "tst_cptview.moc"
