// PlotPanel redraws only what changed: a rebuild with the measured runs unchanged (a scenario point being
// dragged) leaves their smoothed, decimated data alone and recomputes only the series that moved.
#include "widgets/plotpanel.h"

#include <QtTest>

#include <cmath>

using namespace losscast::widgets;

namespace {

PlotSeries measured(int i, std::size_t n)
{
    PlotSeries s;
    s.id = QStringLiteral("run%1").arg(i);
    s.name = s.id;
    s.color = Qt::blue;
    s.role = PlotSeries::Role::Measured;
    for (std::size_t k = 1; k <= n; ++k) {
        s.x.push_back(double(k));
        s.y.push_back(3.0 + 1.0 / std::sqrt(double(k)) + 0.01 * std::sin(double(k * (i + 1))));
    }
    return s;
}

PlotSeries predicted(double shift)
{
    PlotSeries s;
    s.id = QStringLiteral("scenario0");
    s.name = s.id;
    s.color = Qt::red;
    s.role = PlotSeries::Role::Predicted;
    for (int k = 1; k <= 200; ++k) {
        s.x.push_back(k * 100.0);
        s.y.push_back(3.0 + shift + 1.0 / k);
    }
    return s;
}

} // namespace

class TestPlotPanel : public QObject
{
    Q_OBJECT
private slots:
    void dragRecomputesOnlyTheMovedSeries();
};

void TestPlotPanel::dragRecomputesOnlyTheMovedSeries()
{
    PlotPanel panel;
    panel.resize(800, 600);
    panel.setSmoothing(0.6);
    QVector<PlotSeries> series{measured(0, 20000), measured(1, 20000), measured(2, 20000), predicted(0.0)};
    panel.setLossSeries(series);
    QCOMPARE(panel.recomputedSeries(), 4);

    // A drag: the same measured runs (copied, as the window does), the scenario's curve moved.
    QVector<PlotSeries> moved = series;
    moved[3] = predicted(0.05);
    panel.setLossSeries(moved);
    QCOMPARE(panel.recomputedSeries(), 1);
    QCOMPARE(panel.lossSeries()[3].y, moved[3].y);

    // Nothing changed: nothing recomputed.
    panel.setLossSeries(moved);
    QCOMPARE(panel.recomputedSeries(), 0);

    // A changed run, or a new smoothing weight, is recomputed.
    moved[1].y[10] += 0.5;
    panel.setLossSeries(moved);
    QCOMPARE(panel.recomputedSeries(), 1);
    panel.setSmoothing(0.3);
    QCOMPARE(panel.recomputedSeries(), 4);
}

QTEST_MAIN(TestPlotPanel)
#include "tst_plotpanel.moc"
