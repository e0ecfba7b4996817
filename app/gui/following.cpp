// Following runs in the window (issue #15): the Follow toggle, the live forecast of a followed run in the
// Forecast dock, the pinned forecast and the alarm banner over the plots (see following.h).
#include "app/gui/following.h"

#include "app/gui/guitext.h"
#include "app/gui/mainwindow.h"
#include "app/gui/runroles.h"

#include "core/fit/forecast.h"
#include "core/schedule/schedule.h"
#include "core/workspace/follow.h"
#include "core/workspace/scenario.h"
#include "widgets/forecastpanel.h"
#include "widgets/seriesmath.h"
#include "widgets/taskrunner.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace losscast::app {

namespace ws = core::workspace;

namespace {

/// The name the window shows a run by (as addImportedRuns names it): the importer's, or the file's stem
/// where it has none or only dots.
QString windowRunName(const std::string& name, const QString& path)
{
    const QString n = QString::fromStdString(name).trimmed();
    const bool onlyDots =
        std::all_of(n.begin(), n.end(), [](QChar c) { return c == '.' || c == '/' || c == '\\'; });
    return onlyDots ? QFileInfo(path).completeBaseName() : n;
}

/// Linear interpolation of y(x) at `at` on ascending xs (clamped to the ends).
double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double at)
{
    const auto it = std::lower_bound(xs.begin(), xs.end(), at);
    if (it == xs.begin())
        return ys.front();
    if (it == xs.end())
        return ys.back();
    const std::size_t i = std::size_t(it - xs.begin());
    const double t = (at - xs[i - 1]) / (xs[i] - xs[i - 1]);
    return ys[i - 1] + t * (ys[i] - ys[i - 1]);
}

QString stepText(std::int64_t step)
{
    return QLocale().toString(qlonglong(step));
}

/// The forecast in the worker: fit, band at T, the curve and its band from the first logged step to T, and
/// where it reaches the target.
LiveForecastOutput liveForecast(const core::Curve& curve, bool lrFromLog, const core::ScheduleInput& planned,
                                core::fit::ForecastRequest request, std::optional<double> target)
{
    LiveForecastOutput out;
    const ws::LiveForecast f = ws::forecastFollowed(curve, lrFromLog, planned, request);
    out.ok = f.ok();
    out.problem = QString::fromStdString(f.problem());
    out.law = f.forecast.law ? QString::fromStdString(f.forecast.law->id()).toUpper() : QString();
    out.step = f.step;
    out.finalStep = f.finalStep;
    out.points = f.points;
    out.fitPoints = f.fitPoints;
    out.finalLoss = f.finalLoss;
    out.lower = f.lower;
    out.upper = f.upper;
    out.seconds = f.seconds;
    for (const auto& w : f.forecast.warnings)
        out.warnings << QString::fromStdString(w.message);
    if (!out.ok || curve.steps.empty() || f.finalStep <= curve.steps.front())
        return out;
    if (request.control.isCancelled && request.control.isCancelled())
        return out;
    try {
        const core::ScheduleInput schedule = ws::plannedSchedule(curve, lrFromLog, planned);
        // Drawn from a tenth of the logged steps: the early transient (a law's blow-up near step 0) would
        // only stretch the loss axis; the part that matters is around and after the last logged step.
        const auto steps =
            ws::predictionSteps(std::max(curve.steps.front(), curve.steps.back() / 10), f.finalStep);
        const auto band = core::fit::forecastBand(f.forecast, schedule, steps, 0.95);
        if (band.loss.size() != steps.size())
            return out;
        out.steps.assign(steps.begin(), steps.end());
        out.loss = band.loss;
        out.curveLower = band.lower;
        out.curveUpper = band.upper;
        if (target) {
            for (std::size_t i = 0; i < out.loss.size(); ++i) {
                if (!(out.loss[i] <= *target))
                    continue;
                double step = out.steps[i];
                if (i > 0 && out.loss[i - 1] != out.loss[i]) // between the two evaluated steps
                    step = out.steps[i - 1] + (out.steps[i] - out.steps[i - 1]) *
                                                  (out.loss[i - 1] - *target) /
                                                  (out.loss[i - 1] - out.loss[i]);
                out.targetStep = std::int64_t(std::llround(step));
                break;
            }
        }
    } catch (const std::exception& e) {
        out.problem = QString::fromStdString(e.what());
        out.steps.clear();
    }
    return out;
}

} // namespace

