#include "widgets/mixtureview.h"
#include "widgets/mixtureview_autoscale.h"
#include "widgets/mixtureview_models.h"
#include "widgets/mixtureview_p.h"
#include "widgets/plotguard.h"

#include "core/mixing/autoscale.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace losscast::widgets {

using namespace mixview;

namespace {

/// Barycentric (a, b, c) → plane: a at the bottom left, b at the bottom right, c at the top.
QPointF ternaryPoint(double a, double b, double c)
{
    (void)a;
    return {b + 0.5 * c, c * std::sqrt(3.0) / 2.0};
}

/// Sequential colours for loss (viridis-like stops: dark = low, yellow = high), readable in light and dark
/// themes and by colour-blind users.
QCPColorGradient lossGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
    g.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
    g.setColorStopAt(0.5, QColor(0x21, 0x91, 0x8c));
    g.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
    g.setColorStopAt(1.0, QColor(0xfd, 0xe7, 0x25));
    g.setLevelCount(256);
    return g;
}

/// Measured runs on the ternary plot are binned into this many colours (one scatter graph each).
constexpr int kRunColourLevels = 24;

} // namespace

MixtureView::MixtureView(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QHBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(splitter);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    // Which mixture → loss model the sliders, bars and ternary use (see mixtureview_models.cpp).
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(new QLabel(tr("Model:"), left));
    m_modelBox = new QComboBox(left);
    m_modelBox->setObjectName(QStringLiteral("mixtureModel"));
    m_modelBox->setEnabled(false);
    m_modelBox->setToolTip(tr("The implicit model (a Gaussian process per validation domain) or the data "
                              "mixing law (Ye et al. 2024); the one marked \"chosen\" predicts held-out "
                              "runs best in 5-fold cross-validation"));
    connect(m_modelBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (m_updating || i < 0)
            return;
        setModel(static_cast<core::mixing::MixtureModelKind>(m_modelBox->itemData(i).toInt()));
    });
    modelRow->addWidget(m_modelBox, 1);
    leftLayout->addLayout(modelRow);
    m_modelNote = new QLabel(left);
    m_modelNote->setObjectName(QStringLiteral("mixtureModelNote"));
    m_modelNote->setWordWrap(true);
    leftLayout->addWidget(m_modelNote);
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
    m_optimise->setObjectName(QStringLiteral("optimise"));
    m_optimise->setToolTip(
        tr("Find the mixture with the lowest predicted overall loss, each domain at most its cap"));
    leftLayout->addWidget(m_optimise);
    connect(m_optimise, &QPushButton::clicked, this, [this] { emit optimiseRequested(caps()); });

    auto* tabs = new QTabWidget(splitter);
    // Slider moves replot only the panel on show (replotIfShown); the others catch up when they are shown.
    connect(tabs, &QTabWidget::currentChanged, this, [this] { replotAll(); });
    m_bars = new QCustomPlot(tabs);
    replotOnlyWhenShown(m_bars);
    m_bars->yAxis->setLabel(tr("predicted loss (±2σ)"));
    // QCustomPlot leaves out a tick label that would cross the widget's edge, and labels rotated by 45° reach
    // to the right of their bar: with long target names (RegMix's "uspto_backgrounds") the last targets went
    // unlabelled in a narrow dock. After each layout the x range is widened on the right until every label
    // fits.
    connect(m_bars, &QCustomPlot::afterLayout, this, [this] {
        const QRect r = m_bars->axisRect()->rect();
        // The note on the nearest runs breaks before its distances when it is wider than the plot (German).
        for (int i = 0; i < m_bars->itemCount(); ++i)
            if (auto* note = qobject_cast<QCPItemText*>(m_bars->item(i));
                note && note->objectName() == QLatin1String("nearestNote")) {
                QString text = note->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
                if (QFontMetrics(note->font()).horizontalAdvance(text) > r.width() - 10)
                    text.replace(QStringLiteral(" ("), QStringLiteral("\n("));
                note->setText(text);
            }
        auto* ticker = dynamic_cast<QCPAxisTickerText*>(m_bars->xAxis->ticker().data());
        if (!ticker || r.width() <= 0 || m_bars->xAxis->tickLabelRotation() <= 0.0)
            return;
        const QFontMetrics fm(m_bars->xAxis->tickLabelFont());
        const double room = m_bars->viewport().right() - r.right() - 2.0; // right margin, in pixels
        const QMap<double, QString>& ticks = ticker->ticks();
        if (ticks.isEmpty())
            return;
        const double lower = m_bars->xAxis->range().lower, natural = ticks.lastKey() + 0.6;
        double upper = natural;
        for (int i = 0; i < 40; ++i, upper += 0.25) {
            const double perUnit = r.width() / (upper - lower);
            bool fits = true;
            for (auto it = ticks.constBegin(); fits && it != ticks.constEnd(); ++it)
                fits = 0.71 * (fm.horizontalAdvance(it.value()) + fm.height()) <=
                       room + (upper - it.key()) * perUnit;
            if (fits)
                break;
        }
        m_bars->xAxis->setRange(lower, upper);
    });
    tabs->addTab(m_bars, tr("Predicted loss"));
    m_ternary = new QCustomPlot(tabs);
    replotOnlyWhenShown(m_ternary);
    m_ternary->setObjectName(QStringLiteral("ternaryPlot"));
    m_ternary->setMouseTracking(true);
    connect(m_ternary, &QCustomPlot::mouseMove, this, [this](QMouseEvent* ev) {
        const QString t = ternaryToolTip(ev->position());
        if (t.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(ev->globalPosition().toPoint(), t, m_ternary);
    });
    // An equilateral triangle whatever the plot's shape: after each layout the ranges are widened in x or y
    // so one unit is as many pixels on both axes.
    connect(m_ternary, &QCustomPlot::afterLayout, this, [this] {
        const QRect r = m_ternary->axisRect()->rect();
        if (!m_ternaryCurrent || r.width() <= 0 || r.height() <= 0)
            return;
        const double h = std::sqrt(3.0) / 2.0, xSpan = 1.24, ySpan = h + 0.26, yMid = -0.1 + ySpan / 2.0;
        const double perPixel = std::max(xSpan / r.width(), ySpan / r.height());
        m_ternary->xAxis->setRange(0.5 - perPixel * r.width() / 2.0, 0.5 + perPixel * r.width() / 2.0);
        m_ternary->yAxis->setRange(yMid - perPixel * r.height() / 2.0, yMid + perPixel * r.height() / 2.0);
    });
    tabs->addTab(m_ternary, tr("Ternary"));
    m_fitPlot = new QCustomPlot(tabs);
    replotOnlyWhenShown(m_fitPlot);
    m_fitPlot->setObjectName(QStringLiteral("fitPlot"));
    m_fitPlot->xAxis->setLabel(tr("measured overall loss"));
    m_fitPlot->yAxis->setLabel(tr("predicted overall loss"));
    tabs->addTab(m_fitPlot, tr("Measured vs predicted"));
    // AutoScale: the file buttons and base rows on top, the stacked area with the weights at the chosen
    // scale beside it, the scale slider below.
    auto* scalePage = new QWidget(tabs);
    auto* scaleLayout = new QGridLayout(scalePage);
    auto* top = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open AutoScale optima…"), scalePage);
    open->setObjectName(QStringLiteral("openAutoScale"));
    open->setToolTip(tr("A CSV of optimal per-domain token counts at two or more scales (rows: label, total "
                        "tokens, one column per domain), or AutoScale perturbation runs (DDO at one scale)"));
    connect(open, &QPushButton::clicked, this, &MixtureView::openAutoScaleRequested);
    top->addWidget(open);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("extrapolate from"), scalePage));
    m_base1 = new QComboBox(scalePage);
    m_base1->setObjectName(QStringLiteral("autoscaleBase1"));
    m_base2 = new QComboBox(scalePage);
    m_base2->setObjectName(QStringLiteral("autoscaleBase2"));
    for (auto* box : {m_base1, m_base2}) {
        box->setEnabled(false);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setToolTip(tr("The two optima the AutoScale rule N(s) = N2 ⊙ (N2/N1)^s goes through; scales "
                           "far apart are a firmer basis than neighbours"));
        connect(box, &QComboBox::currentIndexChanged, this, [this](int) {
            if (m_updating || m_base1->currentIndex() < 0 || m_base2->currentIndex() < 0)
                return;
            setAutoScaleBases(static_cast<std::size_t>(m_base1->currentIndex()),
                              static_cast<std::size_t>(m_base2->currentIndex()));
        });
    }
    top->addWidget(m_base1);
    top->addWidget(new QLabel(tr("and"), scalePage));
    top->addWidget(m_base2);
    top->addStretch(1);
    scaleLayout->addLayout(top, 0, 0, 1, 3);
    m_scaleStatus = new QLabel(tr("Open an AutoScale optima file (e.g. resources/examples/mixing/"
                                  "autoscale_optima_B.csv) or perturbation runs."),
                               scalePage);
    m_scaleStatus->setObjectName(QStringLiteral("autoscaleStatus"));
    m_scaleStatus->setWordWrap(true);
    m_scaleStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    scaleLayout->addWidget(m_scaleStatus, 1, 0, 1, 3);
    m_autoscale = new QCustomPlot(scalePage);
    replotOnlyWhenShown(m_autoscale);
    m_autoscale->setObjectName(QStringLiteral("autoscalePlot"));
    m_autoscale->xAxis->setLabel(tr("total training tokens (log scale, the file's unit)"));
    m_autoscale->yAxis->setLabel(tr("optimal weight (stacked)"));
    scaleLayout->addWidget(m_autoscale, 2, 0, 1, 2);
    // The legend under the axes (inside, it would hide part of the area), five entries a row.
    m_autoscale->plotLayout()->addElement(1, 0, m_autoscale->legend);
    m_autoscale->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_autoscale->legend->setWrap(5);
    m_autoscale->legend->setBorderPen(Qt::NoPen);
    m_autoscale->plotLayout()->setRowStretchFactor(1, 0.001);
    m_autoscale->legend->setVisible(false);
    m_scaleLabel = new QLabel(tr("No AutoScale optima loaded"), scalePage);
    m_scaleLabel->setObjectName(QStringLiteral("autoscaleWeights"));
    m_scaleLabel->setTextFormat(Qt::RichText);
    m_scaleLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_scaleLabel->setMinimumWidth(190);
    scaleLayout->addWidget(m_scaleLabel, 2, 2);
    scaleLayout->addWidget(new QLabel(tr("scale (total tokens, log):"), scalePage), 3, 0);
    m_scaleSlider = new QSlider(Qt::Horizontal, scalePage);
    m_scaleSlider->setObjectName(QStringLiteral("autoscaleSlider"));
    m_scaleSlider->setRange(0, kSliderSteps);
    m_scaleSlider->setEnabled(false);
    m_scaleSlider->setToolTip(
        tr("Choose a total training-token count: the optimal domain weights there are listed "
           "on the right and marked on the area"));
    scaleLayout->addWidget(m_scaleSlider, 3, 1, 1, 2);
    scaleLayout->setColumnStretch(1, 1);
    scaleLayout->setRowStretch(2, 1);
    connect(m_scaleSlider, &QSlider::valueChanged, this, [this](int v) {
        if (m_updating || !(m_scaleMax > m_scaleMin))
            return;
        m_scaleTotal = scaleSliderTotal(v, m_scaleMin, m_scaleMax);
        updateScale();
    });
    tabs->addTab(scalePage, tr("AutoScale"));
    splitter->setStretchFactor(1, 2);
    left->setMinimumWidth(480); // name, slider, value, lock and cap visible without scrolling
    applyPalette();
}

