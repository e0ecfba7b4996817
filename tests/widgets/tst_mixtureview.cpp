// Tests of the Mixtures view (widgets/mixtureview.h): the simplex rule of the sliders with locks, typed
// values, live predictions, the Optimise intent, the ternary and AutoScale panels. Prints the median update
// time of one slider move (prediction + controls + queued replot + a forced repaint), asserting nothing about
// it.
#include "widgets/mixtureview.h"

#include "core/mixing/autoscale.h"
#include "core/mixing/mixmodels.h"

#include <QtTest>

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

using namespace losscast;
using namespace losscast::widgets;
using losscast::core::mixing::MixingLawFit;
using losscast::core::mixing::TargetLaw;

namespace {

/// A fitted law with known parameters (no fitting needed): L_i = c_i + exp(Σ u_ij r_j).
MixingLawFit knownFit(std::size_t D, std::size_t T)
{
    MixingLawFit f;
    for (std::size_t j = 0; j < D; ++j)
        f.domains.push_back("train_d" + std::to_string(j));
    for (std::size_t i = 0; i < T; ++i) {
        TargetLaw t;
        t.target = "metric/v" + std::to_string(i) + "_val_loss";
        t.theta.push_back(1.0 + 0.1 * static_cast<double>(i));
        for (std::size_t j = 0; j < D; ++j)
            t.theta.push_back(std::sin(static_cast<double>(i * 7 + j)) * 0.8);
        t.covariance.assign((1 + D) * (1 + D), 0.0);
        for (std::size_t a = 0; a <= D; ++a)
            t.covariance[a * (1 + D) + a] = 1e-4;
        t.summary.status = core::fit::Status::Converged;
        f.targets.push_back(t);
        f.weights.push_back(1.0 / static_cast<double>(T));
    }
    return f;
}

/// The per-domain share sliders (not the AutoScale panel's scale slider), in domain order.
QList<QSlider*> domainSliders(const MixtureView& view)
{
    QList<QSlider*> out;
    for (auto* s : view.findChildren<QSlider*>())
        if (s->objectName() != QLatin1String("autoscaleSlider"))
            out.push_back(s);
    return out;
}

double sum(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s;
}

} // namespace

class TestMixtureView : public QObject
{
    Q_OBJECT
private slots:
    void rebalance_data();
    void rebalance();
    void slidersStayOnSimplex();
    void optimiseEmitsCaps();
    void autoscaleSlider();
    void measuredRunsShown();
    void opensUsableInDock_data();
    void opensUsableInDock();
    void panelsAndBenchmark();
    void ternaryColoursFollowLosses();
    void autoScaleButtonAndBases();
    void modelChoice();
};

void TestMixtureView::rebalance_data()
{
    QTest::addColumn<QVector<double>>("start");
    QTest::addColumn<int>("changed");
    QTest::addColumn<double>("value");
    QTest::addColumn<QVector<bool>>("locked");
    QTest::addColumn<QVector<double>>("expected");
    QTest::newRow("proportional") << QVector<double>{0.2, 0.2, 0.6} << 0 << 0.6
                                  << QVector<bool>{false, false, false} << QVector<double>{0.6, 0.1, 0.3};
    QTest::newRow("locked-kept") << QVector<double>{0.2, 0.3, 0.5} << 0 << 0.4
                                 << QVector<bool>{false, true, false} << QVector<double>{0.4, 0.3, 0.3};
    QTest::newRow("limited-by-lock") << QVector<double>{0.2, 0.3, 0.5} << 0 << 0.9
                                     << QVector<bool>{false, true, false} << QVector<double>{0.7, 0.3, 0.0};
    QTest::newRow("others-zero-equal")
        << QVector<double>{1.0, 0.0, 0.0} << 0 << 0.4 << QVector<bool>{false, false, false}
        << QVector<double>{0.4, 0.3, 0.3};
    QTest::newRow("all-others-locked") << QVector<double>{0.2, 0.3, 0.5} << 0 << 0.9
                                       << QVector<bool>{false, true, true} << QVector<double>{0.2, 0.3, 0.5};
}