void MainWindow::buildFollowing()
{
    qRegisterMetaType<LiveForecastOutput>();
    m_follow = std::make_unique<FollowState>();

    // The alarm banner over the plots.
    QWidget* plot = takeCentralWidget();
    auto* central = new QWidget;
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto* banner = m_follow->banner = new QFrame;
    banner->setObjectName(QStringLiteral("followAlarmBanner"));
    banner->setStyleSheet(
        QStringLiteral("QFrame#followAlarmBanner{background:#fdecea;border:2px solid #c0392b;}"
                       "QFrame#followAlarmBanner QLabel{color:#7b1a10;}"));
    auto* row = new QHBoxLayout(banner);
    row->setContentsMargins(10, 6, 10, 6);
    m_follow->bannerText = new QLabel;
    m_follow->bannerText->setObjectName(QStringLiteral("followAlarmText"));
    m_follow->bannerText->setWordWrap(true);
    auto* dismiss = new QPushButton(tr("Dismiss"));
    dismiss->setObjectName(QStringLiteral("followAlarmDismiss"));
    row->addWidget(m_follow->bannerText, 1);
    row->addWidget(dismiss);
    column->addWidget(banner);
    column->addWidget(plot, 1);
    banner->hide();
    setCentralWidget(central);
    connect(dismiss, &QPushButton::clicked, this, [this] {
        for (auto& e : m_follow->entries)
            e->alarmDismissed = e->alarmDismissed || e->alarmStep.has_value();
        refreshFollowBanner();
    });

    // The Forecast dock: a tab beside the Model dock, shown when a file is followed.
    auto* dock = m_follow->dock = new QDockWidget(tr("Forecast"), this);
    dock->setObjectName(QStringLiteral("forecastDock"));
    auto* panel = m_follow->panel = new widgets::ForecastPanel(dock);
    dock->setWidget(panel);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    if (auto* model = findChild<QDockWidget*>(QStringLiteral("modelDock")))
        tabifyDockWidget(model, dock);
    dock->hide();
    m_viewMenu->addAction(dock->toggleViewAction());
    connect(panel, &widgets::ForecastPanel::scheduleEdited, this, [this](const QString& spec) {
        QString error;
        setPlannedSchedule(m_follow->current, spec, &error);
    });
    connect(panel, &widgets::ForecastPanel::targetEdited, this,
            [this](std::optional<double> t) { setTargetLoss(m_follow->current, t); });
    connect(panel, &widgets::ForecastPanel::pinRequested, this, [this] { pinForecast(m_follow->current); });
    connect(panel, &widgets::ForecastPanel::unpinRequested, this,
            [this] { unpinForecast(m_follow->current); });
    // Another law: the live forecasts are made again with it.
    connect(m_lawCombo, &QComboBox::currentIndexChanged, this, [this] {
        for (auto& e : m_follow->entries)
            if (e->follower)
                requestLiveForecast(*e, true);
    });
    refreshForecastPanel();
}

FollowEntry* MainWindow::followEntryOf(const QString& file, bool create)
{
    const QString abs = QFileInfo(file).absoluteFilePath();
    for (auto& e : m_follow->entries)
        if (e->path == abs)
            return e.get();
    if (!create)
        return nullptr;
    auto e = std::make_unique<FollowEntry>();
    e->path = abs;
    e->runner = new widgets::TaskRunner(this);
    connect(e->runner, &widgets::TaskRunner::finished, this,
            [this, abs](quint64, const QVariant& result) { onLiveForecast(abs, result); });
    m_follow->entries.push_back(std::move(e));
    return m_follow->entries.back().get();
}

