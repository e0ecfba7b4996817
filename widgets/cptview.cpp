#include "widgets/cptview.h"
#include "widgets/plotguard.h"

#include "core/cpt/cptjson.h"
#include "core/util/textfile.h"
#include "widgets/taskrunner.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <utility>

Q_DECLARE_METATYPE(std::shared_ptr<losscast::core::cpt::CptOptimizeResult>)

namespace losscast::widgets {

using namespace core::cpt;

namespace {

constexpr double kLrMinExp = -5.0, kLrMaxExp = -2.0; // CPT peak LR slider: 1e-5 … 1e-2, log scale
constexpr int kHeatN = 12;

double sliderToLr(int v)
{
    return std::pow(10.0, kLrMinExp + (kLrMaxExp - kLrMinExp) * v / 1000.0);
}
int lrToSlider(double lr)
{
    return static_cast<int>(
        std::lround((std::log10(std::max(lr, 1e-12)) - kLrMinExp) / (kLrMaxExp - kLrMinExp) * 1000.0));
}

QString lrText(double lr)
{
    return QString::number(lr, 'e', 2);
}

/// Loss range worth showing: every curve from the end of the PT warmup on (during the warmup the power law
/// reaches tens of nats and would flatten everything else), with a 5 % margin.
QCPRange lossRange(const ScenarioPrediction& p, std::int64_t ptWarmup)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t k = 0; k < p.steps.size(); ++k)
        if (p.steps[k] >= ptWarmup)
            for (const auto* v : {&p.general, &p.domain, &p.generalHidden, &p.domainHidden}) {
                lo = std::min(lo, (*v)[k]);
                hi = std::max(hi, (*v)[k]);
            }
    if (!(hi > lo))
        return QCPRange(0.0, 1.0);
    const double m = 0.05 * (hi - lo);
    return QCPRange(lo - m, hi + m);
}

/// The step axis: the whole scenario and 3 % more, so the handle on the last step is drawn whole.
QCPRange stepRange(std::int64_t totalSteps)
{
    return QCPRange(0.0, 1.03 * static_cast<double>(totalSteps));
}

} // namespace

struct CptView::Private
{
    CptFit general, domain;
    QString fitLabel;
    CptScenario scenario;
    ScenarioPrediction prediction;
    GeneralTurn turn;
    std::vector<std::vector<double>> heat;
    std::optional<CptOptimizeResult> optimum;
    bool updating = false;
    bool heatDirty = true;

    QLabel* fitLabelWidget = nullptr;
    QString ptSource; ///< where an imported PT schedule came from (empty: the parametric PT phase)
    std::function<QStringList()> inputFiles; ///< files a save never replaces (setInputFiles)
    QLabel* ptSourceLabel = nullptr;
    QPushButton* ptPresetButton = nullptr;
    QSpinBox* ptSteps = nullptr;
    QSlider* potential = nullptr;
    QLabel* potentialLabel = nullptr;
    QSpinBox* cptSteps = nullptr;
    QSlider* cptPeak = nullptr;
    QLabel* cptPeakLabel = nullptr;
    QComboBox* cptShape = nullptr;
    QSlider* replay = nullptr;
    QLabel* replayLabel = nullptr;
    QSlider* lambda = nullptr;
    QLabel* lambdaLabel = nullptr;
    QPushButton* optimiseButton = nullptr;
    QPushButton* applyButton = nullptr;
    QTableWidget* result = nullptr;
    QLabel* turnLabel = nullptr;
    QCustomPlot* plot = nullptr;
    QCustomPlot* heatPlot = nullptr;
    QCPColorMap* colorMap = nullptr;
    QCPGraph* heatMarker = nullptr;
    QCPGraph *gFull = nullptr, *dFull = nullptr, *gHidden = nullptr, *dHidden = nullptr, *markers = nullptr;
    QCPItemStraightLine* switchLine = nullptr;
    QCPAxisRect* lrRect = nullptr;
    QCPGraph *lrGraph = nullptr, *lrHandles = nullptr;
    int dragIndex = -1; ///< control point being dragged (index into cptControlPoints()), -1 when none
    State committed;    ///< the state as of the last edit reported (or set programmatically)
    QCPItemText* criticalText = nullptr;
    QTimer* heatTimer = nullptr;
    QScrollArea* controlsScroll = nullptr; ///< the control column scrolls when the view is short
    TaskRunner* runner = nullptr;
    quint64 optimiseGeneration = 0;
};

CptView::CptView(QWidget* parent) : QWidget(parent), d(std::make_unique<Private>())
{
    d->scenario.pt = Phase{20000, 500, 0.0, 2e-4, DecayShape::Wsd, 0.0, 0.2};
    d->scenario.cpt = Phase{10000, 500, 0.0, 2e-4, DecayShape::Cosine, 0.1, 0.2};
    d->runner = new TaskRunner(this);
    d->heatTimer = new QTimer(this);
    d->heatTimer->setSingleShot(true);
    d->heatTimer->setInterval(120);
    // The heat map (144 scenario evaluations) is only recomputed while the view is visible.
    connect(d->heatTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            updateHeatMapNow();
        else
            d->heatDirty = true;
    });
    connect(d->runner, &TaskRunner::finished, this, [this](quint64 gen, const QVariant& v) {
        if (gen != d->optimiseGeneration)
            return;
        d->optimiseButton->setText(tr("Optimise"));
        const auto r = v.value<std::shared_ptr<CptOptimizeResult>>();
        if (!r) {
            emit optimisationFinished(false, tr("optimisation failed"));
            return;
        }
        d->optimum = *r;
        d->applyButton->setEnabled(true);
        refreshResultTable();
        emit optimisationFinished(true, QString::fromStdString(r->message));
    });
    connect(d->runner, &TaskRunner::cancelled, this,
            [this](quint64) { d->optimiseButton->setText(tr("Optimise")); });
    buildUi();
    syncControls();
    usePaperPreset();
    d->committed = state(); // the starting point, not an edit
}