void TestMixtureView::rebalance()
{
    QFETCH(QVector<double>, start);
    QFETCH(int, changed);
    QFETCH(double, value);
    QFETCH(QVector<bool>, locked);
    QFETCH(QVector<double>, expected);
    const auto got = MixtureView::rebalance(std::vector<double>(start.begin(), start.end()), changed, value,
                                            std::vector<bool>(locked.begin(), locked.end()));
    for (int j = 0; j < expected.size(); ++j)
        QVERIFY2(std::abs(got[static_cast<std::size_t>(j)] - expected[j]) < 1e-12,
                 qPrintable(
                     QString("%1: %2 vs %3").arg(j).arg(got[static_cast<std::size_t>(j)]).arg(expected[j])));
    QVERIFY(std::abs(sum(got) - 1.0) < 1e-12);
}

void TestMixtureView::slidersStayOnSimplex()
{
    MixtureView view;
    const auto fit = knownFit(4, 3);
    view.setFit(fit);
    QSignalSpy changed(&view, &MixtureView::mixtureChanged);
    view.setLocked(2, true);
    const double locked = view.mixture()[2];
    auto sliders = domainSliders(view);
    QCOMPARE(sliders.size(), 4);
    sliders[0]->setValue(600); // a drag to 0.6
    QCOMPARE(changed.count(), 1);
    auto r = view.mixture();
    QVERIFY(std::abs(r[0] - 0.6) < 1e-12);
    QCOMPARE(r[2], locked);
    QVERIFY(std::abs(sum(r) - 1.0) < 1e-12);
    // The other sliders were moved to the rescaled shares.
    QCOMPARE(sliders[1]->value(), static_cast<int>(std::lround(r[1] * 1000)));
    // The prediction shown is the law's at the new mixture.
    const auto p = core::mixing::predictMixture(fit, r);
    QCOMPARE(view.prediction().overall, p.overall);
    // A typed value goes through the same rule.
    view.setDomainValue(1, 0.05);
    r = view.mixture();
    QVERIFY(std::abs(r[1] - 0.05) < 1e-12);
    QCOMPARE(r[2], locked);
    QVERIFY(std::abs(sum(r) - 1.0) < 1e-12);
    // setMixture normalises.
    view.setMixture({1, 1, 1, 1});
    QCOMPARE(view.mixture()[3], 0.25);
}

void TestMixtureView::optimiseEmitsCaps()
{
    MixtureView view;
    view.setFit(knownFit(3, 2));
    QSignalSpy spy(&view, &MixtureView::optimiseRequested);
    auto* optimise = view.findChild<QPushButton*>("optimise");
    QVERIFY(optimise);
    optimise->click();
    QCOMPARE(spy.count(), 1);
    const auto caps = spy.at(0).at(0).value<std::vector<double>>();
    QCOMPARE(caps, (std::vector<double>{1.0, 1.0, 1.0}));
}

