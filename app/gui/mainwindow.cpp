#include "app/gui/mainwindow.h"
#include "app/gui/guitext.h"

#include "app/gui/commands.h"
#include "app/gui/language.h"

#include "app/gui/fitting.h"
#include "app/gui/fixedlaw.h"
#include "app/gui/following.h"
#include "app/gui/mappingdialog.h"
#include "app/gui/parameterrows.h"
#include "app/gui/runroles.h"

#include "core/export/fitfile.h"
#include "core/fit/uncertainty.h"
#include "core/import/curvebuild.h"
#include "core/import/importer.h"
#include "core/io/curvecsv.h"
#include "core/util/json.h"
#include "core/version.h"
#include "core/workspace/loaders.h"
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

#include <algorithm>
#include <cmath>

namespace losscast::app {

namespace {

const QColor kRunColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                             QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                             QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                             QColor(0x17, 0xbe, 0xcf)};

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

/// The name a run is shown by: the importer's, or the file's name where the importer has none or only "."
/// (a TensorBoard download of the log folder's root is named run-.-tag-loss.csv: the legend read ". (no LR
/// yet)").
QString shownRunName(const std::string& name, const QString& path)
{
    const QString n = QString::fromStdString(name).trimmed();
    const bool onlyDots =
        std::all_of(n.begin(), n.end(), [](QChar c) { return c == '.' || c == '/' || c == '\\'; });
    return onlyDots ? QFileInfo(path).completeBaseName() : n;
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
    m_statusLabel->setObjectName(QStringLiteral("statusText"));
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
    buildFollowing();  // following.cpp: the Forecast dock and the alarm banner over the plots
    connectDocument(); // document.cpp: the views follow the document; the law and warmup fields set it
    connect(m_params, &widgets::ParameterTable::valueEdited, this, &MainWindow::setParameterValue);
    connect(m_params, &widgets::ParameterTable::fixedToggled, this, [this](int row, bool fixed) {
        if (!m_fit || row < 0 || row >= int(m_fit->fit.params.size()))
            return;
        std::vector<bool> ticks = m_doc.fixed();
        ticks.resize(m_fit->fit.params.size(), false);
        ticks[std::size_t(row)] = fixed;
        m_doc.setFixed(std::move(ticks), m_fit->fit.params);
        const QString name = fromStd(m_fit->fit.names.at(std::size_t(row)));
        m_statusLabel->setText(fixed ? tr("%1 stays at its value in the next fit.").arg(name)
                                     : tr("%1 is fitted again.").arg(name));
    });
    // Continual pre-training view (widgets/cptview): a dock, hidden until View → Continual Pre-training.
    auto* cptDock = m_cptDock = new QDockWidget(tr("Continual Pre-training"), this);
    cptDock->setObjectName("cptDock");
    auto* cptView = m_cptView = new widgets::CptView(cptDock);
    cptView->setInputFiles([this] { return inputFiles(); }); // its Save fit… never replaces a run or table
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
    buildScalingDock(); // scaling.cpp
    tabifyDockWidget(m_mixtureDock, m_scalingDock);
    for (QDockWidget* d : {cptDock, m_mixtureDock})
        connect(d->toggleViewAction(), &QAction::triggered, d, [d](bool on) {
            if (on)
                d->raise();
        });
    connect(m_mixtureView, &widgets::MixtureView::optimiseRequested, this, &MainWindow::optimiseMixture);
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

MainWindow::~MainWindow()
{
    // The undo stack is a child: QObject deletes it after this destructor, and its clear() emits
    // cleanChanged, whose handler would then call into a MainWindow that no longer exists (UBSan: member call
    // on a QWidget).
    if (m_undo)
        m_undo->disconnect(this);
}

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
    file->addAction(tr("F&ollow…"), this, &MainWindow::followDialog)->setObjectName("actionFollow");
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
                return tr("%1 tokens (step %2)").arg(tokenCount(x)).arg(std::llround(tokenAxis().stepAt(x)));
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
    m_viewMenu->addMenu(createLanguageMenu(this)); // app/gui/language.cpp
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
        if (const QVariant run = item ? item->data(RunName, kRunIndexRole) : QVariant(); run.isValid())
            return showFollowContextMenu(run.toInt(), m_runsTree->viewport()->mapToGlobal(pos));
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
            setRunVisible(m_runs[std::size_t(i)], item->checkState(RunName) == Qt::Checked);
            refreshPlots();
        } else if (column == RunTrain) {
            setRunTrain(i, item->checkState(RunTrain) == Qt::Checked);
        }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Runs

/// Runs too short to fit on are not ticked for fitting when opened; the warning beside the run says why.
static void holdOutIfTooShort(Run& r, const QString& lawId)
{
    const std::size_t need = minFitPoints(lawId);
    if (r.curve.steps.size() >= need)
        return;
    r.train = false;
    r.warnings << QCoreApplication::translate(
                      "MainWindow",
                      "only %n point(s): a fit needs at least %1 (one more than the law has "
                      "parameters), so the run is held out, not fitted on",
                      nullptr, int(r.curve.steps.size()))
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
        // One read through core's loader registry (core/workspace/loaders.h), the policy losscast-cli uses:
        // a plain step,lr,loss CSV first, else the log importers (W&B, TensorBoard, HF Trainer, text logs,
        // ...). A curve CSV with a bad row falls through to them (they keep what they can, with warnings).
        core::workspace::LoadOptions options;
        options.warmupSteps = warmupSetting();
        options.detectCurveCsvWarmup = true;
        options.curveCsvErrorsAreFinal = false;
        const int n = addLoadedRuns(path, core::workspace::loadFile(path.toStdString(), options), options,
                                    errors, true);
        if (m_needsLr.contains(path))
            needLr << path;
        if (n > 0) {
            added += n;
            m_lastDir = fi.absolutePath();
            addRecentFile(path);
        }
    }
    if (added > 0) {
        refreshRunsTree();
        ensureDefaultScenarios();
        refreshPlots();
        emit runsChanged();
        // What the files' readers warned about (NaN/Inf rows dropped, a divergence) is said here too: the
        // warning rows under a run in the Runs dock are collapsed.
        int warned = 0;
        for (std::size_t i = m_runs.size() - std::size_t(added); i < m_runs.size(); ++i)
            warned += int(m_runs[i].warnings.size());
        m_statusLabel->setText(
            tr("%n run(s) open. Press Fit (Ctrl+F) to fit the law.", "", int(m_runs.size())) +
            (warned > 0
                 ? QLatin1Char(' ') + tr("%n warning(s) while reading: see ⚠ in the Runs dock.", "", warned)
                 : QString()));
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

int MainWindow::addLoadedRuns(const QString& path, const core::workspace::LoadResult& loaded,
                              const core::workspace::LoadOptions& options, QStringList& errors,
                              bool askForMapping)
{
    QStringList fileWarnings;
    QString fileError;
    for (const auto& d : loaded.fileDiagnostics()) {
        if (d.severity == core::Diagnostic::Severity::Warning)
            fileWarnings << plainText(d);
        else if (fileError.isEmpty())
            fileError = plainText(d);
    }
    int added = 0;
    QStringList runErrors, needLr;
    std::vector<std::shared_ptr<const core::import::Run>> waiting;
    QVector<widgets::PlotSeries> newLoss;
    for (const auto& run : loaded.runs) {
        if (run.waitsForLr) {
            // A loss-like series (an RL cost or a perplexity has no "loss" in its name) without an LR: the
            // run waits for its schedule ("needs LR"), it did not fail to open.
            needLr << fromStd(run.name); // asked for below, in plain words, instead of a CLI error
            waiting.push_back(run.source);
            const std::string lossName =
                options.loss.empty() ? core::import::lossLikeSeries(*run.source) : options.loss;
            if (const auto* l = run.source->find(lossName); l && l->size() > 0) {
                widgets::PlotSeries ps; // drawn while it waits for its LR
                ps.id = QStringLiteral("needslr:%1:%2").arg(path).arg(needLr.size() - 1);
                ps.name = tr("%1 (no LR yet)").arg(shownRunName(run.name, path));
                ps.color = kRunColors[std::size_t(newLoss.size()) % std::size(kRunColors)];
                ps.x = l->steps;
                ps.y = l->values;
                newLoss.push_back(std::move(ps));
            }
            continue;
        }
        if (!run.curve) {
            QStringList why;
            for (const auto& d : run.diagnostics)
                if (d.severity == core::Diagnostic::Severity::Error)
                    why << plainText(d);
            runErrors << why.join('\n');
            continue;
        }
        Run r;
        r.file = path;
        r.curve = *run.curve;
        r.provenance = run.provenance;
        if (!run.source) { // a plain step,lr,loss CSV: its name is the file's stem
            if (r.curve.name.empty())
                r.curve.name = QFileInfo(path).completeBaseName().toStdString();
            r.metrics = metricsOf(r.curve);
            for (const auto& d : loaded.diagnostics)
                if (d.severity == core::Diagnostic::Severity::Warning)
                    r.warnings << fromStd(d.toString());
        } else {
            const auto& source = *run.source;
            r.curve.name = shownRunName(r.curve.name.empty() ? run.name : r.curve.name, path).toStdString();
            r.warnings = fileWarnings;
            r.metrics = metricsOf(source);
            r.fitMetric = fromStd(options.loss.empty() ? source.roles.loss : options.loss);
            r.source = run.source;
            if (options.schedule.empty())
                r.lrSeries = options.lr.empty() ? source.roles.lr : options.lr;
            if (const auto* t = source.roles.tokens.empty() ? nullptr : source.find(source.roles.tokens);
                t && t->size() > 0) {
                r.tokens = core::TokenMap(t->steps, t->values);
            }
            for (const auto& d : run.diagnostics)
                if (d.severity == core::Diagnostic::Severity::Warning)
                    r.warnings << plainText(d);
        }
        holdOutIfTooShort(r, lawId());
        Run& opened = addRun(std::move(r)); // into the document, which gives its id
        opened.color = kRunColors[std::size_t(opened.docId - 1) % std::size(kRunColors)];
        ++added;
    }
    if (!needLr.isEmpty()) {
        // Listed in the Runs dock until the user gives the LR; the dialog asks now.
        m_needsLr[path] = needLr;
        m_needsLrLoss[path] = newLoss;
        m_needsLrRuns[path] = std::move(waiting);
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
        if (askForMapping && !loaded.runs.empty())
            askForLearningRate(path); // read, but the loss or LR was not recognised: ask
    } else {
        errors << tr("%1: no runs with curves in this file").arg(QFileInfo(path).fileName());
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
        const Run& r = m_runs[i];
        const bool protocolTrain = isProtocolTrainRun(QFileInfo(r.file).completeBaseName());
        m_doc.setTrain(r.docId, protocolTrain);
        train += protocolTrain ? 1 : 0;
    }
    if (train == 0) // not the MPL set after all: fit on everything
        for (std::size_t i = before; i < m_runs.size(); ++i)
            m_doc.setTrain(m_runs[i].docId, true);
    if (before == 0) { // the default scenarios follow the training runs, which are known only now
        m_scenarios = {};
        commitScenarios();
        ensureDefaultScenarios();
    }
    refreshRunsTree();
    refreshPlots();
    if (added > 0 && train > 0)
        m_statusLabel->setText(
            tr("Opened the bundled %1 example: fitting on %n run(s) (MPL protocol), holding out %2.", nullptr,
               train)
                .arg(prefix.chopped(1))
                .arg(added - train));
    return added;
}

void MainWindow::setRunTrain(int index, bool train)
{
    if (index < 0 || index >= int(m_runs.size()) || m_runs[std::size_t(index)].train == train)
        return;
    m_doc.setTrain(m_runs[std::size_t(index)].docId, train);
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
        setRunVisible(r, shown);
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
    core::Curve rebuilt = *curve;
    rebuilt.name = name;
    setRunCurve(r, std::move(rebuilt));
    r.shownMetrics.removeAll(metric);
    r.fitMetric = metric;
    setRunVisible(r, true);
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
        item->setText(RunName, isFollowed(r.file) ? tr("%1 · following").arg(fromStd(r.curve.name))
                                                  : fromStd(r.curve.name));
        item->setIcon(RunName, colorChip(r.color));
        item->setToolTip(
            RunName, tr("%1\n%n point(s), steps %2–%3, warmup %4 steps", nullptr, int(r.curve.steps.size()))
                         .arg(r.file)
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
            QString tip = tr("%1: %n point(s), steps %2–%3, last value %4", nullptr, int(m.points))
                              .arg(m.name)
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
        auto* hint = new QTreeWidgetItem(item, {tr("No LR: double-click to give it")});
        hint->setFirstColumnSpanned(true);
        hint->setToolTip(RunName, what);
        hint->setData(RunName, kNeedsLrRole, it.key());
        QFont bold = hint->font(RunName);
        bold.setBold(true);
        hint->setFont(RunName, bold);
        for (const QString& run : it.value()) {
            auto* child = new QTreeWidgetItem(item, {shownRunName(run.toStdString(), it.key())});
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

} // namespace losscast::app
