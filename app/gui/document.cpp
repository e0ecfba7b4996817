// The window's side of its document (see document.h): runs go into core::workspace::Workspace, and the
// window's views of them follow its notifications.
#include "app/gui/document.h"

#include "app/gui/mainwindow.h"
#include "app/gui/scenarios.h"

#include <QComboBox>
#include <QSpinBox>

#include <algorithm>

namespace losscast::app {

core::workspace::WorkspaceRun toWorkspaceRun(const Run& r)
{
    core::workspace::WorkspaceRun w;
    w.name = r.curve.name;
    w.provenance = r.provenance;
    w.provenance.file = r.file.toStdString(); // the absolute path the window opened (sessions keep it)
    w.curve = r.curve;
    w.source = r.source;
    w.train = r.train;
    w.visible = r.visible;
    return w;
}

std::vector<int> documentIds(const std::vector<Run>& runs, const QStringList& ids)
{
    std::vector<int> out;
    for (const QString& id : ids)
        for (const Run& r : runs)
            if (r.id == id)
                out.push_back(r.docId);
    return out;
}

std::vector<core::workspace::WorkspaceScenario> toWorkspaceScenarios(const ScenarioState& state)
{
    std::vector<core::workspace::WorkspaceScenario> out;
    for (const Scenario& s : state.scenarios)
        out.push_back({s.name.toStdString(), s.schedule});
    return out;
}

void MainWindow::connectDocument()
{
    m_doc.addObserver([this](core::workspace::Change change) { syncFromDocument(change); });
    // The Model dock's law and the Warmup steps field are the document's (-1 = detected in both).
    auto setLaw = [this] {
        if (!lawId().isEmpty())
            m_doc.setLaw(lawId().toStdString());
    };
    auto setWarmup = [this] { m_doc.setWarmup(m_warmup->value()); };
    connect(m_lawCombo, &QComboBox::currentIndexChanged, this, setLaw);
    connect(m_warmup, &QSpinBox::valueChanged, this, setWarmup);
    setLaw();
    setWarmup();
}

Run& MainWindow::addRun(Run r)
{
    const int id = m_doc.addRun(toWorkspaceRun(r));
    r.docId = id;
    r.id = QStringLiteral("run%1").arg(id);
    r.docRevision = m_doc.run(id)->revision;
    m_runs.push_back(std::move(r));
    return m_runs.back();
}

void MainWindow::setRunCurve(const Run& r, core::Curve curve)
{
    m_doc.setRunCurve(r.docId, std::move(curve));
}

void MainWindow::setRunVisible(const Run& r, bool visible)
{
    m_doc.setVisible(r.docId, visible);
}

void MainWindow::handFitToDocument(const QStringList& runIds,
                                   const std::vector<std::vector<double>>& fittedCurves,
                                   std::vector<std::pair<core::Schedule, ScenarioPrediction>> predictions)
{
    if (!m_fit || !m_fit->law) {
        m_doc.setFit(std::nullopt);
        return;
    }
    core::workspace::WorkspaceFit f;
    f.law = m_fit->law;
    f.fit = m_fit->fit;
    f.trainIds = documentIds(m_runs, m_fit->trainIds);
    f.choice = m_fit->choice;
    f.warnings = m_fit->warnings;
    f.notes = m_fit->notes;
    f.asFitted = m_fit->fittedParams; // empty (a parameters file): the values handed over
    std::map<int, std::vector<double>> curves;
    for (qsizetype i = 0; i < runIds.size() && std::size_t(i) < fittedCurves.size(); ++i)
        for (const Run& r : m_runs)
            if (r.id == runIds[i])
                curves[r.docId] = fittedCurves[std::size_t(i)];
    m_doc.setFit(std::move(f), std::move(curves), std::move(predictions));
}

void MainWindow::commitScenarios()
{
    m_doc.setScenarios(toWorkspaceScenarios(m_scenarios), m_scenarios.current, m_scenarios.baseline);
}

void MainWindow::syncFromDocument(core::workspace::Change change)
{
    using core::workspace::Change;
    if (change == Change::Scenarios) {
        // Names, schedules, the current and baseline ones are the document's; colours are the window's.
        const auto& doc = m_doc.scenarios();
        m_scenarios.scenarios.resize(doc.size());
        for (std::size_t i = 0; i < doc.size(); ++i) {
            Scenario& s = m_scenarios.scenarios[i];
            s.name = QString::fromStdString(doc[i].name);
            if (!(s.schedule == doc[i].schedule))
                s.schedule = doc[i].schedule;
            if (!s.color.isValid())
                s.color = scenarioColor(i);
        }
        m_scenarios.current = m_doc.currentScenario();
        m_scenarios.baseline = m_doc.baselineScenario();
        return;
    }
    if (change == Change::Fit) {
        // The parameters are the document's (edits, undo); the rest of the view is set with the fit.
        if (!m_doc.currentFit())
            m_fit.reset();
        else if (m_fit)
            m_fit->fit.params = m_doc.currentFit()->fit.params;
        return;
    }
    if (change != Change::Runs && change != Change::Split)
        return;
    // Runs the document no longer has leave the view; runs whose revision moved are copied again (only
    // those: a followed log's growth copies its own curve, not every run's).
    std::erase_if(m_runs, [this](const Run& r) { return m_doc.run(r.docId) == nullptr; });
    for (Run& r : m_runs) {
        const core::workspace::WorkspaceRun* d = m_doc.run(r.docId);
        if (d->revision == r.docRevision)
            continue;
        if (d->curve)
            r.curve = *d->curve;
        r.train = d->train;
        r.visible = d->visible;
        r.docRevision = d->revision;
    }
}

} // namespace losscast::app