void TestMixtureView::autoscaleSlider()
{
    MixtureView view;
    const auto fit = knownFit(3, 2);
    view.setFit(fit);
    auto* slider = view.findChild<QSlider*>("autoscaleSlider");
    QVERIFY(slider);
    QVERIFY(!slider->isEnabled()); // nothing to show yet
    const std::vector<double> n1{0.1, 0.1, 0.1}, n2{0.5, 0.3, 0.4};
    const double lo = 0.3, hi = 400.0;
    view.setAutoScale(fit.domains, n1, n2, lo, hi);
    QVERIFY(slider->isEnabled());
    // Dragging the slider picks a total on a log scale; the weights shown are AutoScale's optimum there.
    for (int pos : {0, 250, 700, 1000}) {
        slider->setValue(pos);
        const double total = lo * std::pow(hi / lo, pos / 1000.0);
        QVERIFY2(std::abs(view.autoScaleTotal() / total - 1.0) < 1e-12, qPrintable(QString::number(pos)));
        const auto at = core::mixing::autoscaleAtTotal(n1, n2, total);
        QVERIFY(at);
        const auto w = view.autoScaleWeights();
        QCOMPARE(w.size(), std::size_t(3));
        for (std::size_t j = 0; j < 3; ++j)
            QVERIFY(std::abs(w[j] - at->tokens[j] / at->total) < 1e-9);
        QVERIFY(std::abs(sum(w) - 1.0) < 1e-9);
        // The marker stands at that total on the area, and the label lists the weights.
        QVERIFY(std::abs(view.autoScaleMarkerTotal() / total - 1.0) < 1e-12);
        const auto* label = view.findChild<QLabel*>("autoscaleWeights");
        QVERIFY(label);
        QVERIFY2(label->text().contains(QString::number(100.0 * w[1], 'f', 1) + " %"),
                 qPrintable(label->text()));
    }
    // The weights move with scale (n2/n1 differs per domain).
    slider->setValue(0);
    const auto small = view.autoScaleWeights();
    slider->setValue(1000);
    QVERIFY(std::abs(view.autoScaleWeights()[0] - small[0]) > 0.01);
    // Setting a total moves the slider; out-of-range totals are clamped.
    view.setAutoScaleTotal(1e9);
    QCOMPARE(slider->value(), 1000);
    QCOMPARE(view.autoScaleTotal(), hi);
    view.setAutoScaleTotal(std::sqrt(lo * hi));
    QCOMPARE(slider->value(), 500);
    // Bad input disables the slider instead of showing stale weights.
    view.setAutoScale(fit.domains, n1, {0.5}, lo, hi);
    QVERIFY(!slider->isEnabled());
    QVERIFY(view.autoScaleWeights().empty());
    QVERIFY(std::isnan(view.autoScaleMarkerTotal()));
}

void TestMixtureView::measuredRunsShown()
{
    MixtureView view;
    const auto fit = knownFit(3, 2);
    view.setFit(fit);
    // Runs on a grid of the simplex; measured = the law's prediction + a run-specific offset.
    std::vector<std::vector<double>> mixtures, losses;
    for (int a = 0; a <= 6; ++a)
        for (int b = 0; b <= 6 - a; ++b) {
            mixtures.push_back({a / 6.0, b / 6.0, (6 - a - b) / 6.0});
            const auto p = core::mixing::predictMixture(fit, mixtures.back());
            const double off = 0.01 * static_cast<double>(mixtures.size() % 5);
            losses.push_back({p.loss[0] + off, p.loss[1] - off});
        }
    view.setExperiments(mixtures, losses);
    const std::vector<double> at{0.55, 0.3, 0.15};
    view.setMixture(at);
    // The nearest runs, nearest first, are the ones a brute-force search finds.
    std::vector<std::pair<double, std::size_t>> dist;
    for (std::size_t e = 0; e < mixtures.size(); ++e) {
        double d = 0;
        for (std::size_t j = 0; j < 3; ++j)
            d += (mixtures[e][j] - at[j]) * (mixtures[e][j] - at[j]);
        dist.emplace_back(d, e);
    }
    std::sort(dist.begin(), dist.end());
    const auto nearest = view.nearestExperiments();
    QCOMPARE(nearest.size(), MixtureView::kNearestRuns);
    for (std::size_t n = 0; n < nearest.size(); ++n) {
        double d = 0;
        for (std::size_t j = 0; j < 3; ++j)
            d += (mixtures[nearest[n]][j] - at[j]) * (mixtures[nearest[n]][j] - at[j]);
        QVERIFY2(std::abs(d - dist[n].first) < 1e-15, qPrintable(QString::number(n)));
    }
    // Beside each bar (targets at x = 1, 2, overall at x = 3) the measured losses of those runs are drawn.
    const auto pts = view.measuredPoints();
    QCOMPARE(pts.size(), nearest.size() * 3);
    for (std::size_t e : nearest) {
        const double overall = 0.5 * losses[e][0] + 0.5 * losses[e][1];
        const double want[3] = {losses[e][0], losses[e][1], overall};
        for (int bar = 0; bar < 3; ++bar) {
            const bool found = std::any_of(pts.begin(), pts.end(), [&](const auto& p) {
                return std::abs(p.first - (bar + 1)) < 0.45 && std::abs(p.second - want[bar]) < 1e-12;
            });
            QVERIFY2(found, qPrintable(QString("run %1 bar %2").arg(e).arg(bar)));
        }
    }
    // Moving a slider changes which runs are shown.
    view.setMixture({0.05, 0.05, 0.9});
    QVERIFY(view.nearestExperiments() != nearest);
    QCOMPARE(mixtures[view.nearestExperiments().front()], (std::vector<double>{0.0, 0.0, 1.0}));
    // Measured vs predicted: one point per run, x the measured overall loss, y the law's prediction.
    const auto scatter = view.fitScatter();
    QCOMPARE(scatter.size(), mixtures.size());
    for (std::size_t e = 0; e < mixtures.size(); ++e) {
        const double measured = 0.5 * losses[e][0] + 0.5 * losses[e][1];
        const double predicted = core::mixing::predictMixture(fit, mixtures[e]).overall;
        const bool found = std::any_of(scatter.begin(), scatter.end(), [&](const auto& p) {
            return std::abs(p.first - measured) < 1e-12 && std::abs(p.second - predicted) < 1e-12;
        });
        QVERIFY2(found, qPrintable(QString("run %1").arg(e)));
    }
    // Losses that do not match the fit's targets are ignored, not drawn wrongly.
    view.setExperiments(mixtures, std::vector<std::vector<double>>(mixtures.size(), {1.0}));
    QVERIFY(view.measuredPoints().empty());
    QVERIFY(view.fitScatter().empty());
    QVERIFY(view.nearestExperiments().empty());
}