CptView::~CptView()
{
    d->runner->cancel();
    d->runner->waitForIdle();
}

void CptView::buildUi()
{
    auto* controls = new QWidget(this);
    controls->setMinimumWidth(360);
    auto* form = new QFormLayout(controls);
    d->fitLabelWidget = new QLabel(controls);
    d->fitLabelWidget->setWordWrap(true);
    auto* load = new QPushButton(tr("Load CPT fit…"), controls);
    auto* preset = new QPushButton(tr("Paper preset"), controls);
    auto* save = new QPushButton(tr("Save fit…"), controls);
    save->setToolTip(
        tr("Write the fits with the PT schedule as a CPT fit file (losscast-cli cpt predict --fit)"));
    auto* fitRow = new QHBoxLayout;
    fitRow->addWidget(load);
    fitRow->addWidget(save);
    fitRow->addWidget(preset);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save CPT fit"), QStringLiteral("cpt-fit.json"), tr("CPT fit (*.json)"));
        QString error;
        if (!path.isEmpty() && !saveFitFile(path, &error))
            d->fitLabelWidget->setText(error);
    });
    form->addRow(d->fitLabelWidget);
    form->addRow(fitRow);

    auto slider = [&](int max) {
        auto* s = new QSlider(Qt::Horizontal, controls);
        s->setRange(0, max);
        return s;
    };
    d->ptSteps = new QSpinBox(controls);
    d->ptSteps->setRange(100, 50'000'000);
    d->ptSteps->setSingleStep(1000);
    form->addRow(tr("PT steps"), d->ptSteps);
    d->ptSourceLabel = new QLabel(controls);
    d->ptSourceLabel->setWordWrap(true);
    d->ptPresetButton = new QPushButton(tr("Preset PT"), controls);
    d->ptPresetButton->setToolTip(tr("Back to the parametric PT schedule (WSD to the final LR below)"));
    auto* ptRow = new QHBoxLayout;
    ptRow->setSpacing(12); // the wrapped schedule text ran into the button
    ptRow->addWidget(d->ptSourceLabel, 1);
    ptRow->addWidget(d->ptPresetButton, 0, Qt::AlignTop);
    form->addRow(tr("PT schedule"), ptRow);
    connect(d->ptPresetButton, &QPushButton::clicked, this, &CptView::clearPtSchedule);
    d->potential = slider(100);
    d->potentialLabel = new QLabel(controls);
    form->addRow(tr("PT final LR"), d->potential);
    form->addRow(QString(), d->potentialLabel);
    d->cptSteps = new QSpinBox(controls);
    d->cptSteps->setRange(100, 50'000'000);
    d->cptSteps->setSingleStep(500);
    form->addRow(tr("CPT steps"), d->cptSteps);
    d->cptPeak = slider(1000);
    d->cptPeakLabel = new QLabel(controls);
    form->addRow(tr("CPT peak LR"), d->cptPeak);
    form->addRow(QString(), d->cptPeakLabel);
    d->cptShape = new QComboBox(controls);
    for (auto s : {DecayShape::Cosine, DecayShape::Wsd, DecayShape::Linear, DecayShape::Constant})
        d->cptShape->addItem(QString::fromStdString(toString(s)), static_cast<int>(s));
    form->addRow(tr("CPT schedule"), d->cptShape);
    d->replay = slider(100);
    d->replay->setObjectName("replaySlider");
    d->replayLabel = new QLabel(controls);
    form->addRow(tr("Replay ratio"), d->replay);
    form->addRow(QString(), d->replayLabel);
    d->turnLabel = new QLabel(controls);
    d->turnLabel->setWordWrap(true);
    form->addRow(d->turnLabel);

    auto* trade = new QGroupBox(tr("Trade-off"), controls);
    auto* tf = new QFormLayout(trade);
    d->lambda = slider(100);
    d->lambdaLabel = new QLabel(trade);
    tf->addRow(tr("λ1 (general weight)"), d->lambda);
    tf->addRow(QString(), d->lambdaLabel);
    d->optimiseButton = new QPushButton(tr("Optimise"), trade);
    d->applyButton = new QPushButton(tr("Apply"), trade);
    d->applyButton->setEnabled(false);
    auto* br = new QHBoxLayout;
    br->addWidget(d->optimiseButton);
    br->addWidget(d->applyButton);
    tf->addRow(br);
    d->result = new QTableWidget(0, 3, trade);
    d->result->setHorizontalHeaderLabels({tr("Quantity"), tr("Current"), tr("Optimised")});
    d->result->verticalHeader()->hide();
    d->result->setEditTriggers(QAbstractItemView::NoEditTriggers);
    d->result->setMinimumHeight(200);
    d->result->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    d->result->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    d->result->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    tf->addRow(d->result);
    form->addRow(trade);

    d->plot = new QCustomPlot(this);
    replotOnlyWhenShown(d->plot);
    d->plot->setMinimumSize(390, 280);
    d->plot->setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
    d->plot->legend->setVisible(true);
    d->plot->xAxis->setLabel(tr("step"));
    d->plot->yAxis->setLabel(
        tr("val loss (nats)")); // short: the longer label was cut to "validation loss (nat" on a low plot
    auto graph = [&](const QString& name, QColor c, bool dashed) {
        QCPGraph* g = d->plot->addGraph();
        g->setName(name);
        QPen pen(c, dashed ? 1.5 : 2.0);
        if (dashed)
            pen.setStyle(Qt::DashLine);
        g->setPen(pen);
        return g;
    };
    d->gFull = graph(tr("general (D_pt)"), QColor(31, 119, 180), false);
    d->dFull = graph(tr("domain (D_cpt)"), QColor(255, 127, 14), false);
    d->gHidden = graph(tr("general, hidden PT curve"), QColor(31, 119, 180), true);
    d->dHidden = graph(tr("domain, hidden PT curve"), QColor(255, 127, 14), true);
    d->markers = d->plot->addGraph();
    d->markers->setName(tr("turning / critical point"));
    d->markers->setLineStyle(QCPGraph::lsNone);
    d->markers->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(200, 30, 30), QColor(200, 30, 30), 9));
    // The LR schedule under the loss plot, on the same step axis; the CPT control points are dragged here.
    d->lrRect = new QCPAxisRect(d->plot);
    d->plot->plotLayout()->addElement(1, 0, d->lrRect); // row 2 once the legend row is inserted
    // The legend sits above the loss axis, in columns: inside it (even in the "free" top-right corner) it
    // covered the general curves after the switch and crowded the turning-point label in a short dock.
    d->plot->axisRect()->insetLayout()->take(d->plot->legend);
    d->plot->plotLayout()->insertRow(0);
    d->plot->plotLayout()->addElement(0, 0, d->plot->legend);
    d->plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    d->plot->legend->setWrap(2); // solid curves, dashed (hidden PT) curves, marker: fits a 390 px plot
    d->plot->legend->setBorderPen(Qt::NoPen);
    d->plot->legend->setMargins(QMargins(4, 2, 4, 0));
    d->plot->plotLayout()->setRowSpacing(2);
    d->plot->plotLayout()->setRowStretchFactor(0, 0.001);
    d->plot->plotLayout()->setRowStretchFactor(1, 3.0);
    d->plot->plotLayout()->setRowStretchFactor(2, 1.2);
    auto* margins = new QCPMarginGroup(d->plot);
    d->plot->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    d->lrRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    d->lrRect->axis(QCPAxis::atBottom)->setLabel(tr("step (drag the CPT schedule's points)"));
    d->lrRect->axis(QCPAxis::atLeft)->setLabel(tr("LR"));
    d->lrRect->axis(QCPAxis::atLeft)->setNumberFormat("gb");
    d->lrRect->axis(QCPAxis::atLeft)->setNumberPrecision(1);
    d->lrRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
    d->plot->xAxis->setLabel(QString());
    connect(d->plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            d->lrRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    d->lrGraph = d->plot->addGraph(d->lrRect->axis(QCPAxis::atBottom), d->lrRect->axis(QCPAxis::atLeft));
    d->lrGraph->setPen(QPen(QColor(90, 90, 90), 1.5));
    d->lrGraph->removeFromLegend();
    d->lrHandles = d->plot->addGraph(d->lrRect->axis(QCPAxis::atBottom), d->lrRect->axis(QCPAxis::atLeft));
    d->lrHandles->setLineStyle(QCPGraph::lsNone);
    d->lrHandles->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(40, 40, 40), QColor(255, 210, 60), 11));
    d->lrHandles->removeFromLegend();
    connect(d->plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        d->dragIndex = -1;
        if (e->button() != Qt::LeftButton || !d->lrRect->rect().adjusted(-8, -8, 8, 8).contains(e->pos()))
            return;
        const auto pts = cptControlPoints();
        double best = 12.0; // px
        for (int i = 0; i < static_cast<int>(pts.size()); ++i) {
            const QPointF px(
                d->lrRect->axis(QCPAxis::atBottom)->coordToPixel(pts[static_cast<std::size_t>(i)].x()),
                d->lrRect->axis(QCPAxis::atLeft)->coordToPixel(pts[static_cast<std::size_t>(i)].y()));
            const double dist = QLineF(px, e->position()).length();
            if (dist < best) {
                best = dist;
                d->dragIndex = i;
            }
        }
    });
    connect(d->plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (d->dragIndex < 0)
            return;
        moveControlPoint(d->dragIndex, d->lrRect->axis(QCPAxis::atBottom)->pixelToCoord(e->position().x()),
                         d->lrRect->axis(QCPAxis::atLeft)->pixelToCoord(e->position().y()));
    });
    connect(d->plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent*) {
        const bool dragged = d->dragIndex >= 0;
        d->dragIndex = -1;
        if (dragged) {
            fitLrAxis(true);
            commitEdit(tr("Drag CPT schedule point"), -1); // the whole drag is one undo step
        }
    });

    d->switchLine = new QCPItemStraightLine(d->plot);
    d->switchLine->setPen(QPen(Qt::gray, 1, Qt::DotLine));
    d->criticalText = new QCPItemText(d->plot);
    d->criticalText->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    d->criticalText->setColor(QColor(200, 30, 30));

    d->heatPlot = new QCustomPlot(this);
    replotOnlyWhenShown(d->heatPlot);
    d->heatPlot->setMinimumSize(240, 200);
    d->heatPlot->xAxis->setLabel(tr("log10 CPT peak LR"));
    d->heatPlot->yAxis->setLabel(tr("replay ratio"));
    d->colorMap = new QCPColorMap(d->heatPlot->xAxis, d->heatPlot->yAxis);
    d->colorMap->data()->setSize(kHeatN, kHeatN);
    d->colorMap->data()->setRange(QCPRange(kLrMinExp, kLrMaxExp), QCPRange(0.0, 1.0));
    auto* scale = new QCPColorScale(d->heatPlot);
    d->heatPlot->plotLayout()->addElement(0, 1, scale);
    scale->axis()->setLabel(tr("λ1·ΔL_general + (1−λ1)·ΔL_domain"));
    d->colorMap->setColorScale(scale);
    d->colorMap->setGradient(QCPColorGradient::gpThermal);
    d->heatMarker = d->heatPlot->addGraph();
    d->heatMarker->setLineStyle(QCPGraph::lsNone);
    d->heatMarker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, Qt::white, 12));
    auto heatTicker = QSharedPointer<QCPAxisTickerFixed>::create(); // labels ran together when narrow
    heatTicker->setTickStep(1.0);
    d->heatPlot->xAxis->setTicker(heatTicker);
    d->heatPlot->xAxis->setRange(kLrMinExp, kLrMaxExp);
    d->heatPlot->yAxis->setRange(0.0, 1.0);

    // Side by side: the view is a wide, short dock under the main plots, and stacking the two plots made it
    // 580 px tall, which pushed a 1500x940 window to 1166 px and left the Runs tree two rows.
    auto* right = new QSplitter(Qt::Horizontal, this);
    right->setChildrenCollapsible(false);
    right->addWidget(d->plot);
    right->addWidget(d->heatPlot);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    // The control column scrolls vertically when the view is short (a dock under the main plots), so the view
    // does not force the window taller than the screen; it is never narrower than its contents.
    d->controlsScroll = new QScrollArea(this);
    d->controlsScroll->setWidget(controls);
    d->controlsScroll->setWidgetResizable(true);
    d->controlsScroll->setFrameShape(QFrame::NoFrame);
    d->controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(d->controlsScroll, 0);
    layout->addWidget(right, 1);

    // Every control updates the curves at once. The undo step is recorded when the edit is complete: on
    // release for a slider dragged with the mouse, else at each change with the control's merge key, so that
    // key presses and spin-box typing on one control become one step (the window merges them).
    struct Control
    {
        QWidget* widget;
        QString text;
        int key;
    };
    const std::vector<Control> controls_ = {{d->ptSteps, tr("Set PT steps"), 1},
                                            {d->potential, tr("Set PT final LR"), 2},
                                            {d->cptSteps, tr("Set CPT steps"), 3},
                                            {d->cptPeak, tr("Set CPT peak LR"), 4},
                                            {d->cptShape, tr("Set CPT schedule shape"), -1},
                                            {d->replay, tr("Set replay ratio"), 5}};
    for (const Control& c : controls_) {
        auto changed = [this, c] {
            if (d->updating)
                return;
            readControls();
            auto* slider = qobject_cast<QSlider*>(c.widget);
            if (!slider || !slider->isSliderDown())
                commitEdit(c.text, c.key);
        };
        if (auto* slider = qobject_cast<QSlider*>(c.widget)) {
            connect(slider, &QSlider::valueChanged, this, changed);
            connect(slider, &QSlider::sliderReleased, this, [this, c] { commitEdit(c.text, -1); });
        } else if (auto* spin = qobject_cast<QSpinBox*>(c.widget)) {
            connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, changed);
        } else if (auto* combo = qobject_cast<QComboBox*>(c.widget)) {
            connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
        }
    }
    connect(d->lambda, &QSlider::valueChanged, this, [this](int v) {
        d->lambdaLabel->setText(
            tr("λ1 = %1, λ2 = %2").arg(v / 100.0, 0, 'f', 2).arg(1.0 - v / 100.0, 0, 'f', 2));
        d->heatTimer->start();
        refreshResultTable();
        emit lambda1Changed(v / 100.0);
    });
    connect(d->optimiseButton, &QPushButton::clicked, this, [this] {
        if (isOptimising())
            d->runner->cancel();
        else
            optimise();
    });
    connect(d->applyButton, &QPushButton::clicked, this, &CptView::applyOptimum);
    connect(preset, &QPushButton::clicked, this, &CptView::usePaperPreset);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Load CPT fit"), QString(), tr("CPT fit (*.json)"));
        QString error;
        if (!path.isEmpty() && !loadFitFile(path, &error))
            d->fitLabelWidget->setText(error);
    });
    d->lambda->setValue(50);
}

