#include "app/gui/mainwindow.h"
#include "app/gui/guitext.h"

#include "app/gui/commands.h"

#include "app/gui/fixedlaw.h"
#include "app/gui/mappingdialog.h"

#include "core/export/fitfile.h"
#include "core/fit/uncertainty.h"
#include "core/import/curvebuild.h"
#include "core/import/importer.h"
#include "core/io/curvecsv.h"
#include "core/util/json.h"
#include "core/version.h"
#include "widgets/cptview.h"
#include "widgets/mixtureview.h"
#include "widgets/parametertable.h"
#include "widgets/plotpanel.h"
#include "widgets/scenarioeditor.h"
#include "widgets/seriesmath.h"
#include "widgets/taskrunner.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace losscast::app {

namespace {

const QColor kRunColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                             QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                             QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                             QColor(0x17, 0xbe, 0xcf)};

enum RunColumn
{
    RunName,
    RunTrain,
    RunPoints,
    RunColumnCount
};
/// Below this mean R² on the fitted runs the window says the law does not describe them.
constexpr double kPoorR2 = 0.5;
constexpr int kRunIndexRole = Qt::UserRole + 1;
constexpr int kMetricRole = Qt::UserRole + 2;      ///< on a metric row of the Runs tree: the series name
constexpr int kNeedsLrRole = Qt::UserRole + 3;     ///< on rows of a file that needs its LR: the file's path
constexpr int kRunOfMetricRole = Qt::UserRole + 4; ///< on a metric row: the index of its run

/// The series of a plain step,lr,loss file: the loss at the logged steps and the LR of every step.
QVector<RunMetric> metricsOf(const core::Curve& c)
{
    QVector<RunMetric> out;
    if (!c.steps.empty()) {
        RunMetric m{QStringLiteral("loss"),  QObject::tr("loss"),    c.steps.size(),
                    double(c.steps.front()), double(c.steps.back()), c.loss.back()};
        m.steps.assign(c.steps.begin(), c.steps.end());
        m.values = c.loss;
        out.push_back(std::move(m));
    }
    if (!c.schedule.lr.empty()) {
        RunMetric m{QStringLiteral("lr"),
                    QObject::tr("LR"),
                    c.schedule.lr.size(),
                    0.0,
                    double(c.schedule.lr.size() - 1),
                    c.schedule.lr.back()};
        m.lossLike = false;
        out.push_back(std::move(m));
    }
    return out;
}

/// Every series of an imported run, with the part LossCast gives it.
QVector<RunMetric> metricsOf(const core::import::Run& run)
{
    QVector<RunMetric> out;
    for (const auto& s : run.series) {
        RunMetric m;
        m.name = QString::fromStdString(s.name);
        m.role = s.name == run.roles.loss      ? QObject::tr("loss")
                 : s.name == run.roles.valLoss ? QObject::tr("val loss")
                 : s.name == run.roles.lr      ? QObject::tr("LR")
                 : s.name == run.roles.tokens  ? QObject::tr("tokens")
                                               : QString();
        m.points = s.size();
        // Not the LR or tokens, nor W&B's own bookkeeping (_runtime, _timestamp).
        m.lossLike = s.name != run.roles.lr && s.name != run.roles.tokens && s.name.rfind('_', 0) != 0;
        if (m.lossLike) {
            m.steps = s.steps;
            m.values = s.values;
        }
        if (!s.empty()) {
            m.firstStep = s.steps.front();
            m.lastStep = s.steps.back();
            m.lastValue = s.values.back();
        }
        out.push_back(m);
    }
    return out;
}

QIcon colorChip(const QColor& c)
{
    QPixmap pm(12, 12);
    pm.fill(c);
    return QIcon(pm);
}

/// A token count as people say it: 850, 12.3K, 4.19M, 1.5B, 2.1T.
QString tokenCount(double v)
{
    const double a = std::abs(v);
    const auto [scale, suffix] = a >= 1e12  ? std::pair{1e12, "T"}
                                 : a >= 1e9 ? std::pair{1e9, "B"}
                                 : a >= 1e6 ? std::pair{1e6, "M"}
                                 : a >= 1e3 ? std::pair{1e3, "K"}
                                            : std::pair{1.0, ""};
    return QString::number(v / scale, 'g', scale == 1.0 ? 6 : 3) + QLatin1String(suffix);
}