void TestMixtureView::opensUsableInDock_data()
{
    QTest::addColumn<int>("domains");
    QTest::newRow("3") << 3;
    QTest::newRow("5") << 5;
    QTest::newRow("17 (RegMix)") << 17;
}

void TestMixtureView::opensUsableInDock()
{
    // As in the main window: a bottom dock, hidden until a fit arrives, under a central widget that wants
    // room.
    QFETCH(int, domains);
    QMainWindow window;
    auto* central = new QWidget;
    central->setMinimumSize(400, 200);
    central->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    window.setCentralWidget(central);
    auto* dock = new QDockWidget("Mixtures", &window);
    auto* view = new MixtureView(dock);
    dock->setWidget(view);
    window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    view->setFit(knownFit(static_cast<std::size_t>(domains), 3));
    dock->show();
    QCoreApplication::processEvents();
    // Every slider row up to six is inside the scroll area's viewport, and so are Optimise and the plots.
    auto* scroll = view->findChild<QScrollArea*>();
    QVERIFY(scroll);
    const QRect viewport = scroll->viewport()->rect();
    const auto sliders = domainSliders(*view);
    QCOMPARE(sliders.size(), domains);
    for (int j = 0; j < std::min(domains, 6); ++j) {
        const QRect r(sliders[j]->mapTo(scroll->viewport(), QPoint(0, 0)), sliders[j]->size());
        QVERIFY2(viewport.contains(r), qPrintable(QString("slider %1 at y %2..%3, viewport height %4")
                                                      .arg(j)
                                                      .arg(r.top())
                                                      .arg(r.bottom())
                                                      .arg(viewport.height())));
    }
    QVERIFY(view->height() >= view->minimumSizeHint().height());
    auto* tabs = view->findChild<QTabWidget*>();
    QVERIFY(tabs);
    QVERIFY2(tabs->currentWidget()->height() >= 200,
             qPrintable(QString::number(tabs->currentWidget()->height())));
}

