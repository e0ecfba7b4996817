#include "widgets/plotpanel.h"
#include "widgets/plotexport.h"
#include "widgets/plotguard.h"

#include "widgets/seriesmath.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>
#include <optional>

namespace losscast::widgets {

namespace {

/// Widest legend name in pixels before it is elided in the middle.
constexpr int kLegendNameWidth = 260;

struct GraphSet
{
    QCPGraph* line = nullptr;
    QCPGraph* raw = nullptr; ///< faint unsmoothed measured data behind the smoothed line
    QCPGraph* lower = nullptr;
    QCPGraph* upper = nullptr;
    /// The data the graphs were last filled from, with the smoothing and decimation used: a rebuild with the
    /// same data (the measured runs while a scenario point is dragged) keeps the graphs' data as they are
    /// instead of smoothing and decimating every run again.
    struct Source
    {
        std::vector<double> x, y, lower, upper;
        double smoothing = 0.0;
        int maxPoints = 0;
    };
    std::optional<Source> source;
};

QVector<double> toQ(const std::vector<double>& v)
{
    return QVector<double>(v.begin(), v.end());
}

} // namespace

struct PlotPanel::Private
{
    PlotPanel* q = nullptr;
    QCustomPlot* plot = nullptr;
    QCPAxisRect* lossRect = nullptr;
    QCPAxisRect* lrRect = nullptr;
    QCPAxisRect* residRect = nullptr; ///< in the layout (row 1) only while residuals are shown
    QCPLegend* residLegend = nullptr;
    std::vector<GraphSet> residGraphs;
    QVector<PlotSeries> residSeries;
    bool residVisible = false;
    void fitResidualRange();
    void applyResidualVisibility();
    QCPLegend* legend = nullptr;
    QCPLegend* lrLegend = nullptr;
    std::vector<GraphSet> lossGraphs, lrGraphs;
    QVector<PlotSeries> lossSeries, lrSeries;
    QCPGraph* pointsGraph = nullptr;
    QCPGraph* selectedGraph = nullptr;
    QCPItemStraightLine* crossLoss = nullptr;
    QCPItemStraightLine* crossLr = nullptr;
    QCPItemText* lrHint = nullptr;
    QVector<QPointF> points;
    QColor pointColor;
    int selected = -1;
    int dragging = -1;
    QPointF dragFrom;
    bool logX = false, logY = false, dark = false;
    double smoothing = 0.0;
    std::function<QString(double)> xText; ///< crosshair x wording; empty = "step N"
    int maxPoints = 4000;
    int lastRebuilt = 0; ///< graphs whose data the last rebuild recomputed
    bool userZoomed = false;

    void setupAxes();
    void applyTheme();
    void rebuild(QCPAxisRect* rect, QCPLegend* leg, std::vector<GraphSet>& graphs,
                 const QVector<PlotSeries>& series);
    void updatePoints();
    /// Fits the loss legend to the plot: a smaller font with many entries, and the measured runs grouped into
    /// one entry when the list would cover more than about half of the loss plot. Returns whether it changed.
    bool layoutLegend(bool force = true);
    QCPGraph* groupKey = nullptr; ///< the one legend entry of grouped measured runs (no data)
    int legendMode = -1;          ///< 0 normal, 1 small font, 2 small font and grouped
    /// Tick count of the shared x axis by the plot's width, so that tick labels never run together.
    void thinTicks();
    int hitPoint(const QPointF& pixel) const;
    void updateCrosshair(const QPointF& pixel);
    void hideCrosshair();
    void scheduleReplot();
    void replotLive();
    bool liveReplotPending = false;
    QString valuesAt(double x) const;
};

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent), d(std::make_unique<Private>())
{
    d->q = this;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->plot = new QCustomPlot(this);
    replotOnlyWhenShown(d->plot);
    d->plot->setAutoAddPlottableToLegend(false);
    d->plot->setFocusPolicy(Qt::NoFocus);
    d->plot->setMouseTracking(true);
    d->plot->installEventFilter(this);
    layout->addWidget(d->plot);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 260);
    d->setupAxes();
    d->applyTheme();

    connect(d->plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        setFocus(Qt::MouseFocusReason);
        const int hit = d->hitPoint(e->position());
        if (e->button() == Qt::LeftButton && hit >= 0) {
            d->dragging = hit;
            d->dragFrom = d->points[hit];
            d->selected = hit;
            d->lrRect->setRangeDrag({}); // the press belongs to the point, not to panning
            d->plot->setNotAntialiasedElements(QCP::aePlottables); // the dragged curves redraw faster
            d->updatePoints();
            emit controlPointSelected(hit);
        }
    });
    connect(d->plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (d->dragging >= 0) {
            QPointF p = pixelToLr(e->position());
            p.setY(std::max(0.0, p.y()));
            emit controlPointMoved(d->dragging, p);
            return;
        }
        d->updateCrosshair(e->position());
    });
    connect(d->plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent*) {
        if (d->dragging < 0 && d->plot->interactions().testFlag(QCP::iRangeDrag))
            d->userZoomed = true; // a pan: keep the user's view on later updates (Home resets)
        if (d->dragging >= 0) {
            const int i = d->dragging;
            d->dragging = -1;
            d->liveReplotPending = false;
            d->lrRect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
            d->plot->setNotAntialiasedElements(QCP::aeNone);
            d->plot->replot(QCustomPlot::rpQueuedReplot);
            if (i < d->points.size() && d->points[i] != d->dragFrom)
                emit controlPointDragFinished(i, d->dragFrom, d->points[i]);
        }
    });
    connect(d->plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* e) {
        if (d->pointsGraph->visible() && d->lrRect->rect().contains(e->position().toPoint()) &&
            d->hitPoint(e->position()) < 0) {
            QPointF p = pixelToLr(e->position());
            p.setY(std::max(0.0, p.y()));
            emit controlPointAddRequested(p);
        }
    });
    connect(d->plot, &QCustomPlot::mouseWheel, this, [this] { d->userZoomed = true; });
}

