// The Scenarios part of the main window: "what if" schedules, their live predictions, control-point editing
// on the LR plot, and parameter edits, all undoable.
#include "app/gui/scenarios.h"

#include "app/gui/commands.h"
#include "app/gui/mainwindow.h"

#include "core/export/fitfile.h"
#include "core/fit/uncertainty.h"
#include "core/optimize/schedulesearch.h"
#include "core/workspace/scenario.h"
#include "widgets/parametertable.h"
#include "widgets/plotpanel.h"
#include "widgets/scenarioeditor.h"
#include "widgets/seriesmath.h"
#include "widgets/taskrunner.h"

#include <QDockWidget>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace losscast::app {

QColor scenarioColor(std::size_t index)
{
    static const QColor colors[] = {QColor(0xc2, 0x18, 0x8a), QColor(0x00, 0x96, 0x88),
                                    QColor(0xe6, 0x8a, 0x00), QColor(0x3f, 0x51, 0xb5),
                                    QColor(0x6d, 0x9e, 0x1e), QColor(0x9c, 0x27, 0xb0)};
    return colors[index % std::size(colors)];
}

/// The name a scenario gets from its schedule ("Cosine 24k", "WSD 20% linear"); a scenario that still has the
/// name of its schedule is renamed when the schedule changes, a name the user typed stays.
static QString autoScenarioName(const core::Schedule& s)
{
    if (s.phases().size() != 1)
        return MainWindow::tr("Custom");
    const core::SchedulePhase& p = s.phases().front();
    const std::int64_t n = s.totalSteps();
    const QString length =
        n >= 1000 && n % 1000 == 0 ? MainWindow::tr("%1k").arg(n / 1000) : MainWindow::tr("%1 steps").arg(n);
    switch (p.kind) {
    case core::ScheduleKind::Cosine:
        return MainWindow::tr("Cosine %1").arg(length);
    case core::ScheduleKind::Wsd: {
        const double fraction =
            p.decaySteps > 0 ? double(p.decaySteps) / double(std::max<std::int64_t>(1, n)) : p.decay;
        const QString shape = p.shape == core::DecayShape::Linear        ? MainWindow::tr("linear")
                              : p.shape == core::DecayShape::Cosine      ? MainWindow::tr("cosine")
                              : p.shape == core::DecayShape::Exponential ? MainWindow::tr("exponential")
                                                                         : MainWindow::tr("1−sqrt");
        return MainWindow::tr("WSD %1% %2").arg(QString::number(100 * fraction, 'g', 3), shape);
    }
    case core::ScheduleKind::Constant:
        return MainWindow::tr("Constant %1").arg(length);
    case core::ScheduleKind::Linear:
        return MainWindow::tr("Linear decay %1").arg(length);
    case core::ScheduleKind::Piecewise:
    case core::ScheduleKind::Logged:
        return MainWindow::tr("Custom");
    default:
        return QString::fromStdString(core::toString(p.kind)) + QLatin1Char(' ') + length;
    }
}

/// Renames `sc` for its new schedule when it still carries the old schedule's name. A drag turns a preset
/// into Custom points: "WSD 20% linear, edited" says where it came from.
static void followScheduleName(Scenario& sc, const core::Schedule& old)
{
    if (sc.name != autoScenarioName(old))
        return;
    const auto isPoints = [](const core::Schedule& s) {
        return !s.phases().empty() && (s.phases().front().kind == core::ScheduleKind::Piecewise ||
                                       s.phases().front().kind == core::ScheduleKind::Logged);
    };
    sc.name = isPoints(sc.schedule) && !isPoints(old) ? MainWindow::tr("%1, edited").arg(sc.name)
                                                      : autoScenarioName(sc.schedule);
}