const FollowEntry* MainWindow::followEntry(const QString& file) const
{
    const QString abs = QFileInfo(file).absoluteFilePath();
    for (const auto& e : m_follow->entries)
        if (e->path == abs)
            return e.get();
    return nullptr;
}

void MainWindow::markGrowing(const QString& file, bool growing)
{
    for (const Run& r : m_runs)
        if (r.file == file)
            m_doc.setGrowing(r.docId, growing);
}

bool MainWindow::isFollowed(const QString& file) const
{
    const FollowEntry* e = m_follow ? followEntry(file) : nullptr;
    return e && e->follower;
}

QStringList MainWindow::followedFiles() const
{
    QStringList out;
    for (const auto& e : m_follow->entries)
        if (e->follower)
            out << e->path;
    return out;
}

widgets::ForecastPanel* MainWindow::forecastPanel() const
{
    return m_follow->panel;
}

void MainWindow::setFollowPollInterval(int ms)
{
    m_follow->pollMs = ms;
    for (auto& e : m_follow->entries)
        if (e->follower)
            e->follower->setPollInterval(ms);
}

bool MainWindow::liveForecastPending() const
{
    for (const auto& e : m_follow->entries)
        if (e->follower && !e->schedule.isEmpty() && (!e->live || e->runner->isRunning() || e->refitPending))
            return true;
    return false;
}

void MainWindow::clearFollows()
{
    if (!m_follow)
        return;
    for (auto& e : m_follow->entries) {
        delete e->follower.data();
        markGrowing(e->path, false);
        e->runner->cancel();
        e->runner->waitForIdle();
        e->runner->deleteLater();
    }
    m_follow->entries.clear();
    m_follow->current.clear();
    refreshFollowBanner();
    refreshForecastPanel();
}

/// The run of `e` the forecast is for (null when the file has no open run of that name).
static const Run* forecastRun(const std::vector<Run>& runs, const FollowEntry& e)
{
    const Run* first = nullptr;
    for (const Run& r : runs) {
        if (r.file != e.path)
            continue;
        if (QString::fromStdString(r.curve.name) == e.run)
            return &r;
        first = first ? first : &r;
    }
    return e.run.isEmpty() ? first : nullptr;
}

bool MainWindow::setFollowing(const QString& file, bool on, const QString& run, QString* error)
{
    const QString abs = QFileInfo(file).absoluteFilePath();
    const Run* firstRun = nullptr;
    for (const Run& r : m_runs)
        if (r.file == abs && (!firstRun || QString::fromStdString(r.curve.name) == run))
            firstRun = &r;
    if (!firstRun) {
        if (error)
            *error = tr("%1 is not open: open it first (File → Open), or use File → Follow….")
                         .arg(QFileInfo(abs).fileName());
        return false;
    }
    FollowEntry* e = followEntryOf(abs, on);
    if (!on) {
        if (!e || !e->follower)
            return true;
        delete e->follower.data();
        markGrowing(abs, false);
        e->runner->cancel();
        e->refitPending = false;
        e->live.reset();
        if (m_follow->current == abs) // the Forecast dock shows another followed file, if any
            for (const auto& other : m_follow->entries)
                if (other->follower) {
                    m_follow->current = other->path;
                    break;
                }
        refreshRunsTree();
        refreshPlots();
        refreshForecastPanel();
        markModified();
        m_statusLabel->setText(tr("%1 is no longer followed.").arg(QFileInfo(abs).fileName()));
        return true;
    }
    if (!run.isEmpty() || e->run.isEmpty())
        e->run = QString::fromStdString(firstRun->curve.name);
    m_follow->current = abs;
    if (!e->follower) {
        // Read as the window read it: the series the user chose, the LR (logged or the schedule given) and
        // the warmup the run has now.
        ws::FollowOptions options;
        if (const auto it = m_mappings.find(abs); it != m_mappings.end()) {
            options.loss = it->second.loss;
            options.lr = it->second.lr;
            options.schedule = it->second.schedule;
        } else if (firstRun->source) {
            options.loss = firstRun->fitMetric.toStdString();
            options.lr = firstRun->lrSeries;
        }
        options.warmupSteps = std::max<std::int64_t>(firstRun->curve.schedule.warmupSteps, 0);
        auto* follower = new Follower(abs, options, this);
        follower->setPollInterval(m_follow->pollMs);
        connect(follower, &Follower::updated, this,
                [this, abs](const std::shared_ptr<FollowSnapshot>& s) { onFollowSnapshot(abs, *s); });
        e->follower = follower;
        markGrowing(abs, true);
        e->checkedUpTo = -1;
        e->outside = 0;
        if (e->schedule.isEmpty())
            if (const auto it = m_mappings.find(abs); it != m_mappings.end() && !it->second.schedule.empty())
                e->schedule = QString::fromStdString(it->second.schedule); // the schedule the user gave
    }
    m_follow->dock->show();
    // Raised once the event loop runs: a tab raised before the window is shown stays behind.
    QTimer::singleShot(0, m_follow->dock, [dock = m_follow->dock] { dock->raise(); });
    refreshRunsTree();
    refreshForecastPanel();
    markModified();
    m_statusLabel->setText(
        e->schedule.isEmpty()
            ? tr("Following %1: new points are drawn as the job writes them. Give the planned schedule in "
                 "the "
                 "Forecast dock to forecast the final loss.")
                  .arg(QFileInfo(abs).fileName())
            : tr("Following %1: new points are drawn as the job writes them and the final loss is forecast.")
                  .arg(QFileInfo(abs).fileName()));
    requestLiveForecast(*e, true);
    return true;
}