PlotPanel::~PlotPanel() = default;

void PlotPanel::Private::setupAxes()
{
    plot->plotLayout()->clear();
    lossRect = new QCPAxisRect(plot);
    lrRect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(0, 0, lossRect);
    plot->plotLayout()->addElement(1, 0, lrRect);
    plot->plotLayout()->setRowStretchFactor(0, 2.6);
    plot->plotLayout()->setRowStretchFactor(1, 1.0);
    plot->plotLayout()->setRowSpacing(4);
    residRect = new QCPAxisRect(plot); // added to the layout by setResidualsVisible
    auto* group = new QCPMarginGroup(plot);
    lossRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    lrRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    residRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    for (QCPAxisRect* r : {lossRect, lrRect, residRect}) {
        r->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        r->setRangeZoom(Qt::Horizontal | Qt::Vertical);
        for (QCPAxis* a : r->axes())
            a->setLayer("axes");
        r->axis(QCPAxis::atBottom)->grid()->setLayer("grid");
        r->axis(QCPAxis::atLeft)->grid()->setLayer("grid");
    }
    lossRect->axis(QCPAxis::atLeft)->setLabel(tr("loss"));
    lrRect->axis(QCPAxis::atLeft)->setLabel(tr("learning rate"));
    residRect->axis(QCPAxis::atLeft)->setLabel(tr("measured − fit"));
    residRect->axis(QCPAxis::atBottom)->setTickLabels(false);
    residRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
    lrRect->axis(QCPAxis::atBottom)->setLabel(tr("step"));
    lossRect->axis(QCPAxis::atBottom)->setTickLabels(false);
    lrRect->axis(QCPAxis::atLeft)->setNumberFormat("gb");
    lrRect->axis(QCPAxis::atLeft)->setNumberPrecision(2);
    lrRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setPlottingHint(QCP::phFastPolylines, true); // thick solid lines without costly joins

    // After each layout (a resize, a new series): thin the x ticks to the width, fit the legend to the height
    // (a changed legend is laid out by one more replot).
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [this] {
        thinTicks();
        if (layoutLegend(false)) // laid out and drawn by the next replot, which then changes nothing
            plot->replot(QCustomPlot::rpQueuedReplot);
    });
    // Shared x axis: either plot's pan or zoom moves both.
    QCPAxis* x1 = lossRect->axis(QCPAxis::atBottom);
    QCPAxis* x2 = lrRect->axis(QCPAxis::atBottom);
    QObject::connect(x1, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), x2,
                     qOverload<const QCPRange&>(&QCPAxis::setRange));
    QObject::connect(x2, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), x1,
                     qOverload<const QCPRange&>(&QCPAxis::setRange));
    QCPAxis* x3 = residRect->axis(QCPAxis::atBottom);
    QObject::connect(x1, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), x3,
                     qOverload<const QCPRange&>(&QCPAxis::setRange));
    QObject::connect(x3, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), x1,
                     qOverload<const QCPRange&>(&QCPAxis::setRange));

    legend = new QCPLegend;
    lossRect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setLayer("legend");
    legend->setIconSize(22, 15);
    QFont lf = plot->font();
    lf.setPointSizeF(lf.pointSizeF() * 0.9);
    legend->setFont(lf);
    lrLegend = new QCPLegend;
    lrRect->insetLayout()->addElement(lrLegend, Qt::AlignTop | Qt::AlignRight);
    lrLegend->setLayer("legend");
    lrLegend->setIconSize(22, 15);
    lrLegend->setVisible(false);
    residLegend = new QCPLegend;
    residRect->insetLayout()->addElement(residLegend, Qt::AlignTop | Qt::AlignRight);
    residLegend->setLayer("legend");
    residLegend->setVisible(false);

    // The emphasised (edited) scenario's curves live on their own buffered layer, and the handles on one
    // above it: while a point is dragged only these two layers are redrawn, the rest comes from cached
    // buffers.
    plot->addLayer("live", plot->layer("main"), QCustomPlot::limAbove);
    plot->addLayer("handles", plot->layer("live"), QCustomPlot::limAbove);
    plot->layer("live")->setMode(QCPLayer::lmBuffered);
    plot->layer("handles")->setMode(QCPLayer::lmBuffered);
    pointsGraph = plot->addGraph(lrRect->axis(QCPAxis::atBottom), lrRect->axis(QCPAxis::atLeft));
    pointsGraph->setLayer("handles");
    pointsGraph->setLineStyle(QCPGraph::lsNone);
    pointsGraph->setVisible(false);
    selectedGraph = plot->addGraph(lrRect->axis(QCPAxis::atBottom), lrRect->axis(QCPAxis::atLeft));
    selectedGraph->setLayer("handles");
    selectedGraph->setLineStyle(QCPGraph::lsNone);
    selectedGraph->setVisible(false);

    auto makeCross = [this](QCPAxisRect* r) {
        auto* line = new QCPItemStraightLine(plot);
        line->setClipAxisRect(r);
        for (QCPItemPosition* p : {line->point1, line->point2}) {
            p->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
            p->setAxisRect(r);
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        line->point1->setCoords(0, 0);
        line->point2->setCoords(0, 1);
        line->setVisible(false);
        return line;
    };
    crossLoss = makeCross(lossRect);
    crossLr = makeCross(lrRect);
}

