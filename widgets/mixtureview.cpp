#include "widgets/mixtureview.h"

#include "core/mixing/autoscale.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace losscast::widgets {

namespace {

constexpr int kSliderSteps = 1000;

QColor domainColor(int j)
{
    static const QColor palette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                                     QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                     QColor(23, 190, 207)};
    return palette[j % 10];
}

/// A short label: the part after the common "train_"/"metric/" prefixes and before "_val_loss".
QString shortName(const std::string& s)
{
    QString n = QString::fromStdString(s);
    for (const char* p : {"metric/", "train_", "valid_", "val_", "the_pile_"})
        if (n.startsWith(QLatin1String(p)))
            n = n.mid(static_cast<int>(std::strlen(p)));
    for (const char* p : {"_val_loss", "_loss"})
        if (n.endsWith(QLatin1String(p)))
            n.chop(static_cast<int>(std::strlen(p)));
    return n;
}

/// Barycentric (a, b, c) → plane: a at the bottom left, b at the bottom right, c at the top.
QPointF ternaryPoint(double a, double b, double c)
{
    (void)a;
    return {b + 0.5 * c, c * std::sqrt(3.0) / 2.0};
}

} // namespace

MixtureView::MixtureView(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QHBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(splitter);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    auto* scroll = new QScrollArea(left);
    scroll->setWidgetResizable(true);
    auto* controls = new QWidget(scroll);
    m_grid = new QGridLayout(controls);
    scroll->setWidget(controls);
    m_grid->addWidget(new QLabel(tr("<b>domain</b>"), controls), 0, 0);
    m_grid->addWidget(new QLabel(tr("<b>share</b>"), controls), 0, 1, 1, 2);
    m_grid->addWidget(new QLabel(tr("<b>lock</b>"), controls), 0, 3);
    m_grid->addWidget(new QLabel(tr("<b>cap</b>"), controls), 0, 4);
    leftLayout->addWidget(scroll, 1);
    m_overall = new QLabel(left);
    leftLayout->addWidget(m_overall);
    m_optimise = new QPushButton(tr("Optimise within caps"), left);
    m_optimise->setToolTip(
        tr("Find the mixture with the lowest predicted overall loss, each domain at most its cap"));
    leftLayout->addWidget(m_optimise);
    connect(m_optimise, &QPushButton::clicked, this, [this] { emit optimiseRequested(caps()); });

    auto* tabs = new QTabWidget(splitter);
    m_bars = new QCustomPlot(tabs);
    m_bars->yAxis->setLabel(tr("predicted loss (±2σ)"));
    tabs->addTab(m_bars, tr("Predicted loss"));
    m_ternary = new QCustomPlot(tabs);
    tabs->addTab(m_ternary, tr("Ternary"));
    m_fitPlot = new QCustomPlot(tabs);
    m_fitPlot->setObjectName(QStringLiteral("fitPlot"));
    m_fitPlot->xAxis->setLabel(tr("measured overall loss"));
    m_fitPlot->yAxis->setLabel(tr("predicted overall loss"));
    tabs->addTab(m_fitPlot, tr("Measured vs predicted"));
    // AutoScale: the stacked area, the weights at the chosen scale beside it, the scale slider below.
    auto* scalePage = new QWidget(tabs);
    auto* scaleLayout = new QGridLayout(scalePage);
    m_autoscale = new QCustomPlot(scalePage);
    m_autoscale->setObjectName(QStringLiteral("autoscalePlot"));
    m_autoscale->xAxis->setLabel(tr("total tokens"));
    m_autoscale->yAxis->setLabel(tr("optimal domain weight (AutoScale)"));
    scaleLayout->addWidget(m_autoscale, 0, 0, 1, 2);
    m_scaleLabel = new QLabel(tr("No AutoScale optima loaded"), scalePage);
    m_scaleLabel->setObjectName(QStringLiteral("autoscaleWeights"));
    m_scaleLabel->setTextFormat(Qt::RichText);
    m_scaleLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_scaleLabel->setMinimumWidth(170);
    scaleLayout->addWidget(m_scaleLabel, 0, 2);
    scaleLayout->addWidget(new QLabel(tr("scale (total tokens, log):"), scalePage), 1, 0);
    m_scaleSlider = new QSlider(Qt::Horizontal, scalePage);
    m_scaleSlider->setObjectName(QStringLiteral("autoscaleSlider"));
    m_scaleSlider->setRange(0, kSliderSteps);
    m_scaleSlider->setEnabled(false);
    m_scaleSlider->setToolTip(
        tr("Choose a total training-token count: the optimal domain weights there are listed "
           "on the right and marked on the area"));
    scaleLayout->addWidget(m_scaleSlider, 1, 1, 1, 2);
    scaleLayout->setColumnStretch(1, 1);
    scaleLayout->setRowStretch(0, 1);
    connect(m_scaleSlider, &QSlider::valueChanged, this, [this](int v) {
        if (m_updating || !(m_scaleMax > m_scaleMin))
            return;
        m_scaleTotal = m_scaleMin * std::pow(m_scaleMax / m_scaleMin, static_cast<double>(v) / kSliderSteps);
        updateScale();
    });
    tabs->addTab(scalePage, tr("AutoScale"));
    splitter->setStretchFactor(1, 2);
    left->setMinimumWidth(430); // name, slider, value, lock and cap visible without scrolling
}