void MainWindow::buildScenariosDock()
{
    auto* dock = new QDockWidget(tr("Scenarios"), this);
    dock->setObjectName("scenariosDock");
    m_scenarioEditor = new widgets::ScenarioEditor;
    dock->setWidget(m_scenarioEditor);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    connect(m_scenarioEditor, &widgets::ScenarioEditor::currentChanged, this,
            &MainWindow::setCurrentScenario);
    connect(m_scenarioEditor, &widgets::ScenarioEditor::baselineChanged, this, [this](int i) {
        const ScenarioState before = m_scenarios;
        m_scenarios.baseline = i;
        pushScenarioChange(tr("Change baseline"), before);
    });
    connect(m_scenarioEditor, &widgets::ScenarioEditor::addRequested, this, [this] {
        const int cur = m_scenarios.current;
        const core::Schedule s = cur >= 0 ? m_scenarios.scenarios[std::size_t(cur)].schedule
                                          : widgets::ScenarioEditor::defaultSchedule();
        addScenario(tr("Scenario %1").arg(m_scenarios.scenarios.size() + 1), s);
    });
    connect(m_scenarioEditor, &widgets::ScenarioEditor::duplicateRequested, this, [this](int i) {
        const Scenario& s = m_scenarios.scenarios.at(std::size_t(i));
        addScenario(tr("%1 (copy)").arg(s.name), s.schedule);
    });
    connect(m_scenarioEditor, &widgets::ScenarioEditor::removeRequested, this, [this](int i) {
        if (i < 0 || i >= int(m_scenarios.scenarios.size()))
            return;
        const ScenarioState before = m_scenarios;
        const QString name = m_scenarios.scenarios[std::size_t(i)].name;
        m_scenarios.scenarios.erase(m_scenarios.scenarios.begin() + i);
        const int n = int(m_scenarios.scenarios.size());
        m_scenarios.current = n == 0 ? -1 : std::min(i, n - 1);
        if (m_scenarios.baseline >= n || m_scenarios.baseline == i)
            m_scenarios.baseline = 0;
        else if (m_scenarios.baseline > i)
            --m_scenarios.baseline;
        pushScenarioChange(tr("Remove scenario \"%1\"").arg(name), before);
    });
    connect(m_scenarioEditor, &widgets::ScenarioEditor::renameRequested, this,
            [this](int i, const QString& name) {
                const ScenarioState before = m_scenarios;
                m_scenarios.scenarios.at(std::size_t(i)).name = name;
                pushScenarioChange(tr("Rename scenario"), before);
            });
    connect(m_scenarioEditor, &widgets::ScenarioEditor::phaseEdited, this,
            [this](int i, const core::SchedulePhase& phase) {
                const ScenarioState before = m_scenarios;
                const auto made = core::Schedule::create({phase});
                if (!made.ok()) {
                    m_statusLabel->setText(QString::fromStdString(made.errorText()));
                    return;
                }
                Scenario& sc = m_scenarios.scenarios.at(std::size_t(i));
                const core::Schedule old = sc.schedule;
                sc.schedule = *made;
                followScheduleName(sc, old);
                pushScenarioChange(
                    tr("Edit schedule of \"%1\"").arg(m_scenarios.scenarios[std::size_t(i)].name), before);
            });

    connect(m_scenarioEditor, &widgets::ScenarioEditor::optimiseRequested, this,
            &MainWindow::optimiseScenario);
    m_optRunner = new widgets::TaskRunner(this);
    connect(m_optRunner, &widgets::TaskRunner::progress, this,
            [this](quint64, double f, const QString& what) {
                m_statusProgress->setVisible(true);
                m_statusProgress->setValue(int(f * 1000));
                m_statusLabel->setText(tr("Optimising the schedule: %1").arg(what));
            });
    connect(m_optRunner, &widgets::TaskRunner::cancelled, this, [this] {
        m_statusProgress->setVisible(false);
        m_statusLabel->setText(tr("Schedule search cancelled."));
    });
    connect(m_optRunner, &widgets::TaskRunner::finished, this, [this](quint64, const QVariant& v) {
        m_statusProgress->setVisible(false);
        const auto out = v.value<OptimiseOutput>();
        if (!out.error.isEmpty() || out.schedule.phases().empty()) {
            m_statusLabel->setText(tr("Schedule search failed: %1").arg(out.error));
            return;
        }
        addScenario(tr("Optimised (%1)").arg(out.from), out.schedule);
        m_statusLabel->setText(out.summary);
    });
    connect(m_plot, &widgets::PlotPanel::controlPointSelected, this,
            [this](int) { beginControlPointDrag(); });
    // The plot speaks its x axis (steps or tokens); the scenarios are in steps.
    connect(m_plot, &widgets::PlotPanel::controlPointMoved, this, [this](int i, QPointF p) {
        moveControlPoint(i, {tokenAxis().stepAt(p.x()), p.y()});
    });
    connect(m_plot, &widgets::PlotPanel::controlPointDragFinished, this,
            [this] { finishControlPointDrag(); });
    connect(m_plot, &widgets::PlotPanel::controlPointAddRequested, this, [this](QPointF p) {
        addControlPoint({tokenAxis().stepAt(p.x()), p.y()});
    });
    connect(m_plot, &widgets::PlotPanel::controlPointRemoveRequested, this, &MainWindow::removeControlPoint);
}