void CptView::setFits(const CptFit& general, const CptFit& domain, const QString& label)
{
    d->general = general;
    d->domain = domain;
    d->fitLabel = label;
    d->fitLabelWidget->setText(label);
    d->optimum.reset();
    d->applyButton->setEnabled(false);
    updateNow();
    d->plot->xAxis->setRange(stepRange(d->scenario.totalSteps()));
    d->plot->yAxis->setRange(lossRange(d->prediction, d->scenario.pt.warmupSteps));
    fitLrAxis(true);
    d->plot->replot();
    d->heatTimer->start();
    emit fitsChanged();
}

core::cpt::CptFitPair CptView::fits() const
{
    core::cpt::CptFitPair pair;
    pair.general = d->general;
    pair.domain = d->domain;
    return pair;
}

QString CptView::fitLabel() const
{
    return d->fitLabel;
}

void CptView::usePaperPreset()
{
    const auto [g, dm] = core::cpt::paperPreset106M();
    setFits(g, dm, tr("Paper preset: 106M, FineWeb → Knowledge-Pile (Wang et al. 2025, Figs. 3, 19)"));
}

bool CptView::loadFitFile(const QString& path, QString* error)
{
    const auto r = readCptFitFile(path.toStdString());
    if (!r || !r->general || !r->domain) {
        if (error)
            *error = r ? tr("%1: the file needs both a general and a domain fit").arg(path)
                       : QString::fromStdString(r.errorText());
        return false;
    }
    const QString name = QFileInfo(path).fileName();
    setFits(*r->general, *r->domain, tr("Fit: %1").arg(name));
    // The PT schedule the fit goes with (a file from `cpt fit` on runs of one base, or from Save fit…).
    if (!r->ptSchedule.empty()) {
        core::ScheduleInput pt;
        pt.lr = r->ptSchedule;
        pt.warmupSteps = r->ptWarmupSteps;
        if (!setPtSchedule(pt, name, error))
            return false;
    }
    return true;
}