void PlotPanel::Private::applyTheme()
{
    const QColor bg = dark ? QColor(0x1f, 0x22, 0x27) : QColor(Qt::white);
    const QColor fg = dark ? QColor(0xd8, 0xdc, 0xe2) : QColor(0x30, 0x30, 0x30);
    const QColor grid = dark ? QColor(0x3a, 0x3f, 0x47) : QColor(0xe2, 0xe4, 0xe8);
    const QColor subGrid = dark ? QColor(0x2c, 0x30, 0x36) : QColor(0xf1, 0xf2, 0xf4);
    plot->setBackground(bg);
    for (QCPAxisRect* r : {lossRect, lrRect, residRect}) {
        r->setBackground(bg);
        for (QCPAxis* a : r->axes()) {
            a->setBasePen(QPen(fg, 1));
            a->setTickPen(QPen(fg, 1));
            a->setSubTickPen(QPen(fg, 1));
            a->setTickLabelColor(fg);
            a->setLabelColor(fg);
            a->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
            a->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
            a->grid()->setSubGridVisible(true);
            a->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    residRect->axis(QCPAxis::atLeft)->grid()->setZeroLinePen(QPen(fg, 1));
    for (QCPLegend* l : {legend, lrLegend, residLegend}) {
        QColor lb = bg;
        lb.setAlpha(220);
        l->setBrush(lb);
        l->setBorderPen(QPen(grid));
        l->setTextColor(fg);
    }
    const QPen crossPen(dark ? QColor(200, 200, 200, 140) : QColor(60, 60, 60, 120), 1, Qt::DashLine);
    crossLoss->setPen(crossPen);
    crossLr->setPen(crossPen);
}

void PlotPanel::Private::rebuild(QCPAxisRect* rect, QCPLegend* leg, std::vector<GraphSet>& graphs,
                                 const QVector<PlotSeries>& series)
{
    // Reuse graphs by position so that a drag (same series, new data) allocates nothing new.
    auto removeSet = [this](GraphSet& g) {
        for (QCPGraph* gr : {g.line, g.raw, g.lower, g.upper})
            if (gr)
                plot->removeGraph(gr);
    };
    while (graphs.size() > std::size_t(series.size())) {
        removeSet(graphs.back());
        graphs.pop_back();
    }
    leg->clearItems();
    QCPAxis* xa = rect->axis(QCPAxis::atBottom);
    QCPAxis* ya = rect->axis(QCPAxis::atLeft);
    std::vector<double> dx, dy;
    for (int i = 0; i < series.size(); ++i) {
        const PlotSeries& s = series[i];
        if (std::size_t(i) >= graphs.size())
            graphs.push_back({});
        GraphSet& g = graphs[std::size_t(i)];
        if (!g.line)
            g.line = plot->addGraph(xa, ya);
        const bool measured = s.role == PlotSeries::Role::Measured;
        const bool smooth = measured && smoothing > 0.0;
        const bool band = !s.lower.empty() && s.lower.size() == s.x.size() && s.upper.size() == s.x.size();
        const bool unchanged = g.source && g.source->smoothing == smoothing &&
                               g.source->maxPoints == maxPoints && g.source->x == s.x && g.source->y == s.y &&
                               g.source->lower == s.lower && g.source->upper == s.upper;
        if (!unchanged) {
            ++lastRebuilt;
            g.source = GraphSet::Source{s.x, s.y, s.lower, s.upper, smoothing, maxPoints};
        }

        // Raw curve behind its smoothed version.
        if (smooth) {
            if (!g.raw)
                g.raw = plot->addGraph(xa, ya);
            QColor c = s.color;
            c.setAlpha(70);
            g.raw->setPen(QPen(c, 1));
            if (!unchanged) {
                decimateMinMax(s.x, s.y, std::size_t(maxPoints), dx, dy);
                g.raw->setData(toQ(dx), toQ(dy), true);
            }
        } else if (g.raw) {
            plot->removeGraph(g.raw);
            g.raw = nullptr;
        }
        if (band) {
            if (!g.lower) {
                g.lower = plot->addGraph(xa, ya);
                g.upper = plot->addGraph(xa, ya);
            }
            QColor c = s.color;
            c.setAlpha(50);
            g.lower->setPen(Qt::NoPen);
            g.upper->setPen(Qt::NoPen);
            g.upper->setBrush(c);
            g.upper->setChannelFillGraph(g.lower);
            if (!unchanged) {
                decimateMinMax(s.x, s.lower, std::size_t(maxPoints), dx, dy);
                g.lower->setData(toQ(dx), toQ(dy), true);
                decimateMinMax(s.x, s.upper, std::size_t(maxPoints), dx, dy);
                g.upper->setData(toQ(dx), toQ(dy), true);
            }
        } else if (g.lower) {
            plot->removeGraph(g.lower);
            plot->removeGraph(g.upper);
            g.lower = g.upper = nullptr;
        }

        QPen pen(s.color);
        switch (s.role) {
        case PlotSeries::Role::Measured:
            pen.setWidthF(smooth ? 1.8 : 1.4);
            break;
        case PlotSeries::Role::Fitted:
            pen.setWidthF(1.8);
            pen.setStyle(Qt::DashLine);
            break;
        case PlotSeries::Role::Predicted:
            pen.setWidthF(2.0);
            break;
        }
        if (s.style != Qt::NoPen)
            pen.setStyle(s.style);
        if (s.emphasised)
            pen.setWidthF(pen.widthF() + 1.2);
        g.line->setPen(pen);
        // Long run names (W&B: "gpt2_last_char_to_char1729642919.4054031 - train/loss") are elided in the
        // middle so the legend keeps its line samples and its width; the full name is its tooltip.
        const QString shown = QFontMetrics(leg->font()).elidedText(s.name, Qt::ElideMiddle, kLegendNameWidth);
        g.line->setName(shown);
        g.line->setProperty("fullName", shown == s.name ? QVariant() : QVariant(s.name));
        const char* layer = s.emphasised ? "live" : "main";
        for (QCPGraph* gr : {g.line, g.raw, g.lower, g.upper})
            if (gr && gr->layer()->name() != QLatin1String(layer))
                gr->setLayer(layer);
        if (!unchanged) {
            if (smooth)
                decimateMinMax(s.x, emaSmooth(s.y, smoothing), std::size_t(maxPoints), dx, dy);
            else
                decimateMinMax(s.x, s.y, std::size_t(maxPoints), dx, dy);
            g.line->setData(toQ(dx), toQ(dy), true);
        }
        if (s.inLegend)
            g.line->addToLegend(leg);
    }
    leg->setVisible(leg->itemCount() > 0);
}

bool PlotPanel::Private::layoutLegend(bool force)
{
    int entries = 0, measured = 0;
    for (const PlotSeries& s : lossSeries)
        if (s.inLegend) {
            ++entries;
            measured += s.role == PlotSeries::Role::Measured ? 1 : 0;
        }
    QFont small = plot->font();
    small.setPointSizeF(small.pointSizeF() * 0.86);
    const int rectHeight =
        lossRect->rect().height() > 40 ? lossRect->rect().height() : int(plot->height() * 0.6);
    // A compact row is the taller of the text and the 14 px icon (see below).
    const int rows = std::max(3, int(0.45 * rectHeight / std::max(QFontMetrics(small).height(), 14)));
    const int mode = entries > rows && measured > 1 ? 2 : entries > 6 ? 1 : 0;
    const bool changed = mode != legendMode;
    if (!changed && !force)
        return false; // its items keep the places the layout gave them
    legendMode = mode;

    QFont lf = plot->font();
    lf.setPointSizeF(lf.pointSizeF() * (mode > 0 ? 0.86 : 0.9));
    legend->setFont(lf);
    legend->setIconSize(mode > 0 ? QSize(16, 14)
                                 : QSize(22, 15)); // a row taller than the text keeps "_" visible
    legend->setRowSpacing(mode > 0 ? 0 : 3);
    legend->clearItems();
    if (mode == 2) {
        if (!groupKey) {
            groupKey = plot->addGraph(lossRect->axis(QCPAxis::atBottom), lossRect->axis(QCPAxis::atLeft));
            groupKey->removeFromLegend();
        }
        groupKey->setPen(QPen(dark ? QColor(200, 200, 200) : QColor(90, 90, 90), 1.4));
        groupKey->setName(PlotPanel::tr("measured: %n run(s), colours as in the Runs dock", "", measured));
        groupKey->addToLegend(legend);
    }
    for (std::size_t i = 0; i < lossGraphs.size() && int(i) < lossSeries.size(); ++i) {
        const PlotSeries& s = lossSeries[int(i)];
        if (s.inLegend && !(mode == 2 && s.role == PlotSeries::Role::Measured))
            lossGraphs[i].line->addToLegend(legend);
    }
    legend->setVisible(legend->itemCount() > 0);
    return changed;
}

void PlotPanel::Private::thinTicks()
{
    // About one label per 90 px (a step label like "40000" is ~40 px wide at the default font).
    const int width = lrRect->rect().width() > 40 ? lrRect->rect().width() : plot->width() - 80;
    const int count = std::clamp(width / 90, 2, 8);
    for (QCPAxisRect* r : {lossRect, lrRect, residRect})
        r->axis(QCPAxis::atBottom)->ticker()->setTickCount(count);
}

void PlotPanel::setLossSeries(const QVector<PlotSeries>& series)
{
    d->lastRebuilt = 0;
    const bool first = d->lossSeries.isEmpty();
    d->lossSeries = series;
    d->rebuild(d->lossRect, d->legend, d->lossGraphs, series);
    d->layoutLegend();
    if (first || (!d->userZoomed && d->dragging < 0)) // a drag never moves the axes under the mouse
        resetView();
    d->scheduleReplot();
}

const QVector<PlotSeries>& PlotPanel::lossSeries() const
{
    return d->lossSeries;
}

void PlotPanel::setResidualSeries(const QVector<PlotSeries>& series)
{
    d->lastRebuilt = 0;
    d->residSeries = series;
    d->rebuild(d->residRect, d->residLegend, d->residGraphs, series);
    d->residLegend->setVisible(false); // same colours as the loss legend
    d->applyResidualVisibility();
    d->fitResidualRange();
    d->scheduleReplot();
}

void PlotPanel::setResidualsVisible(bool on)
{
    if (on == d->residVisible)
        return;
    d->residVisible = on;
    QCPLayoutGrid* layout = d->plot->plotLayout();
    if (on) {
        layout->insertRow(1);
        layout->addElement(1, 0, d->residRect);
    } else {
        layout->take(d->residRect);
        layout->simplify(); // drops the empty row
    }
    layout->setRowStretchFactors(on ? QList<double>{2.6, 1.0, 1.0} : QList<double>{2.6, 1.0});
    d->applyResidualVisibility();
    d->fitResidualRange();
    d->plot->replot(QCustomPlot::rpQueuedReplot);
}

bool PlotPanel::residualsVisible() const
{
    return d->residVisible;
}

QVector<QPair<QString, QVector<QPointF>>> PlotPanel::drawnResiduals() const
{
    QVector<QPair<QString, QVector<QPointF>>> out;
    const QCPLayoutGrid* layout = d->plot->plotLayout();
    bool inLayout = false;
    for (int i = 0; i < layout->elementCount(); ++i)
        inLayout = inLayout || layout->elementAt(i) == d->residRect;
    if (!inLayout)
        return out;
    for (std::size_t i = 0; i < d->residGraphs.size() && i < std::size_t(d->residSeries.size()); ++i) {
        const QCPGraph* g = d->residGraphs[i].line;
        if (!g || !g->realVisibility())
            continue;
        QVector<QPointF> pts;
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            pts.push_back({it->key, it->value});
        out.push_back({d->residSeries[int(i)].id, pts});
    }
    return out;
}

void PlotPanel::Private::applyResidualVisibility()
{
    // Out of the layout the rect keeps a stale geometry: its graphs must not draw there.
    residRect->setVisible(residVisible);
    for (const GraphSet& g : residGraphs)
        for (QCPGraph* gr : {g.line, g.raw, g.lower, g.upper})
            if (gr)
                gr->setVisible(residVisible);
}

void PlotPanel::Private::fitResidualRange()
{
    double hi = 0.0;
    for (const GraphSet& g : residGraphs) {
        bool ok = false;
        const QCPRange vr = g.line->data()->valueRange(ok);
        if (ok)
            hi = std::max({hi, std::abs(vr.lower), std::abs(vr.upper)});
    }
    residRect->axis(QCPAxis::atLeft)->setRange(-1.1 * (hi > 0 ? hi : 0.01), 1.1 * (hi > 0 ? hi : 0.01));
}

void PlotPanel::setLrSeries(const QVector<PlotSeries>& series)
{
    d->lastRebuilt = 0;
    const bool first = d->lrSeries.isEmpty();
    d->lrSeries = series;
    d->rebuild(d->lrRect, d->lrLegend, d->lrGraphs, series);
    if (first && d->lossSeries.isEmpty())
        resetView();
    else if (d->dragging < 0 && !d->userZoomed) {
        // Keep the LR axis fitting every schedule's peak (a drag may raise it; a first schedule after an
        // empty LR plot's default range lowers it); never while dragging (the axis would move under the
        // mouse).
        bool found = false;
        const QCPRange r = d->lrRect->axis(QCPAxis::atLeft)->range();
        double hi = 0;
        for (const auto& s : series)
            for (double v : s.y)
                if (std::isfinite(v)) {
                    hi = std::max(hi, v);
                    found = true;
                }
        for (const QPointF& p : d->points)
            hi = std::max(hi, p.y());
        if (found && hi > 0 && (hi > r.upper || hi * 1.12 < 0.8 * r.upper))
            d->lrRect->axis(QCPAxis::atLeft)->setRange(0, hi * 1.12);
    }
    d->scheduleReplot();
}

void PlotPanel::Private::updatePoints()
{
    QVector<double> xs, ys;
    for (const QPointF& p : points) {
        xs << p.x();
        ys << p.y();
    }
    pointsGraph->setData(xs, ys, true);
    pointsGraph->setVisible(!points.isEmpty());
    const QColor edge = dark ? QColor(Qt::white) : QColor(Qt::black);
    pointsGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(edge, 1.2), pointColor, 9));
    if (selected >= 0 && selected < points.size()) {
        selectedGraph->setData(QVector<double>{points[selected].x()}, QVector<double>{points[selected].y()},
                               true);
        selectedGraph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(edge, 2.0), pointColor, 13));
        selectedGraph->setVisible(true);
    } else {
        selectedGraph->setVisible(false);
    }
}