void MainWindow::onFollowSnapshot(const QString& file, FollowSnapshot& s)
{
    FollowEntry* e = followEntryOf(file, false);
    if (!e || !e->follower)
        return;
    e->readError = s.readError;
    if (!s.changed) {
        refreshForecastPanel();
        return;
    }
    std::vector<int> mine;
    for (int i = 0; i < int(m_runs.size()); ++i)
        if (m_runs[std::size_t(i)].file == e->path)
            mine.push_back(i);
    std::size_t withCurve = 0;
    for (const auto& fr : s.runs)
        withCurve += fr.curve ? 1 : 0;
    bool drawn = false;
    for (auto& fr : s.runs) {
        if (!fr.curve || fr.curve->steps.empty())
            continue;
        int index = -1;
        if (mine.size() == 1 && withCurve == 1)
            index = mine.front();
        else
            for (int i : mine)
                if (QString::fromStdString(m_runs[std::size_t(i)].curve.name) ==
                    windowRunName(fr.curve->name.empty() ? fr.name : fr.curve->name, e->path))
                    index = i;
        if (index < 0)
            continue; // a run that appeared after the file was opened: open the file again to see it
        Run& r = m_runs[std::size_t(index)];
        core::Curve grown = std::move(*fr.curve);
        grown.name = r.curve.name;
        setRunCurve(r, std::move(grown)); // the document's run; `r` follows it
        for (RunMetric& m : r.metrics) {
            // The fitted series is drawn from the curve: only its Runs dock figures change. (Its points in
            // the metric are what the file held when opened; other series of the file are not followed.)
            if (m.name != r.fitMetric)
                continue;
            m.points = r.curve.steps.size();
            m.firstStep = double(r.curve.steps.front());
            m.lastStep = double(r.curve.steps.back());
            m.lastValue = r.curve.loss.back();
        }
        drawn = true;
        // The point count in the Runs dock, without rebuilding the tree (that would lose the selection).
        m_refreshingTree = true;
        QList<QTreeWidgetItem*> stack;
        for (int t = 0; t < m_runsTree->topLevelItemCount(); ++t)
            stack << m_runsTree->topLevelItem(t);
        while (!stack.isEmpty()) {
            QTreeWidgetItem* item = stack.takeLast();
            if (item->data(RunName, kRunIndexRole).isValid() &&
                item->data(RunName, kRunIndexRole).toInt() == index)
                item->setText(RunPoints, QString::number(r.curve.steps.size()) +
                                             (r.warnings.isEmpty() ? QString() : QStringLiteral(" ⚠")));
            for (int c = 0; c < item->childCount(); ++c)
                stack << item->child(c);
        }
        m_refreshingTree = false;
    }
    if (s.reread) {
        // Truncated or replaced: the alarm looks at the new contents from their start.
        e->checkedUpTo = -1;
        e->outside = 0;
        e->firstOutside = -1;
        e->alarmStep.reset();
        e->alarmDismissed = false;
        refreshFollowBanner();
    }
    if (drawn) {
        refreshPlots();
        emit followUpdated(e->path);
    }
    checkFollowAlarm(*e);
    if (const Run* r = forecastRun(m_runs, *e)) {
        const std::size_t n = r->curve.steps.size();
        const std::size_t need =
            std::max(kFollowMinNewPoints, std::size_t(double(n) * kFollowNewPointsFraction));
        if (!e->live || s.reread || n >= e->pointsAtLastFit + need)
            requestLiveForecast(*e, s.reread);
    }
    refreshForecastPanel();
}