void CptView::setScenario(const CptScenario& s)
{
    if (!s.validate().empty())
        return;
    applyState({s, s.ptLr.empty() ? QString() : d->ptSource});
    d->committed = state();
}

CptView::State CptView::state() const
{
    return {d->scenario, d->ptSource};
}

void CptView::restoreState(const State& state)
{
    if (!state.scenario.validate().empty())
        return;
    applyState(state);
    d->committed = this->state();
    emit scenarioChanged();
}

namespace {
bool samePhase(const Phase& a, const Phase& b)
{
    return a.steps == b.steps && a.warmupSteps == b.warmupSteps && a.warmupStart == b.warmupStart &&
           a.peakLr == b.peakLr && a.shape == b.shape && a.finalFraction == b.finalFraction &&
           a.decayFraction == b.decayFraction;
}
bool sameState(const CptView::State& a, const CptView::State& b)
{
    return samePhase(a.scenario.pt, b.scenario.pt) && samePhase(a.scenario.cpt, b.scenario.cpt) &&
           a.scenario.replay == b.scenario.replay &&
           a.scenario.modelSizeMillions == b.scenario.modelSizeMillions &&
           a.scenario.ptLr == b.scenario.ptLr && a.ptSource == b.ptSource;
}
} // namespace

void CptView::commitEdit(const QString& text, int mergeKey)
{
    const State now = state();
    if (sameState(now, d->committed))
        return;
    const State before = std::exchange(d->committed, now);
    emit edited(text, before, now, mergeKey);
}