/// A run's colour with the line style its series is drawn in.
QIcon lineChip(const QColor& c, Qt::PenStyle style)
{
    QPixmap pm(16, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setPen(QPen(c, 2.5, style, Qt::FlatCap));
    p.drawLine(0, 6, 16, 6);
    return QIcon(pm);
}

/// A wide view in a scroll area: beside the Runs and Scenarios docks the CPT view needed 1,558 px of a
/// 1,280 px screen and grew the window past it; in a dock it now scrolls where the window is too small.
QScrollArea* scrolledView(QWidget* view)
{
    auto* area = new QScrollArea;
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(view);
    return area;
}

/// The MPL protocol's training runs (laws.md §2): the rest of a size's set is held out.
bool isProtocolTrainRun(const QString& stem)
{
    return stem.endsWith(QLatin1String("_constant_24000")) || stem.endsWith(QLatin1String("_cosine_24000")) ||
           stem.endsWith(QLatin1String("_wsdcon_9"));
}

bool writeText(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QObject::tr("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    qRegisterMetaType<FitJobOutput>();
    setWindowTitle(tr("LossCast"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    // The Runs and Scenarios docks keep the full height of the window: the CPT and Mixtures docks, shown at
    // the bottom, go under the plots and the Model dock only, so opening them leaves the run list usable.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);

    m_undo = new QUndoStack(this);
    m_runner = new widgets::TaskRunner(this);
    m_plot = new widgets::PlotPanel(this);
    setCentralWidget(m_plot);

    m_statusLabel =
        new QLabel(tr("Open a training log (W&B or TensorBoard export, HF Trainer state, text log, "
                      "step,lr,loss CSV) with File → Open, or drop it on the window."));
    m_statusProgress = new QProgressBar;
    m_statusProgress->setRange(0, 1000);
    m_statusProgress->setMaximumWidth(180);
    m_statusProgress->setTextVisible(false);
    m_statusProgress->setVisible(false);
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_statusProgress);

    buildRunsDock();
    buildModelDock();
    buildScenariosDock();
    buildActions();
    connect(m_params, &widgets::ParameterTable::valueEdited, this, &MainWindow::setParameterValue);
    connect(m_params, &widgets::ParameterTable::fixedToggled, this, [this](int row, bool fixed) {
        if (!m_fit || row < 0 || row >= int(m_fit->fit.params.size()))
            return;
        m_fixed.resize(m_fit->fit.params.size(), false);
        m_fixed[std::size_t(row)] = fixed;
        const QString name = fromStd(m_fit->fit.names.at(std::size_t(row)));
        m_statusLabel->setText(fixed ? tr("%1 stays at its value in the next fit.").arg(name)
                                     : tr("%1 is fitted again.").arg(name));
    });
    // Continual pre-training view (widgets/cptview): a dock, hidden until View → Continual Pre-training.
    auto* cptDock = m_cptDock = new QDockWidget(tr("Continual Pre-training"), this);
    cptDock->setObjectName("cptDock");
    auto* cptView = m_cptView = new widgets::CptView(cptDock);
    cptDock->setWidget(scrolledView(cptView));
    addDockWidget(Qt::BottomDockWidgetArea, cptDock);
    cptDock->hide();
    m_viewMenu->addAction(cptDock->toggleViewAction());
    // CPT view edits go on the window's undo stack (already applied; undo/redo restore the view's state).
    connect(cptView, &widgets::CptView::edited, this,
            [this, cptView](const QString& text, const widgets::CptView::State& before,
                            const widgets::CptView::State& after, int mergeKey) {
                m_undo->push(new CptCommand(
                    text, before, after,
                    [cptView](const widgets::CptView::State& s) { cptView->restoreState(s); }, mergeKey));
            });
    // The selected run's LR history becomes the CPT view's PT schedule.
    m_viewMenu
        ->addAction(
            tr("CPT: PT Schedule from Selected Run"), this,
            [this, cptView, cptDock] {
                const QTreeWidgetItem* item = m_runsTree->currentItem();
                const QVariant v = item ? item->data(0, kRunIndexRole) : QVariant();
                QString error = tr("Select a run in the Runs dock first.");
                if (v.isValid() && v.toInt() >= 0 && v.toInt() < int(m_runs.size())) {
                    const Run& r = m_runs[std::size_t(v.toInt())];
                    if (cptView->setPtSchedule(r.curve.schedule, QFileInfo(r.file).fileName(), &error))
                        return cptDock->show(), cptDock->raise();
                }
                m_statusLabel->setText(error);
            })
        ->setObjectName("cptPtFromRun");
    // Data mixtures (widgets/mixtureview): a dock, shown by File → Open Mixture Experiments or View →
    // Mixtures.
    m_mixtureDock = new QDockWidget(tr("Mixtures"), this);
    m_mixtureDock->setObjectName("mixtureDock");
    m_mixtureView = new widgets::MixtureView(m_mixtureDock);
    m_mixtureDock->setWidget(scrolledView(m_mixtureView));
    addDockWidget(Qt::BottomDockWidgetArea, m_mixtureDock);
    m_mixtureDock->hide();
    m_viewMenu->addAction(m_mixtureDock->toggleViewAction());
    // The two wide views share the bottom area as tabs: side by side they needed 2,485 px and grew the
    // window past the screen. Opening one brings its tab to the front.
    tabifyDockWidget(cptDock, m_mixtureDock);
    for (QDockWidget* d : {cptDock, m_mixtureDock})
        connect(d->toggleViewAction(), &QAction::triggered, d, [d](bool on) {
            if (on)
                d->raise();
        });
    connect(m_mixtureView, &widgets::MixtureView::optimiseRequested, this,
            [this](const std::vector<double>& caps) {
                if (!m_mixtureFit)
                    return;
                // The law is convex and closed-form: the exact optimum takes well under a millisecond
                // (bench_mix).
                const auto opt = core::mixing::optimizeMixture(*m_mixtureFit, caps);
                if (opt.converged)
                    m_mixtureView->setMixture(opt.mixture);
                else
                    statusBar()->showMessage(QString::fromStdString(opt.message), 6000);
            });
    connect(m_mixtureView, &widgets::MixtureView::openAutoScaleRequested, this,
            &MainWindow::openAutoScaleDialog);

    connect(m_runner, &widgets::TaskRunner::progress, this, [this](quint64, double f, const QString& what) {
        for (QProgressBar* bar : {m_fitProgress, m_statusProgress})
            if (f > 0) { // a fraction to show: from the moving "busy" bar to a filling one
                bar->setRange(0, 1000);
                bar->setValue(int(f * 1000));
            }
        if (!what.isEmpty())
            m_statusLabel->setText(what);
    });
    connect(m_runner, &widgets::TaskRunner::finished, this, &MainWindow::onFitFinished);
    connect(m_runner, &widgets::TaskRunner::cancelled, this, [this](quint64) {
        m_fitPending.reset();
        setBusy(false, tr("Fit cancelled."));
        emit fitFinished(false);
    });
    connect(m_plot, &widgets::PlotPanel::hoverText, this, [this](const QString& t) {
        if (!m_runner->isRunning())
            statusBar()->showMessage(t, 4000);
    });

    resize(1400, 880);
    restoreSettings();
    setupSessions();
}

MainWindow::~MainWindow() = default;

// ---------------------------------------------------------------------------------------------------------------
// Building the window

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(
        tr("Open training logs: W&B and TensorBoard exports, HF Trainer state, text logs, CSV"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addAction(tr("Open &Parameters (JSON)…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open parameters"), m_lastDir,
                                                          tr("Parameters (*.json);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !openParametersFile(path, &error))
            QMessageBox::warning(this, tr("Open parameters"), error);
    });
    file->addSeparator();
    QAction* exportPlot = file->addAction(tr("Export &Plot…"), this, &MainWindow::exportPlotDialog);
    exportPlot->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addAction(tr("Export Parameters (&JSON)…"), this, &MainWindow::exportParametersDialog);
    file->addAction(tr("Export Parameters (C&SV)…"), this, &MainWindow::exportParametersCsvDialog);
    file->addAction(tr("Export Predicted &Curves (CSV)…"), this, &MainWindow::exportPredictionsDialog);
    QAction* copy = file->addAction(tr("&Copy Plot"), this, [this] {
        m_plot->copyToClipboard();
        statusBar()->showMessage(tr("Plot copied to the clipboard."), 3000);
    });
    copy->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    file->addAction(tr("Open &Mixture Experiments…"), this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open mixture experiments: one table, or a mixture file and a loss file"), {},
            tr("CSV files (*.csv);;All files (*)"));
        QString error;
        if (!paths.isEmpty() && !openMixtureExperiments(paths, &error))
            QMessageBox::warning(this, tr("Mixture experiments"), error);
    });
    file->addAction(tr("Open &AutoScale Optima…"), this, &MainWindow::openAutoScaleDialog)
        ->setObjectName("actionOpenAutoScale");
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    // The status bar says what was undone (it described the undone drag before); these run after the stack.
    connect(undo, &QAction::triggered, this,
            [this] { m_statusLabel->setText(tr("Undone: %1").arg(m_undo->text(m_undo->index()))); });
    connect(redo, &QAction::triggered, this,
            [this] { m_statusLabel->setText(tr("Redone: %1").arg(m_undo->text(m_undo->index() - 1))); });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* reset = m_viewMenu->addAction(tr("&Reset View"), m_plot, &widgets::PlotPanel::resetView);
    reset->setShortcut(QKeySequence(tr("Ctrl+0")));
    m_logX = m_viewMenu->addAction(tr("Log &X Axis"));
    m_logX->setCheckable(true);
    m_logX->setShortcut(QKeySequence(tr("Ctrl+L")));
    connect(m_logX, &QAction::toggled, m_plot, &widgets::PlotPanel::setLogX);
    m_logY = m_viewMenu->addAction(tr("Log &Y Axis (loss)"));
    m_logY->setCheckable(true);
    m_logY->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    connect(m_logY, &QAction::toggled, m_plot, &widgets::PlotPanel::setLogY);
    m_tokensX = m_viewMenu->addAction(tr("X Axis in &Tokens"));
    m_tokensX->setObjectName("actionTokensX");
    m_tokensX->setCheckable(true);
    m_tokensX->setEnabled(false);
    m_tokensX->setToolTip(tr("Plot against tokens seen (runs that log a tokens series)"));
    connect(m_tokensX, &QAction::toggled, this, [this](bool on) {
        m_plot->setXLabel(on ? tr("tokens") : tr("step"));
        // The crosshair names the x axis' unit: tokens, with the step they correspond to.
        std::function<QString(double)> format;
        if (on)
            format = [this](double x) {
                return tr("%1 tokens (step %2)").arg(tokenCount(x)).arg(std::llround(x / xScale()));
            };
        m_plot->setXFormatter(format);
        refreshPlots();
        m_plot->resetView();
    });
    m_residuals = m_viewMenu->addAction(tr("Fit &Residuals"));
    m_residuals->setObjectName("actionResiduals");
    m_residuals->setCheckable(true);
    m_residuals->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    m_residuals->setToolTip(tr("Show measured − fitted loss per visible run under the loss plot"));
    connect(m_residuals, &QAction::toggled, m_plot, &widgets::PlotPanel::setResidualsVisible);
    m_viewMenu->addAction(tr("&Smoothing…"), this, [this] {
        bool ok = false;
        const double w = QInputDialog::getDouble(
            this, tr("Smoothing"), tr("EMA weight for measured curves (0 = off, 0.99 = strong):"),
            m_plot->smoothing(), 0.0, 0.999, 3, &ok);
        if (ok)
            m_plot->setSmoothing(w);
    });
    m_viewMenu->addSeparator();
    m_dark = m_viewMenu->addAction(tr("&Dark Theme"));
    m_dark->setCheckable(true);
    connect(m_dark, &QAction::triggered, this,
            [this](bool on) { setTheme(on ? Theme::Dark : Theme::Light); });
    m_viewMenu->addSeparator();

    QMenu* fit = menuBar()->addMenu(tr("F&it"));
    QAction* fitAct = fit->addAction(tr("&Fit"), this, [this] { startFit(); });
    fitAct->setShortcut(QKeySequence(tr("Ctrl+F")));
    QAction* cancelAct = fit->addAction(tr("&Cancel Fit"), this, &MainWindow::cancelFit);
    cancelAct->setShortcut(QKeySequence(tr("Esc")));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LossCast"), this, [this] {
        QMessageBox::about(
            this, tr("About LossCast"),
            tr("<b>LossCast %1</b><p>Fit scaling laws to training runs and predict the loss of "
               "other learning-rate schedules.</p>")
                .arg(fromStd(core::version())));
    });

    QToolBar* tb = addToolBar(tr("Main"));
    tb->setObjectName("mainToolBar");
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    tb->addAction(open);
    fitAct->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    tb->addAction(fitAct);
    cancelAct->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    tb->addAction(cancelAct);
    tb->addSeparator();
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    tb->addAction(undo);
    tb->addAction(redo);
    // Icons only: "Undo Move point of \"WSD 20% linear\"" made the buttons after them jump (the full text is
    // the tooltip).
    for (QAction* a : {undo, redo})
        if (auto* button = qobject_cast<QToolButton*>(tb->widgetForAction(a)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    tb->addSeparator();
    tb->addAction(m_logX);
    tb->addAction(m_logY);
    tb->addAction(reset);
    exportPlot->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    tb->addAction(exportPlot);
    m_viewMenu->addAction(tb->toggleViewAction());
}

void MainWindow::buildRunsDock()
{
    auto* dock = new QDockWidget(tr("Runs"), this);
    dock->setObjectName("runsDock");
    auto* w = new QWidget;
    auto* lay = new QVBoxLayout(w);
    lay->setContentsMargins(6, 6, 6, 6);
    m_runsTree = new QTreeWidget;
    m_runsTree->setObjectName("runsTree");
    m_runsTree->setColumnCount(RunColumnCount);
    m_runsTree->setHeaderLabels({tr("Run"), tr("Fit on"), tr("Points")});
    m_runsTree->header()->setSectionResizeMode(RunName, QHeaderView::Stretch);
    m_runsTree->header()->setSectionResizeMode(RunTrain, QHeaderView::ResizeToContents);
    m_runsTree->header()->setSectionResizeMode(RunPoints, QHeaderView::ResizeToContents);
    m_runsTree->header()->setStretchLastSection(false);
    m_runsTree->setToolTip(tr("Tick a run to show it; tick \"Fit on\" to fit on it, untick to hold it out."));
    lay->addWidget(m_runsTree, 1);
    auto* form = new QFormLayout;
    m_warmup = new QSpinBox;
    m_warmup->setRange(-1, 100'000'000);
    m_warmup->setSpecialValueText(tr("auto (from the LR)"));
    m_warmup->setValue(-1);
    m_warmup->setObjectName(QStringLiteral("warmupSteps"));
    m_warmup->setKeyboardTracking(false); // apply on Enter or leaving the field, not per digit typed
    m_warmup->setToolTip(tr("The warmup of the fit and of every scenario: steps of linear warmup from LR 0. "
                            "auto: the steps before a file's first logged row, or up to where a logged LR "
                            "ramp reaches its peak. Changing it applies to the open runs and the scenarios; "
                            "refit to use it."));
    connect(m_warmup, &QSpinBox::valueChanged, this, [this] { applyWarmupSetting(); });
    form->addRow(tr("Warmup steps:"), m_warmup);
    lay->addLayout(form);
    dock->setWidget(w);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_runsTree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_runsTree, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QTreeWidgetItem* item = m_runsTree->itemAt(pos);
        const QVariant metric = item ? item->data(RunName, kMetricRole) : QVariant();
        if (!metric.isValid())
            return;
        const int run = item->data(RunName, kRunOfMetricRole).toInt();
        QMenu menu;
        QAction* fitOn = menu.addAction(tr("Fit on This Series"));
        fitOn->setEnabled(run >= 0 && run < int(m_runs.size()) && m_runs[std::size_t(run)].source &&
                          (item->flags() & Qt::ItemIsUserCheckable) &&
                          m_runs[std::size_t(run)].fitMetric != metric.toString());
        if (menu.exec(m_runsTree->viewport()->mapToGlobal(pos)) == fitOn) {
            QString error;
            if (!setFitMetric(run, metric.toString(), &error))
                m_statusLabel->setText(error);
        }
    });
    connect(m_runsTree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const QVariant path = item->data(RunName, kNeedsLrRole); path.isValid())
            askForLearningRate(path.toString());
    });
    connect(m_runsTree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (m_refreshingTree)
            return;
        // Tri-state by hand (Qt's auto tri-state counts every child row, and the LR and warning rows have
        // no box): a series row sets its run's box; the run's box sets all its series rows.
        auto checkable = [](QTreeWidgetItem* row) { return bool(row->flags() & Qt::ItemIsUserCheckable); };
        if (const QVariant metric = item->data(RunName, kMetricRole); metric.isValid()) {
            if (column != RunName || !checkable(item))
                return;
            setRunMetricShown(item->data(RunName, kRunOfMetricRole).toInt(), metric.toString(),
                              item->checkState(RunName) == Qt::Checked);
            QTreeWidgetItem* runItem = item->parent();
            int on = 0, off = 0;
            for (int c = 0; c < runItem->childCount(); ++c)
                if (QTreeWidgetItem* row = runItem->child(c); checkable(row))
                    (row->checkState(RunName) == Qt::Checked ? on : off) += 1;
            m_refreshingTree = true;
            runItem->setCheckState(RunName, off == 0  ? Qt::Checked
                                            : on == 0 ? Qt::Unchecked
                                                      : Qt::PartiallyChecked);
            m_refreshingTree = false;
            return;
        }
        if (column == RunName && item->data(RunName, kRunIndexRole).isValid()) {
            const int run = item->data(RunName, kRunIndexRole).toInt();
            const bool on = item->checkState(RunName) != Qt::Unchecked;
            m_refreshingTree = true;
            if (on)
                item->setCheckState(RunName, Qt::Checked); // a click on a partial box ticks everything
            for (int c = 0; c < item->childCount(); ++c)
                if (QTreeWidgetItem* row = item->child(c); checkable(row)) {
                    row->setCheckState(RunName, on ? Qt::Checked : Qt::Unchecked);
                    setRunMetricShown(run, row->data(RunName, kMetricRole).toString(), on);
                }
            m_refreshingTree = false;
            return;
        }
        const QVariant v = item->data(0, kRunIndexRole);
        if (!v.isValid())
            return;
        const int i = v.toInt();
        if (i < 0 || i >= int(m_runs.size()))
            return;
        if (column == RunName) {
            m_runs[std::size_t(i)].visible = item->checkState(RunName) == Qt::Checked;
            refreshPlots();
        } else if (column == RunTrain) {
            setRunTrain(i, item->checkState(RunTrain) == Qt::Checked);
        }
    });
}