void MainWindow::requestLiveForecast(FollowEntry& e, bool restart)
{
    const Run* r = forecastRun(m_runs, e);
    if (!r || r->curve.steps.empty() || e.schedule.isEmpty() || !e.follower)
        return;
    auto schedule = core::Schedule::fromText(e.schedule.toStdString());
    if (!schedule)
        return; // setPlannedSchedule said why
    if (e.runner->isRunning() && !restart) {
        e.refitPending = true; // after the running fit, with the newest points
        return;
    }
    e.refitPending = false;
    e.pointsAtLastFit = r->curve.steps.size();
    core::fit::ForecastRequest request;
    request.law = lawId().isEmpty() ? std::string("auto") : lawId().toStdString();
    const core::Curve curve = r->curve;
    // The LR of a plain step,lr,loss file or a logged LR series is the job's; a schedule the user gave is
    // not.
    const bool lrFromLog = !r->source || !r->lrSeries.empty();
    const core::ScheduleInput planned = schedule->toInput();
    const std::optional<double> target = e.target;
    e.runner->start(tr("Forecasting %1…").arg(e.run),
                    [curve, lrFromLog, planned, request, target](const core::fit::Control& control) {
                        core::fit::ForecastRequest req = request;
                        req.control = control;
                        return QVariant::fromValue(liveForecast(curve, lrFromLog, planned, req, target));
                    });
}

void MainWindow::onLiveForecast(const QString& file, const QVariant& result)
{
    FollowEntry* e = followEntryOf(file, false);
    if (!e || !e->follower)
        return;
    e->live = result.value<LiveForecastOutput>();
    if (e->refitPending)
        requestLiveForecast(*e, false);
    refreshPlots();
    refreshForecastPanel();
    emit liveForecastFinished(e->path, e->live->ok);
}

bool MainWindow::setPlannedSchedule(const QString& file, const QString& spec, QString* error)
{
    FollowEntry* e = followEntryOf(file, false);
    if (!e) {
        if (error)
            *error = tr("%1 is not followed.").arg(QFileInfo(file).fileName());
        return false;
    }
    const QString text = spec.trimmed();
    auto schedule = core::Schedule::fromText(text.toStdString());
    if (!text.isEmpty() && !schedule) {
        const QString why = fromStd(schedule.errorText());
        if (error)
            *error = why;
        if (m_follow->current == e->path)
            m_follow->panel->setScheduleMessage(why, true);
        return false;
    }
    e->schedule = text;
    if (m_follow->current == e->path)
        m_follow->panel->setScheduleMessage(QString(), false);
    if (!text.isEmpty())
        m_statusLabel->setText(tr("Forecasting the final loss of %1 at step %2 of the planned schedule.")
                                   .arg(e->run, stepText(schedule->totalSteps())));
    e->live.reset();
    markModified();
    requestLiveForecast(*e, true);
    refreshForecastPanel();
    return true;
}

