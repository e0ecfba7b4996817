// The Warmup steps field: one warmup for every open run and every scenario (see runwarmup.h for why).
#include "app/gui/runwarmup.h"

#include "app/gui/mainwindow.h"

#include "core/import/curvebuild.h"
#include "core/io/curvecsv.h"

#include <QLabel>
#include <QSpinBox>
#include <QStatusBar>

#include <algorithm>

namespace losscast::app {

std::optional<core::Result<core::Curve>> curveWithWarmup(const Run& r, std::int64_t warmup)
{
    if (r.source && !r.lrSeries.empty()) {
        core::import::CurveSelection sel; // the logged LR, with the new warmup
        sel.loss = r.fitMetric.toStdString();
        sel.lr = r.lrSeries;
        sel.warmupSteps = warmup;
        return core::import::buildCurve(*r.source, r.file.toStdString(), sel);
    }
    if (!r.source)
        return core::readCurveCsv(r.file.toStdString(), warmup); // a plain step,lr,loss file
    return std::nullopt; // its LR is a schedule the user gave, with that schedule's warmup
}

bool setScenarioWarmup(ScenarioState& state, std::int64_t warmup)
{
    bool changed = false;
    for (Scenario& s : state.scenarios) {
        auto phases = s.schedule.phases();
        if (phases.empty() || phases.front().warmup == warmup)
            continue;
        phases.front().warmup = std::clamp<std::int64_t>(warmup, 0, phases.front().steps / 2);
        changed = s.schedule.setPhases(std::move(phases)).empty() || changed;
    }
    return changed;
}

std::int64_t longestTrainingWarmup(const std::vector<Run>& runs)
{
    // The longest training run's, as the default scenarios take its length and peak.
    std::int64_t steps = -1, warmup = 0;
    for (const Run& r : runs)
        if (r.train && !r.curve.steps.empty() && r.curve.steps.back() > steps) {
            steps = r.curve.steps.back();
            warmup = std::max<std::int64_t>(r.curve.schedule.warmupSteps, 0);
        }
    return warmup;
}

std::int64_t MainWindow::warmupSetting() const
{
    return m_warmup->value() >= 0 ? std::int64_t(m_warmup->value()) : core::kAutoWarmup;
}

void MainWindow::applyWarmupSetting()
{
    if (m_restoringSession)
        return; // a session sets the field before it opens its files with it
    const std::int64_t setting = warmupSetting();
    bool changed = false;
    for (Run& r : m_runs) {
        auto read = curveWithWarmup(r, setting);
        if (!read)
            continue;
        core::Result<core::Curve>& rebuilt = *read;
        if (!rebuilt.ok() || (rebuilt->schedule.warmupSteps == r.curve.schedule.warmupSteps &&
                              rebuilt->schedule.lr == r.curve.schedule.lr))
            continue;
        core::Curve curve = std::move(*rebuilt);
        curve.name = r.curve.name;
        setRunCurve(r, std::move(curve));
        changed = true;
    }
    // The scenarios take the warmup of the run they start from (ensureDefaultScenarios): one undo step.
    const std::int64_t warmup = trainedWarmup();
    const ScenarioState before = m_scenarios;
    const bool scenariosChanged = setScenarioWarmup(m_scenarios, warmup);
    if (changed) {
        refreshModel();
        refreshPlots();
        markModified();
    }
    if (scenariosChanged)
        pushScenarioChange(tr("Warmup %n step(s) for the fit and the scenarios", "", int(warmup)), before);
    else if (changed)
        m_statusLabel->setText(tr("Warmup %n step(s): refit (Ctrl+F) to use it.", "", int(warmup)));
}

std::int64_t MainWindow::trainedWarmup() const
{
    return longestTrainingWarmup(m_runs);
}

} // namespace losscast::app
