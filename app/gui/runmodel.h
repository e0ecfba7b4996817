#pragma once
/// \file
/// \brief The window's document: the open runs, the current fit and the scenarios (plain values, no widgets).

#include "core/curve/curve.h"
#include "core/curve/tokenmap.h"
#include "core/fit/fitter.h"
#include "core/fit/forecast.h"
#include "core/fit/metrics.h"
#include "core/import/run.h"
#include "core/schedule/schedule.h"
#include "core/workspace/loaders.h"
#include "core/workspace/scenario.h"

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>
#include <vector>

namespace losscast::app {

/// \brief One series a run's file holds (listed under the run in the Runs dock).
struct RunMetric
{
    QString name; ///< as logged ("train/loss", "lr")
    QString role; ///< what LossCast uses it as ("loss", "LR", "val loss", "tokens"), empty if unused
    std::size_t points = 0;
    double firstStep = 0.0, lastStep = 0.0, lastValue = 0.0;
    std::vector<double> steps, values; ///< the logged points (drawn when the metric is ticked)
    bool lossLike = true; ///< can be drawn on the loss plot and fitted on (not the LR or tokens series)
};

/// \brief One measured curve the user opened.
/// The window's view of one run of its document (core::workspace::WorkspaceRun, same id): the curve, the
/// split and the visibility are copies the window takes from the document when it notifies a change
/// (MainWindow::syncFromDocument); the rest is what only the window shows (colour, series, warnings).
struct Run
{
    QString id;                    ///< unique within the document ("run1", ...: "run" + docId)
    int docId = 0;                 ///< the run's id in the document (core::workspace::Workspace)
    std::uint64_t docRevision = 0; ///< the document's revision of the run this view copied
    QString file;                  ///< absolute path it came from
    core::Curve curve;
    QColor color;
    bool visible = true;
    bool train = true; ///< fitted on; otherwise held out and scored as a prediction
    QStringList warnings;
    QVector<RunMetric> metrics; ///< every series of the run in its file
    /// The series the fit uses (the curve's loss); `visible` says whether it is drawn.
    QString fitMetric = QStringLiteral("loss");
    QStringList shownMetrics; ///< other series drawn beside it (ticked in the Runs dock)
    /// What the run was imported from, to rebuild the curve on another series (null for plain CSVs).
    std::shared_ptr<const core::import::Run> source;
    std::string lrSeries; ///< the LR series it was built with; empty when from a schedule or a plain CSV
    /// Where it came from: the file, the loader that read it (core/workspace/loaders.h) and the mapping.
    core::workspace::Provenance provenance;
    /// The run's tokens series (step → tokens seen), empty when the file logs none.
    core::TokenMap tokens;
    /// Tokens seen at `step`: linear between logged points, extrapolated at the rate of the nearest segment.
    double tokensAt(double step) const { return tokens.tokensAt(step); }
};

/// \brief The window's view of the document's fit (core::workspace::WorkspaceFit), which owns the
/// parameters (an edit goes through Workspace::setParameterValue and is copied here), the fitted curves of
/// the runs and their scores (Workspace::fittedCurve, Workspace::scores).
struct FitResult
{
    core::fit::CurveFit fit;
    std::shared_ptr<const core::CurveLaw> law;
    QStringList trainIds;
    QStringList trainFiles;
    /// The parameters as fitted (a session saves edits beside them); empty for a parameters file.
    std::vector<double> fittedParams;
    /// From core::workspace::fitLaw: degeneracy found in the fit, what the fit did beyond the plain fit,
    /// and with Auto every candidate and how one was chosen.
    std::vector<core::fit::FitWarning> warnings;
    std::vector<std::string> notes;
    std::optional<core::fit::ModelChoice> choice;
};

/// \brief A "what if" schedule.
struct Scenario
{
    QString name;
    QColor color;
    core::Schedule schedule;
};

/// \brief Everything undo restores for scenario edits.
struct ScenarioState
{
    std::vector<Scenario> scenarios;
    int current = -1;
    int baseline = 0;
};

/// \brief A scenario's predicted curve (display points) with its band (core/workspace/scenario.h).
using ScenarioPrediction = core::workspace::ScenarioPrediction;

/// \brief What a fit job returns across the thread boundary.
struct FitJobOutput
{
    core::fit::CurveFit fit;
    QString error;
    std::vector<core::fit::FitWarning> warnings;
    std::vector<std::string> notes;
    std::optional<core::fit::ModelChoice> choice;
    /// What the window shows with a new fit, computed in the worker so that the GUI thread only copies it:
    /// the fitted curve of every run open when the fit started (same order as runIds) and the prediction of
    /// every scenario schedule of that moment.
    QStringList runIds;
    std::vector<std::vector<double>> fitted;
    std::vector<std::pair<core::Schedule, ScenarioPrediction>> scenarios;
};

using core::workspace::predictSchedule;

/// \brief What a schedule search returns across the thread boundary.
struct OptimiseOutput
{
    core::Schedule schedule;
    QString from, summary, error;
};

} // namespace losscast::app

Q_DECLARE_METATYPE(losscast::app::FitJobOutput)
Q_DECLARE_METATYPE(losscast::app::OptimiseOutput)