void MainWindow::setTargetLoss(const QString& file, std::optional<double> target)
{
    FollowEntry* e = followEntryOf(file, false);
    if (!e || e->target == target)
        return;
    e->target = target;
    markModified();
    requestLiveForecast(*e, true);
    refreshForecastPanel();
}

bool MainWindow::pinForecast(const QString& file)
{
    FollowEntry* e = followEntryOf(file, false);
    if (!e || !e->live || !e->live->ok || e->live->steps.empty())
        return false;
    const LiveForecastOutput& l = *e->live;
    core::SessionPin pin;
    pin.law = l.law.toLower().toStdString();
    pin.step = l.step;
    pin.finalStep = l.finalStep;
    pin.loss = l.finalLoss;
    pin.lower = l.lower;
    pin.upper = l.upper;
    pin.steps = l.steps;
    pin.curve = l.loss;
    pin.curveLower = l.curveLower;
    pin.curveUpper = l.curveUpper;
    e->pin = std::move(pin);
    e->checkedUpTo = -1;
    e->outside = 0;
    e->firstOutside = -1;
    e->alarmStep.reset();
    e->alarmDismissed = false;
    checkFollowAlarm(*e);
    refreshFollowBanner();
    refreshPlots();
    refreshForecastPanel();
    markModified();
    m_statusLabel->setText(
        tr("Forecast pinned at step %1: a banner warns when the measured loss leaves its band "
           "for %2 points in a row.")
            .arg(stepText(l.step))
            .arg(kFollowAlarmPoints));
    return true;
}

void MainWindow::unpinForecast(const QString& file)
{
    FollowEntry* e = followEntryOf(file, false);
    if (!e || !e->pin)
        return;
    e->pin.reset();
    e->alarmStep.reset();
    e->outside = 0;
    refreshFollowBanner();
    refreshPlots();
    refreshForecastPanel();
    markModified();
}

void MainWindow::checkFollowAlarm(FollowEntry& e)
{
    if (!e.pin || e.pin->steps.size() < 2)
        return;
    const Run* r = forecastRun(m_runs, e);
    if (!r)
        return;
    const core::SessionPin& pin = *e.pin;
    const auto& steps = r->curve.steps;
    const std::int64_t after = std::max(e.checkedUpTo, pin.step);
    auto i = std::size_t(std::upper_bound(steps.begin(), steps.end(), after) - steps.begin());
    bool raised = false;
    for (; i < steps.size(); ++i) {
        const double s = double(steps[i]);
        if (s > pin.steps.back())
            break; // past the pinned curve's end (its T)
        const double y = r->curve.loss[i];
        const double lo = interpolate(pin.steps, pin.curveLower, s),
                     hi = interpolate(pin.steps, pin.curveUpper, s);
        if (y < lo || y > hi) {
            if (e.outside == 0)
                e.firstOutside = steps[i];
            if (++e.outside >= kFollowAlarmPoints && !e.alarmStep) {
                e.alarmStep = e.firstOutside;
                e.alarmAbove = y > hi;
                e.alarmDismissed = false;
                raised = true;
            }
        } else {
            e.outside = 0;
        }
        e.checkedUpTo = steps[i];
    }
    if (raised) {
        refreshFollowBanner();
        emit followAlarm(e.path, *e.alarmStep);
    }
}

QString MainWindow::followAlarmText() const
{
    return m_follow->banner->isVisible() || !m_follow->banner->isHidden() ? m_follow->bannerText->text()
                                                                          : QString();
}

void MainWindow::refreshFollowBanner()
{
    QStringList lines;
    for (const auto& e : m_follow->entries) {
        if (!e->alarmStep || e->alarmDismissed || !e->pin)
            continue;
        lines << (e->alarmAbove ? tr("⚠ %1 left the pinned forecast's band at step %2: the measured loss is "
                                     "above it for %3 "
                                     "points in a row (divergence or a loss spike?).")
                                : tr("⚠ %1 left the pinned forecast's band at step %2: the measured loss is "
                                     "below it for %3 "
                                     "points in a row (better than forecast)."))
                     .arg(e->run.toHtmlEscaped(), stepText(*e->alarmStep))
                     .arg(kFollowAlarmPoints);
    }
    m_follow->bannerText->setText(lines.join(QStringLiteral("<br>")));
    m_follow->banner->setVisible(!lines.isEmpty());
}