MixtureView::~MixtureView() = default;

QSize MixtureView::minimumSizeHint() const
{
    constexpr std::size_t kRowsShown = 6;
    const QWidget* controls = m_grid->parentWidget();
    int controlsHeight = controls->sizeHint().height();
    if (m_rows.size() > kRowsShown) // the rest scroll
        controlsHeight =
            controlsHeight * static_cast<int>(kRowsShown + 1) / static_cast<int>(m_rows.size() + 1);
    const int below = m_overall->sizeHint().height() + m_optimise->sizeHint().height();
    const int h = controlsHeight + below + 60; // scroll frame, layout spacing and margins
    return {std::max(QWidget::minimumSizeHint().width(), 640), std::max(h, 320)};
}

QSize MixtureView::sizeHint() const
{
    const QSize m = minimumSizeHint();
    return {std::max(m.width(), 1100), std::max(m.height(), 440)};
}

std::vector<double> MixtureView::rebalance(const std::vector<double>& r, int changed, double value,
                                           const std::vector<bool>& locked)
{
    const std::size_t D = r.size();
    std::vector<double> out = r;
    if (changed < 0 || static_cast<std::size_t>(changed) >= D)
        return out;
    const auto c = static_cast<std::size_t>(changed);
    double lockedMass = 0.0, freeMass = 0.0;
    std::size_t freeCount = 0;
    for (std::size_t j = 0; j < D; ++j) {
        if (j == c)
            continue;
        if (j < locked.size() && locked[j])
            lockedMass += r[j];
        else {
            freeMass += r[j];
            ++freeCount;
        }
    }
    const double room = std::max(0.0, 1.0 - lockedMass);
    // With no unlocked partner the changed domain must absorb whatever the locked ones leave.
    const double v = freeCount == 0 ? room : std::clamp(value, 0.0, room);
    out[c] = v;
    const double rest = room - v;
    for (std::size_t j = 0; j < D; ++j) {
        if (j == c || (j < locked.size() && locked[j]))
            continue;
        out[j] = freeMass > 1e-15 ? r[j] / freeMass * rest : rest / static_cast<double>(freeCount);
    }
    return out;
}

void MixtureView::setFit(const core::mixing::MixingLawFit& fit)
{
    m_fit = fit;
    const std::size_t D = fit.domains.size();
    m_mixture.assign(D, D ? 1.0 / static_cast<double>(D) : 0.0);
    m_experimentLosses.clear(); // they belonged to the previous fit's targets; setExperiments brings new ones
    m_nearest.clear();
    updateFitScatter();
    rebuildControls();
    refresh();
}

void MixtureView::setExperiments(const std::vector<std::vector<double>>& mixtures,
                                 const std::vector<std::vector<double>>& losses)
{
    m_experiments = mixtures;
    m_experimentLosses.clear();
    // Losses are kept only when every row matches the experiments and the fit's targets.
    bool ok = losses.size() == mixtures.size() && !m_fit.targets.empty();
    for (const auto& row : losses)
        ok = ok && row.size() == m_fit.targets.size();
    if (ok)
        m_experimentLosses = losses;
    updateFitScatter();
    refresh();
    updateTernary();
}