void CptView::applyState(const State& state)
{
    d->scenario = state.scenario;
    d->ptSource = state.ptSource;
    syncControls();
    updateNow();
    d->plot->xAxis->setRange(stepRange(d->scenario.totalSteps()));
    d->plot->yAxis->setRange(lossRange(d->prediction, d->scenario.pt.warmupSteps));
    fitLrAxis(true);
    d->plot->replot();
    d->heatTimer->start();
}

bool CptView::setPtSchedule(const core::ScheduleInput& pt, const QString& source, QString* error)
{
    CptScenario s = d->scenario;
    if (const auto why = s.setPtLr(pt.lr, pt.warmupSteps); !why.empty()) {
        if (error)
            *error = tr("%1: %2").arg(source, QString::fromStdString(why));
        return false;
    }
    applyState({s, source});
    commitEdit(tr("PT schedule from %1").arg(source), -1);
    return true;
}

bool CptView::setPtSchedule(const core::Schedule& pt, const QString& source, QString* error)
{
    return setPtSchedule(pt.toInput(), source, error);
}

void CptView::clearPtSchedule()
{
    CptScenario s = d->scenario;
    if (s.ptLr.empty())
        return;
    s.ptLr.clear();
    s.pt = CptScenario{}.pt;
    applyState({s, QString()});
    commitEdit(tr("Preset PT schedule"), -1);
}

CptScenario CptView::scenario() const
{
    return d->scenario;
}
double CptView::lambda1() const
{
    return d->lambda->value() / 100.0;
}
void CptView::setLambda1(double l)
{
    d->lambda->setValue(static_cast<int>(std::lround(std::clamp(l, 0.0, 1.0) * 100)));
}
const ScenarioPrediction& CptView::prediction() const
{
    return d->prediction;
}
const GeneralTurn& CptView::generalTurn() const
{
    return d->turn;
}
const std::vector<std::vector<double>>& CptView::heatMap() const
{
    return d->heat;
}
QSlider* CptView::replaySlider() const
{
    return d->replay;
}
QPushButton* CptView::optimiseButton() const
{
    return d->optimiseButton;
}
QTableWidget* CptView::resultTable() const
{
    return d->result;
}
QCustomPlot* CptView::lossPlot() const
{
    return d->plot;
}
bool CptView::isOptimising() const
{
    return d->runner->isRunning();
}

CptSearchBounds CptView::searchBounds() const
{
    CptSearchBounds b;
    b.peakLrMin = std::pow(10.0, kLrMinExp);
    b.peakLrMax = std::pow(10.0, kLrMaxExp);
    b.replayMin = std::min(d->general.replayMin, d->domain.replayMin);
    b.replayMax = std::max(d->general.replayMax, d->domain.replayMax);
    // CPT length and the base are what the user set; the optimiser picks LR, shape and replay.
    b.stepsMin = b.stepsMax = d->scenario.cpt.steps;
    b.potentialMin = b.potentialMax = d->scenario.lossPotential();
    return b;
}

void CptView::syncControls()
{
    d->updating = true;
    const auto& s = d->scenario;
    d->ptSteps->setValue(static_cast<int>(s.pt.steps));
    const bool imported = !s.ptLr.empty();
    d->ptSteps->setEnabled(!imported);
    d->potential->setEnabled(!imported);
    d->ptPresetButton->setEnabled(imported);
    d->ptSourceLabel->setText(imported ? tr("%1 (%n step(s), peak %2)", nullptr, int(s.pt.steps))
                                             .arg(d->ptSource.isEmpty() ? tr("imported") : d->ptSource)
                                             .arg(lrText(s.pt.peakLr))
                                       : tr("preset: warmup, constant, linear decay"));
    d->potential->setValue(static_cast<int>(std::lround(s.lossPotential() * 100)));
    d->cptSteps->setValue(static_cast<int>(s.cpt.steps));
    d->cptPeak->setValue(lrToSlider(s.cpt.peakLr));
    d->cptShape->setCurrentIndex(d->cptShape->findData(static_cast<int>(s.cpt.shape)));
    d->replay->setValue(static_cast<int>(std::lround(s.replay * 100)));
    d->updating = false;
}