void MainWindow::buildModelDock()
{
    auto* dock = new QDockWidget(tr("Model"), this);
    dock->setObjectName("modelDock");
    auto* w = new QWidget;
    auto* lay = new QVBoxLayout(w);
    lay->setContentsMargins(6, 6, 6, 6);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Law:")));
    m_lawCombo = new QComboBox;
    for (const auto& law : core::curveLaws())
        m_lawCombo->addItem(fromStd(law->id()).toUpper() + QStringLiteral(" — ") +
                                fromStd(law->displayName()),
                            fromStd(law->id()));
    if (m_lawCombo->count() == 0)
        m_lawCombo->addItem(tr("(no law available)"), QString());
    else
        m_lawCombo->addItem(tr("Auto — fit each law, keep the best on held-out runs"),
                            QStringLiteral("auto"));
    m_lawCombo->setToolTip(tr("The scaling law fitted to the training runs"));
    m_lawCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_lawCombo->setMinimumContentsLength(16);
    row->addWidget(m_lawCombo, 1);
    lay->addLayout(row);

    auto* buttons = new QHBoxLayout;
    m_fitButton = new QPushButton(tr("Fit"));
    m_fitButton->setToolTip(tr("Fit the law to the runs ticked \"Fit on\" (Ctrl+F)"));
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setEnabled(false);
    m_fitProgress = new QProgressBar;
    m_fitProgress->setRange(0, 1000);
    m_fitProgress->setValue(0);
    m_fitProgress->setTextVisible(false);
    m_fitProgress->setVisible(false);
    buttons->addWidget(m_fitButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_fitProgress, 1);
    lay->addLayout(buttons);
    connect(m_fitButton, &QPushButton::clicked, this, [this] { startFit(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelFit);

    m_fitSummary = new QLabel(tr("No fit yet."));
    m_fitSummary->setWordWrap(true);
    m_fitSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lay->addWidget(m_fitSummary);

    lay->addWidget(new QLabel(tr("<b>Parameters</b>")));
    m_params = new widgets::ParameterTable;
    m_params->setMinimumHeight(150);
    lay->addWidget(m_params);

    lay->addWidget(new QLabel(tr("<b>Fit quality</b> (train and held-out runs)")));
    m_quality = new QTableWidget(0, 5);
    m_quality->setHorizontalHeaderLabels({tr("Run"), tr("Set"), tr("R²"), tr("PredE"), tr("WorstE")});
    m_quality->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 5; ++c)
        m_quality->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_quality->verticalHeader()->setVisible(false);
    m_quality->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_quality->setToolTip(tr("PredE = mean |predicted − measured| / measured; WorstE = its maximum"));
    lay->addWidget(m_quality, 1);

    dock->setWidget(w);
    addDockWidget(Qt::RightDockWidgetArea, dock);
}

// ---------------------------------------------------------------------------------------------------------------
// Runs

/// Fewest points a run needs for the law `lawId` ("auto": every candidate) to be fitted on it: one more than
/// the law has parameters. With fewer, the least-squares problem is degenerate (any curve through the
/// points).
static std::size_t minFitPoints(const QString& lawId)
{
    std::size_t params = 0;
    for (const char* id : {"mtl", "mpl"})
        if (lawId == QLatin1String("auto") || lawId == QLatin1String(id))
            if (auto l = core::findCurveLaw(id))
                params = std::max(params, l->parameters().size());
    if (lawId != QLatin1String("auto"))
        if (auto l = core::findCurveLaw(lawId.toStdString()))
            params = std::max(params, l->parameters().size());
    return params > 0 ? params + 1 : 0;
}

/// Runs too short to fit on are not ticked for fitting when opened; the warning beside the run says why.
static void holdOutIfTooShort(Run& r, const QString& lawId)
{
    const std::size_t need = minFitPoints(lawId);
    if (r.curve.steps.size() >= need)
        return;
    r.train = false;
    r.warnings << QCoreApplication::translate(
                      "MainWindow", "only %1 point(s): a fit needs at least %2 (one more than the law has "
                                    "parameters), so the run is held out, not fitted on")
                      .arg(r.curve.steps.size())
                      .arg(need);
}

int MainWindow::openFiles(const QStringList& paths)
{
    int added = 0;
    QStringList errors, needLr;
    // Mixture experiments and AutoScale tables go to the Mixtures view (mixtures.cpp); the rest are runs.
    for (const QString& p : openMixtureFiles(paths, &errors)) {
        QFileInfo fi(p);
        if (fi.suffix().compare(QLatin1String("losscast"), Qt::CaseInsensitive) == 0) {
            openSessionInteractive(fi.absoluteFilePath()); // a session replaces the document
            return int(m_runs.size());
        }
        if (fi.isDir()) {
            QStringList inner;
            for (const QFileInfo& c : QDir(p).entryInfoList({"*.csv"}, QDir::Files, QDir::Name))
                inner << c.absoluteFilePath();
            added += openFiles(inner);
            continue;
        }
        const QString path = fi.absoluteFilePath();
        bool already = false;
        for (const Run& r : m_runs)
            already = already || r.file == path;
        if (already) {
            statusBar()->showMessage(tr("%1 is already open.").arg(fi.fileName()), 4000);
            continue;
        }
        const auto result = core::readCurveCsv(path.toStdString(), warmupSetting());
        if (!result.ok()) {
            // Not a plain step,lr,loss file: try every importer (W&B, TensorBoard, HF Trainer, text logs,
            // ...).
            const int n = importRuns(path, result.errorText(), errors);
            if (m_needsLr.contains(path))
                needLr << path;
            if (n > 0) {
                added += n;
                m_lastDir = fi.absolutePath();
                addRecentFile(path);
            }
            continue;
        }
        Run run;
        run.id = QStringLiteral("run%1").arg(m_nextRunId++);
        run.file = path;
        run.curve = *result;
        if (run.curve.name.empty())
            run.curve.name = fi.completeBaseName().toStdString();
        run.color = kRunColors[(m_nextRunId - 2) % std::size(kRunColors)];
        run.metrics = metricsOf(run.curve);
        for (const auto& d : result.diagnostics)
            if (d.severity == core::Diagnostic::Severity::Warning)
                run.warnings << fromStd(d.toString());
        holdOutIfTooShort(run, lawId());
        m_runs.push_back(std::move(run));
        m_lastDir = fi.absolutePath();
        addRecentFile(path);
        ++added;
    }
    if (added > 0) {
        refreshRunsTree();
        ensureDefaultScenarios();
        refreshPlots();
        emit runsChanged();
        m_statusLabel->setText(
            tr("%n run(s) open. Press Fit (Ctrl+F) to fit the law.", "", int(m_runs.size())));
    }
    if (!needLr.isEmpty()) {
        refreshRunsTree();
        refreshPlots(); // their measured loss, while they wait for an LR
        if (m_runs.empty())
            m_plot->resetView();
        m_statusLabel->setText(tr("%1 holds the loss of %2 but no learning rate: give the schedule they were "
                                  "trained with (double-click the file in the Runs dock).")
                                   .arg(QFileInfo(needLr.first()).fileName(),
                                        runsText(int(m_needsLr.value(needLr.first()).size()))));
    }
    if (!errors.isEmpty()) {
        m_statusLabel->setText(
            tr("Could not open %n file(s): %1", "", int(errors.size())).arg(errors.first()));
        // Shown beside the runs, not as a flood of message boxes.
        m_refreshingTree = true;
        auto* item =
            new QTreeWidgetItem(m_runsTree, {tr("%n file(s) failed to open", "", int(errors.size()))});
        item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        for (const QString& e : errors) {
            auto* child = new QTreeWidgetItem(item, {e});
            child->setToolTip(0, e);
        }
        item->setExpanded(true);
        m_refreshingTree = false;
    }
    return added;
}

int MainWindow::importRuns(const QString& path, const std::string& csvError, QStringList& errors)
{
    core::import::CurveSelection selection;
    selection.warmupSteps = warmupSetting();
    return addImportedRuns(path, core::import::importFile(path.toStdString()), selection, csvError, errors,
                           true);
}

int MainWindow::addImportedRuns(const QString& path, const core::import::ImportResult& imported,
                                const core::import::CurveSelection& selection, const std::string& csvError,
                                QStringList& errors, bool askForMapping)
{
    QStringList fileWarnings;
    QString fileError;
    for (const auto& d : imported.diagnostics) {
        if (d.severity == core::Diagnostic::Severity::Warning)
            fileWarnings << plainText(d);
        else if (fileError.isEmpty())
            fileError = plainText(d);
    }
    int added = 0;
    QStringList runErrors, needLr;
    QVector<widgets::PlotSeries> newLoss;
    for (const auto& run : imported.runs) {
        // A loss-like series (an RL cost or a perplexity has no "loss" in its name) without an LR: the run
        // waits for its schedule ("needs LR"), it did not fail to open.
        const std::string lossName =
            selection.loss.empty() ? core::import::lossLikeSeries(run) : selection.loss;
        if (!lossName.empty() && !selection.schedule && selection.lr.empty() && run.roles.lr.empty()) {
            needLr << fromStd(run.name); // asked for below, in plain words, instead of a CLI error
            if (const auto* l = run.find(lossName); l && l->size() > 0) {
                widgets::PlotSeries ps; // drawn while it waits for its LR
                ps.id = QStringLiteral("needslr:%1:%2").arg(path).arg(needLr.size() - 1);
                ps.name = tr("%1 (no LR yet)")
                              .arg(run.name.empty() ? QFileInfo(path).completeBaseName() : fromStd(run.name));
                ps.color = kRunColors[std::size_t(newLoss.size()) % std::size(kRunColors)];
                ps.x = l->steps;
                ps.y = l->values;
                newLoss.push_back(std::move(ps));
            }
            continue;
        }
        auto curve = core::import::buildCurve(run, path.toStdString(), selection);
        if (!curve.ok()) {
            runErrors << plainErrors(curve);
            continue;
        }
        Run r;
        r.id = QStringLiteral("run%1").arg(m_nextRunId++);
        r.file = path;
        r.curve = *curve;
        if (r.curve.name.empty())
            r.curve.name = run.name.empty() ? QFileInfo(path).completeBaseName().toStdString() : run.name;
        r.color = kRunColors[(m_nextRunId - 2) % std::size(kRunColors)];
        r.warnings = fileWarnings;
        r.metrics = metricsOf(run);
        holdOutIfTooShort(r, lawId());
        r.fitMetric = fromStd(selection.loss.empty() ? run.roles.loss : selection.loss);
        r.source = std::make_shared<const core::import::Run>(run);
        if (!selection.schedule)
            r.lrSeries = selection.lr.empty() ? run.roles.lr : selection.lr;
        if (const auto* t = run.roles.tokens.empty() ? nullptr : run.find(run.roles.tokens);
            t && t->size() > 0) {
            r.tokenSteps = t->steps;
            r.tokens = t->values;
        }
        for (const auto& d : curve.diagnostics)
            if (d.severity == core::Diagnostic::Severity::Warning)
                r.warnings << plainText(d);
        m_runs.push_back(std::move(r));
        ++added;
    }
    if (!needLr.isEmpty()) {
        // Listed in the Runs dock until the user gives the LR; the dialog asks now.
        m_needsLr[path] = needLr;
        m_needsLrLoss[path] = newLoss;
        if (askForMapping)
            askForLearningRate(path);
        return added;
    }
    if (added > 0)
        return added;
    if (!fileError.isEmpty()) {
        errors << fileError;
    } else if (!runErrors.isEmpty()) {
        errors << runErrors.first();
        if (askForMapping && !imported.runs.empty())
            askForLearningRate(path); // read, but the loss or LR was not recognised: ask
    } else {
        errors << fromStd(csvError);
    }
    return 0;
}

int MainWindow::openExampleSet(const QString& anyFileOfTheSet)
{
    const QFileInfo fi(anyFileOfTheSet);
    const QString stem = fi.completeBaseName();
    const int us = stem.indexOf('_');
    if (us <= 0)
        return openFiles({anyFileOfTheSet});
    const QString prefix = stem.left(us + 1);
    QStringList files;
    for (const QFileInfo& c : fi.dir().entryInfoList({prefix + "*.csv"}, QDir::Files, QDir::Name))
        files << c.absoluteFilePath();
    const std::size_t before = m_runs.size();
    const int added = openFiles(files);
    int train = 0;
    for (std::size_t i = before; i < m_runs.size(); ++i) {
        Run& r = m_runs[i];
        r.train = isProtocolTrainRun(QFileInfo(r.file).completeBaseName());
        train += r.train ? 1 : 0;
    }
    if (train == 0) // not the MPL set after all: fit on everything
        for (std::size_t i = before; i < m_runs.size(); ++i)
            m_runs[i].train = true;
    if (before == 0) { // the default scenarios follow the training runs, which are known only now
        m_scenarios = {};
        ensureDefaultScenarios();
    }
    refreshRunsTree();
    refreshPlots();
    if (added > 0 && train > 0)
        m_statusLabel->setText(
            tr("Opened the bundled %1 example: fitting on %2 runs (MPL protocol), holding out %3.")
                .arg(prefix.chopped(1))
                .arg(train)
                .arg(added - train));
    return added;
}

void MainWindow::setRunTrain(int index, bool train)
{
    if (index < 0 || index >= int(m_runs.size()) || m_runs[std::size_t(index)].train == train)
        return;
    m_runs[std::size_t(index)].train = train;
    refreshRunsTree();
    refreshModel();
    markModified();
}

bool MainWindow::setRunMetricShown(int index, const QString& metric, bool shown)
{
    if (index < 0 || index >= int(m_runs.size()))
        return false;
    Run& r = m_runs[std::size_t(index)];
    const auto m = std::find_if(r.metrics.begin(), r.metrics.end(),
                                [&](const RunMetric& x) { return x.name == metric && x.lossLike; });
    if (m == r.metrics.end())
        return false;
    if (metric == r.fitMetric)
        r.visible = shown;
    else if (shown && !r.shownMetrics.contains(metric))
        r.shownMetrics << metric;
    else if (!shown)
        r.shownMetrics.removeAll(metric);
    // Many rows report at once when the run's box is clicked: redraw once, after them.
    if (!m_plotRefreshQueued) {
        m_plotRefreshQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_plotRefreshQueued = false;
                refreshPlots();
            },
            Qt::QueuedConnection);
    }
    return true;
}