void MainWindow::ensureDefaultScenarios()
{
    if (!m_scenarios.scenarios.empty() || m_runs.empty())
        return;
    // Start from what the user trained: the peak LR, warmup and length of the longest training run.
    double peak = 0, finalLr = 0;
    std::int64_t steps = 0, warmup = 0;
    for (const Run& r : m_runs) {
        if (!r.train || r.curve.steps.empty())
            continue;
        const auto& lr = r.curve.schedule.lr;
        peak = std::max(peak, *std::max_element(lr.begin(), lr.end()));
        if (r.curve.steps.back() > steps) {
            steps = r.curve.steps.back();
            warmup = std::max<std::int64_t>(r.curve.schedule.warmupSteps, 0);
            finalLr = lr.back();
        }
    }
    if (!(peak > 0) || steps < 2)
        return;
    // Logs end a little before the round number they were planned for (23936 of 24000): use the round one.
    const std::int64_t rounded = (steps + 999) / 1000 * 1000;
    if (double(rounded - steps) <= 0.01 * double(rounded))
        steps = rounded;
    if (!(finalLr > 0) || finalLr >= peak)
        finalLr = peak / 10;
    auto round3 = [](double v) { return std::stod(QString::number(v, 'g', 3).toStdString()); };
    peak = round3(peak);
    finalLr = round3(finalLr);
    warmup = std::clamp<std::int64_t>(warmup, 0, steps / 2);
    ScenarioState st;
    auto add = [&](const QString& name, const core::Schedule& s) {
        Scenario sc;
        sc.name = name;
        sc.color = scenarioColor(st.scenarios.size());
        sc.schedule = s;
        st.scenarios.push_back(sc);
    };
    for (const auto& schedule : {core::Schedule::cosine(peak, finalLr, steps, warmup),
                                 core::Schedule::wsd(peak, finalLr, steps, warmup, 0.2)})
        add(autoScenarioName(schedule), schedule);
    st.current = 1;
    st.baseline = 0;
    m_scenarios = st; // the starting point, not an undo step
    commitScenarios();
    predictScenarios();
    refreshScenarioViews();
}

void MainWindow::predictScenario(std::size_t i, bool live)
{
    if (m_predictions.size() != m_scenarios.scenarios.size())
        m_predictions.resize(m_scenarios.scenarios.size());
    const auto& fit = m_doc.currentFit();
    if (live && fit && fit->law && i < m_doc.scenarios().size())
        m_predictions[i] =
            core::workspace::predictSchedule(*fit->law, fit->fit, m_doc.scenarios()[i].schedule, true);
    else
        m_predictions[i] = m_doc.prediction(i); // cached by the document
}

void MainWindow::predictScenarios()
{
    // The document's predictions: cached by schedule under the fit's parameters, so undo, redo and selection
    // changes bring back schedules predicted before (a full-resolution prediction with its band costs tens of
    // milliseconds), and a new fit brings those its job computed.
    m_predictions.assign(m_scenarios.scenarios.size(), {});
    for (std::size_t i = 0; i < m_scenarios.scenarios.size(); ++i)
        m_predictions[i] = m_doc.prediction(i);
}

void MainWindow::refreshScenarioViews()
{
    std::vector<widgets::ScenarioEditor::Row> rows;
    for (std::size_t i = 0; i < m_scenarios.scenarios.size(); ++i) {
        const Scenario& s = m_scenarios.scenarios[i];
        rows.push_back({s.name, s.color, s.schedule,
                        i < m_predictions.size() ? m_predictions[i].finalLoss : std::nan("")});
    }
    m_scenarioEditor->setRows(rows, m_scenarios.current, m_scenarios.baseline);
}

void MainWindow::refreshFinalLosses()
{
    std::vector<double> losses;
    for (const auto& p : m_predictions)
        losses.push_back(p.finalLoss);
    m_scenarioEditor->setFinalLosses(losses);
}