void CptView::readControls()
{
    auto& s = d->scenario;
    if (s.ptLr.empty()) { // an imported PT schedule is fixed; its controls are disabled
        s.pt.steps = d->ptSteps->value();
        s.pt.warmupSteps = std::min(s.pt.warmupSteps, s.pt.steps);
        const double pot = d->potential->value() / 100.0;
        if (pot < 1.0 && s.pt.shape == DecayShape::Constant)
            s.pt.shape = DecayShape::Wsd;
        s.pt.finalFraction = pot;
    }
    s.cpt.steps = d->cptSteps->value();
    s.cpt.warmupSteps = std::min<std::int64_t>(s.cpt.warmupSteps, s.cpt.steps);
    s.cpt.peakLr = sliderToLr(d->cptPeak->value());
    s.cpt.shape = static_cast<DecayShape>(d->cptShape->currentData().toInt());
    s.replay = d->replay->value() / 100.0;
    updateNow();
    d->heatTimer->start();
    emit scenarioChanged();
}

double CptView::updateNow()
{
    if (d->general.params.empty() || d->domain.params.empty())
        return 0.0;
    QElapsedTimer t;
    t.start();
    const auto& s = d->scenario;
    d->potentialLabel->setText(
        tr("%1 (loss potential %2 %)")
            .arg(lrText(s.ptLr.empty() ? s.pt.finalFraction * s.pt.peakLr : s.ptLr.back()))
            .arg(qRound(s.lossPotential() * 100)));
    d->cptPeakLabel->setText(lrText(s.cpt.peakLr));
    d->replayLabel->setText(tr("%1 % PT data in CPT batches").arg(qRound(s.replay * 100)));
    try {
        d->prediction = predictScenario(d->general, d->domain, s, s.sampleSteps(400));
        d->turn = core::cpt::generalTurn(d->general, s);
    } catch (const std::exception& e) {
        d->turnLabel->setText(QString::fromStdString(e.what()));
        return 0.0;
    }
    const auto& p = d->prediction;
    QVector<double> x(static_cast<int>(p.steps.size()));
    for (std::size_t k = 0; k < p.steps.size(); ++k)
        x[static_cast<int>(k)] = static_cast<double>(p.steps[k]);
    auto vec = [](const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); };
    d->gFull->setData(x, vec(p.general), true);
    d->dFull->setData(x, vec(p.domain), true);
    // Hidden PT curves from the switch on (before it they equal the curves).
    QVector<double> xh, gh, dh;
    for (std::size_t k = 0; k < p.steps.size(); ++k)
        if (p.steps[k] >= s.switchStep()) {
            xh.push_back(x[static_cast<int>(k)]);
            gh.push_back(p.generalHidden[k]);
            dh.push_back(p.domainHidden[k]);
        }
    d->gHidden->setData(xh, gh, true);
    d->dHidden->setData(xh, dh, true);
    QVector<double> mx{static_cast<double>(d->turn.peakStep)}, my{d->turn.peakLoss};
    if (d->turn.criticalStep) {
        mx.push_back(static_cast<double>(*d->turn.criticalStep));
        my.push_back(d->turn.lossAtSwitch);
    }
    d->markers->setData(mx, my, true);
    const double sw = static_cast<double>(s.switchStep());
    d->switchLine->point1->setCoords(sw, 0.0);
    d->switchLine->point2->setCoords(sw, 1.0);
    d->criticalText->position->setCoords(static_cast<double>(d->turn.peakStep), d->turn.peakLoss);
    d->criticalText->setText(tr(" turning point, +%n step(s) ", nullptr, int(d->turn.turningLength)));
    // Label on the side of the marker with room for it: left of the marker in the right half of the plot.
    d->criticalText->setPositionAlignment(
        (d->turn.peakStep > 0.5 * static_cast<double>(s.totalSteps()) ? Qt::AlignRight : Qt::AlignLeft) |
        Qt::AlignBottom);
    d->turnLabel->setText(d->turn.criticalStep
                              ? tr("General loss: +%1 at its peak, %n CPT step(s) after the "
                                   "switch; back at its switch value after %2 "
                                   "steps (critical point).",
                                   nullptr, int(d->turn.turningLength))
                                    .arg(d->turn.peakLoss - d->turn.lossAtSwitch, 0, 'f', 3)
                                    .arg(*d->turn.criticalStep - s.switchStep())
                              : tr("General loss: +%1 at its peak, %n CPT step(s) after the "
                                   "switch; it does not come back to its switch "
                                   "value within the CPT.",
                                   nullptr, int(d->turn.turningLength))
                                    .arg(d->turn.peakLoss - d->turn.lossAtSwitch, 0, 'f', 3));
    d->heatMarker->setData({std::log10(s.cpt.peakLr)}, {s.replay});
    {
        // The LR at the sampled steps plus every corner of the two phases, so the corners are drawn sharp.
        std::vector<std::int64_t> at(p.steps.begin(), p.steps.end());
        at.push_back(0);
        at.push_back(s.pt.warmupSteps);
        at.push_back(s.pt.steps - static_cast<std::int64_t>(std::llround(
                                      s.pt.decayFraction * double(s.pt.steps - s.pt.warmupSteps))));
        for (const QPointF& c : cptControlPoints())
            at.push_back(static_cast<std::int64_t>(std::llround(c.x())));
        std::sort(at.begin(), at.end());
        at.erase(std::unique(at.begin(), at.end()), at.end());
        QVector<double> lx, ly;
        for (auto st : at)
            if (st >= 0 && st <= s.totalSteps()) {
                lx.push_back(static_cast<double>(st));
                // Only these ~400 steps are evaluated (rendering every step cost a third of a drag move).
                ly.push_back(st == 0           ? s.pt.warmupStart
                             : st > s.pt.steps ? s.cpt.lrAt(st - s.pt.steps)
                             : s.ptLr.empty()  ? s.pt.lrAt(st)
                                               : s.ptLr[static_cast<std::size_t>(st - 1)]);
            }
        d->lrGraph->setData(lx, ly, true);
        QVector<double> hx, hy;
        for (const QPointF& c : cptControlPoints()) {
            hx.push_back(c.x());
            hy.push_back(c.y());
        }
        d->lrHandles->setData(hx, hy, true);
        fitLrAxis(false);
    }
    refreshResultTable();
    const QCPRange want = lossRange(p, s.pt.warmupSteps);
    const QCPRange have = d->plot->yAxis->range();
    if (want.lower < have.lower || want.upper > have.upper)
        d->plot->yAxis->setRange(
            QCPRange(std::min(want.lower, have.lower), std::max(want.upper, have.upper)));
    d->plot->xAxis->setRange(stepRange(s.totalSteps()));
    d->plot->replot(QCustomPlot::rpImmediateRefresh);
    return t.nsecsElapsed() / 1e6;
}