bool MainWindow::setFitMetric(int index, const QString& metric, QString* error)
{
    if (index < 0 || index >= int(m_runs.size()))
        return false;
    Run& r = m_runs[std::size_t(index)];
    if (r.fitMetric == metric)
        return true;
    if (!r.source) {
        if (error)
            *error = tr("%1 has one loss series only.").arg(fromStd(r.curve.name));
        return false;
    }
    // The same LR as before: the logged series, or the per-step LR of the schedule the user gave.
    core::import::CurveSelection sel;
    sel.loss = metric.toStdString();
    sel.lr = r.lrSeries;
    if (r.lrSeries.empty())
        sel.schedule = &r.curve.schedule;
    auto curve = core::import::buildCurve(*r.source, r.file.toStdString(), sel);
    if (!curve.ok()) {
        if (error)
            *error = tr("Cannot fit on %1: %2").arg(metric, plainErrors(curve));
        return false;
    }
    const std::string name = r.curve.name;
    r.curve = *curve;
    r.curve.name = name;
    r.shownMetrics.removeAll(metric);
    r.fitMetric = metric;
    r.visible = true;
    if (m_fit)
        m_fit->fitted.erase(r.id); // its fitted curve was for the other series' steps
    refreshRunsTree();
    refreshModel();
    refreshPlots();
    markModified(); // the tree was rebuilt quietly: say here that the document changed
    m_statusLabel->setText(tr("%1 is fitted on %2 from the next fit (Ctrl+F).").arg(fromStd(name), metric));
    return true;
}