void MainWindow::updatePlotSeries()
{
    QVector<widgets::PlotSeries> loss = m_runLossSeries;
    QVector<widgets::PlotSeries> lr = m_runLrSeries;
    const QString law = m_fit ? QString::fromStdString(m_fit->fit.law).toUpper() : QString();
    // On a tokens axis, steps are placed through the reference run's own step → tokens mapping.
    const core::TokenMap& axis = tokenAxis();
    for (std::size_t i = 0; i < m_scenarios.scenarios.size(); ++i) {
        const Scenario& s = m_scenarios.scenarios[i];
        const bool current = int(i) == m_scenarios.current;
        if (i < m_predictions.size() && !m_predictions[i].loss.empty()) {
            const ScenarioPrediction& p = m_predictions[i];
            widgets::PlotSeries ps;
            ps.id = QStringLiteral("scenario%1").arg(i);
            ps.name = tr("%1 (%2 prediction)").arg(s.name, law);
            ps.color = s.color;
            ps.role = widgets::PlotSeries::Role::Predicted;
            ps.x = p.steps;
            if (!axis.empty())
                for (double& x : ps.x)
                    x = axis.tokensAt(x);
            ps.y = p.loss;
            ps.lower = p.lower;
            ps.upper = p.upper;
            ps.emphasised = current;
            loss.push_back(std::move(ps));
        }
        widgets::PlotSeries ls;
        ls.id = QStringLiteral("scenario%1").arg(i);
        ls.name = s.name;
        ls.color = s.color;
        ls.role = widgets::PlotSeries::Role::Predicted;
        ls.emphasised = current;
        const std::vector<double> y = s.schedule.render();
        std::vector<double> x(y.size());
        for (std::size_t k = 0; k < x.size(); ++k)
            x[k] = double(k);
        widgets::decimateMinMax(x, y, 800, ls.x,
                                ls.y); // a schedule is smooth: 800 points draw it exactly enough
        if (!axis.empty())
            for (double& v : ls.x)
                v = axis.tokensAt(v);
        lr.push_back(std::move(ls));
    }
    appendSizeCurve(loss); // the Scaling view's curve at a model size (sizecurve.cpp)
    m_plot->setLossSeries(loss);
    m_plot->setLrSeries(lr);
    const int cur = m_scenarios.current;
    QVector<QPointF> points = currentControlPoints();
    if (!axis.empty())
        for (QPointF& pt : points)
            pt.rx() = axis.tokensAt(pt.x());
    m_plot->setControlPoints(points, cur >= 0 ? m_scenarios.scenarios[std::size_t(cur)].color : QColor());
}

QVector<QPointF> MainWindow::currentControlPoints() const
{
    QVector<QPointF> out;
    const int cur = m_doc.currentScenario();
    if (cur < 0)
        return out;
    for (const auto& p : m_doc.controlPoints(std::size_t(cur)))
        out << QPointF(p.step, p.lr);
    return out;
}

void MainWindow::applyScenarioState(const ScenarioState& state)
{
    m_scenarios = state; // with the colours, which the document does not keep
    commitScenarios();
    predictScenarios();
    refreshScenarioViews();
    updatePlotSeries();
}

void MainWindow::pushScenarioChange(const QString& text, const ScenarioState& before)
{
    // The change is already in m_scenarios: redraw now, record it for undo without applying it twice.
    applyScenarioState(m_scenarios);
    m_undo->push(new ScenarioCommand(
        text, before, m_scenarios, [this](const ScenarioState& s) { applyScenarioState(s); }, true));
    m_statusLabel->setText(text);
}

void MainWindow::addScenario(const QString& name, const core::Schedule& schedule)
{
    const ScenarioState before = m_scenarios;
    Scenario sc;
    sc.name = name;
    sc.color = scenarioColor(m_scenarios.scenarios.size());
    sc.schedule = schedule;
    m_scenarios.scenarios.push_back(sc);
    m_scenarios.current = int(m_scenarios.scenarios.size()) - 1;
    pushScenarioChange(tr("Add scenario \"%1\"").arg(name), before);
}

void MainWindow::setCurrentScenario(int index)
{
    if (index == m_scenarios.current || index < 0 || index >= int(m_scenarios.scenarios.size()))
        return;
    m_doc.setCurrentScenario(index); // selection is not an undo step; m_scenarios follows
    refreshScenarioViews();
    updatePlotSeries();
}