void MainWindow::refreshForecastPanel()
{
    widgets::ForecastPanel::View v;
    const FollowEntry* e = m_follow->current.isEmpty() ? nullptr : followEntry(m_follow->current);
    if (!e || !e->follower) {
        m_follow->panel->setView(v);
        return;
    }
    const Run* r = forecastRun(m_runs, *e);
    v.run = e->run.isEmpty() ? QFileInfo(e->path).fileName() : e->run;
    if (r && !r->curve.steps.empty())
        v.status = tr("%1: %n point(s), last step %2.", nullptr, int(r->curve.steps.size()))
                       .arg(QFileInfo(e->path).fileName(), stepText(r->curve.steps.back()));
    if (!e->readError.isEmpty())
        v.status += QLatin1Char(' ') + tr("Cannot read it now: %1").arg(e->readError);
    v.fitting = e->runner->isRunning();
    if (e->schedule.isEmpty())
        v.problem = tr("Give the planned schedule (a preset or a spec) to forecast the final loss.");
    if (e->live) {
        const LiveForecastOutput& l = *e->live;
        v.hasForecast = l.ok;
        v.problem = l.ok ? QString() : l.problem;
        v.finalLoss = l.finalLoss;
        v.lower = l.lower;
        v.upper = l.upper;
        v.finalStep = l.finalStep;
        v.law = l.law;
        v.fittedStep = l.step;
        v.fitPoints = l.points;
        v.fitSeconds = l.seconds;
        v.targetStep = l.targetStep;
        v.warnings = l.warnings;
    }
    if (e->pin) {
        v.pinned = true;
        v.pinLoss = e->pin->loss;
        v.pinLower = e->pin->lower;
        v.pinUpper = e->pin->upper;
        v.pinStep = e->pin->step;
    }
    auto* panel = m_follow->panel;
    if (panel->schedule() != e->schedule && !panel->hasFocus())
        panel->setSchedule(e->schedule);
    if (panel->target() != e->target)
        panel->setTarget(e->target);
    if (r) {
        double peak = 0.0;
        for (double lr : r->curve.schedule.lr)
            peak = std::max(peak, lr);
        const std::int64_t last = r->curve.steps.empty() ? 0 : r->curve.steps.back();
        panel->setPresetContext(peak, r->curve.schedule.warmupSteps,
                                e->live && e->live->finalStep > last ? e->live->finalStep
                                                                     : std::max<std::int64_t>(last * 3, 1));
    }
    panel->setView(v);
}