void MainWindow::refreshRunsTree()
{
    m_refreshingTree = true;
    m_runsTree->clear();
    QMap<QString, QTreeWidgetItem*> dirs;
    for (int i = 0; i < int(m_runs.size()); ++i) {
        const Run& r = m_runs[std::size_t(i)];
        const QFileInfo fi(r.file);
        QTreeWidgetItem*& parent = dirs[fi.absolutePath()];
        if (!parent) {
            parent = new QTreeWidgetItem(m_runsTree, {fi.dir().dirName() + '/'});
            parent->setToolTip(RunName, fi.absolutePath());
            parent->setIcon(RunName, style()->standardIcon(QStyle::SP_DirIcon));
            parent->setExpanded(true);
            parent->setFirstColumnSpanned(false);
        }
        auto* item = new QTreeWidgetItem(parent);
        item->setText(RunName, fromStd(r.curve.name));
        item->setIcon(RunName, colorChip(r.color));
        item->setToolTip(RunName, tr("%1\n%2 points, steps %3–%4, warmup %5 steps")
                                      .arg(r.file)
                                      .arg(r.curve.steps.size())
                                      .arg(r.curve.steps.empty() ? 0 : r.curve.steps.front())
                                      .arg(r.curve.steps.empty() ? 0 : r.curve.steps.back())
                                      .arg(r.curve.schedule.warmupSteps));
        item->setData(0, kRunIndexRole, i);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(RunName, r.visible ? Qt::Checked : Qt::Unchecked);
        item->setCheckState(RunTrain, r.train ? Qt::Checked : Qt::Unchecked);
        item->setText(RunTrain, r.train ? tr("train") : tr("hold-out"));
        item->setText(RunPoints, QString::number(r.curve.steps.size()));
        item->setTextAlignment(RunPoints, Qt::AlignRight | Qt::AlignVCenter);
        int seriesOn = 0, seriesOff = 0; // the run's box shows whether all, some or none are drawn
        for (const RunMetric& m : r.metrics) {
            // Third level: the run's series. Loss-like ones can be ticked to draw them (a dotted line beside
            // the fitted loss); the one the fit uses is bold and marked "fit on".
            auto* child = new QTreeWidgetItem(item);
            const bool fitOn = m.name == r.fitMetric;
            child->setText(RunName, m.name);
            child->setText(RunTrain, fitOn ? tr("fit on") : m.role);
            child->setText(RunPoints, QString::number(m.points));
            child->setTextAlignment(RunPoints, Qt::AlignRight | Qt::AlignVCenter);
            child->setData(RunName, kMetricRole, m.name);
            child->setData(RunName, kRunOfMetricRole, i);
            QString tip = tr("%1: %2 points, steps %3–%4, last value %5")
                              .arg(m.name)
                              .arg(m.points)
                              .arg(m.firstStep, 0, 'g', 10)
                              .arg(m.lastStep, 0, 'g', 10)
                              .arg(m.lastValue, 0, 'g', 5);
            if (m.lossLike) {
                child->setFlags(child->flags() | Qt::ItemIsUserCheckable);
                const bool on = fitOn ? r.visible : r.shownMetrics.contains(m.name);
                child->setCheckState(RunName, on ? Qt::Checked : Qt::Unchecked);
                (on ? seriesOn : seriesOff) += 1;
                child->setIcon(RunName, lineChip(r.color, fitOn ? Qt::SolidLine : Qt::DotLine));
                tip += fitOn      ? tr("\nThe fit uses this series.")
                       : r.source ? tr("\nTick to draw it; right-click → Fit on This Series to fit on it.")
                                  : tr("\nTick to draw it.");
            } else {
                child->setFlags(child->flags() & ~Qt::ItemIsUserCheckable); // LR, tokens: information only
            }
            child->setToolTip(RunName, tip);
            if (fitOn) {
                QFont bold = child->font(RunName);
                bold.setBold(true);
                child->setFont(RunName, bold);
                child->setFont(RunTrain, bold);
            } else if (m.role.isEmpty() && !m.lossLike) {
                child->setForeground(RunName, palette().brush(QPalette::Disabled, QPalette::Text));
            }
        }
        if (seriesOn > 0 && seriesOff > 0)
            item->setCheckState(RunName, Qt::PartiallyChecked);
        for (const QString& w : r.warnings) {
            auto* child = new QTreeWidgetItem(item, {w});
            // No box: a warning row is not counted in the run's tri-state.
            child->setFlags(child->flags() & ~Qt::ItemIsUserCheckable);
            child->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
            child->setToolTip(0, w);
        }
        if (!r.warnings.isEmpty())
            item->setText(RunPoints, QString::number(r.curve.steps.size()) + QStringLiteral(" ⚠"));
    }
    // Files read without a learning rate: beside the runs, with what to do (also readable in a screenshot).
    for (auto it = m_needsLr.cbegin(); it != m_needsLr.cend(); ++it) {
        const QString file = QFileInfo(it.key()).fileName();
        const QString what =
            tr("%1 holds the loss of %2 but no learning rate. Double-click to give the learning-rate column "
               "or the schedule the runs were trained with.")
                .arg(file, runsText(int(it.value().size())));
        auto* item = new QTreeWidgetItem(m_runsTree, {file});
        item->setIcon(RunName, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        item->setText(RunTrain, tr("needs LR"));
        item->setToolTip(RunName, what);
        item->setData(RunName, kNeedsLrRole, it.key());
        auto* hint = new QTreeWidgetItem(item, {tr("No LR logged: double-click to give the schedule")});
        hint->setFirstColumnSpanned(true);
        hint->setToolTip(RunName, what);
        hint->setData(RunName, kNeedsLrRole, it.key());
        QFont bold = hint->font(RunName);
        bold.setBold(true);
        hint->setFont(RunName, bold);
        for (const QString& run : it.value()) {
            auto* child = new QTreeWidgetItem(item, {run});
            child->setText(RunTrain, tr("loss only"));
            child->setToolTip(RunName, what);
            child->setData(RunName, kNeedsLrRole, it.key());
            child->setForeground(RunName, palette().brush(QPalette::Disabled, QPalette::Text));
        }
        item->setExpanded(true);
    }
    addSessionProblemItems();
    m_refreshingTree = false;
}

// ---------------------------------------------------------------------------------------------------------------
// Fitting

void MainWindow::setLaw(const QString& lawId)
{
    const int i = m_lawCombo->findData(lawId);
    if (i >= 0)
        m_lawCombo->setCurrentIndex(i);
}

QString MainWindow::lawId() const
{
    return m_lawCombo->currentData().toString();
}

bool MainWindow::startFit()
{
    const bool autoLaw = lawId() == QLatin1String("auto");
    std::vector<std::shared_ptr<const core::CurveLaw>> candidates;
    if (autoLaw) {
        for (const char* id : {"mtl", "mpl"})
            if (auto l = core::findCurveLaw(id))
                candidates.push_back(l);
    } else if (auto l = core::findCurveLaw(lawId().toStdString())) {
        candidates.push_back(l);
    }
    if (candidates.empty()) {
        m_statusLabel->setText(tr("No law selected: the engine has no curve law registered."));
        return false;
    }
    // Fixed parameters (Model dock) apply to a refit of the same law: the fitter then sees only the free
    // ones.
    // The Fixed column decides alone once the user has seen it: the law's own held parameters (MPL's β, γ)
    // are free again when unticked.
    if (!autoLaw && m_fit && m_fit->law && m_fit->law->id() == candidates.front()->id() &&
        m_fixed.size() == m_fit->fit.params.size()) {
        if (std::count(m_fixed.begin(), m_fixed.end(), false) == 0) {
            m_statusLabel->setText(tr("Every parameter is fixed: untick Fixed for at least one to fit."));
            return false;
        }
        candidates.front() = std::make_shared<FixedParamsLaw>(candidates.front(), m_fit->fit.params, m_fixed);
    }
    const auto law = candidates.front();
    std::vector<core::Curve> curves, heldOut, allCurves;
    QStringList ids, files, allIds;
    for (const Run& r : m_runs) {
        allCurves.push_back(r.curve);
        allIds << r.id;
    }
    std::vector<core::Schedule> schedules;
    for (const Scenario& s : m_scenarios.scenarios)
        schedules.push_back(s.schedule);
    for (const Run& r : m_runs)
        if (r.train) {
            curves.push_back(r.curve);
            ids << r.id;
            files << r.file;
        } else {
            heldOut.push_back(r.curve);
        }
    if (curves.empty()) {
        m_statusLabel->setText(tr("Nothing to fit: open a run and tick \"Fit on\" for at least one."));
        return false;
    }
    // Fewer measured points than the law has parameters (+1): any curve passes through them; say so rather
    // than show a meaningless fit.
    std::size_t points = 0;
    for (const auto& c : curves)
        points += c.steps.size();
    if (const std::size_t need = minFitPoints(lawId()); points < need) {
        const QString why = tr("Not fitted: the runs ticked for fitting have %n point(s), but %1 has %2 "
                               "parameters, so the fit "
                               "would be degenerate (it needs at least %3 points). Tick longer runs.",
                               "", int(points))
                                .arg(autoLaw ? tr("the largest law") : fromStd(law->id()).toUpper())
                                .arg(need - 1)
                                .arg(need);
        m_statusLabel->setText(why);
        m_fitSummary->setText(why);
        return false;
    }
    const QString what =
        autoLaw ? tr("Fitting every law on %n run(s)…", "", int(curves.size()))
                : tr("Fitting %1 on %n run(s)…", "", int(curves.size())).arg(fromStd(law->id()).toUpper());
    setBusy(true, what);
    m_runner->start(what, [candidates, curves = std::move(curves), heldOut = std::move(heldOut),
                           allCurves = std::move(allCurves), allIds,
                           schedules = std::move(schedules)](const core::fit::Control& control) {
        // Auto: fit each candidate in turn; keep the one that predicts the held-out runs best (the training
        // runs when none is held out).
        FitJobOutput best, last;
        double bestScore = std::numeric_limits<double>::infinity();
        const double share = 1.0 / double(candidates.size());
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const auto& law = *candidates[c];
            core::fit::Control sub;
            sub.isCancelled = control.isCancelled;
            sub.progress = [&, c](double f, const std::string& w) {
                if (control.progress)
                    control.progress((double(c) + f) * share, law.id() + ": " + w);
            };
            FitJobOutput out;
            out.fit = core::fit::fitCurves(law, curves, law.defaultSettings(), core::fit::Options{}, sub);
            if (const auto* fixed = dynamic_cast<const FixedParamsLaw*>(&law))
                out.fit = fixed->expand(out.fit);
            if (control.isCancelled && control.isCancelled())
                return QVariant::fromValue(out);
            if (!out.fit.summary.isUsable()) {
                last = out;
                continue;
            }
            const auto& scored = heldOut.empty() ? curves : heldOut;
            std::vector<core::fit::Metrics> m;
            for (const auto& cv : scored)
                m.push_back(core::fit::computeMetrics(core::fit::predict(*core::findCurveLaw(law.id()),
                                                                         out.fit.params, cv.schedule,
                                                                         cv.steps, out.fit.settings),
                                                      cv.loss));
            const double score = core::fit::average(m).predE;
            if (candidates.size() == 1 || score < bestScore) {
                bestScore = score;
                best = out;
            }
        }
        FitJobOutput result = best.fit.law.empty() ? last : best; // none usable: say why the last failed
        // The curves the window draws and scores with the new fit are computed here, off the GUI thread: with
        // MPL they take longer than the 50 ms the event loop may block (`losscast --benchmark-fit`).
        const auto registered = core::findCurveLaw(result.fit.law);
        const auto cancelled = [&] { return control.isCancelled && control.isCancelled(); };
        if (registered && !cancelled() && result.fit.summary.isUsable() && !result.fit.params.empty()) {
            for (const auto& cv : allCurves)
                result.fitted.push_back(cv.steps.empty()
                                            ? std::vector<double>{}
                                            : core::fit::predict(*registered, result.fit.params, cv.schedule,
                                                                 cv.steps, result.fit.settings));
            result.runIds = allIds;
            for (const auto& s : schedules)
                result.scenarios.emplace_back(s, predictSchedule(*registered, result.fit, s, false));
        }
        return QVariant::fromValue(result);
    });
    // Remembered for onFitFinished (the job itself carries only values).
    m_fitPending = std::make_unique<FitResult>();
    m_fitPending->law = law;
    m_fitPending->trainIds = ids;
    m_fitPending->trainFiles = files;
    return true;
}