void MainWindow::beginControlPointDrag()
{
    m_dragBefore = m_scenarios;
    m_dragging = true;
}

void MainWindow::moveControlPoint(int index, QPointF pos)
{
    const int cur = m_scenarios.current;
    if (cur < 0 || cur >= int(m_scenarios.scenarios.size()))
        return;
    const std::vector<core::LrPoint> pts = m_doc.controlPoints(std::size_t(cur));
    if (index < 0 || index >= int(pts.size()))
        return;
    // A point stays between its neighbours; the last one sets the schedule's length.
    const double lo = index > 0 ? pts[std::size_t(index) - 1].step + 1 : 0.0;
    const double hi =
        index + 1 < int(pts.size()) ? pts[std::size_t(index) + 1].step - 1 : double(core::kMaxScheduleSteps);
    const double step = std::round(std::clamp(pos.x(), lo, std::max(lo, hi)));
    // The document moves it through the schedule (core::setEditedPoints); m_scenarios follows.
    std::string why;
    if (!m_doc.moveControlPoint(std::size_t(cur), std::size_t(index), {step, std::max(0.0, pos.y())}, &why)) {
        m_statusLabel->setText(tr("Point not moved: %1").arg(QString::fromStdString(why)));
        return;
    }
    predictScenario(std::size_t(cur), m_dragging);
    updatePlotSeries();
    refreshFinalLosses();
    const double fl = m_predictions[std::size_t(cur)].finalLoss;
    m_statusLabel->setText(std::isfinite(fl)
                               ? tr("Step %1, LR %2: predicted final loss %3")
                                     .arg(step, 0, 'f', 0)
                                     .arg(pos.y(), 0, 'g', 3)
                                     .arg(fl, 0, 'f', 4)
                               : tr("Step %1, LR %2").arg(step, 0, 'f', 0).arg(pos.y(), 0, 'g', 3));
}

void MainWindow::finishControlPointDrag()
{
    if (!m_dragging)
        return;
    m_dragging = false;
    const int cur = m_scenarios.current;
    if (cur >= 0 && cur < int(m_dragBefore.scenarios.size()))
        followScheduleName(m_scenarios.scenarios[std::size_t(cur)],
                           m_dragBefore.scenarios[std::size_t(cur)].schedule);
    applyScenarioState(m_scenarios); // full resolution and the band again
    const QString name = cur >= 0 ? m_scenarios.scenarios[std::size_t(cur)].name : QString();
    m_undo->push(new ScenarioCommand(
        tr("Move point of \"%1\"").arg(name), m_dragBefore, m_scenarios,
        [this](const ScenarioState& s) { applyScenarioState(s); }, true));
}

void MainWindow::addControlPoint(QPointF pos)
{
    const int cur = m_scenarios.current;
    if (cur < 0)
        return;
    const ScenarioState before = m_scenarios;
    const std::vector<core::LrPoint> pts = m_doc.controlPoints(std::size_t(cur));
    const double step = std::round(std::max(0.0, pos.x()));
    if (std::any_of(pts.begin(), pts.end(), [&](const auto& p) { return p.step == step; }))
        return;
    std::string why;
    if (!m_doc.addControlPoint(std::size_t(cur), {step, std::max(0.0, pos.y())}, &why)) {
        m_statusLabel->setText(tr("Point not added: %1").arg(QString::fromStdString(why)));
        return;
    }
    pushScenarioChange(tr("Add point to \"%1\"").arg(m_scenarios.scenarios[std::size_t(cur)].name), before);
}

void MainWindow::removeControlPoint(int index)
{
    const int cur = m_scenarios.current;
    if (cur < 0)
        return;
    const ScenarioState before = m_scenarios;
    const std::vector<core::LrPoint> pts = m_doc.controlPoints(std::size_t(cur));
    if (index < 0 || index >= int(pts.size()) || pts.size() <= 2) {
        m_statusLabel->setText(tr("A custom schedule keeps at least two points."));
        return;
    }
    std::string why;
    if (!m_doc.removeControlPoint(std::size_t(cur), std::size_t(index), &why)) {
        m_statusLabel->setText(tr("Point not removed: %1").arg(QString::fromStdString(why)));
        return;
    }
    pushScenarioChange(tr("Remove point of \"%1\"").arg(m_scenarios.scenarios[std::size_t(cur)].name),
                       before);
}