void PlotPanel::setControlPoints(const QVector<QPointF>& points, const QColor& color)
{
    d->points = points;
    d->pointColor = color;
    if (d->selected >= points.size())
        d->selected = -1;
    if (d->dragging >= points.size())
        d->dragging = -1;
    d->updatePoints();
    d->scheduleReplot();
}

QVector<QPointF> PlotPanel::controlPoints() const
{
    return d->points;
}

int PlotPanel::selectedControlPoint() const
{
    return d->selected;
}

int PlotPanel::Private::hitPoint(const QPointF& pixel) const
{
    if (!pointsGraph->visible())
        return -1;
    int best = -1;
    double bestDist = 10.0; // pixels
    for (int i = 0; i < points.size(); ++i) {
        const QPointF p = q->lrToPixel(points[i]);
        const double dist = std::hypot(p.x() - pixel.x(), p.y() - pixel.y());
        if (dist <= bestDist) {
            bestDist = dist;
            best = i;
        }
    }
    return best;
}

QPointF PlotPanel::lrToPixel(const QPointF& stepLr) const
{
    return {d->lrRect->axis(QCPAxis::atBottom)->coordToPixel(stepLr.x()),
            d->lrRect->axis(QCPAxis::atLeft)->coordToPixel(stepLr.y())};
}