std::vector<std::pair<double, double>> MixtureView::measuredPoints() const
{
    std::vector<std::pair<double, double>> out;
    for (int g = 0; g < m_bars->graphCount(); ++g)
        if (m_bars->graph(g)->name() == QLatin1String("measured"))
            for (auto it = m_bars->graph(g)->data()->constBegin(); it != m_bars->graph(g)->data()->constEnd();
                 ++it)
                out.emplace_back(it->key, it->value);
    return out;
}

std::vector<std::pair<double, double>> MixtureView::fitScatter() const
{
    std::vector<std::pair<double, double>> out;
    if (m_fitPlot->graphCount() > 0)
        for (auto it = m_fitPlot->graph(0)->data()->constBegin();
             it != m_fitPlot->graph(0)->data()->constEnd(); ++it)
            out.emplace_back(it->key, it->value);
    return out;
}

void MixtureView::updateFitScatter()
{
    m_fitPlot->clearGraphs();
    m_fitPlot->clearItems();
    m_runMeasured.clear();
    m_runPredicted.clear();
    if (m_experimentLosses.empty() || m_fit.targets.empty()) {
        auto* text = new QCPItemText(m_fitPlot);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(tr("Load an experiments table with losses to compare the law with the measured runs"));
        m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // Every run: measured overall loss (Σ w_i × measured L_i) against the law's overall prediction.
    auto* g = m_fitPlot->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180, 150), 5));
    std::vector<double> measured, predicted;
    m_runMeasured.assign(m_experiments.size(), std::numeric_limits<double>::quiet_NaN());
    m_runPredicted = m_runMeasured;
    for (std::size_t e = 0; e < m_experiments.size(); ++e) {
        if (m_experiments[e].size() != m_fit.domains.size())
            continue;
        double m = 0.0;
        for (std::size_t i = 0; i < m_fit.targets.size(); ++i)
            m += m_fit.weights[i] * m_experimentLosses[e][i];
        measured.push_back(m);
        predicted.push_back(core::mixing::predictMixture(m_fit, m_experiments[e]).overall);
        g->addData(measured.back(), predicted.back());
        m_runMeasured[e] = measured.back();
        m_runPredicted[e] = predicted.back();
    }
    if (measured.empty())
        return;
    const double lo = std::min(*std::min_element(measured.begin(), measured.end()),
                               *std::min_element(predicted.begin(), predicted.end()));
    const double hi = std::max(*std::max_element(measured.begin(), measured.end()),
                               *std::max_element(predicted.begin(), predicted.end()));
    const double pad = 0.05 * std::max(1e-6, hi - lo);
    auto* diagonal = new QCPItemStraightLine(m_fitPlot);
    diagonal->point1->setCoords(lo, lo);
    diagonal->point2->setCoords(hi, hi);
    diagonal->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    double mae = 0.0;
    for (std::size_t e = 0; e < measured.size(); ++e)
        mae += std::abs(measured[e] - predicted[e]);
    mae /= static_cast<double>(measured.size());
    const double rho = core::mixing::spearman(measured, predicted);
    auto* text = new QCPItemText(m_fitPlot);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.03, 0.03);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setTextAlignment(Qt::AlignLeft);
    text->setText(
        tr("%1 runs (fitted on)\nMAE %2, Spearman %3\n● run, red ◆ nearest to the sliders, dashed: y = x")
            .arg(measured.size())
            .arg(mae, 0, 'g', 3)
            .arg(rho, 0, 'f', 3));
    m_fitPlot->xAxis->setRange(lo - pad, hi + pad);
    m_fitPlot->yAxis->setRange(lo - pad, hi + pad);
    m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
}

