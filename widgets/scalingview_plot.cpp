// The Scaling view's plot over log10 N × log10 D: the fitted law L(N, D) (colour map and iso-loss contours),
// the runs, iso-FLOP lines, the compute-optimal frontier with its band and the optimum at the budget.
// Law and allocation: Hoffmann et al. 2022 (arXiv 2203.15556), Eq. 4 and Approach 3 (Appendix D.2); see
// core/scaling/chinchilla.h.
#include "widgets/scalingview_plot.h"

#include "core/scaling/chinchillajson.h"
#include "widgets/scalingview.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QLineEdit>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace losscast::widgets {

namespace {

constexpr int kMapCells = 160;    ///< colour map resolution per axis
constexpr int kCurvePoints = 240; ///< samples of each contour line
const QColor kAccent(0xc6, 0x28, 0x28);

} // namespace

namespace sc = core::scaling;
using namespace scalingplot;

QCPColorGradient scalingplot::paleLossGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x3b, 0x52, 0x8b), QColor(0x21, 0x91, 0x8c),
                            QColor(0x5e, 0xc9, 0x62), QColor(0xfd, 0xe7, 0x25)};
    for (int i = 0; i < 5; ++i) {
        const QColor c = stops[i];
        g.setColorStopAt(
            i / 4.0, QColor((c.red() + 2 * 255) / 3, (c.green() + 2 * 255) / 3, (c.blue() + 2 * 255) / 3));
    }
    g.setLevelCount(256);
    return g;
}