QPointF PlotPanel::pixelToLr(const QPointF& pixel) const
{
    return {d->lrRect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()),
            d->lrRect->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y())};
}

QCustomPlot* PlotPanel::customPlot() const
{
    return d->plot;
}

namespace {
/// Linear interpolation of a graph at x (NaN outside its data).
double valueAt(const QCPGraph* g, double x)
{
    const auto data = g->data();
    if (data->isEmpty() || x < data->constBegin()->key || x > (data->constEnd() - 1)->key)
        return std::nan("");
    auto it = data->findBegin(x, false);
    if (it == data->constEnd())
        return std::nan("");
    if (it->key >= x || it + 1 == data->constEnd())
        return it->value;
    const auto next = it + 1;
    const double t = (x - it->key) / (next->key - it->key);
    return it->value + t * (next->value - it->value);
}
} // namespace

QString PlotPanel::Private::valuesAt(double x) const
{
    QString text = xText ? xText(x) : tr("step %1").arg(QString::number(x, 'f', 0));
    auto add = [&](const std::vector<GraphSet>& graphs, bool lr) {
        for (const GraphSet& g : graphs) {
            if (!g.line || !g.line->visible())
                continue;
            const double v = valueAt(g.line, x);
            if (std::isfinite(v))
                text += QStringLiteral("\n%1%2: %3")
                            .arg(g.line->name(), lr ? tr(" (LR)") : QString(),
                                 QString::number(v, 'g', lr ? 3 : 5));
        }
    };
    add(lossGraphs, false);
    add(lrGraphs, true);
    return text;
}