void MainWindow::cancelFit()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void MainWindow::setBusy(bool busy, const QString& what)
{
    m_fitButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy);
    // Busy (moving) until the fit reports a fraction: a long MTL fit's first report comes late, and an empty
    // bar looked stuck.
    for (QProgressBar* bar : {m_fitProgress, m_statusProgress}) {
        bar->setRange(0, busy ? 0 : 1000);
        bar->setValue(0);
        bar->setVisible(busy);
    }
    m_statusLabel->setText(what);
}

void MainWindow::onFitFinished(quint64, const QVariant& result)
{
    const FitJobOutput out = result.value<FitJobOutput>();
    if (!m_fitPending) {
        setBusy(false, tr("Fit finished."));
        return;
    }
    std::unique_ptr<FitResult> fit = std::move(m_fitPending);
    fit->fit = out.fit;
    const bool userFixed = dynamic_cast<const FixedParamsLaw*>(fit->law.get()) != nullptr;
    if (auto chosen = core::findCurveLaw(out.fit.law)) {
        fit->law = chosen; // auto mode picks one of several
        if (out.runIds.size() == qsizetype(out.fitted.size())) {
            for (qsizetype i = 0; i < out.runIds.size(); ++i)
                fit->fitted[out.runIds[i]] = out.fitted[std::size_t(i)];
            fit->fittedParams = fit->fit.params;
        }
    }
    const bool usable = fit->fit.summary.isUsable() && !fit->fit.params.empty();
    m_fitProgress->setValue(usable ? 1000 : 0);
    if (!usable) {
        setBusy(false, tr("Fit failed: %1").arg(fromStd(fit->fit.summary.message)));
        m_fitSummary->setText(tr("Fit failed: %1").arg(fromStd(fit->fit.summary.briefReport())));
        emit fitFinished(false);
        return;
    }
    if (!m_fit || m_fit->fit.law != fit->fit.law)
        m_fixed.clear(); // a different law has different parameters
    // Parameters the law held under its own settings (MPL's β and γ by default) show as Fixed; unticking one
    // frees it in the next fit (which then goes through FixedParamsLaw, where the user's ticks decide alone).
    if (fit->law && !userFixed) {
        const auto held = fit->law->heldParameters(fit->fit.settings);
        if (!held.empty())
            m_fixed.assign(fit->fit.params.size(), false);
        for (const auto& h : held)
            if (h.index < m_fixed.size())
                m_fixed[h.index] = true;
    }
    m_fit = std::move(fit);
    if (!out.scenarios.empty() && !m_fit->fittedParams.empty()) {
        // Scenario predictions made with the fit in the worker: predictScenarios() finds them here.
        m_predictionCache = out.scenarios;
        m_cacheParams = m_fit->fit.params;
        m_cacheLaw = m_fit->fit.law;
    }
    refreshModel();
    predictScenarios();
    refreshScenarioViews();
    refreshPlots();
    // Say what the fit gives next: the scenarios' predictions (the newcomer's "now what?").
    setBusy(false,
            tr("Fitted %1 in %2 s: %3. The Scenarios dock now predicts each schedule's loss: pick one, "
               "change its form or drag its points on the LR plot.")
                .arg(fromStd(m_fit->fit.law).toUpper())
                .arg(m_fit->fit.summary.seconds, 0, 'g', 2)
                .arg(fromStd(toString(m_fit->fit.summary.status))));
    emit fitFinished(true);
}

double MainWindow::xScale() const
{
    if (!m_tokensX || !m_tokensX->isChecked())
        return 1.0;
    for (const Run& r : m_runs)
        if (!r.tokens.empty() && r.visible) {
            const double last = r.tokenSteps.back();
            return last > 0 ? r.tokensAt(last) / last : 1.0;
        }
    return 1.0;
}

std::vector<double> MainWindow::fittedCurve(const Run& run) const
{
    if (!m_fit || !m_fit->law || run.curve.steps.empty())
        return {};
    if (m_fit->fittedParams == m_fit->fit.params) {
        const auto it = m_fit->fitted.find(run.id);
        if (it != m_fit->fitted.end() && it->second.size() == run.curve.steps.size())
            return it->second;
    }
    return core::fit::predict(*m_fit->law, m_fit->fit.params, run.curve.schedule, run.curve.steps,
                              m_fit->fit.settings);
}

