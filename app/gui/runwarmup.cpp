// The Warmup steps field: one warmup for every open run and every scenario. The MPL counts LR changes after
// the warmup as loss drops (Luo et al. 2025, Eq. 1–2), so a run fitted with warmup 0 and its own schedule
// predicted with a warmup give different losses for the same LRs; the field's value (or the warmup detected
// from each file's LR, core::detectWarmup) is therefore applied to the runs and the scenarios alike.
#include "app/gui/mainwindow.h"

#include "core/import/curvebuild.h"
#include "core/io/curvecsv.h"

#include <QLabel>
#include <QSpinBox>
#include <QStatusBar>

#include <algorithm>

namespace losscast::app {

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
        core::Result<core::Curve> rebuilt;
        if (r.source && !r.lrSeries.empty()) {
            core::import::CurveSelection sel; // the logged LR, with the new warmup
            sel.loss = r.fitMetric.toStdString();
            sel.lr = r.lrSeries;
            sel.warmupSteps = setting;
            rebuilt = core::import::buildCurve(*r.source, r.file.toStdString(), sel);
        } else if (!r.source) {
            rebuilt = core::readCurveCsv(r.file.toStdString(), setting); // a plain step,lr,loss file
        } else {
            continue; // its LR is a schedule the user gave, with that schedule's warmup
        }
        if (!rebuilt.ok() || (rebuilt->schedule.warmupSteps == r.curve.schedule.warmupSteps &&
                              rebuilt->schedule.lr == r.curve.schedule.lr))
            continue;
        const std::string name = r.curve.name;
        r.curve = std::move(*rebuilt);
        r.curve.name = name;
        changed = true;
    }
    // The scenarios take the warmup of the run they start from (ensureDefaultScenarios): one undo step.
    const std::int64_t warmup = trainedWarmup();
    const ScenarioState before = m_scenarios;
    bool scenariosChanged = false;
    for (Scenario& s : m_scenarios.scenarios) {
        auto phases = s.schedule.phases();
        if (phases.empty() || phases.front().warmup == warmup)
            continue;
        phases.front().warmup = std::clamp<std::int64_t>(warmup, 0, phases.front().steps / 2);
        scenariosChanged = s.schedule.setPhases(std::move(phases)).empty() || scenariosChanged;
    }
    if (changed) {
        if (m_fit)
            m_fit->fitted.clear(); // the fitted curves were computed with the old warmup
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
    // The longest training run's, as the default scenarios take its length and peak.
    std::int64_t steps = -1, warmup = 0;
    for (const Run& r : m_runs)
        if (r.train && !r.curve.steps.empty() && r.curve.steps.back() > steps) {
            steps = r.curve.steps.back();
            warmup = std::max<std::int64_t>(r.curve.schedule.warmupSteps, 0);
        }
    return warmup;
}

} // namespace losscast::app