void PlotPanel::Private::updateCrosshair(const QPointF& pixel)
{
    // Over a legend entry whose name was elided: its full name.
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->layoutElementAt(pixel))) {
        const QVariant full = item->plottable()->property("fullName");
        if (full.isValid()) {
            QToolTip::showText(plot->mapToGlobal(pixel.toPoint() + QPoint(16, 12)), full.toString(), plot);
            return;
        }
    }
    const bool inLoss = lossRect->rect().contains(pixel.toPoint());
    const bool inLr = lrRect->rect().contains(pixel.toPoint());
    if (!inLoss && !inLr) {
        hideCrosshair();
        return;
    }
    const double x = lossRect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x());
    crossLoss->point1->setCoords(x, 0);
    crossLoss->point2->setCoords(x, 1);
    crossLr->point1->setCoords(x, 0);
    crossLr->point2->setCoords(x, 1);
    crossLoss->setVisible(true);
    crossLr->setVisible(true);
    const QString text = valuesAt(x);
    if (hitPoint(pixel) >= 0)
        plot->setCursor(Qt::SizeAllCursor);
    else
        plot->unsetCursor();
    QToolTip::showText(plot->mapToGlobal(pixel.toPoint() + QPoint(16, 12)), text, plot);
    emit q->hoverText(QString(text).replace('\n', QStringLiteral("   ")));
    plot->layer("overlay")->replot();
}

