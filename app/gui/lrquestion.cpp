// The question a log without a learning rate asks (W&B chart exports, text logs): which column is the loss
// and which the LR, or the schedule the runs were trained with; the answer imports the file's runs.
#include "app/gui/lrquestion.h"

#include "app/gui/guitext.h"
#include "app/gui/mainwindow.h"
#include "app/gui/mappingdialog.h"

#include "core/import/curvebuild.h"
#include "core/import/importer.h"
#include "core/workspace/loaders.h"

#include <QHash>
#include <QLabel>
#include <QStatusBar>

#include <algorithm>
#include <cmath>

namespace losscast::app {

core::Schedule scheduleFromConfig(const core::import::Run& run, std::int64_t lastStep)
{
    auto find = [&](std::initializer_list<const char*> names) {
        for (const auto& [key, value] : run.metadata)
            for (const char* n : names) {
                const std::string suffix = std::string(".") + n;
                if (key == n || (key.size() > suffix.size() &&
                                 key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)) {
                    bool ok = false;
                    const double v = fromStd(value).toDouble(&ok);
                    if (ok && std::isfinite(v) && v >= 0)
                        return v;
                }
            }
        return -1.0;
    };
    const double peak = find({"learning_rate", "lr", "max_lr", "peak_lr"});
    if (!(peak > 0))
        return {};
    double finalLr = find({"min_lr", "final_lr", "lr_min"});
    if (!(finalLr >= 0) || finalLr > peak)
        finalLr = peak / 10;
    auto steps =
        std::int64_t(find({"lr_decay_iters", "max_iters", "max_steps", "total_steps", "train_iters"}));
    steps = std::max(steps, lastStep);
    const auto warmup =
        std::clamp<std::int64_t>(std::int64_t(find({"warmup_iters", "warmup_steps"})), 0, steps - 1);
    const auto made = core::Schedule::create({{core::ScheduleKind::Cosine, steps, peak, finalLr, warmup}});
    return made.ok() ? *made : core::Schedule{};
}

void MainWindow::askForLearningRate(const QString& path)
{
    // The runs the file gave when it was opened (read once); a file that failed to give a curve, or one
    // listed by a session, is read again.
    std::vector<std::shared_ptr<const core::import::Run>> runs = m_needsLrRuns.value(path);
    if (runs.empty()) {
        core::workspace::LoadOptions options;
        options.warmupSteps = warmupSetting();
        options.curveCsvErrorsAreFinal = false;
        for (auto& run : core::workspace::loadFile(path.toStdString(), options).runs)
            if (run.source)
                runs.push_back(std::move(run.source));
    }
    if (runs.empty())
        return;
    QStringList names;
    // Ask about a run that still needs its LR (others of the file may have logged theirs).
    const QStringList pending = m_needsLr.value(path);
    const auto waiting = std::find_if(runs.begin(), runs.end(),
                                      [&](const auto& run) { return pending.contains(fromStd(run->name)); });
    const auto& first = waiting != runs.end() ? **waiting : *runs.front();
    for (const auto& series : first.series)
        names << fromStd(series.name);
    // The schedule must reach the longest run's last step of the chosen loss column: per column, over runs.
    QHash<QString, qint64> lastStepOf;
    for (const auto& run : runs)
        for (const auto& series : run->series)
            if (!series.empty()) {
                qint64& last = lastStepOf[fromStd(series.name)];
                last = std::max<qint64>(last, qint64(series.steps.back()));
            }
    const QString detectedLoss = fromStd(core::import::lossLikeSeries(first));
    const std::int64_t lastStep = lastStepOf.value(detectedLoss, 0);
    const QString file = QFileInfo(path).fileName();
    const int runCount = int(runs.size());
    const QString problem =
        first.roles.lr.empty()
            ? tr("<b>%1</b> holds the loss of %2 but no learning-rate column LossCast recognises.")
                  .arg(file.toHtmlEscaped(), runsText(runCount))
            : tr("<b>%1</b> was read, but LossCast could not build a curve from it.")
                  .arg(file.toHtmlEscaped());
    auto* dlg =
        new MappingDialog(path, problem, names, detectedLoss, fromStd(first.roles.lr), lastStepOf, this);
    if (const auto s = scheduleFromConfig(first, lastStep); !s.phases().empty())
        dlg->setSchedule(s);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    // Tried on OK: a schedule that cannot be used is said in the dialog, which keeps what was typed.
    dlg->setAcceptCheck([this, dlg, path] {
        QString error;
        if (importWithMapping(path, dlg->loss(), dlg->lr(), dlg->schedule(), &error) > 0)
            return QString();
        return error.isEmpty()
                   ? tr("No run of %1 could be read with these settings.").arg(QFileInfo(path).fileName())
                   : error;
    });
    dlg->open();
}

int MainWindow::importWithMapping(const QString& path, const QString& loss, const QString& lr,
                                  const QString& scheduleText, QString* error)
{
    core::workspace::LoadOptions options;
    options.loss = loss.toStdString();
    options.lr = lr.toStdString();
    options.warmupSteps = warmupSetting();
    if (!scheduleText.isEmpty()) {
        // Said here in the dialog's words (the loader would name the --schedule argument).
        const auto schedule = core::Schedule::fromText(scheduleText.toStdString());
        if (!schedule.ok()) {
            if (error)
                *error = fromStd(schedule.errorText());
            return 0;
        }
        options.schedule = scheduleText.toStdString();
    }
    QStringList errors;
    const QStringList pending = m_needsLr.take(path);
    auto loaded = core::workspace::loadFile(path.toStdString(), options);
    // Runs of the file that are open already (they logged their LR) are not added a second time.
    std::erase_if(loaded.runs, [&](const core::workspace::LoadedRun& run) {
        const bool open = std::any_of(m_runs.begin(), m_runs.end(), [&](const Run& r) {
            return r.file == path && r.source && r.source->name == run.name;
        });
        if (open) // nor are its warnings said again
            std::erase_if(loaded.diagnostics, [&](const core::Diagnostic& d) {
                return std::any_of(run.diagnostics.begin(), run.diagnostics.end(), [&](const auto& e) {
                    return e.line == d.line && e.where == d.where && e.message == d.message;
                });
            });
        return open;
    });
    const int added = addLoadedRuns(path, loaded, options, errors, false);
    if (added == 0) {
        if (!pending.isEmpty())
            m_needsLr[path] = pending; // still waiting for a usable LR
        if (error)
            *error = errors.join('\n');
        return 0;
    }
    m_needsLrRuns.remove(path);
    m_lastDir = QFileInfo(path).absolutePath();
    m_mappings[QFileInfo(path).absoluteFilePath()] = {loss.toStdString(), lr.toStdString(),
                                                      scheduleText.toStdString()};
    addRecentFile(path);
    refreshRunsTree();
    ensureDefaultScenarios();
    refreshPlots();
    emit runsChanged();
    m_statusLabel->setText(tr("Read %1 from %2. Press Fit (Ctrl+F) to fit the law to them.")
                               .arg(runsText(added), QFileInfo(path).fileName()));
    return added;
}

} // namespace losscast::app