bool MainWindow::optimiseScenario(int index)
{
    if (!m_fit || !m_fit->law || index < 0 || index >= int(m_scenarios.scenarios.size())) {
        m_statusLabel->setText(tr("Fit a law first: the search minimises its predicted final loss."));
        return false;
    }
    const Scenario& sc = m_scenarios.scenarios[std::size_t(index)];
    core::optimize::ScheduleSearchOptions o;
    o.totalSteps = sc.schedule.totalSteps();
    o.warmupSteps = sc.schedule.warmupSteps();
    o.peak = sc.schedule.maxLr();
    const double fin = sc.schedule.lrAt(o.totalSteps);
    o.finalMin = fin > 0 && fin < o.peak ? fin : o.peak / 10;
    o.finalMax = o.finalMin;
    o.knots = 32;
    o.timeLimitSeconds = 8.0;
    const std::string why = o.validate();
    if (!why.empty()) {
        m_statusLabel->setText(tr("Cannot optimise \"%1\": %2").arg(sc.name, QString::fromStdString(why)));
        return false;
    }
    const auto law = m_fit->law;
    const auto params = m_fit->fit.params;
    const auto settings = m_fit->fit.settings;
    const QString name = sc.name;
    m_optRunner->start(tr("searching"), [law, params, settings, o, name](const core::fit::Control& control) {
        OptimiseOutput out;
        out.from = name;
        const auto r = core::optimize::searchSchedule(*law, params, settings, o, control);
        if (!r.ok()) {
            out.error = QString::fromStdString(r.errorText());
            return QVariant::fromValue(out);
        }
        out.schedule = r->schedule;
        QString baselines;
        for (const auto& b : r->baselines)
            baselines +=
                QStringLiteral(", %1 %2").arg(QString::fromStdString(b.name)).arg(b.finalLoss, 0, 'f', 4);
        out.summary = QObject::tr("Optimised schedule: predicted final loss %1 (%2 in %3 s; %4)")
                          .arg(r->optimized.finalLoss, 0, 'f', 4)
                          .arg(QString::fromStdString(r->status))
                          .arg(r->seconds, 0, 'g', 2)
                          .arg(baselines.mid(2));
        return QVariant::fromValue(out);
    });
    return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters

void MainWindow::setParameters(const std::vector<double>& params)
{
    if (!m_fit || params.size() != m_fit->fit.params.size())
        return;
    m_doc.setParameterValues(params); // the window's m_fit follows (syncFromDocument)
    refreshModel();
    predictScenarios();
    refreshScenarioViews();
    refreshPlots();
}

void MainWindow::setParameterValue(int index, double value)
{
    if (!m_fit || index < 0 || index >= int(m_fit->fit.params.size()))
        return;
    std::vector<double> after = m_fit->fit.params;
    after[std::size_t(index)] = value;
    const QString name = QString::fromStdString(m_fit->fit.names.at(std::size_t(index)));
    m_undo->push(new ParameterCommand(tr("Set %1 = %2").arg(name).arg(value), m_fit->fit.params, after,
                                      [this](const std::vector<double>& p) { setParameters(p); }));
}

bool MainWindow::openParametersFile(const QString& path, QString* error)
{
    const auto file = core::readFitFile(path.toStdString());
    if (!file.ok()) {
        if (error)
            *error = QString::fromStdString(file.errorText());
        return false;
    }
    auto fit = std::make_unique<FitResult>();
    fit->fit = file->fit;
    fit->warnings = file->warnings;
    fit->law = core::findCurveLaw(file->fit.law);
    if (!fit->law) {
        if (error)
            *error = tr("%1: law \"%2\" is not available").arg(path, QString::fromStdString(file->fit.law));
        return false;
    }
    for (const auto& f : file->files)
        fit->trainFiles << QString::fromStdString(f.path);
    for (const Run& r : m_runs)
        if (fit->trainFiles.contains(r.file))
            fit->trainIds << r.id;
    m_fit = std::move(fit);
    handFitToDocument(); // its curves of the runs are predicted when drawn
    setLaw(QString::fromStdString(m_fit->fit.law));
    refreshModel();
    refreshPlots();
    m_statusLabel->setText(tr("Parameters read from %1").arg(path));
    return true;
}

} // namespace losscast::app