void MainWindow::refreshModel()
{
    if (!m_fit) {
        m_params->setRows({});
        m_quality->setRowCount(0);
        return;
    }
    const auto& f = m_fit->fit;
    const auto infos = m_fit->law->parameters();
    std::vector<widgets::ParameterTable::Row> rows;
    const auto bounds = infos.size() == f.params.size() ? core::fit::boundsReached(infos, f.params)
                                                        : std::vector<core::fit::BoundSide>{};
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        widgets::ParameterTable::Row row;
        row.name = i < f.names.size() ? fromStd(f.names[i]) : fromStd(infos.at(i).name);
        row.description = i < infos.size() ? fromStd(infos[i].description) : QString();
        row.value = f.params[i];
        row.stderr_ = i < f.stderrs.size() ? f.stderrs[i] : std::nan("");
        row.fixed = i < m_fixed.size() && m_fixed[i];
        if (i < bounds.size() && bounds[i] != core::fit::BoundSide::None && !row.fixed)
            row.boundNote = fromStd(core::fit::atBoundNote(
                infos[i].name, bounds[i],
                bounds[i] == core::fit::BoundSide::Lower ? infos[i].lower : infos[i].upper));
        rows.push_back(row);
    }
    m_params->setRows(rows);

    QString settings;
    for (const auto& [k, v] : f.settings)
        settings += QStringLiteral(", %1 = %2").arg(fromStd(k)).arg(v);
    m_fitSummary->setText(
        tr("<b>%1</b><br>%2 on %n run(s) in %3 s, %4 starts, final cost %5%6", "",
           int(m_fit->trainIds.size()))
            .arg(fromStd(m_fit->law->displayName()), fromStd(toString(f.summary.status)))
            .arg(f.summary.seconds, 0, 'g', 2)
            .arg(f.summary.starts)
            .arg(f.summary.finalCost, 0, 'g', 3)
            .arg(settings.isEmpty() ? QString() : QStringLiteral("<br>") + settings.mid(2).toHtmlEscaped()));
    m_fitSummary->setToolTip(fromStd(f.summary.briefReport()));

    m_fit->scores.clear();
    std::vector<core::fit::Metrics> trainM, testM;
    for (const Run& r : m_runs) {
        const auto model = fittedCurve(r);
        if (model.size() != r.curve.loss.size())
            continue;
        FitResult::Score s;
        s.runId = r.id;
        s.train = m_fit->trainIds.contains(r.id);
        s.metrics = core::fit::computeMetrics(model, r.curve.loss);
        (s.train ? trainM : testM).push_back(s.metrics);
        m_fit->scores.push_back(s);
    }
    m_quality->setRowCount(0);
    auto addRow = [this](const QString& name, const QString& set, const core::fit::Metrics& m, bool bold) {
        const int row = m_quality->rowCount();
        m_quality->insertRow(row);
        const QStringList cells = {name, set, QString::number(m.r2, 'f', 4), QString::number(m.predE, 'f', 4),
                                   QString::number(m.worstE, 'f', 4)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            QFont font = item->font();
            font.setBold(bold);
            item->setFont(font);
            m_quality->setItem(row, c, item);
        }
    };
    if (!trainM.empty())
        addRow(tr("mean"), tr("train"), core::fit::average(trainM), true);
    // A law that does not describe the runs is said plainly (an RL cost or a reward logged as "the loss"
    // gave R² −29 and no word): a loss curve the law fits has R² near 1.
    if (const double r2 = trainM.empty() ? 1.0 : core::fit::average(trainM).r2; r2 < kPoorR2)
        m_fitSummary->setText(
            m_fitSummary->text() +
            tr("<br><span style='color:#c0392b'>The law does not describe these runs (mean R² %1 on the "
               "fitted runs): its predictions mean little. Is the fitted series a training loss that falls "
               "as the LR area grows?</span>")
                .arg(r2, 0, 'f', 2));
    if (!testM.empty())
        addRow(tr("mean"), tr("held out"), core::fit::average(testM), true);
    for (const auto& s : m_fit->scores) {
        QString name;
        for (const Run& r : m_runs)
            if (r.id == s.runId)
                name = fromStd(r.curve.name);
        addRow(name, s.train ? tr("train") : tr("held out"), s.metrics, false);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Plots

void MainWindow::refreshPlots()
{
    QVector<widgets::PlotSeries> loss, lr, resid, extras;
    bool anyTokens = false;
    for (const Run& r : m_runs)
        anyTokens = anyTokens || !r.tokens.empty();
    if (m_tokensX)
        m_tokensX->setEnabled(anyTokens || m_tokensX->isChecked());
    const bool tokensX = m_tokensX && m_tokensX->isChecked();
    for (const Run& r : m_runs) {
        if (!r.visible || (tokensX && r.tokens.empty())) // without tokens a run has no place on that axis
            continue;
        widgets::PlotSeries s;
        s.id = r.id;
        s.name = fromStd(r.curve.name);
        s.color = r.color;
        s.role = widgets::PlotSeries::Role::Measured;
        s.x.assign(r.curve.steps.begin(), r.curve.steps.end());
        if (tokensX)
            for (double& x : s.x)
                x = r.tokensAt(x);
        s.y = r.curve.loss;
        if (!r.shownMetrics.isEmpty())
            s.name = tr("%1 · %2").arg(s.name, r.fitMetric); // beside other series, say which one this is
        loss.push_back(s);
        for (const RunMetric& m : r.metrics) {
            // Other ticked series of the run: same colour, dotted, named "run · series" in the legend.
            if (!r.shownMetrics.contains(m.name) || m.steps.empty())
                continue;
            widgets::PlotSeries extra;
            extra.id = r.id + QStringLiteral(":metric:") + m.name;
            extra.name = tr("%1 · %2").arg(fromStd(r.curve.name), m.name);
            extra.color = r.color;
            extra.role = widgets::PlotSeries::Role::Measured;
            extra.style = Qt::DotLine;
            extra.x = m.steps;
            if (tokensX)
                for (double& x : extra.x)
                    x = r.tokensAt(x);
            extra.y = m.values;
            extras.push_back(std::move(extra));
        }

        widgets::PlotSeries l;
        l.id = r.id;
        l.name = s.name;
        l.color = r.color;
        const auto& lrv = r.curve.schedule.lr;
        std::vector<double> lrSteps(lrv.size());
        for (std::size_t i = 0; i < lrv.size(); ++i)
            lrSteps[i] = double(i);
        widgets::decimateMinMax(lrSteps, lrv, 2000, l.x, l.y); // once here, not on every drag
        if (tokensX)
            for (double& x : l.x)
                x = r.tokensAt(x);
        l.inLegend = false; // same colours as the loss legend
        lr.push_back(std::move(l));

        if (m_fit) {
            widgets::PlotSeries f = s;
            f.id = r.id + QStringLiteral(":fit");
            const bool train = m_fit->trainIds.contains(r.id);
            f.name =
                tr("%1 (%2 %3)")
                    .arg(s.name, fromStd(m_fit->fit.law).toUpper(), train ? tr("fit") : tr("prediction"));
            f.role = widgets::PlotSeries::Role::Fitted;
            f.y = fittedCurve(r);
            f.color = r.color.darker(135);
            f.inLegend = false;
            if (f.y.size() == f.x.size() && f.y.size() == s.y.size()) {
                widgets::PlotSeries res = s; // residual: measured − fitted at every measured step
                res.id = r.id + QStringLiteral(":residual");
                res.name = tr("%1 residual").arg(s.name);
                res.inLegend = false;
                for (std::size_t i = 0; i < res.y.size(); ++i)
                    res.y[i] = s.y[i] - f.y[i];
                resid.push_back(std::move(res));
                loss.push_back(std::move(f));
            }
        }
    }
    // Runs waiting for their LR: their measured loss is drawn already; the LR plot and the Scenarios dock say
    // what is missing.
    if (!tokensX)
        for (auto it = m_needsLr.cbegin(); it != m_needsLr.cend(); ++it)
            loss += m_needsLrLoss.value(it.key());
    const bool waitingForLr = m_runs.empty() && !m_needsLr.isEmpty();
    m_plot->setLrHint(waitingForLr
                          ? tr("No LR logged:\ndouble-click the run in the Runs dock\nto give its schedule")
                          : QString());
    if (m_scenarioEditor)
        m_scenarioEditor->setEmptyHint(
            waitingForLr
                ? tr("<b>Give the learning rate first.</b> The open runs log no LR: double-click one in the "
                     "Runs dock to give the schedule it was trained with; scenarios start from it.")
                : tr("<b>Open a run to start</b> (File → Open, or drop a log on the window). "
                     "Scenarios are \"what if\" schedules: once a law is fitted to your runs, each "
                     "one shows its predicted loss."));
    loss += extras;
    if (m_fit && !loss.isEmpty()) {
        // One legend entry explains the dashed lines instead of one per run.
        widgets::PlotSeries key;
        key.id = QStringLiteral(":fitkey");
        key.name =
            tr("dashed: %1 fit (train) / prediction (held out)").arg(fromStd(m_fit->fit.law).toUpper());
        key.color = palette().color(QPalette::WindowText);
        key.role = widgets::PlotSeries::Role::Fitted;
        loss.push_back(std::move(key));
    }
    m_runLossSeries = loss;
    m_runLrSeries = lr;
    m_plot->setResidualSeries(resid);
    updatePlotSeries();
}

// ---------------------------------------------------------------------------------------------------------------
// Export

bool MainWindow::exportPlot(const QString& path, int width, int height, QString* error)
{
    return m_plot->exportTo(path, width, height, error);
}

bool MainWindow::exportParametersJson(const QString& path, QString* error)
{
    if (!m_fit) {
        if (error)
            *error = tr("There is no fit to export yet.");
        return false;
    }
    using core::JsonValue;
    // The one fit-file form (core/export/fitfile.h): what `losscast-cli fit` writes and `predict` reads.
    std::vector<core::Curve> trainCurves;
    for (const Run& r : m_runs)
        if (m_fit->trainIds.contains(r.id)) {
            trainCurves.push_back(r.curve);
            trainCurves.back().source = r.file.toStdString();
        }
    JsonValue root = core::toJson(core::makeFitFile(*m_fit->law, m_fit->fit, trainCurves));
    if (!m_fit->scores.isEmpty()) {
        JsonValue quality = JsonValue::array();
        for (const auto& s : m_fit->scores) {
            JsonValue q = JsonValue::object();
            for (const Run& r : m_runs)
                if (r.id == s.runId)
                    q.set("file", JsonValue(r.file.toStdString()));
            q.set("set", JsonValue(std::string(s.train ? "train" : "test")));
            q.set("points", JsonValue(double(s.metrics.points)));
            q.set("r2", JsonValue(s.metrics.r2));
            q.set("mae", JsonValue(s.metrics.mae));
            q.set("rmse", JsonValue(s.metrics.rmse));
            q.set("pred_e", JsonValue(s.metrics.predE));
            q.set("worst_e", JsonValue(s.metrics.worstE));
            quality.push(q);
        }
        root.set("quality", quality);
    }
    const std::string text = core::writeJson(root) + "\n";
    return writeText(path, QByteArray::fromStdString(text), error);
}

bool MainWindow::exportParametersCsv(const QString& path, QString* error)
{
    if (!m_fit) {
        if (error)
            *error = tr("There is no fit to export yet.");
        return false;
    }
    const auto& f = m_fit->fit;
    auto num = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 17) : QString(); };
    auto quote = [](QString v) {
        return v.contains(',') || v.contains('"') ? '"' + v.replace('"', "\"\"") + '"' : v;
    };
    const auto infos = m_fit->law->parameters();
    QByteArray out = "kind,name,value,stderr\n";
    out += QStringLiteral("law,%1,,\n").arg(quote(fromStd(f.law))).toUtf8();
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        const QString name = i < f.names.size() ? fromStd(f.names[i]) : fromStd(infos.at(i).name);
        out += QStringLiteral("parameter,%1,%2,%3\n")
                   .arg(quote(name), num(f.params[i]), i < f.stderrs.size() ? num(f.stderrs[i]) : QString())
                   .toUtf8();
    }
    for (const auto& [k, v] : f.settings)
        out += QStringLiteral("setting,%1,%2,\n").arg(quote(fromStd(k)), num(v)).toUtf8();
    return writeText(path, out, error);
}