std::vector<QPointF> CptView::cptControlPoints() const
{
    const auto& s = d->scenario;
    const double sw = static_cast<double>(s.switchStep());
    const Phase& c = s.cpt;
    std::vector<QPointF> pts{{sw + static_cast<double>(c.warmupSteps), c.peakLr}};
    if (c.shape == DecayShape::Wsd) {
        const auto len = std::max<std::int64_t>(c.steps - c.warmupSteps, 1);
        const auto decay =
            std::max<std::int64_t>(1, std::llround(c.decayFraction * static_cast<double>(len)));
        pts.emplace_back(sw + static_cast<double>(c.steps - decay), c.peakLr);
    }
    if (c.shape != DecayShape::Constant)
        pts.emplace_back(static_cast<double>(s.totalSteps()), c.finalFraction * c.peakLr);
    return pts;
}

void CptView::moveControlPoint(int index, double step, double lr)
{
    auto& c = d->scenario.cpt;
    const auto pts = cptControlPoints();
    if (index < 0 || index >= static_cast<int>(pts.size()) || !std::isfinite(step) || !std::isfinite(lr))
        return;
    const double sw = static_cast<double>(d->scenario.switchStep());
    const double peakMin = sliderToLr(0), peakMax = sliderToLr(1000);
    const bool isEnd = c.shape != DecayShape::Constant && index == static_cast<int>(pts.size()) - 1;
    if (isEnd) {
        // The end point: its height is the final LR (a fraction of the peak); the CPT length stays.
        c.finalFraction = std::clamp(lr / c.peakLr, 0.0, 1.0);
    } else if (index == 0) {
        // The re-warmup's end: how long the re-warmup is and the CPT peak LR.
        const std::int64_t maxWarmup =
            c.shape == DecayShape::Wsd
                ? std::max<std::int64_t>(0, static_cast<std::int64_t>(pts[1].x() - sw) - 1)
                : c.steps - 1;
        c.warmupSteps = std::clamp<std::int64_t>(std::llround(step - sw), 0, maxWarmup);
        c.peakLr = std::clamp(lr, peakMin, peakMax);
    } else {
        // WSD: where the decay starts (the share of the phase after the warmup spent decaying) and the peak.
        const double len = static_cast<double>(std::max<std::int64_t>(c.steps - c.warmupSteps, 1));
        c.decayFraction =
            std::clamp((static_cast<double>(d->scenario.totalSteps()) - step) / len, 1.0 / len, 1.0);
        c.peakLr = std::clamp(lr, peakMin, peakMax);
    }
    syncControls();
    updateNow();
    d->heatTimer->start();
    emit scenarioChanged();
    if (d->dragIndex < 0) // not a mouse drag (which is one edit, reported on release)
        commitEdit(tr("Move CPT schedule point"), -1);
}

void CptView::fitLrAxis(bool shrink)
{
    double top = 0.0;
    for (const auto& v : *d->lrGraph->data())
        top = std::max(top, v.value);
    QCPAxis* y = d->lrRect->axis(QCPAxis::atLeft);
    if (!(top > 0.0))
        top = 1e-3;
    if (shrink || top * 1.02 > y->range().upper)
        y->setRange(0.0, top * 1.2);
}