void MixtureView::rebuildControls()
{
    for (auto& row : m_rows) {
        delete row.name;
        delete row.slider;
        delete row.value;
        delete row.lock;
        delete row.cap;
    }
    m_rows.clear();
    auto* host = m_grid->parentWidget();
    for (std::size_t j = 0; j < m_fit.domains.size(); ++j) {
        DomainRow row;
        const int gridRow = static_cast<int>(j) + 1;
        row.name = new QLabel(shortName(m_fit.domains[j]), host);
        row.name->setToolTip(QString::fromStdString(m_fit.domains[j]));
        row.name->setStyleSheet(QStringLiteral("color: %1").arg(domainColor(static_cast<int>(j)).name()));
        row.slider = new QSlider(Qt::Horizontal, host);
        row.slider->setRange(0, kSliderSteps);
        row.slider->setMinimumWidth(140);
        row.value = new QDoubleSpinBox(host);
        row.value->setRange(0.0, 1.0);
        row.value->setDecimals(3);
        row.value->setSingleStep(0.01);
        row.lock = new QCheckBox(host);
        row.lock->setToolTip(tr("Keep this share fixed while others move"));
        row.cap = new QDoubleSpinBox(host);
        row.cap->setRange(0.0, 1.0);
        row.cap->setDecimals(3);
        row.cap->setSingleStep(0.05);
        row.cap->setValue(1.0);
        row.cap->setToolTip(tr("Largest share the optimiser may use (available tokens ÷ planned total)"));
        m_grid->addWidget(row.name, gridRow, 0);
        m_grid->addWidget(row.slider, gridRow, 1);
        m_grid->addWidget(row.value, gridRow, 2);
        m_grid->addWidget(row.lock, gridRow, 3);
        m_grid->addWidget(row.cap, gridRow, 4);
        const int d = static_cast<int>(j);
        connect(row.slider, &QSlider::valueChanged, this, [this, d](int v) {
            if (!m_updating)
                setDomainValue(d, static_cast<double>(v) / kSliderSteps);
        });
        connect(row.value, &QDoubleSpinBox::valueChanged, this, [this, d](double v) {
            if (!m_updating)
                setDomainValue(d, v);
        });
        m_rows.push_back(row);
    }
    m_grid->setRowStretch(static_cast<int>(m_fit.domains.size()) + 1, 1);
    updateGeometry(); // the size hints depend on the number of rows
}

std::vector<double> MixtureView::caps() const
{
    std::vector<double> c;
    for (const auto& row : m_rows)
        c.push_back(row.cap->value());
    return c;
}

bool MixtureView::isLocked(int domain) const
{
    return domain >= 0 && domain < static_cast<int>(m_rows.size()) &&
           m_rows[static_cast<std::size_t>(domain)].lock->isChecked();
}

void MixtureView::setLocked(int domain, bool locked)
{
    if (domain >= 0 && domain < static_cast<int>(m_rows.size()))
        m_rows[static_cast<std::size_t>(domain)].lock->setChecked(locked);
}

double MixtureView::setDomainValue(int domain, double value)
{
    if (domain < 0 || domain >= static_cast<int>(m_mixture.size()))
        return 0.0;
    std::vector<bool> locked;
    for (std::size_t j = 0; j < m_rows.size(); ++j)
        locked.push_back(m_rows[j].lock->isChecked());
    m_mixture = rebalance(m_mixture, domain, value, locked);
    refresh();
    emit mixtureChanged(m_mixture);
    return m_mixture[static_cast<std::size_t>(domain)];
}

void MixtureView::setMixture(const std::vector<double>& mixture)
{
    if (mixture.size() != m_mixture.size())
        return;
    const double s = std::accumulate(mixture.begin(), mixture.end(), 0.0);
    if (!(s > 0.0))
        return;
    for (std::size_t j = 0; j < mixture.size(); ++j)
        m_mixture[j] = std::max(0.0, mixture[j]) / s;
    refresh();
    emit mixtureChanged(m_mixture);
}

