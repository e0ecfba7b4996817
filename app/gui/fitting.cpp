// The Model dock of the main window: the law choice, Fit and Cancel, the fit in the background (TaskRunner,
// latest wins) with the run curves and scenario predictions computed in the worker, and the parameter and
// quality tables it fills.
#include "app/gui/fitting.h"

#include "app/gui/commands.h"
#include "app/gui/fitfindings.h"
#include "app/gui/fixedlaw.h"
#include "app/gui/mainwindow.h"
#include "app/gui/parameterrows.h"

#include "core/fit/uncertainty.h"
#include "core/workspace/lawfit.h"
#include "widgets/parametertable.h"
#include "widgets/plotpanel.h"
#include "widgets/scenarioeditor.h"
#include "widgets/taskrunner.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace losscast::app {

namespace {
/// Below this mean R² on the fitted runs the window says the law does not describe them.
constexpr double kPoorR2 = 0.5;
} // namespace

/// Fewest points a run needs for the law `lawId` ("auto": every candidate) to be fitted on it: one more than
/// the law has parameters. With fewer, the least-squares problem is degenerate (any curve through the
/// points).
std::size_t minFitPoints(const QString& lawId)
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
        m_lawCombo->addItem(QString::fromStdString(law->id()).toUpper() + QStringLiteral(" — ") +
                                QString::fromStdString(law->displayName()),
                            QString::fromStdString(law->id()));
    if (m_lawCombo->count() == 0)
        m_lawCombo->addItem(tr("(no law available)"), QString());
    else
        m_lawCombo->addItem(tr("Auto — fit each law, keep the one that forecasts best"),
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
    m_fitProgress->setObjectName(QStringLiteral("fitProgress"));
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
    m_fitSummary->setObjectName(QStringLiteral("fitSummary"));
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

    // Scrolls when the dock is shorter than its contents (a bottom dock open, a long Auto sentence and
    // warnings in the summary): a word-wrapped label's height is not a minimum a dock keeps, and the
    // parameter table was drawn over "Fit quality".
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("modelScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(w);
    dock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, dock);
}

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
    std::shared_ptr<const core::CurveLaw> law =
        autoLaw ? (core::curveLaws().empty() ? nullptr : core::curveLaws().front())
                : core::findCurveLaw(lawId().toStdString());
    if (!law) {
        m_statusLabel->setText(tr("No law selected: the engine has no curve law registered."));
        return false;
    }
    // The one fit of the document (core/workspace/lawfit.h): the same robust fit, model choice and warnings
    // as losscast-cli fit/eval.
    core::workspace::LawFitRequest request;
    request.lawId = autoLaw ? "auto" : law->id();
    // Fixed parameters (Model dock) apply to a refit of the same law: the fitter then sees only the free
    // ones. The Fixed column decides alone once the user has seen it: the law's own held parameters (MPL's β,
    // γ) are free again when unticked. Ticks equal to the law's own holding are its default fit.
    const std::vector<bool>& fixed = m_doc.fixed(); // the Model dock's Fixed column
    if (!autoLaw && m_fit && m_fit->law && m_fit->law->id() == law->id() &&
        fixed.size() == m_fit->fit.params.size()) {
        if (std::count(fixed.begin(), fixed.end(), false) == 0) {
            m_statusLabel->setText(tr("Every parameter is fixed: untick Fixed for at least one to fit."));
            return false;
        }
        if (core::workspace::differsFromOwnHolding(*law, fixed)) {
            request.fixed = fixed;
            request.fixedValues = m_fit->fit.params;
            law = std::make_shared<FixedParamsLaw>(law, m_fit->fit.params, fixed);
        }
    }
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
        const QString why =
            tr("Not fitted: the runs ticked for fitting have %n point(s), but %1 has %2 "
               "parameters, so the fit "
               "would be degenerate (it needs at least %3 points). Tick longer runs.",
               "", int(points))
                .arg(autoLaw ? tr("the largest law") : QString::fromStdString(law->id()).toUpper())
                .arg(need - 1)
                .arg(need);
        m_statusLabel->setText(why);
        m_fitSummary->setText(why);
        return false;
    }
    const QString what = autoLaw ? tr("Fitting every law on %n run(s)…", "", int(curves.size()))
                                 : tr("Fitting %1 on %n run(s)…", "", int(curves.size()))
                                       .arg(QString::fromStdString(law->id()).toUpper());
    setBusy(true, what);
    m_runner->start(what, [request, curves = std::move(curves), heldOut = std::move(heldOut),
                           allCurves = std::move(allCurves), allIds,
                           schedules = std::move(schedules)](const core::fit::Control& control) mutable {
        // How far the forecasts go (the hold-out runs and the scenarios): with Auto, annealing beyond the
        // fitted runs is a question no validation fold can ask (core::fit::chooseCurveLaw). Sampling the
        // scenarios' schedules takes ~10 ms: here, not on the GUI thread.
        request.targetLr = core::workspace::forecastReach(heldOut, schedules);
        request.control = control;
        core::workspace::LawFitOutcome fitted = core::workspace::fitLaw(curves, request);
        const bool ok = fitted.ok(); // before its fit moves into the result
        FitJobOutput result;
        result.fit = std::move(fitted.fit);
        if (fitted.law)
            result.fit.law = fitted.law->id();
        result.error = QString::fromStdString(fitted.error);
        result.warnings = std::move(fitted.warnings);
        result.notes = std::move(fitted.notes);
        result.choice = std::move(fitted.choice);
        // The curves the window draws and scores with the new fit are computed here, off the GUI thread: with
        // MPL they take longer than the 50 ms the event loop may block (`losscast --benchmark-fit`).
        const auto registered = core::findCurveLaw(result.fit.law);
        const auto cancelled = [&] { return control.isCancelled && control.isCancelled(); };
        if (registered && ok && !cancelled()) {
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
    fit->warnings = out.warnings;
    fit->notes = out.notes;
    fit->choice = out.choice;
    fit->fittedParams = fit->fit.params;
    const bool userFixed = dynamic_cast<const FixedParamsLaw*>(fit->law.get()) != nullptr;
    if (auto chosen = core::findCurveLaw(out.fit.law))
        fit->law = chosen; // auto mode picks one of several
    const bool usable = fit->fit.summary.isUsable() && !fit->fit.params.empty();
    m_fitProgress->setValue(usable ? 1000 : 0);
    if (!usable) {
        const QString why =
            out.error.isEmpty() ? QString::fromStdString(fit->fit.summary.message) : out.error;
        setBusy(false, tr("Fit failed: %1").arg(why));
        m_fitSummary->setText(
            tr("Fit failed: %1")
                .arg(out.error.isEmpty() ? QString::fromStdString(fit->fit.summary.briefReport()) : out.error)
                .toHtmlEscaped());
        emit fitFinished(false);
        return;
    }
    std::vector<bool> fixed = m_doc.fixed();
    if (!m_fit || m_fit->fit.law != fit->fit.law)
        fixed.clear(); // a different law has different parameters
    // Parameters the law held under its own settings (MPL's β and γ by default) show as Fixed; unticking one
    // frees it in the next fit (which then goes through FixedParamsLaw, where the user's ticks decide alone).
    if (fit->law && !userFixed) {
        const auto held = fit->law->heldParameters(fit->fit.settings);
        if (!held.empty())
            fixed.assign(fit->fit.params.size(), false);
        for (const auto& h : held)
            if (h.index < fixed.size())
                fixed[h.index] = true;
    }
    m_fit = std::move(fit);
    // The document's fit, with the runs' fitted curves (they score the runs) and the scenarios' predictions
    // the job computed: predictScenarios() finds them there.
    handFitToDocument(out.runIds, out.fitted, out.scenarios);
    m_doc.setFixed(fixed, m_fit->fit.params);
    refreshModel();
    predictScenarios();
    refreshScenarioViews();
    refreshPlots();
    // Say what the fit gives next: the scenarios' predictions (the newcomer's "now what?").
    setBusy(false,
            tr("Fitted %1 in %2 s: %3. The Scenarios dock now predicts each schedule's loss: pick one, "
               "change its form or drag its points on the LR plot.")
                .arg(QString::fromStdString(m_fit->fit.law).toUpper())
                .arg(m_fit->fit.summary.seconds, 0, 'g', 2)
                .arg(QString::fromStdString(toString(m_fit->fit.summary.status))));
    emit fitFinished(true);
}

const core::TokenMap& MainWindow::tokenAxis() const
{
    static const core::TokenMap steps; // the identity
    if (!m_tokensX || !m_tokensX->isChecked())
        return steps;
    for (const Run& r : m_runs)
        if (!r.tokens.empty() && r.visible)
            return r.tokens;
    return steps;
}

double MainWindow::xScale() const
{
    const core::TokenMap& axis = tokenAxis();
    if (axis.empty())
        return 1.0;
    const double last = axis.steps().back();
    return last > 0 ? axis.tokensAt(last) / last : 1.0;
}

std::vector<double> MainWindow::fittedCurve(const Run& run) const
{
    // The document's: the job's curve while the parameters are as fitted, else predicted now. A followed run
    // grows every second (a growing run of the document): predicting its 100k steps here would block the
    // event loop. Its live forecast (Forecast dock) is what is drawn for it; a refit (Ctrl+F) computes this
    // in the worker.
    return m_doc.fittedCurve(run.docId);
}

void MainWindow::refreshModel()
{
    if (!m_fit) {
        m_params->setRows({});
        m_quality->setRowCount(0);
        return;
    }
    const auto& f = m_fit->fit;
    m_params->setRows(parameterRows(*m_fit->law, f, m_doc.fixed()));

    QString settings;
    for (const auto& [k, v] : f.settings)
        settings += QStringLiteral(", %1 = %2").arg(QString::fromStdString(k)).arg(v);
    m_fitSummary->setText(
        tr("<b>%1</b><br>%2 on %n run(s) in %3 s, %4 starts, final cost %5%6", "",
           int(m_fit->trainIds.size()))
            .arg(QString::fromStdString(m_fit->law->displayName()),
                 QString::fromStdString(toString(f.summary.status)))
            .arg(f.summary.seconds, 0, 'g', 2)
            .arg(f.summary.starts)
            .arg(f.summary.finalCost, 0, 'g', 3)
            .arg(settings.isEmpty() ? QString() : QStringLiteral("<br>") + settings.mid(2).toHtmlEscaped()));
    m_fitSummary->setToolTip(QString::fromStdString(f.summary.briefReport()));

    // The document's scores (Workspace::scores: cached until the fit or the runs change).
    std::vector<core::fit::Metrics> trainM, testM;
    for (const auto& s : m_doc.scores())
        (s.train ? trainM : testM).push_back(s.metrics);
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
    // How Auto chose, the robust fit's refit and the degeneracy warnings (core::workspace::fitLaw).
    if (const QString findings = FitFindings::html(*m_fit); !findings.isEmpty())
        m_fitSummary->setText(m_fitSummary->text() + QStringLiteral("<br>") + findings);
    if (m_fit->choice)
        m_fitSummary->setToolTip(m_fitSummary->toolTip() + QStringLiteral("\n") +
                                 QString::fromStdString(m_fit->choice->criterion));
    if (!testM.empty())
        addRow(tr("mean"), tr("held out"), core::fit::average(testM), true);
    for (const auto& s : m_doc.scores()) {
        QString name;
        for (const Run& r : m_runs)
            if (r.docId == s.runId)
                name = QString::fromStdString(r.curve.name);
        addRow(name, s.train ? tr("train") : tr("held out"), s.metrics, false);
    }
}

} // namespace losscast::app