void CptView::updateHeatMapNow()
{
    if (d->general.params.empty() || d->domain.params.empty())
        return;
    std::vector<double> replays, peaks;
    for (int i = 0; i < kHeatN; ++i) {
        replays.push_back(i / double(kHeatN - 1));
        peaks.push_back(std::pow(10.0, kLrMinExp + (kLrMaxExp - kLrMinExp) * i / double(kHeatN - 1)));
    }
    try {
        d->heatDirty = false;
        d->heat = tradeoffGrid(d->general, d->domain, d->scenario, lambda1(), replays, peaks);
    } catch (const std::exception&) {
        return;
    }
    for (int i = 0; i < kHeatN; ++i)
        for (int j = 0; j < kHeatN; ++j)
            d->colorMap->data()->setCell(j, i,
                                         d->heat[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
    d->colorMap->rescaleDataRange(true);
    d->heatPlot->replot();
}

void CptView::optimise()
{
    const CptFit g = d->general, dm = d->domain;
    const CptScenario base = d->scenario;
    const CptSearchBounds b = searchBounds();
    CptOptimizeOptions o;
    o.lambda1 = lambda1();
    o.timeLimitSeconds = 10.0;
    d->optimiseButton->setText(tr("Cancel"));
    d->optimiseGeneration = d->runner->start(tr("CPT optimisation"), [=](const core::fit::Control& c) {
        auto r = std::make_shared<CptOptimizeResult>(optimizeCpt(g, dm, base, b, o, c));
        return QVariant::fromValue(r);
    });
}

bool CptView::saveFitFile(const QString& path, QString* error)
{
    // The view's PT schedule goes with the fits, so that `cpt predict --fit` predicts over the same PT.
    CptFitPair pair{d->general, d->domain};
    pair.ptSchedule = d->scenario.ptSchedule();
    pair.ptWarmupSteps = d->scenario.pt.warmupSteps;
    std::vector<std::string> inputs;
    if (d->inputFiles)
        for (const QString& f : d->inputFiles())
            inputs.push_back(f.toStdString());
    const auto w = core::writeTextFile(path.toStdString(), core::writeJson(toJson(pair)) + "\n", inputs);
    if (!w) {
        if (error)
            *error = QString::fromStdString(w.errorText());
        return false;
    }
    return true;
}

void CptView::setInputFiles(std::function<QStringList()> inputs)
{
    d->inputFiles = std::move(inputs);
}

void CptView::applyOptimum()
{
    if (!d->optimum || !d->optimum->best.validate().empty())
        return;
    applyState({d->optimum->best, d->optimum->best.ptLr.empty() ? QString() : d->ptSource});
    commitEdit(tr("Apply optimised CPT scenario"), -1);
}

void CptView::refreshResultTable()
{
    if (d->general.params.empty() || d->domain.params.empty())
        return; // no fits yet (during construction)
    const auto& s = d->scenario;
    const double l1 = lambda1();
    // Current values from the prediction already on screen (the switch and the last step are sampled points).
    const auto& p = d->prediction;
    const auto sw = std::find(p.steps.begin(), p.steps.end(), s.switchStep()) - p.steps.begin();
    if (p.steps.empty() || static_cast<std::size_t>(sw) >= p.steps.size())
        return;
    const double gRef = p.general[static_cast<std::size_t>(sw)],
                 dRef = p.domain[static_cast<std::size_t>(sw)];
    const double gEnd = p.general.back(), dEnd = p.domain.back();
    const double obj = l1 * (gEnd - gRef) + (1.0 - l1) * (dEnd - dRef);
    const bool haveOpt = d->optimum.has_value();
    const CptScenario* o = haveOpt ? &d->optimum->best : nullptr;
    struct Row
    {
        QString name, cur, opt;
    };
    const std::vector<Row> rows = {
        {tr("CPT peak LR"), lrText(s.cpt.peakLr), o ? lrText(o->cpt.peakLr) : QString()},
        {tr("CPT schedule"), QString::fromStdString(toString(s.cpt.shape)),
         o ? QString::fromStdString(toString(o->cpt.shape)) : QString()},
        {tr("Replay ratio"), QString::number(s.replay, 'f', 2),
         o ? QString::number(o->replay, 'f', 2) : QString()},
        {tr("CPT steps"), QString::number(s.cpt.steps), o ? QString::number(o->cpt.steps) : QString()},
        {tr("Loss potential"), QString::number(s.lossPotential(), 'f', 2),
         o ? QString::number(o->lossPotential(), 'f', 2) : QString()},
        {tr("ΔL general"), QString::number(gEnd - gRef, 'f', 4),
         haveOpt ? QString::number(d->optimum->generalEnd - d->optimum->generalRef, 'f', 4) : QString()},
        {tr("ΔL domain"), QString::number(dEnd - dRef, 'f', 4),
         haveOpt ? QString::number(d->optimum->domainEnd - d->optimum->domainRef, 'f', 4) : QString()},
        {tr("Weighted (λ1 = %1)").arg(l1, 0, 'f', 2), QString::number(obj, 'f', 4),
         haveOpt ? QString::number(d->optimum->objective, 'f', 4) : QString()},
    };
    d->result->setRowCount(static_cast<int>(rows.size()));
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        const auto& r = rows[static_cast<std::size_t>(i)];
        for (int c = 0; c < 3; ++c) {
            const QString text = c == 0 ? r.name : c == 1 ? r.cur : r.opt;
            if (auto* item = d->result->item(i, c))
                item->setText(text);
            else
                d->result->setItem(i, c, new QTableWidgetItem(text));
        }
    }
    // The table is as wide as its columns (the "Optimised" column was clipped): the panel grows instead.
    d->result->resizeColumnsToContents();
    int width = 2 * d->result->frameWidth();
    for (int c = 0; c < d->result->columnCount(); ++c)
        width += d->result->columnWidth(c);
    d->result->setMinimumWidth(width);
    // Every row shown (the column scrolls instead of the table).
    int height = 2 * d->result->frameWidth() + d->result->horizontalHeader()->height();
    for (int r = 0; r < d->result->rowCount(); ++r)
        height += d->result->rowHeight(r);
    d->result->setMinimumHeight(height);
    d->result->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    if (d->controlsScroll && d->controlsScroll->widget()) {
        d->controlsScroll->widget()->adjustSize();
        // Never narrower than the column's own minimum either (its buttons were cut off at the right).
        const QWidget* c = d->controlsScroll->widget();
        d->controlsScroll->setMinimumWidth(
            std::max({c->sizeHint().width(), c->minimumSizeHint().width(), c->minimumWidth()}) +
            d->controlsScroll->verticalScrollBar()->sizeHint().width());
    }
}

bool CptView::saveScreenshot(const QString& path)
{
    return grab().save(path);
}

void CptView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (d->heatDirty)
        d->heatTimer->start();
}

} // namespace losscast::widgets