void MixtureView::refresh()
{
    if (m_fit.targets.empty())
        return;
    m_prediction = core::mixing::predictMixture(m_fit, m_mixture);
    m_updating = true;
    for (std::size_t j = 0; j < m_rows.size(); ++j) {
        m_rows[j].slider->setValue(static_cast<int>(std::lround(m_mixture[j] * kSliderSteps)));
        m_rows[j].value->setValue(m_mixture[j]);
    }
    m_updating = false;
    m_overall->setText(tr("overall predicted loss: %1 ± %2 (2σ)")
                           .arg(m_prediction.overall, 0, 'f', 4)
                           .arg(2.0 * m_prediction.overallStderr, 0, 'g', 2));

    // Bars: one per target, then the overall loss, with ±2σ error bars.
    m_bars->clearPlottables();
    m_bars->clearItems();
    auto* bars = new QCPBars(m_bars->xAxis, m_bars->yAxis);
    bars->setBrush(QColor(31, 119, 180, 160));
    bars->setPen(QPen(QColor(31, 119, 180)));
    auto* errors = new QCPErrorBars(m_bars->xAxis, m_bars->yAxis);
    errors->setDataPlottable(bars);
    QVector<double> keys, values, err;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double lo = 1e300, hi = -1e300;
    const std::size_t T = m_fit.targets.size();
    for (std::size_t i = 0; i <= T; ++i) {
        const double v = i < T ? m_prediction.loss[i] : m_prediction.overall;
        const double se = i < T ? m_prediction.stderrs[i] : m_prediction.overallStderr;
        keys << static_cast<double>(i + 1);
        values << v;
        err << (std::isfinite(se) ? 2.0 * se : 0.0);
        ticker->addTick(static_cast<double>(i + 1),
                        i < T ? shortName(m_fit.targets[i].target) : tr("overall"));
        lo = std::min(lo, v - err.back());
        hi = std::max(hi, v + err.back());
    }
    bars->setData(keys, values);
    errors->setData(err);
    // The measured runs nearest to the current mixture: their losses beside each bar (so the user sees how
    // well the law fits here), and the same runs highlighted on the measured-vs-predicted scatter.
    m_nearest.clear();
    if (!m_experimentLosses.empty()) {
        std::vector<std::pair<double, std::size_t>> dist;
        for (std::size_t e = 0; e < m_experiments.size(); ++e) {
            if (m_experiments[e].size() != m_mixture.size())
                continue;
            double d = 0.0;
            for (std::size_t j = 0; j < m_mixture.size(); ++j)
                d += (m_experiments[e][j] - m_mixture[j]) * (m_experiments[e][j] - m_mixture[j]);
            dist.emplace_back(d, e);
        }
        const std::size_t k = std::min(kNearestRuns, dist.size());
        std::partial_sort(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(k), dist.end());
        auto* measured = m_bars->addGraph();
        measured->setName(QStringLiteral("measured"));
        measured->setLineStyle(QCPGraph::lsNone);
        measured->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, Qt::black, QColor(255, 127, 14), 8));
        for (std::size_t n = 0; n < k; ++n) {
            const std::size_t e = dist[n].second;
            m_nearest.push_back(e);
            const double dx =
                0.5 * (static_cast<double>(n) - 0.5 * static_cast<double>(k - 1)) / kNearestRuns;
            double overall = 0.0;
            for (std::size_t i = 0; i < T; ++i) {
                const double y = m_experimentLosses[e][i];
                overall += m_fit.weights[i] * y;
                measured->addData(static_cast<double>(i + 1) + dx, y);
                lo = std::min(lo, y);
                hi = std::max(hi, y);
            }
            measured->addData(static_cast<double>(T + 1) + dx, overall);
            lo = std::min(lo, overall);
            hi = std::max(hi, overall);
        }
        if (k > 0) {
            auto* note = new QCPItemText(m_bars);
            note->position->setType(QCPItemPosition::ptAxisRectRatio);
            note->position->setCoords(0.01, 0.01);
            note->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            note->setText(tr("◆ measured: the %1 runs nearest to this mixture (distance %2–%3)")
                              .arg(k)
                              .arg(std::sqrt(dist.front().first), 0, 'f', 3)
                              .arg(std::sqrt(dist[k - 1].first), 0, 'f', 3));
        }
        // Highlight them on the scatter (graph 1 of the fit plot).
        if (m_fitPlot->graphCount() >= 1) {
            QCPGraph* near = m_fitPlot->graphCount() >= 2 ? m_fitPlot->graph(1) : m_fitPlot->addGraph();
            near->data()->clear();
            near->setLineStyle(QCPGraph::lsNone);
            near->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, Qt::black, Qt::red, 9));
            for (std::size_t e : m_nearest)
                if (e < m_runMeasured.size())
                    near->addData(m_runMeasured[e], m_runPredicted[e]);
            m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    m_bars->xAxis->setTicker(ticker);
    m_bars->xAxis->setTickLabelRotation(T > 4 ? 45 : 0);
    m_bars->xAxis->setRange(0.4, static_cast<double>(T) + 1.6);
    const double pad = 0.15 * std::max(1e-6, hi - lo);
    m_bars->yAxis->setRange(std::max(0.0, lo - pad), hi + pad);
    m_bars->replot(QCustomPlot::rpQueuedReplot);
    updateTernary();
}