void PlotPanel::Private::hideCrosshair()
{
    if (crossLoss->visible()) {
        crossLoss->setVisible(false);
        crossLr->setVisible(false);
        plot->layer("overlay")->replot();
    }
    QToolTip::hideText();
}

bool PlotPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == d->plot && event->type() == QEvent::Leave)
        d->hideCrosshair();
    return QWidget::eventFilter(watched, event);
}

void PlotPanel::setLogX(bool on)
{
    d->logX = on;
    for (QCPAxisRect* r : {d->lossRect, d->lrRect, d->residRect}) {
        QCPAxis* a = r->axis(QCPAxis::atBottom);
        a->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (on)
            a->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        else
            a->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    resetView();
}

void PlotPanel::setLogY(bool on)
{
    d->logY = on;
    QCPAxis* a = d->lossRect->axis(QCPAxis::atLeft);
    a->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on) {
        auto t = QSharedPointer<QCPAxisTickerLog>::create();
        t->setSubTickCount(8);
        a->setTicker(t);
    } else {
        a->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    resetView();
}

bool PlotPanel::logX() const
{
    return d->logX;
}

bool PlotPanel::logY() const
{
    return d->logY;
}

void PlotPanel::setSmoothing(double weight)
{
    d->lastRebuilt = 0;
    d->smoothing = std::clamp(weight, 0.0, 0.999);
    d->rebuild(d->lossRect, d->legend, d->lossGraphs, d->lossSeries);
    d->layoutLegend();
    d->rebuild(d->residRect, d->residLegend, d->residGraphs, d->residSeries);
    d->residLegend->setVisible(false);
    d->applyResidualVisibility();
    d->plot->replot(QCustomPlot::rpQueuedReplot);
}

int PlotPanel::recomputedSeries() const
{
    return d->lastRebuilt;
}

double PlotPanel::smoothing() const
{
    return d->smoothing;
}

void PlotPanel::setMaxPointsPerSeries(int n)
{
    d->maxPoints = std::max(16, n);
}

void PlotPanel::setDark(bool dark)
{
    d->dark = dark;
    d->applyTheme();
    d->layoutLegend(); // the grouped runs' key follows the palette
    d->updatePoints();
    d->plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::setXLabel(const QString& label)
{
    d->lrRect->axis(QCPAxis::atBottom)->setLabel(label);
}

void PlotPanel::setLrHint(const QString& text)
{
    if (!d->lrHint) {
        d->lrHint = new QCPItemText(d->plot);
        d->lrHint->setClipAxisRect(d->lrRect);
        d->lrHint->position->setType(QCPItemPosition::ptAxisRectRatio);
        d->lrHint->position->setAxisRect(d->lrRect);
        d->lrHint->position->setCoords(0.5, 0.5);
        d->lrHint->setColor(QColor(0x88, 0x88, 0x88)); // readable on the light and the dark palette
        d->lrHint->setSelectable(false);
        d->lrHint->setTextAlignment(Qt::AlignCenter);
    }
    d->lrHint->setText(text);
    d->lrHint->setVisible(!text.isEmpty());
    d->plot->replot(QCustomPlot::rpQueuedReplot);
}

QString PlotPanel::lrHint() const
{
    return d->lrHint && d->lrHint->visible() ? d->lrHint->text() : QString();
}

void PlotPanel::setXFormatter(std::function<QString(double x)> format)
{
    d->xText = std::move(format);
}

QString PlotPanel::valuesAt(double x) const
{
    return d->valuesAt(x);
}

void PlotPanel::resetView()
{
    d->userZoomed = false;
    bool found = false;
    QCPRange x, y;
    for (const GraphSet& g : d->lossGraphs) {
        bool ok = false;
        const QCPRange kr = g.line->data()->keyRange(ok, d->logX ? QCP::sdPositive : QCP::sdBoth);
        if (!ok)
            continue;
        x = found ? QCPRange(std::min(x.lower, kr.lower), std::max(x.upper, kr.upper)) : kr;
        found = true;
    }
    // The loss axis from the measured curves; a model curve's blow-up near step 0 does not set it.
    std::vector<const std::vector<double>*> measured, model;
    for (const PlotSeries& s : d->lossSeries)
        (s.role == PlotSeries::Role::Measured ? measured : model).push_back(&s.y);
    const bool haveY = lossAxisRange(measured, model, d->logY, y.lower, y.upper);
    double lrHi = 0;
    for (const GraphSet& g : d->lrGraphs) {
        bool ok = false;
        const QCPRange kr = g.line->data()->keyRange(ok, d->logX ? QCP::sdPositive : QCP::sdBoth);
        if (ok)
            x = found ? QCPRange(std::min(x.lower, kr.lower), std::max(x.upper, kr.upper)) : kr;
        found = found || ok;
        const QCPRange vr = g.line->data()->valueRange(ok);
        if (ok)
            lrHi = std::max(lrHi, vr.upper);
    }
    for (const QPointF& p : d->points)
        lrHi = std::max(lrHi, p.y());
    if (found) {
        if (!d->logX)
            x.lower = std::min(0.0, x.lower);
        d->lossRect->axis(QCPAxis::atBottom)->setRange(x);
    }
    if (haveY) {
        const double pad = d->logY ? 0.0 : std::max(0.04 * y.size(), 1e-3 * std::abs(y.upper));
        d->lossRect->axis(QCPAxis::atLeft)->setRange(y.lower - pad, y.upper + pad);
        if (d->logY)
            d->lossRect->axis(QCPAxis::atLeft)->setRange(y.lower * 0.98, y.upper * 1.02);
    }
    d->lrRect->axis(QCPAxis::atLeft)->setRange(0, lrHi > 0 ? lrHi * 1.12 : 1e-3);
    d->fitResidualRange();
    d->plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::Private::scheduleReplot()
{
    if (dragging < 0) {
        plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (liveReplotPending)
        return;
    liveReplotPending = true; // coalesce every change of one mouse move into one partial redraw
    QMetaObject::invokeMethod(
        q,
        [this] {
            if (liveReplotPending)
                replotLive();
        },
        Qt::QueuedConnection);
}

void PlotPanel::Private::replotLive()
{
    liveReplotPending = false;
    plot->layer("live")->replot();
    plot->layer("handles")->replot();
    plot->repaint();
}

void PlotPanel::replotNow()
{
    if (d->dragging >= 0)
        d->replotLive();
    else
        d->plot->replot(QCustomPlot::rpImmediateRefresh);
}

bool PlotPanel::exportTo(const QString& path, int width, int height, QString* error) const
{
    return exportCustomPlot(*d->plot, path, width, height, QStringLiteral("LossCast plot"), error);
}

QPixmap PlotPanel::toPixmap(int width, int height) const
{
    return d->plot->toPixmap(width > 0 ? width : d->plot->width(), height > 0 ? height : d->plot->height());
}

void PlotPanel::copyToClipboard() const
{
    QApplication::clipboard()->setPixmap(toPixmap(0, 0));
}

void PlotPanel::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (d->selected >= 0) {
            emit controlPointRemoveRequested(d->selected);
            return;
        }
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        resetView();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Minus: {
        const double f = event->key() == Qt::Key_Plus ? 0.8 : 1.25;
        QCPAxis* x = d->lossRect->axis(QCPAxis::atBottom);
        x->scaleRange(f, x->range().center());
        d->userZoomed = true;
        d->plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    case Qt::Key_Left:
    case Qt::Key_Right: {
        QCPAxis* x = d->lossRect->axis(QCPAxis::atBottom);
        const double shift = x->range().size() * (event->key() == Qt::Key_Left ? -0.1 : 0.1);
        x->moveRange(shift);
        d->userZoomed = true;
        d->plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

} // namespace losscast::widgets