void TestMixtureView::panelsAndBenchmark()
{
    MixtureView view;
    view.resize(1200, 600);
    const auto fit = knownFit(3, 4);
    view.setFit(fit);
    {
        // Measured runs: the law's prediction plus a run-specific offset (a visibly imperfect fit).
        std::vector<std::vector<double>> runs, losses;
        for (int a = 0; a <= 5; ++a)
            for (int b = 0; b <= 5 - a; ++b) {
                runs.push_back({a / 5.0, b / 5.0, (5 - a - b) / 5.0});
                auto l = core::mixing::predictMixture(fit, runs.back()).loss;
                for (std::size_t i = 0; i < l.size(); ++i)
                    l[i] += 0.03 * std::sin(static_cast<double>(runs.size() * 3 + i));
                losses.push_back(l);
            }
        view.setExperiments(runs, losses);
    }
    view.setAutoScale(fit.domains, {0.1, 0.1, 0.1}, {0.5, 0.3, 0.4}, 0.3, 400.0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Median time of one slider step, including a synchronous repaint of the whole view.
    auto sliders = domainSliders(view);
    std::vector<double> ms;
    for (int k = 0; k < 41; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        sliders[0]->setValue(100 + 15 * k);
        view.repaint();
        QCoreApplication::processEvents(); // deliver the queued replots
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    qInfo("MixtureView: one slider step (3 domains, 4 targets, ternary map) median %.2f ms, max %.2f ms",
          ms[ms.size() / 2], ms.back());
    QVERIFY(std::abs(sum(view.mixture()) - 1.0) < 1e-12);
    // The same for one step of the AutoScale scale slider (its tab shown).
    auto* tabWidget = view.findChild<QTabWidget*>();
    QVERIFY(tabWidget);
    tabWidget->setCurrentIndex(tabWidget->count() - 1);
    auto* scale = view.findChild<QSlider*>("autoscaleSlider");
    QVERIFY(scale);
    ms.clear();
    for (int k = 0; k < 41; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        scale->setValue(20 * k);
        view.repaint();
        QCoreApplication::processEvents();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    qInfo("MixtureView: one AutoScale scale-slider step (3 domains) median %.2f ms, max %.2f ms",
          ms[ms.size() / 2], ms.back());
    QCOMPARE(view.autoScaleWeights().size(), std::size_t(3));
    const QString shot = qEnvironmentVariable("LOSSCAST_MIXTUREVIEW_SHOT");
    if (!shot.isEmpty()) {
        auto* tabs = view.findChild<QTabWidget*>();
        QVERIFY(tabs);
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QCoreApplication::processEvents();
            QVERIFY(view.grab().save(QString(shot).replace(".png", QString("_%1.png").arg(t))));
        }
    }
}

void TestMixtureView::ternaryColoursFollowLosses()
{
    MixtureView view;
    view.resize(1100, 520);
    const auto fit = knownFit(3, 2);
    view.setFit(fit);
    // Runs over the simplex whose measured losses differ from the law by a run-specific offset.
    std::vector<std::vector<double>> runs, losses;
    std::vector<double> overall;
    for (int a = 0; a <= 6; ++a)
        for (int b = 0; b <= 6 - a; ++b) {
            runs.push_back({a / 6.0, b / 6.0, (6 - a - b) / 6.0});
            auto l = core::mixing::predictMixture(fit, runs.back()).loss;
            for (std::size_t i = 0; i < l.size(); ++i)
                l[i] += 0.2 * std::cos(static_cast<double>(runs.size() * 5 + i));
            overall.push_back(fit.weights[0] * l[0] + fit.weights[1] * l[1]);
            losses.push_back(l);
        }
    view.setExperiments(runs, losses);
    // The colour scale covers every measured loss (fewer than 50 runs: no quantile clipping).
    QCOMPARE(runs.size(), std::size_t(28));
    const auto [lo, hi] = view.ternaryLossRange();
    QVERIFY(lo <= *std::min_element(overall.begin(), overall.end()) + 1e-12);
    QVERIFY(hi >= *std::max_element(overall.begin(), overall.end()) - 1e-12);
    // Each run is drawn in the colour of its measured overall loss; the scale is sequential (lighter =
    // higher loss), so the drawn colours' lightness follows the losses' order.
    std::vector<std::size_t> order(runs.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return overall[x] < overall[y]; });
    double previous = -1.0;
    for (std::size_t e : order) {
        const QColor c = view.ternaryRunColor(e);
        QVERIFY2(c.isValid(), qPrintable(QString("run %1 not drawn").arg(e)));
        QCOMPARE(c, view.ternaryColor(overall[e]));
        const double light = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
        QVERIFY2(light >= previous - 1e-9, qPrintable(QString("run %1").arg(e)));
        previous = light;
    }
    QVERIFY(view.ternaryRunColor(order.front()) != view.ternaryRunColor(order.back()));
    // Tooltips name the run's mixture and losses.
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* tabs = view.findChild<QTabWidget*>();
    tabs->setCurrentIndex(1);
    auto* plot = view.findChild<QCustomPlot*>("ternaryPlot");
    QVERIFY(plot);
    plot->replot(); // lays out the axes, so pixels map to mixtures
    const std::size_t e = order.back();
    const QString tip = view.ternaryToolTip(view.ternaryRunPixel(e) + QPointF(2, 1));
    QVERIFY2(tip.contains(QString("run %1").arg(e + 1)) &&
                 tip.contains(QString("measured overall loss %1").arg(overall[e], 0, 'f', 4)),
             qPrintable(tip));
    // Off the runs, inside the triangle: the predicted loss of the mixture under the cursor.
    QVERIFY(view.ternaryToolTip(QPointF(-50, -50)).isEmpty());
    // A fit with four domains has no ternary plot and no run colours.
    view.setFit(knownFit(4, 2));
    QVERIFY(!view.ternaryRunColor(0).isValid());
}

void TestMixtureView::autoScaleButtonAndBases()
{
    MixtureView view;
    QSignalSpy open(&view, &MixtureView::openAutoScaleRequested);
    auto* button = view.findChild<QPushButton*>("openAutoScale");
    QVERIFY(button);
    button->click();
    QCOMPARE(open.count(), 1);
    const auto table = core::mixing::parseOptima("source,total,a,b\nopt@1,1,0.5,0.5\nopt@2,2,1.2,0.8\n"
                                                 "opt@4,4,3,1\npred@8,8,6.5,1.5\n",
                                                 "o.csv");
    QVERIFY(table.ok());
    view.setAutoScaleOptima(*table, "o.csv");
    QCOMPARE(view.autoScaleBases(), (std::pair<std::size_t, std::size_t>(0, 2)));
    // Choosing other rows in the boxes redraws the area through them.
    auto* second = view.findChild<QComboBox*>("autoscaleBase2");
    QVERIFY(second);
    second->setCurrentIndex(1);
    QCOMPARE(view.autoScaleBases(), (std::pair<std::size_t, std::size_t>(0, 1)));
    view.setAutoScaleTotal(2.0);
    QVERIFY(std::abs(view.autoScaleWeights()[0] - 0.6) < 1e-9);
    const auto area = view.autoScaleArea();
    QCOMPARE(area.upper.size(), std::size_t(2));
    const auto at = core::mixing::autoscaleAtTotal({0.5, 0.5}, {1.2, 0.8}, area.totals[10]);
    QVERIFY(at.ok());
    QVERIFY(std::abs(area.upper[0][10] - at->tokens[0] / at->total) < 1e-12);
    // One row only: no area, the weights listed and a request for a second scale.
    const auto one = core::mixing::parseOptima("source,total,a,b\nopt@1,1,0.5,0.5\n", "one.csv");
    view.setAutoScaleOptima(*one, "one.csv");
    QVERIFY(view.autoScaleArea().upper.empty());
    QVERIFY(view.autoScaleStatus().contains("second scale"));
}

// Both models: the Model box offers each (the cross-validated choice first selected), the sliders and bars
// use the selected one, and "Measured vs predicted" shows each model's out-of-fold prediction of every run.
void TestMixtureView::modelChoice()
{
    namespace mix = core::mixing;
    mix::Experiments e;
    e.domains = {"train_a", "train_b", "train_c"};
    e.targets = {"metric/x_val_loss", "metric/y_val_loss"};
    std::mt19937 rng(3);
    std::gamma_distribution<double> g(0.8, 1.0);
    for (int n = 0; n < 120; ++n) {
        std::vector<double> r(3);
        double s = 0.0;
        for (auto& v : r)
            s += (v = g(rng));
        for (auto& v : r)
            v /= s;
        // A response the law cannot follow (log in a, a bump in b): cross-validation prefers the GP.
        e.mixtures.push_back(r);
        e.losses.push_back({3.0 - 0.3 * std::log(r[0] + 0.01) + 2.0 * (r[1] - 0.4) * (r[1] - 0.4),
                            2.5 - 0.2 * std::log(r[2] + 0.01) + r[0] * r[1]});
    }
    const auto models = mix::fitMixtureModels(e, {});
    QVERIFY(models.law && models.implicit && models.selection);
    QVERIFY(models.chosen == mix::MixtureModelKind::Implicit);
    MixtureView view;
    view.resize(1200, 700);
    view.show();
    view.setModels(models);
    view.setExperiments(e.mixtures, e.losses);
    auto* box = view.findChild<QComboBox*>("mixtureModel");
    QVERIFY(box);
    QCOMPARE(box->count(), 2);
    QVERIFY(box->isEnabled());
    QVERIFY(box->currentText().contains("chosen"));
    QVERIFY(view.model() == mix::MixtureModelKind::Implicit);
    auto* note = view.findChild<QLabel*>("mixtureModelNote");
    QVERIFY(note && note->text().contains("cross-validation"));
    const std::vector<double> r = {0.2, 0.5, 0.3};
    view.setMixture(r);
    QVERIFY(std::abs(view.prediction().overall - mix::predictImplicit(*models.implicit, r).overall) < 1e-12);
    // Held-out scatter of both models: x the measured overall loss, y the out-of-fold prediction.
    auto check = [&](const std::vector<std::pair<double, double>>& pts,
                     const std::vector<std::vector<double>>& oof) {
        QCOMPARE(pts.size(), e.rows());
        for (std::size_t k = 0; k < e.rows(); ++k) {
            const double measured = 0.5 * (e.losses[k][0] + e.losses[k][1]);
            const double predicted = 0.5 * (oof[k][0] + oof[k][1]);
            const bool found = std::any_of(pts.begin(), pts.end(), [&](const auto& p) {
                return std::abs(p.first - measured) < 1e-12 && std::abs(p.second - predicted) < 1e-12;
            });
            QVERIFY2(found, qPrintable(QString("run %1").arg(k)));
        }
    };
    check(view.fitScatter(), models.selection->implicitOutOfFold);
    check(view.otherModelScatter(), models.selection->lawOutOfFold);
    // Choosing the law in the box: the sliders' prediction and the scatters follow.
    box->setCurrentIndex(box->findData(static_cast<int>(mix::MixtureModelKind::Law)));
    QVERIFY(view.model() == mix::MixtureModelKind::Law);
    QVERIFY(std::abs(view.prediction().overall - mix::predictMixture(*models.law, r).overall) < 1e-12);
    for (std::size_t j = 0; j < r.size(); ++j)
        QVERIFY(std::abs(view.mixture()[j] - r[j]) < 1e-12); // the sliders stay where they were
    check(view.fitScatter(), models.selection->lawOutOfFold);
    check(view.otherModelScatter(), models.selection->implicitOutOfFold);
    // One model only: nothing to choose.
    view.setFit(*models.law);
    QCOMPARE(box->count(), 1);
    QVERIFY(!box->isEnabled());
    QVERIFY(view.otherModelScatter().empty());
}

QTEST_MAIN(TestMixtureView)
#include "tst_mixtureview.moc"