MixtureView::~MixtureView() = default;

void MixtureView::applyPalette()
{
    // The plots follow the widget palette (light or dark theme): background Base, ink Text.
    const QColor bg = palette().color(QPalette::Base), fg = palette().color(QPalette::Text);
    QColor grid = fg;
    grid.setAlpha(45);
    auto styleAxis = [&](QCPAxis* ax) {
        ax->setBasePen(QPen(fg));
        ax->setTickPen(QPen(fg));
        ax->setSubTickPen(QPen(fg));
        ax->setTickLabelColor(fg);
        ax->setLabelColor(fg);
        ax->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        ax->grid()->setZeroLinePen(QPen(grid));
    };
    for (auto* p : {m_bars, m_ternary, m_fitPlot, m_autoscale}) {
        p->setBackground(bg);
        for (auto* ax : p->axisRect()->axes())
            styleAxis(ax);
        p->legend->setBrush(bg);
        p->legend->setTextColor(fg);
    }
    if (m_ternaryScale)
        styleAxis(m_ternaryScale->axis());
}

void MixtureView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange || !m_autoscale)
        return;
    // Items (labels, markers) take their colours when drawn: redraw everything in the new palette.
    applyPalette();
    updateFitScatter();
    refresh();
    rebuildTernary();
    if (m_scaleMax > m_scaleMin)
        drawAutoScale();
    replotAll();
}