void MixtureView::updateTernary()
{
    m_ternary->clearGraphs();
    m_ternary->clearItems();
    if (m_fit.domains.size() != 3) {
        auto* text = new QCPItemText(m_ternary);
        text->position->setCoords(0.5, 0.5);
        text->setText(tr("The ternary plot needs exactly three domains"));
        m_ternary->xAxis->setRange(0, 1);
        m_ternary->yAxis->setRange(0, 1);
        m_ternary->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // Predicted overall loss over a barycentric grid, coloured points; the triangle; experiments; current
    // point.
    const int n = 40;
    QVector<double> gx, gy;
    std::vector<double> gl;
    double lmin = 1e300, lmax = -1e300;
    for (int i = 0; i <= n; ++i)
        for (int k = 0; k <= n - i; ++k) {
            const double b = double(i) / n, c = double(k) / n, a = 1.0 - b - c;
            const std::vector<double> r{a, b, c};
            const double l = core::mixing::predictMixture(m_fit, r).overall;
            const QPointF p = ternaryPoint(a, b, c);
            gx << p.x();
            gy << p.y();
            gl.push_back(l);
            lmin = std::min(lmin, l);
            lmax = std::max(lmax, l);
        }
    // One graph per colour band keeps this cheap (10 scatter graphs instead of a colour map).
    const int bands = 10;
    for (int bnd = 0; bnd < bands; ++bnd) {
        auto* g = m_ternary->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        const double f = double(bnd) / (bands - 1);
        const QColor col = QColor::fromHsvF(0.66 * f, 0.6, 0.95);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, col, col, 7));
        for (int m = 0; m < gx.size(); ++m) {
            const double t = lmax > lmin ? (gl[static_cast<std::size_t>(m)] - lmin) / (lmax - lmin) : 0.0;
            if (std::min(bands - 1, int(t * bands)) == bnd)
                g->addData(gx[m], gy[m]);
        }
    }
    const QPointF corners[3] = {ternaryPoint(1, 0, 0), ternaryPoint(0, 1, 0), ternaryPoint(0, 0, 1)};
    for (int s = 0; s < 3; ++s) {
        auto* line = new QCPItemLine(m_ternary);
        line->start->setCoords(corners[s]);
        line->end->setCoords(corners[(s + 1) % 3]);
        line->setPen(QPen(Qt::black, 1.5));
        auto* label = new QCPItemText(m_ternary);
        label->position->setCoords(corners[s] + QPointF(0, s == 2 ? 0.05 : -0.05));
        label->setText(shortName(m_fit.domains[static_cast<std::size_t>(s)]));
    }
    auto* key = new QCPItemText(m_ternary);
    key->position->setCoords(-0.08, 1.1);
    key->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    key->setText(
        tr("predicted overall loss: red = lowest %1, blue = highest %2\n× measured runs, ✶ current mixture")
            .arg(lmin, 0, 'f', 3)
            .arg(lmax, 0, 'f', 3));
    if (!m_experiments.empty()) {
        auto* ex = m_ternary->addGraph();
        ex->setLineStyle(QCPGraph::lsNone);
        ex->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, Qt::black, 6));
        for (const auto& r : m_experiments)
            if (r.size() == 3) {
                const QPointF p = ternaryPoint(r[0], r[1], r[2]);
                ex->addData(p.x(), p.y());
            }
    }
    auto* cur = m_ternary->addGraph();
    cur->setLineStyle(QCPGraph::lsNone);
    cur->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, Qt::red, 16));
    const QPointF p = ternaryPoint(m_mixture[0], m_mixture[1], m_mixture[2]);
    cur->addData(p.x(), p.y());
    m_ternary->xAxis->setRange(-0.1, 1.1);
    m_ternary->yAxis->setRange(-0.12, 1.12);
    m_ternary->xAxis->setVisible(false);
    m_ternary->yAxis->setVisible(false);
    m_ternary->replot(QCustomPlot::rpQueuedReplot);
}