double scalingplot::niceStep(double raw)
{
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

QSharedPointer<QCPAxisTickerText> scalingplot::decadeTicker(double lo, double hi)
{
    QSharedPointer<QCPAxisTickerText> t(new QCPAxisTickerText);
    const int step = hi - lo > 8 ? 2 : 1;
    for (int k = int(std::ceil(lo)); k <= int(std::floor(hi)); k += step)
        t->addTick(k, humanCount(std::pow(10.0, k)));
    if (t->ticks().size() < 2) // less than a decade: half decades too
        for (double k = std::floor(lo * 2) / 2; k <= hi; k += 0.5)
            if (k >= lo)
                t->addTick(k, humanCount(std::pow(10.0, k)));
    return t;
}

double scalingplot::logSliderValue(int position, int maximum, double lo, double hi)
{
    const double a = std::log10(lo), b = std::log10(hi);
    return std::pow(10.0, a + (b - a) * position / double(maximum));
}

int scalingplot::logSliderPosition(double value, int maximum, double lo, double hi)
{
    const double a = std::log10(lo), b = std::log10(hi);
    return int(std::lround(std::clamp((std::log10(value) - a) / (b - a), 0.0, 1.0) * maximum));
}

double ScalingView::sliderToFlops(int v) const
{
    if (!(m_budgetMax > m_budgetMin && m_budgetMin > 0))
        return m_budget;
    return logSliderValue(v, m_slider->maximum(), m_budgetMin, m_budgetMax);
}

int ScalingView::flopsToSlider(double c) const
{
    if (!(m_budgetMax > m_budgetMin && m_budgetMin > 0 && c > 0))
        return 0;
    return logSliderPosition(c, m_slider->maximum(), m_budgetMin, m_budgetMax);
}

void ScalingView::setBudget(double flops)
{
    if (!(flops > 0) || !std::isfinite(flops))
        return;
    if (m_outcome)
        flops = std::clamp(flops, m_budgetMin, m_budgetMax);
    m_budget = flops;
    m_filling = true;
    m_slider->setValue(flopsToSlider(flops));
    m_filling = false;
    updateBudget();
}

core::scaling::Allocation ScalingView::optimum() const
{
    if (!m_outcome || !(m_budget > 0))
        return {};
    return sc::optimalForFlops(m_outcome->fit.params, m_budget);
}

QString ScalingView::optimumText() const
{
    return m_optimumLabel->text();
}

void ScalingView::drawPlot()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    if (m_scale) {
        m_plot->plotLayout()->remove(m_scale);
        m_plot->plotLayout()->simplify();
        m_scale = nullptr;
    }
    m_contours.clear();
    m_levels.clear();
    m_isoFlops.clear();
    m_map = nullptr;
    m_runsGraph = m_frontier = m_optimumGraph = m_budgetLine = nullptr;
    m_band = nullptr;
    m_plot->xAxis->setLabel(tr("model size N (parameters, log scale)"));
    m_plot->yAxis->setLabel(tr("training tokens D (log scale)"));
    m_plot->legend->setVisible(false);
    if (!m_outcome) {
        m_slider->setEnabled(false);
        m_plot->xAxis->setRange(6, 10);
        m_plot->yAxis->setRange(8, 12);
        m_plot->xAxis->setTicker(decadeTicker(6, 10));
        m_plot->yAxis->setTicker(decadeTicker(8, 12));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const sc::ChinchillaParams p = m_outcome->fit.params;
    const auto& runs = m_outcome->table.runs;
    double n0 = INFINITY, n1 = 0, d0 = INFINITY, d1 = 0, c0 = INFINITY, c1 = 0, l0 = INFINITY, l1 = 0;
    for (const auto& r : runs) {
        n0 = std::min(n0, r.n), n1 = std::max(n1, r.n);
        d0 = std::min(d0, r.d), d1 = std::max(d1, r.d);
        c0 = std::min(c0, 6 * r.n * r.d), c1 = std::max(c1, 6 * r.n * r.d);
        l0 = std::min(l0, r.loss), l1 = std::max(l1, r.loss);
    }
    // The budgets on the slider: a decade below the smallest run's compute to a thousand times the largest
    // (planning the next, larger run is what the view is for).
    m_budgetMin = std::pow(10.0, std::floor(std::log10(c0)) - 1);
    m_budgetMax = std::pow(10.0, std::ceil(std::log10(c1)) + 3);
    const bool usable = p.alpha > 0 && p.beta > 0 && p.A > 0 && p.B > 0;
    // Axis ranges: the runs and the frontier over the slider's budgets, at most 3 decades past the runs.
    double x0 = std::log10(n0), x1 = std::log10(n1), y0 = std::log10(d0), y1 = std::log10(d1);
    if (usable)
        for (double c : {m_budgetMin, m_budgetMax}) {
            const auto a = sc::optimalForFlops(p, c);
            if (std::isfinite(a.n) && a.n > 0 && std::isfinite(a.d) && a.d > 0) {
                x0 = std::min(x0, std::max(std::log10(a.n), std::log10(n0) - 3));
                x1 = std::max(x1, std::min(std::log10(a.n), std::log10(n1) + 3));
                y0 = std::min(y0, std::max(std::log10(a.d), std::log10(d0) - 3));
                y1 = std::max(y1, std::min(std::log10(a.d), std::log10(d1) + 3));
            }
        }
    const double mx = std::max(0.3, 0.08 * (x1 - x0)), my = std::max(0.3, 0.08 * (y1 - y0));
    x0 -= mx, x1 += mx, y0 -= my, y1 += my;
    m_plot->xAxis->setRange(x0, x1);
    m_plot->yAxis->setRange(y0, y1);
    m_plot->xAxis->setTicker(decadeTicker(x0, x1));
    m_plot->yAxis->setTicker(decadeTicker(y0, y1));

    // The law as a colour map; its scale spans the lowest predicted loss on the plot to a little above the
    // worst run (the corner of tiny models on few tokens would otherwise take the whole scale).
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setName(tr("predicted loss"));
    m_map->data()->setSize(kMapCells, kMapCells);
    m_map->data()->setRange(QCPRange(x0, x1), QCPRange(y0, y1));
    double lmin = INFINITY;
    for (int i = 0; i < kMapCells; ++i)
        for (int j = 0; j < kMapCells; ++j) {
            double kx = 0, ky = 0;
            m_map->data()->cellToCoord(i, j, &kx, &ky);
            const double l = p.predict(std::pow(10.0, kx), std::pow(10.0, ky));
            m_map->data()->setCell(i, j, l);
            lmin = std::min(lmin, l);
        }
    const double lmax = l1 + 0.5 * std::max(l1 - l0, 0.05 * l1);
    m_map->setGradient(paleLossGradient());
    m_map->setInterpolate(true);
    m_map->setDataRange(QCPRange(lmin, std::max(lmax, lmin + 1e-6)));
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setGradient(m_map->gradient());
    m_scale->setDataRange(m_map->dataRange());
    m_scale->axis()->setLabel(tr("predicted loss L(N, D)"));
    m_map->setColorScale(m_scale);
    if (!m_marginGroup) // one for the view's lifetime: a new one per fit would pile up in the plot
        m_marginGroup = new QCPMarginGroup(m_plot);
    QCPMarginGroup* group = m_marginGroup;
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);

    const QColor ink = palette().color(QPalette::Text);
    QColor lineInk(0x30, 0x30, 0x30); // on the pale map in either theme
    // Iso-loss contours in closed form: D(N) = (B / (L − E − A·N^−α))^(1/β) where L − E − A·N^−α > 0.
    const double step = niceStep((lmax - lmin) / 7.0);
    for (double lv = std::ceil((lmin + 1e-9) / step) * step; lv < lmax && m_levels.size() < 12; lv += step) {
        if (!(lv > p.E))
            continue;
        auto* g = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
        g->setPen(QPen(lineInk, 1.0));
        g->setName(tr("iso-loss"));
        QVector<double> xs, ys;
        QPointF label(NAN, NAN);
        for (int k = 0; k <= kCurvePoints; ++k) {
            const double x = x0 + (x1 - x0) * k / kCurvePoints;
            const double r = lv - p.E - p.A * std::pow(10.0, -p.alpha * x);
            const double y = r > 0 ? std::log10(p.B / r) / p.beta : NAN;
            xs << x;
            ys << (std::isfinite(y) && y < y1 + 5 ? y : qQNaN());
            if (std::isfinite(y) && y >= y0 && y <= y1 && x <= x1 - 0.04 * (x1 - x0))
                label = {x, y};
        }
        g->setData(xs, ys, true);
        m_contours.push_back(g);
        m_levels.push_back(lv);
        if (std::isfinite(label.x())) {
            auto* t = new QCPItemText(m_plot);
            t->position->setCoords(label);
            t->setText(QString::number(lv, 'g', 4));
            t->setColor(lineInk);
            t->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            QFont f = t->font();
            f.setPointSizeF(f.pointSizeF() * 0.85);
            t->setFont(f);
        }
    }
    // Iso-FLOP lines N·D = C/6 at whole decades of C (every other one when there are many).
    const double k0 = std::ceil(std::log10(6.0) + x0 + y0), k1 = std::floor(std::log10(6.0) + x1 + y1);
    const int kstep = k1 - k0 > 10 ? 2 : 1;
    QCPGraph* firstIso = nullptr;
    for (double k = k0; k <= k1; k += kstep) {
        const double c = std::pow(10.0, k);
        auto* g = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
        g->setPen(QPen(QColor(0x60, 0x60, 0x60), 1.0, Qt::DashLine));
        g->setName(tr("iso-FLOP"));
        const double cy = std::log10(c / 6.0);
        g->setData({x0, x1}, {cy - x0, cy - x1});
        m_isoFlops.push_back(c);
        if (!firstIso)
            firstIso = g;
        // Label where the line leaves the top of the plot (or enters at the left).
        const double xt = std::clamp(cy - y1, x0, x1), yt = cy - xt;
        if (yt >= y0 && yt <= y1) {
            auto* t = new QCPItemText(m_plot);
            t->position->setCoords(xt, yt);
            t->setText(QStringLiteral("1e%1 FLOPs").arg(int(k)));
            t->setColor(QColor(0x50, 0x50, 0x50));
            t->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            QFont f = t->font();
            f.setPointSizeF(f.pointSizeF() * 0.8);
            t->setFont(f);
        }
    }
    // The compute-optimal frontier and its band (the interval of N* at each C; D* = C / 6N* with it).
    if (usable) {
        QVector<double> fx, fy;
        QVector<QCPCurveData> band;
        std::vector<QPointF> lower, upper;
        constexpr int kFrontier = 80;
        for (int k = 0; k <= kFrontier; ++k) {
            const double c =
                std::pow(10.0, std::log10(m_budgetMin) +
                                   (std::log10(m_budgetMax) - std::log10(m_budgetMin)) * k / kFrontier);
            const auto a = sc::optimalForFlops(p, c);
            fx << std::log10(a.n);
            fy << std::log10(a.d);
            const auto [lo, hi] = sc::chinchillaInterval(
                p, m_outcome->fit.covariance, m_samples, m_outcome->level,
                [c](const sc::ChinchillaParams& q) { return std::log10(sc::optimalForFlops(q, c).n); });
            const double cy = std::log10(c / 6.0);
            if (std::isfinite(lo) && std::isfinite(hi)) {
                lower.emplace_back(lo, cy - lo);
                upper.emplace_back(hi, cy - hi);
            }
        }
        if (lower.size() >= 2) {
            m_band = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
            int t = 0;
            for (const QPointF& q : lower)
                band << QCPCurveData(t++, q.x(), q.y());
            for (auto it = upper.rbegin(); it != upper.rend(); ++it)
                band << QCPCurveData(t++, it->x(), it->y());
            m_band->data()->set(band, true);
            QColor fill = kAccent;
            fill.setAlpha(55);
            m_band->setBrush(fill);
            m_band->setPen(QPen(QColor(kAccent.red(), kAccent.green(), kAccent.blue(), 120), 0.8));
            m_band->setName(tr("frontier band (%1%)").arg(m_outcome->level * 100, 0, 'g', 3));
        }
        m_frontier = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
        m_frontier->setPen(QPen(kAccent, 2.2));
        m_frontier->setName(tr("compute-optimal frontier"));
        m_frontier->setData(fx, fy);
    }
    // The runs.
    m_runsGraph = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    m_runsGraph->setName(tr("runs"));
    m_runsGraph->setLineStyle(QCPGraph::lsNone);
    m_runsGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.3), Qt::white, 8));
    updateRunsOnPlot();
    // The budget: its iso-FLOP line and the optimum.
    m_budgetLine = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    m_budgetLine->setPen(QPen(kAccent, 1.6, Qt::DashDotLine));
    m_budgetLine->setName(tr("budget"));
    m_optimumGraph = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    m_optimumGraph->setName(tr("optimum (N*, D*)"));
    m_optimumGraph->setLineStyle(QCPGraph::lsNone);
    QCPScatterStyle star(QCPScatterStyle::ssStar, kAccent, 16);
    star.setPen(QPen(kAccent, 2.4));
    m_optimumGraph->setScatterStyle(star);
    // Legend: one entry per kind.
    m_plot->legend->setVisible(true);
    m_plot->legend->clearItems();
    for (QCPAbstractPlottable* pl : std::initializer_list<QCPAbstractPlottable*>{
             m_runsGraph, m_frontier, m_band, m_contours.empty() ? nullptr : m_contours.front(), firstIso,
             m_optimumGraph})
        if (pl)
            pl->addToLegend();
    // The legend in a row under the plot, where it hides no run.
    if (m_plot->plotLayout()->elementCount() > 0 && m_plot->legend->layout() != m_legendRow) {
        if (!m_legendRow) {
            m_legendRow = new QCPLayoutGrid;
            m_plot->plotLayout()->addElement(1, 0, m_legendRow);
            m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
            m_legendRow->setMargins(QMargins(0, 0, 0, 4));
        }
        m_legendRow->addElement(0, 0, m_plot->legend);
        m_plot->legend->setWrap(3); // two rows of three: one row is wider than the plot
        m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    }
    QFont lf = m_plot->legend->font();
    lf.setPointSizeF(lf.pointSizeF() * 0.85);
    m_plot->legend->setFont(lf);
    Q_UNUSED(ink);
    applyPalette();

    m_slider->setEnabled(usable);
    if (!(m_budget > 0)) // the first fit: the budget of the largest run, times 100
        m_budget = std::pow(10.0, std::round(std::log10(c1 * 100)));
    setBudget(m_budget);
}