bool MainWindow::exportPredictionsCsv(const QString& path, QString* error)
{
    if (!m_fit) {
        if (error)
            *error = tr("There is no fit to export yet.");
        return false;
    }
    // Long format, one row per point: measured runs with the fitted/predicted loss, then every scenario with
    // its predicted loss and 95 % band.
    auto num = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 10) : QString(); };
    auto quote = [](QString v) {
        return v.contains(',') || v.contains('"') ? '"' + v.replace('"', "\"\"") + '"' : v;
    };
    QByteArray out = "series,kind,step,lr,measured,predicted,lower,upper\n";
    for (const Run& r : m_runs) {
        const auto model = fittedCurve(r);
        const bool train = m_fit->trainIds.contains(r.id);
        for (std::size_t i = 0; i < r.curve.steps.size() && i < model.size(); ++i) {
            const auto step = r.curve.steps[i];
            const double lr = std::size_t(step) < r.curve.schedule.lr.size()
                                  ? r.curve.schedule.lr[std::size_t(step)]
                                  : std::nan("");
            out += QStringLiteral("%1,%2,%3,%4,%5,%6,,\n")
                       .arg(quote(fromStd(r.curve.name)), train ? "train" : "test")
                       .arg(step)
                       .arg(num(lr), num(r.curve.loss[i]), num(model[i]))
                       .toUtf8();
        }
    }
    for (std::size_t k = 0; k < m_scenarios.scenarios.size() && k < m_predictions.size(); ++k) {
        const Scenario& sc = m_scenarios.scenarios[k];
        const ScenarioPrediction& p = m_predictions[k];
        for (std::size_t i = 0; i < p.steps.size() && i < p.loss.size(); ++i) {
            const bool band = i < p.lower.size() && i < p.upper.size();
            out += QStringLiteral("%1,scenario,%2,%3,,%4,%5,%6\n")
                       .arg(quote(sc.name))
                       .arg(qint64(p.steps[i]))
                       .arg(num(sc.schedule.lrAt(std::int64_t(p.steps[i]))), num(p.loss[i]),
                            band ? num(p.lower[i]) : QString(), band ? num(p.upper[i]) : QString())
                       .toUtf8();
        }
    }
    return writeText(path, out, error);
}

void MainWindow::openDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open runs"), m_lastDir,
        tr("Training logs (*.csv *.tsv *.txt *.log *.json *.jsonl);;All files (*)"));
    if (!files.isEmpty())
        openFiles(files);
}

void MainWindow::exportPlotDialog()
{
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export plot"), m_lastDir + "/losscast-plot.png",
                                     tr("PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString size = QInputDialog::getText(this, tr("Export size"), tr("Width × height in pixels:"),
                                               QLineEdit::Normal, QStringLiteral("1600x1000"), &ok);
    if (!ok)
        return;
    const QStringList wh = size.split(QRegularExpression("[x×* ]+"), Qt::SkipEmptyParts);
    const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
    QString error;
    if (!exportPlot(path, w, h, &error))
        QMessageBox::warning(this, tr("Export plot"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::exportParametersDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export parameters"), m_lastDir + "/losscast-params.json", tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportParametersJson(path, &error))
        QMessageBox::warning(this, tr("Export parameters"), error);
    else
        statusBar()->showMessage(tr("Saved %1 (readable by losscast-cli predict --params)").arg(path), 5000);
}

void MainWindow::exportParametersCsvDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export parameters"),
                                                      m_lastDir + "/losscast-params.csv", tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportParametersCsv(path, &error))
        QMessageBox::warning(this, tr("Export parameters"), error);
    else
        m_statusLabel->setText(tr("Parameters written to %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::exportPredictionsDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export predicted curves"), m_lastDir + "/losscast-predictions.csv", tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPredictionsCsv(path, &error))
        QMessageBox::warning(this, tr("Export predicted curves"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

// ---------------------------------------------------------------------------------------------------------------
// Window state, themes, drag-and-drop

void MainWindow::setTheme(Theme theme)
{
    m_theme = theme;
    static const QPalette systemPalette = QApplication::palette();
    bool dark = false;
    if (theme == Theme::System) {
        QApplication::setPalette(systemPalette);
        dark = systemPalette.color(QPalette::Window).lightness() < 128;
    } else if (theme == Theme::Light) {
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        dark = true;
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QPalette p;
        // Fusion draws check-box frames in Window.darker(): Base must be clearly darker than Window to show
        // them.
        const QColor window(0x3a, 0x3d, 0x42), base(0x1c, 0x1e, 0x22), text(0xe3, 0xe6, 0xea);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window);
        p.setColor(QPalette::ToolTipBase, base);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window);
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::red);
        p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x94, 0x9a));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(p);
    }
    if (m_dark)
        m_dark->setChecked(dark);
    m_plot->setDark(dark);
    refreshRunsTree();
}

void MainWindow::restoreSettings()
{
    QSettings s;
    if (s.contains("window/geometry"))
        restoreGeometry(s.value("window/geometry").toByteArray());
    if (s.contains("window/state"))
        restoreState(s.value("window/state").toByteArray());
    else
        m_sizeDocksOnShow = true;
    m_lastDir = s.value("files/lastDir", QDir::homePath()).toString();
    m_recent = s.value("files/recent").toStringList();
    updateRecentMenu();
    m_logX->setChecked(s.value("view/logX", false).toBool());
    m_residuals->setChecked(s.value("view/residuals", false).toBool());
    m_logY->setChecked(s.value("view/logY", false).toBool());
    m_plot->setSmoothing(s.value("view/smoothing", 0.0).toDouble());
    setLaw(s.value("model/law", QStringLiteral("mtl")).toString());
    const QString theme = s.value("view/theme", "system").toString();
    setTheme(theme == "dark" ? Theme::Dark : theme == "light" ? Theme::Light : Theme::System);
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    s.setValue("files/lastDir", m_lastDir);
    s.setValue("files/recent", m_recent);
    s.setValue("view/logX", m_logX->isChecked());
    s.setValue("view/residuals", m_residuals->isChecked());
    s.setValue("view/logY", m_logY->isChecked());
    s.setValue("view/smoothing", m_plot->smoothing());
    s.setValue("model/law", lawId());
    s.setValue("view/theme", m_theme == Theme::Dark ? "dark" : m_theme == Theme::Light ? "light" : "system");
}

void MainWindow::addRecentFile(const QString& path)
{
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > 10)
        m_recent.removeLast();
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    addRecentSessionActions(m_recentMenu); // sessions first, then files
    for (const QString& p : m_recent)
        m_recentMenu->addAction(QFileInfo(p).fileName(), this, [this, p] { openFiles({p}); })->setToolTip(p);
    m_recentMenu->setEnabled(!m_recent.isEmpty() || !m_recentSessions.isEmpty());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_sizeDocksOnShow) {
        m_sizeDocksOnShow = false;
        resizeDocks({findChild<QDockWidget*>("runsDock"), findChild<QDockWidget*>("modelDock")}, {330, 410},
                    Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSaveSession()) {
        event->ignore();
        return;
    }
    QFile::remove(recoveryPath()); // closed on purpose: nothing to recover
    m_runner->cancel();
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& u : event->mimeData()->urls())
        if (u.isLocalFile()) {
            QString error;
            if (!isAutoScaleFile(u.toLocalFile()))
                paths << u.toLocalFile();
            else if (event->acceptProposedAction(); !openAutoScaleFile(u.toLocalFile(), &error))
                statusBar()->showMessage(error, 8000);
        }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openFiles(paths);
    }
}

bool MainWindow::openMixtureExperiments(const QStringList& paths, QString* error)
{
    namespace mix = core::mixing;
    if (paths.isEmpty() || paths.size() > 2) {
        if (error)
            *error = tr("Choose one experiments CSV, or a mixture CSV and a loss CSV.");
        return false;
    }
    auto read = paths.size() == 1 ? mix::readExperiments(paths[0].toStdString())
                                  : mix::readExperimentPair(paths[0].toStdString(), paths[1].toStdString());
    if (!read) {
        if (error)
            *error = QString::fromStdString(read.errorText());
        return false;
    }
    auto table = std::make_shared<const mix::Experiments>(std::move(*read));
    m_mixtureInputs.clear();
    for (const QString& p : paths)
        m_mixtureInputs << QFileInfo(p).absoluteFilePath(); // saved with the session
    auto* watcher = new QFutureWatcher<mix::MixingLawFit>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, table] {
        auto fit = std::make_shared<const mix::MixingLawFit>(watcher->result());
        watcher->deleteLater();
        const bool ok = fit->usable();
        if (ok) {
            m_mixtureFit = fit;
            m_mixtureView->setFit(*fit);
            m_mixtureView->setExperiments(table->mixtures, table->losses);
            m_mixtureDock->show();
            m_mixtureDock->raise(); // in front of the CPT tab
            statusBar()->showMessage(
                tr("Mixing law fitted on %1 runs in %2 s.").arg(table->rows()).arg(fit->seconds, 0, 'f', 2),
                6000);
        } else {
            statusBar()->showMessage(tr("The mixing-law fit gave no usable parameters."), 6000);
        }
        emit mixtureFitFinished(ok);
    });
    watcher->setFuture(QtConcurrent::run([table] { return mix::fitMixingLaw(*table); }));
    return true;
}

} // namespace losscast::app