void MixtureView::setAutoScale(const std::vector<std::string>& domains, const std::vector<double>& n1,
                               const std::vector<double>& n2, double minTotal, double maxTotal)
{
    m_autoscale->clearGraphs();
    m_autoscale->clearItems();
    m_scaleMarker = nullptr;
    m_scaleWeights.clear();
    const std::size_t D = domains.size();
    if (D == 0 || n1.size() != D || n2.size() != D || !(minTotal > 0.0) || !(maxTotal > minTotal)) {
        m_scaleSlider->setEnabled(false);
        m_scaleTotal = 0.0;
        m_scaleMin = m_scaleMax = 0.0;
        m_scaleLabel->setText(tr("No AutoScale optima loaded"));
        m_autoscale->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_scaleDomains = domains;
    m_scaleN1 = n1;
    m_scaleN2 = n2;
    m_scaleMin = minTotal;
    m_scaleMax = maxTotal;
    const int samples = 60;
    std::vector<QVector<double>> cumulative(D);
    QVector<double> totals;
    for (int s = 0; s < samples; ++s) {
        const double total = minTotal * std::pow(maxTotal / minTotal, double(s) / (samples - 1));
        const auto at = core::mixing::autoscaleAtTotal(n1, n2, total);
        if (!at)
            continue;
        totals << total;
        double acc = 0.0;
        for (std::size_t j = 0; j < D; ++j) {
            acc += at->tokens[j] / at->total;
            cumulative[j] << acc;
        }
    }
    // Stacked area: graph j is the cumulative share up to domain j, filled down to graph j−1.
    QCPGraph* below = nullptr;
    for (std::size_t j = 0; j < D; ++j) {
        auto* g = m_autoscale->addGraph();
        g->setData(totals, cumulative[j], true);
        const QColor col = domainColor(static_cast<int>(j));
        g->setPen(QPen(col.darker(120)));
        QColor fill = col;
        fill.setAlpha(170);
        g->setBrush(fill);
        g->setChannelFillGraph(below);
        g->setName(shortName(domains[j]));
        below = g;
    }
    m_autoscale->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_autoscale->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_autoscale->xAxis->setRange(minTotal, maxTotal);
    m_autoscale->yAxis->setRange(0.0, 1.0);
    m_autoscale->legend->setVisible(true);
    m_autoscale->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    m_scaleMarker = new QCPItemStraightLine(m_autoscale);
    m_scaleMarker->setPen(QPen(Qt::black, 2, Qt::DashLine));
    m_scaleSlider->setEnabled(true);
    // Keep the chosen total when it is still in range, else start at the geometric middle.
    const double keep =
        m_scaleTotal >= minTotal && m_scaleTotal <= maxTotal ? m_scaleTotal : std::sqrt(minTotal * maxTotal);
    setAutoScaleTotal(keep);
}

void MixtureView::setAutoScaleTotal(double total)
{
    if (!(m_scaleMax > m_scaleMin) || !std::isfinite(total))
        return;
    m_scaleTotal = std::clamp(total, m_scaleMin, m_scaleMax);
    m_updating = true;
    m_scaleSlider->setValue(static_cast<int>(
        std::lround(std::log(m_scaleTotal / m_scaleMin) / std::log(m_scaleMax / m_scaleMin) * kSliderSteps)));
    m_updating = false;
    updateScale();
}

double MixtureView::autoScaleMarkerTotal() const
{
    return m_scaleMarker ? m_scaleMarker->point1->key() : std::numeric_limits<double>::quiet_NaN();
}

void MixtureView::updateScale()
{
    m_scaleWeights.clear();
    const auto at = core::mixing::autoscaleAtTotal(m_scaleN1, m_scaleN2, m_scaleTotal);
    QString text = tr("<b>optimal mix at %1 tokens</b><br>").arg(m_scaleTotal, 0, 'g', 3);
    if (at && at->total > 0.0) {
        for (std::size_t j = 0; j < at->tokens.size(); ++j) {
            m_scaleWeights.push_back(at->tokens[j] / at->total);
            text += QStringLiteral("<span style=\"color:%1\">■</span> %2: %3 %<br>")
                        .arg(domainColor(static_cast<int>(j)).name(),
                             shortName(m_scaleDomains[j]).toHtmlEscaped())
                        .arg(100.0 * m_scaleWeights.back(), 0, 'f', 1);
        }
    } else {
        text += tr("unreachable: %1").arg(QString::fromStdString(at.errorText()).toHtmlEscaped());
    }
    m_scaleLabel->setText(text);
    if (m_scaleMarker) {
        m_scaleMarker->point1->setCoords(m_scaleTotal, 0.0);
        m_scaleMarker->point2->setCoords(m_scaleTotal, 1.0);
    }
    m_autoscale->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace losscast::widgets