void ScalingView::updateRunsOnPlot()
{
    if (!m_runsGraph || !m_outcome)
        return;
    QVector<double> xs, ys;
    for (const auto& r : m_outcome->table.runs) {
        xs << std::log10(r.n);
        ys << std::log10(r.d);
    }
    m_runsGraph->setData(xs, ys);
}

void ScalingView::updateBudget()
{
    m_budgetEdit->setText(m_budget > 0 ? QString::number(m_budget, 'g', 3) : QString());
    if (!m_outcome || !m_optimumGraph) {
        m_optimumLabel->setText(tr("Fit a table to plan a compute budget."));
        return;
    }
    const auto& p = m_outcome->fit.params;
    const auto a = sc::optimalForFlops(p, m_budget);
    m_lossInterval = sc::chinchillaInterval(
        p, m_outcome->fit.covariance, m_samples, m_outcome->level,
        [c = m_budget](const sc::ChinchillaParams& q) { return sc::optimalForFlops(q, c).loss; });
    const double cy = std::log10(m_budget / 6.0);
    const QCPRange xr = m_plot->xAxis->range();
    m_budgetLine->setData({xr.lower, xr.upper}, {cy - xr.lower, cy - xr.upper});
    m_optimumGraph->setData({std::log10(a.n)}, {std::log10(a.d)});
    const QString interval = std::isfinite(m_lossInterval.first) && std::isfinite(m_lossInterval.second)
                                 ? tr(" (%1% interval %2 – %3, %4)")
                                       .arg(m_outcome->level * 100, 0, 'g', 3)
                                       .arg(m_lossInterval.first, 0, 'f', 4)
                                       .arg(m_lossInterval.second, 0, 'f', 4)
                                       .arg(m_samples.size() >= 2 ? tr("bootstrap") : tr("delta method"))
                                 : QString();
    m_optimumLabel->setText(tr("Budget %1 FLOPs → N* = %2 parameters, D* = %3 tokens (%4 tokens per "
                               "parameter); predicted loss %5%6")
                                .arg(m_budget, 0, 'g', 3)
                                .arg(humanCount(a.n), humanCount(a.d))
                                .arg(a.d / a.n, 0, 'g', 3)
                                .arg(a.loss, 0, 'f', 4)
                                .arg(interval));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<QPointF> ScalingView::contourPoints(int k) const
{
    std::vector<QPointF> out;
    if (k < 0 || k >= int(m_contours.size()))
        return out;
    for (auto it = m_contours[std::size_t(k)]->data()->constBegin();
         it != m_contours[std::size_t(k)]->data()->constEnd(); ++it)
        if (std::isfinite(it->value))
            out.emplace_back(it->key, it->value);
    return out;
}

std::vector<QPointF> ScalingView::runPoints() const
{
    std::vector<QPointF> out;
    if (m_runsGraph)
        for (auto it = m_runsGraph->data()->constBegin(); it != m_runsGraph->data()->constEnd(); ++it)
            out.emplace_back(it->key, it->value);
    return out;
}

QPointF ScalingView::optimumPoint() const
{
    if (!m_optimumGraph || m_optimumGraph->data()->isEmpty())
        return {qQNaN(), qQNaN()};
    const auto it = m_optimumGraph->data()->constBegin();
    return {it->key, it->value};
}

std::vector<QPointF> ScalingView::frontierPoints() const
{
    std::vector<QPointF> out;
    if (m_frontier)
        for (auto it = m_frontier->data()->constBegin(); it != m_frontier->data()->constEnd(); ++it)
            out.emplace_back(it->key, it->value);
    return out;
}

std::vector<QPointF> ScalingView::frontierBand() const
{
    std::vector<QPointF> out;
    if (m_band)
        for (auto it = m_band->data()->constBegin(); it != m_band->data()->constEnd(); ++it)
            out.emplace_back(it->key, it->value);
    return out;
}

} // namespace losscast::widgets