void MixtureView::replotIfShown(QCustomPlot* plot)
{
    if (plot && plot->isVisible()) // null while the constructor adds the tabs
        plot->replot(QCustomPlot::rpQueuedReplot);
}

void MixtureView::replotAll()
{
    for (auto* p : {m_bars, m_ternary, m_fitPlot, m_autoscale})
        replotIfShown(p);
}

void MixtureView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    replotAll(); // a hidden view skipped its replots
}

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

void MixtureView::setExperiments(const std::vector<std::vector<double>>& mixtures,
                                 const std::vector<std::vector<double>>& losses)
{
    m_experiments = mixtures;
    m_experimentLosses.clear();
    // Losses are kept only when every row matches the experiments and the fit's targets.
    bool ok = losses.size() == mixtures.size() && !m_targetNames.empty();
    for (const auto& row : losses)
        ok = ok && row.size() == m_targetNames.size();
    if (ok)
        m_experimentLosses = losses;
    updateFitScatter();
    refresh();
    rebuildTernary();
}

std::vector<std::pair<double, double>> MixtureView::measuredPoints() const
{
    std::vector<std::pair<double, double>> out;
    for (int g = 0; g < m_bars->graphCount(); ++g)
        if (m_bars->graph(g)->name() == QLatin1String("measured")) {
            const auto points = graphPoints(m_bars->graph(g));
            out.insert(out.end(), points.begin(), points.end());
        }
    return out;
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
    for (std::size_t j = 0; j < m_domains.size(); ++j) {
        DomainRow row;
        const int gridRow = static_cast<int>(j) + 1;
        row.name = new QLabel(shortName(m_domains[j]), host);
        row.name->setToolTip(QString::fromStdString(m_domains[j]));
        row.name->setStyleSheet(QStringLiteral("color: %1").arg(domainColor(static_cast<int>(j)).name()));
        row.slider = new QSlider(Qt::Horizontal, host);
        row.slider->setRange(0, kSliderSteps);
        row.slider->setMinimumWidth(120);
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
    m_grid->setRowStretch(static_cast<int>(m_domains.size()) + 1, 1);
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
    if (m_targetNames.empty())
        return;
    m_prediction = predict(m_mixture);
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
    const std::size_t T = m_targetNames.size();
    for (std::size_t i = 0; i <= T; ++i) {
        const double v = i < T ? m_prediction.loss[i] : m_prediction.overall;
        const double se = i < T ? m_prediction.stderrs[i] : m_prediction.overallStderr;
        keys << static_cast<double>(i + 1);
        values << v;
        err << (std::isfinite(se) ? 2.0 * se : 0.0);
        ticker->addTick(static_cast<double>(i + 1), i < T ? shortName(m_targetNames[i]) : tr("overall"));
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
                overall += m_weights[i] * y;
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
            note->setColor(palette().color(QPalette::Text));
            note->position->setType(QCPItemPosition::ptAxisRectRatio);
            note->position->setCoords(0.01, 0.01);
            note->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            note->setObjectName(QStringLiteral("nearestNote")); // wrapped to the plot's width after layout
            note->setTextAlignment(Qt::AlignLeft);
            note->setText(
                tr("◆ measured: the %n run(s) nearest to this mixture (distance %1–%2)", nullptr, int(k))
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
            replotIfShown(m_fitPlot);
        }
    }
    m_bars->xAxis->setTicker(ticker);
    m_bars->xAxis->setTickLabelRotation(T > 4 ? 45 : 0);
    m_bars->xAxis->setRange(0.4, static_cast<double>(T) + 1.6);
    // Bars start at 0 so heights compare; room on top for the note on the nearest runs.
    m_bars->yAxis->setRange(0.0, hi + 0.3 * std::max(1e-6, hi - lo));
    replotIfShown(m_bars);
    updateTernary();
}

std::vector<double> MixtureView::measuredOverall() const
{
    std::vector<double> out(m_experiments.size(), std::numeric_limits<double>::quiet_NaN());
    if (m_experimentLosses.size() != m_experiments.size())
        return out;
    for (std::size_t e = 0; e < m_experiments.size(); ++e) {
        double m = 0.0;
        for (std::size_t i = 0; i < m_targetNames.size() && i < m_experimentLosses[e].size(); ++i)
            m += m_weights[i] * m_experimentLosses[e][i];
        out[e] = m;
    }
    return out;
}

QColor MixtureView::ternaryColor(double loss) const
{
    const double span = m_ternaryHi - m_ternaryLo;
    if (!(span > 0.0) || !std::isfinite(loss))
        return lossGradient().color(m_ternaryLo, QCPRange(m_ternaryLo - 1.0, m_ternaryLo + 1.0));
    // Runs are drawn in kRunColourLevels bins (one graph each); the colour is the bin centre's.
    const int level =
        std::clamp(static_cast<int>((loss - m_ternaryLo) / span * kRunColourLevels), 0, kRunColourLevels - 1);
    return lossGradient().color(m_ternaryLo + (level + 0.5) / kRunColourLevels * span,
                                QCPRange(m_ternaryLo, m_ternaryHi));
}

std::pair<double, double> MixtureView::ternaryLossRange() const
{
    return {m_ternaryLo, m_ternaryHi};
}

QColor MixtureView::ternaryRunColor(std::size_t e) const
{
    if (e >= m_experiments.size() || m_experiments[e].size() != 3)
        return {};
    const QPointF p = ternaryPoint(m_experiments[e][0], m_experiments[e][1], m_experiments[e][2]);
    for (int g = 0; g < m_ternary->graphCount(); ++g) {
        const QCPGraph* graph = m_ternary->graph(g);
        if (!graph->name().startsWith(QLatin1String("measured")))
            continue;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            if (std::abs(it->key - p.x()) < 1e-12 && std::abs(it->value - p.y()) < 1e-12) {
                // What QCustomPlot paints inside the marker: ssDisc fills with the pen, the others with the
                // brush (none when it is Qt::NoBrush).
                const QCPScatterStyle& style = graph->scatterStyle();
                if (style.shape() == QCPScatterStyle::ssDisc)
                    return style.pen().color();
                return style.brush().style() == Qt::NoBrush ? QColor() : style.brush().color();
            }
    }
    return {};
}

QPointF MixtureView::ternaryRunPixel(std::size_t e) const
{
    if (e >= m_experiments.size() || m_experiments[e].size() != 3)
        return {};
    const QPointF p = ternaryPoint(m_experiments[e][0], m_experiments[e][1], m_experiments[e][2]);
    return {m_ternary->xAxis->coordToPixel(p.x()), m_ternary->yAxis->coordToPixel(p.y())};
}

QString MixtureView::ternaryToolTip(const QPointF& pixel) const
{
    if (m_domains.size() != 3 || m_targetNames.empty())
        return {};
    auto mixtureText = [this](const std::vector<double>& r) {
        QStringList parts;
        for (std::size_t j = 0; j < 3; ++j)
            parts << QStringLiteral("%1 %2").arg(shortName(m_domains[j])).arg(r[j], 0, 'f', 3);
        return parts.join(QStringLiteral(" · "));
    };
    // The nearest measured run within 8 px.
    const auto measured = measuredOverall();
    double best = 8.0;
    std::size_t nearest = m_experiments.size();
    for (std::size_t e = 0; e < m_experiments.size(); ++e) {
        if (m_experiments[e].size() != 3)
            continue;
        const QPointF d = ternaryRunPixel(e) - pixel;
        const double dist = std::hypot(d.x(), d.y());
        if (dist <= best) {
            best = dist;
            nearest = e;
        }
    }
    if (nearest < m_experiments.size()) {
        const auto& r = m_experiments[nearest];
        QString text = tr("run %1: %2").arg(nearest + 1).arg(mixtureText(r));
        if (std::isfinite(measured[nearest]))
            text += tr("\nmeasured overall loss %1").arg(measured[nearest], 0, 'f', 4);
        text += tr("\npredicted overall loss %1").arg(predictOverall(r), 0, 'f', 4);
        return text;
    }
    // Else the mixture under the cursor, when inside the triangle.
    const double x = m_ternary->xAxis->pixelToCoord(pixel.x()), y = m_ternary->yAxis->pixelToCoord(pixel.y());
    const double c = y / (std::sqrt(3.0) / 2.0), b = x - 0.5 * c, a = 1.0 - b - c;
    if (a < 0.0 || b < 0.0 || c < 0.0)
        return {};
    const std::vector<double> r{a, b, c};
    return tr("%1\npredicted overall loss %2").arg(mixtureText(r)).arg(predictOverall(r), 0, 'f', 4);
}

void MixtureView::rebuildTernary()
{
    m_ternary->clearPlottables();
    m_ternary->clearItems();
    m_ternaryMap = nullptr;
    m_ternaryCurrent = nullptr;
    if (m_ternaryScale) {
        m_ternary->plotLayout()->remove(m_ternaryScale);
        m_ternary->plotLayout()->simplify();
        m_ternaryScale = nullptr;
    }
    m_ternaryLo = m_ternaryHi = 0.0;
    m_ternary->xAxis->setVisible(false);
    m_ternary->yAxis->setVisible(false);
    if (m_domains.size() != 3 || m_targetNames.empty()) {
        auto* text = new QCPItemText(m_ternary);
        text->setColor(palette().color(QPalette::Text));
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(m_targetNames.empty()
                          ? tr("Open mixture experiments to see the ternary plot")
                          : tr("The ternary plot needs exactly three training domains (this "
                               "fit has %1)")
                                .arg(m_domains.size()));
        m_ternary->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // The predicted overall loss over the triangle: a colour map whose cells outside are transparent. It
    // depends on the fit only, so it is computed here (once per fit), not on slider moves.
    const double h = std::sqrt(3.0) / 2.0;
    constexpr int nx = 121, ny = 105;
    auto* map = new QCPColorMap(m_ternary->xAxis, m_ternary->yAxis);
    map->setName(QStringLiteral("predicted"));
    map->data()->setSize(nx, ny);
    map->data()->setRange(QCPRange(0.0, 1.0), QCPRange(0.0, h));
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const double edge = 0.6 / (nx - 1); // cells whose centre is this close outside still cover the edge
    for (int i = 0; i < nx; ++i)
        for (int k = 0; k < ny; ++k) {
            const double x = double(i) / (nx - 1), y = double(k) / (ny - 1) * h;
            const double c = y / h, b = x - 0.5 * c, a = 1.0 - b - c;
            if (a < -edge || b < -edge || c < -edge) {
                map->data()->setCell(i, k, std::numeric_limits<double>::quiet_NaN());
                map->data()->setAlpha(i, k, 0);
                continue;
            }
            std::vector<double> r{std::max(0.0, a), std::max(0.0, b), std::max(0.0, c)};
            const double s = r[0] + r[1] + r[2];
            for (double& v : r)
                v /= s;
            const double l = predictOverall(r);
            map->data()->setCell(i, k, l);
            if (std::isfinite(l)) {
                lo = std::min(lo, l);
                hi = std::max(hi, l);
            }
        }
    // The measured runs share the colour scale with the background, so its range covers both; a few
    // outlying runs (RegMix has runs 2 nats above the rest) would squeeze the rest into one colour, so the
    // range covers the 2–98 % quantiles of the runs and runs beyond take the end colours.
    const auto measured = measuredOverall();
    std::vector<double> sorted;
    for (double m : measured)
        if (std::isfinite(m))
            sorted.push_back(m);
    std::sort(sorted.begin(), sorted.end());
    std::size_t clipped = 0;
    if (!sorted.empty()) {
        const auto at = [&](double q) {
            return sorted[static_cast<std::size_t>(q * double(sorted.size() - 1))];
        };
        lo = std::min(lo, sorted.size() >= 50 ? at(0.02) : sorted.front());
        hi = std::max(hi, sorted.size() >= 50 ? at(0.98) : sorted.back());
        for (double m : sorted)
            clipped += m < lo || m > hi;
    }
    if (!(hi > lo)) {
        lo = std::isfinite(lo) ? lo - 0.5 : 0.0;
        hi = lo + 1.0;
    }
    m_ternaryLo = lo;
    m_ternaryHi = hi;
    m_ternaryMap = map;
    map->setGradient(lossGradient());
    map->setInterpolate(true);
    map->setDataRange(QCPRange(lo, hi));
    m_ternaryScale = new QCPColorScale(m_ternary);
    m_ternaryScale->setType(QCPAxis::atRight);
    m_ternaryScale->setGradient(lossGradient());
    m_ternaryScale->setDataRange(QCPRange(lo, hi));
    m_ternaryScale->setLabel(tr("overall loss: background predicted, ● measured"));
    m_ternaryScale->setBarWidth(14);
    m_ternary->plotLayout()->addElement(0, 1, m_ternaryScale);
    applyPalette(); // the new scale's axis
    map->setColorScale(m_ternaryScale);
    map->setDataRange(QCPRange(lo, hi));

    // The triangle and its corner labels.
    const QPointF corners[3] = {ternaryPoint(1, 0, 0), ternaryPoint(0, 1, 0), ternaryPoint(0, 0, 1)};
    const QColor ink = palette().color(QPalette::Text);
    for (int s = 0; s < 3; ++s) {
        auto* line = new QCPItemLine(m_ternary);
        line->start->setCoords(corners[s]);
        line->end->setCoords(corners[(s + 1) % 3]);
        line->setPen(QPen(ink, 1.5));
        auto* label = new QCPItemText(m_ternary);
        label->position->setCoords(corners[s] + QPointF(0, s == 2 ? 0.05 : -0.05));
        label->setText(tr("100 % %1").arg(shortName(m_domains[static_cast<std::size_t>(s)])));
        label->setColor(ink);
        label->setFont(QFont(font().family(), font().pointSize(), QFont::Bold));
    }
    // Measured runs: one graph per colour level (a graph has one scatter colour), black-edged discs.
    std::size_t drawn = 0;
    if (!m_experiments.empty()) {
        std::vector<QCPGraph*> levels(kRunColourLevels, nullptr);
        const bool haveLoss =
            std::any_of(measured.begin(), measured.end(), [](double m) { return std::isfinite(m); });
        for (std::size_t e = 0; e < m_experiments.size(); ++e) {
            const auto& r = m_experiments[e];
            if (r.size() != 3)
                continue;
            const int level =
                haveLoss && std::isfinite(measured[e])
                    ? std::clamp(static_cast<int>((measured[e] - lo) / (hi - lo) * kRunColourLevels), 0,
                                 kRunColourLevels - 1)
                    : -1;
            QCPGraph*& g = levels[static_cast<std::size_t>(std::max(level, 0))];
            if (!g || level < 0) {
                g = m_ternary->addGraph();
                g->setName(QStringLiteral("measured %1").arg(level));
                g->setLineStyle(QCPGraph::lsNone);
                const QColor fill = level >= 0 ? ternaryColor(measured[e]) : QColor(Qt::white);
                // A grey edge shows on the dark and the light end of the scale alike.
                // (ssCircle: ssDisc would fill with the pen's colour.)
                g->setScatterStyle(
                    QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(128, 128, 128), 1.0), fill, 7));
            }
            const QPointF p = ternaryPoint(r[0], r[1], r[2]);
            g->addData(p.x(), p.y());
            ++drawn;
        }
    }
    auto* key = new QCPItemText(m_ternary);
    key->position->setType(QCPItemPosition::ptAxisRectRatio);
    key->position->setCoords(0.01, 0.01);
    key->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    key->setTextAlignment(Qt::AlignLeft);
    key->setColor(ink);
    QString keyText =
        drawn
            ? tr("● %n measured run(s), filled with their measured overall loss", nullptr, int(drawn)) + '\n'
            : QString();
    if (clipped > 0)
        keyText +=
            tr("(%n run(s) beyond the colour scale take its end colours)", nullptr, int(clipped)) + '\n';
    key->setText(keyText + tr("✶ current mixture · hover for values"));
    m_ternaryCurrent = m_ternary->addGraph();
    m_ternaryCurrent->setName(QStringLiteral("current"));
    m_ternaryCurrent->setLineStyle(QCPGraph::lsNone);
    m_ternaryCurrent->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::red, 2.5), Qt::NoBrush, 18));
    m_ternary->xAxis->setRange(-0.12, 1.12);
    m_ternary->yAxis->setRange(-0.1, h + 0.16);
    updateTernary();
}

void MixtureView::updateTernary()
{
    if (!m_ternaryCurrent || m_mixture.size() != 3)
        return;
    const QPointF p = ternaryPoint(m_mixture[0], m_mixture[1], m_mixture[2]);
    m_ternaryCurrent->data()->clear();
    m_ternaryCurrent->addData(p.x(), p.y());
    replotIfShown(m_ternary);
}

} // namespace losscast::widgets