void MainWindow::appendFollowSeries(QVector<widgets::PlotSeries>& loss,
                                    QVector<widgets::PlotSeries>& lr) const
{
    if (!m_follow)
        return;
    for (const auto& e : m_follow->entries) {
        const Run* r = forecastRun(m_runs, *e);
        if (!r)
            continue;
        const QString name = QString::fromStdString(r->curve.name);
        if (e->follower && !e->schedule.isEmpty() && !r->curve.steps.empty()) {
            // The rest of the planned schedule on the LR plot, dashed after the logged LR.
            if (auto planned = core::Schedule::fromText(e->schedule.toStdString())) {
                const std::vector<double> all = planned->render();
                const std::size_t from = std::size_t(std::max<std::int64_t>(r->curve.steps.back(), 0));
                if (from + 1 < all.size()) {
                    std::vector<double> x(all.size() - from),
                        y(all.begin() + std::ptrdiff_t(from), all.end());
                    for (std::size_t k = 0; k < x.size(); ++k)
                        x[k] = double(from + k);
                    widgets::PlotSeries p;
                    p.id = QStringLiteral("follow:%1:planned").arg(e->path);
                    p.name = tr("%1 (planned)").arg(name);
                    p.color = r->color;
                    p.role = widgets::PlotSeries::Role::Predicted;
                    p.style = Qt::DashLine;
                    p.inLegend = false;
                    widgets::decimateMinMax(x, y, 800, p.x, p.y);
                    lr.push_back(std::move(p));
                }
            }
        }
        if (e->pin && !e->pin->steps.empty()) {
            widgets::PlotSeries p;
            p.id = QStringLiteral("follow:%1:pin").arg(e->path);
            p.name = tr("%1 (pinned forecast, step %2)").arg(name, stepText(e->pin->step));
            p.color = QColor(0x7f, 0x7f, 0x7f);
            p.role = widgets::PlotSeries::Role::Predicted;
            p.style = Qt::DashDotLine;
            p.x = e->pin->steps;
            p.y = e->pin->curve;
            p.lower = e->pin->curveLower;
            p.upper = e->pin->curveUpper;
            loss.push_back(std::move(p));
        }
        if (e->follower && e->live && e->live->ok && !e->live->steps.empty()) {
            widgets::PlotSeries p;
            p.id = QStringLiteral("follow:%1:live").arg(e->path);
            p.name = tr("%1 (live %2 forecast)").arg(name, e->live->law);
            p.color = r->color.darker(125);
            p.role = widgets::PlotSeries::Role::Predicted;
            p.style = Qt::DashLine;
            p.emphasised = true;
            p.x = e->live->steps;
            p.y = e->live->loss;
            p.lower = e->live->curveLower;
            p.upper = e->live->curveUpper;
            loss.push_back(std::move(p));
        }
    }
}

void MainWindow::showFollowContextMenu(int run, const QPoint& globalPos)
{
    if (run < 0 || run >= int(m_runs.size()))
        return;
    const Run& r = m_runs[std::size_t(run)];
    const QString file = r.file, name = QString::fromStdString(r.curve.name);
    QMenu menu;
    QAction* follow = menu.addAction(tr("Follow This File"));
    follow->setObjectName(QStringLiteral("actionFollowRun"));
    follow->setCheckable(true);
    follow->setChecked(isFollowed(file));
    follow->setToolTip(tr("Read the lines the training job appends, draw them and forecast the final loss"));
    if (menu.exec(globalPos) == follow) {
        QString error;
        if (!setFollowing(file, follow->isChecked(), name, &error))
            m_statusLabel->setText(error);
    }
}

void MainWindow::followDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Follow a training log"), m_lastDir,
        tr("Training logs (*.csv *.tsv *.jsonl *.json *.log *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString abs = QFileInfo(path).absoluteFilePath();
    bool open = false;
    for (const Run& r : m_runs)
        open = open || r.file == abs;
    if (!open)
        openFiles({abs});
    QString error;
    if (!setFollowing(abs, true, {}, &error) && !m_needsLr.contains(abs))
        m_statusLabel->setText(error);
}

void MainWindow::followSessionFiles(const core::Session& session, const QString& sessionDir,
                                    bool allowOutside)
{
    for (const core::SessionFile& f : session.files) {
        if (f.follow.empty())
            continue;
        const auto where = core::resolveSessionFile(f, sessionDir.toStdString(), allowOutside);
        if (where.status == core::ResolvedFile::Status::Missing)
            continue;
        const QString path = QFileInfo(fromStd(where.path)).absoluteFilePath();
        bool open = false;
        for (const Run& r : m_runs)
            open = open || r.file == path;
        if (!open)
            continue;
        FollowEntry* e = followEntryOf(path, true);
        e->run = fromStd(f.follow.run);
        e->schedule = fromStd(f.follow.schedule);
        e->target = f.follow.target;
        e->pin = f.follow.pin;
        if (f.follow.on) {
            QString why;
            if (!setFollowing(path, true, e->run, &why))
                m_sessionProblems << why;
        }
    }
    refreshPlots();
}

} // namespace losscast::app
