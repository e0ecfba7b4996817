#pragma once
/// \file
/// \brief The document behind the window and losscast-cli, without Qt: the opened runs with their
/// provenance, the train/hold-out split, the law with its settings and fixed parameters, the fit and its
/// scores, the scenarios with cached predictions, and the inputs of the CPT and Mixtures views.
///
/// Operations change the document and notify observers with what changed, so views redraw only that. It
/// converts to and from a session (core/session/session.h). It does no threading: a caller that fits in the
/// background runs fit() with a Control that polls its cancel flag (the window's TaskRunner does), or
/// computes a fit elsewhere and hands it over with setFit().

#include "core/fit/fitter.h"
#include "core/fit/forecast.h"
#include "core/fit/metrics.h"
#include "core/fit/modelselect.h"
#include "core/session/session.h"
#include "core/workspace/lawfit.h"
#include "core/workspace/loaders.h"
#include "core/workspace/scenario.h"

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscast::core::workspace {

/// \brief One opened run.
struct WorkspaceRun
{
    int id = 0;       ///< unique within the workspace, never reused
    std::string name; ///< the run's name (file stem for a plain curve CSV)
    Provenance provenance;
    std::optional<Curve> curve; ///< none while the log waits for an LR
    std::shared_ptr<const import::Run> source;
    bool train = true;   ///< fitted on; otherwise held out and scored as a prediction
    bool visible = true; ///< drawn
    /// Its file is followed while the job writes it (the window's follow): the run grows at every poll, so
    /// its fitted curve is never computed on demand (it would block the caller on 100k steps); it is scored
    /// only from a fitted curve handed over with setFit().
    bool growing = false;
    /// Bumped by every change of this run (curve, split, visibility): a view copies only what changed.
    std::uint64_t revision = 1;
};

/// \brief A "what if" schedule with its cached prediction under the current fit.
struct WorkspaceScenario
{
    std::string name;
    Schedule schedule;
};

/// \brief How well the fit reproduces (train) or predicts (hold-out) one run.
struct RunScore
{
    int runId = 0;
    bool train = true;
    fit::Metrics metrics;
};

/// \brief The fit of the document.
struct WorkspaceFit
{
    std::shared_ptr<const CurveLaw> law; ///< the law fitted (for "auto": the one chosen)
    fit::CurveFit fit;
    std::vector<int> trainIds;              ///< the runs it was fitted on
    std::optional<fit::ModelChoice> choice; ///< with law "auto": every candidate and the criterion
    std::vector<fit::FitWarning> warnings;  ///< degeneracy found in the fit (fit::fitWarnings)
    std::vector<std::string> notes;         ///< what the fit did beyond the plain fit (a refit)
    /// The parameters as fitted (setFit() fills it from fit.params when empty): parameter edits change
    /// fit.params only, and a session saves both (Session::editedValues).
    std::vector<double> asFitted;
    // The forecast band (fit::Forecast's): the fit's covariance, and the held-out calibration when the fit
    // was asked for it (WorkspaceFitRequest::calibrateBand), else rel_sigma 0 and the delta method.
    std::vector<double> bandCovariance;
    double bandRelSigma = 0.0;
    std::string bandMethod;
};

/// \brief How Workspace::fit(const WorkspaceFitRequest&, ...) fits: the window's fit() takes the defaults;
/// losscast-cli fit and eval --band calibrate the band on held-out folds of the train runs.
struct WorkspaceFitRequest
{
    fit::Options options;
    fit::Control control;
    bool calibrateBand = false; ///< widen the band by held-out errors (fit::ForecastRequest::calibrateBand)
    /// The lowest LR the forecast reaches (fit::ForecastRequest::targetLr); NaN = forecastReach() of the
    /// hold-out runs and scenarios. losscast-cli forecast gives the followed run's planned schedule's.
    double targetLr = std::numeric_limits<double>::quiet_NaN();
};

/// \brief The fit as fit::Forecast (law, fit, warnings, band, choice, notes), for fit::forecastBand.
fit::Forecast toForecast(const WorkspaceFit& fit);

/// \brief What changed, for observers.
enum class Change
{
    Runs,      ///< runs added, removed or their curve changed
    Split,     ///< a run moved between train and hold-out, or was shown/hidden
    Model,     ///< law, settings or fixed parameters
    Fit,       ///< the fit (and so scores and predictions)
    Scenarios, ///< scenarios added, removed, edited, or the current/baseline changed
    Inputs     ///< CPT or mixture inputs
};

class Workspace
{
public:
    using Observer = std::function<void(Change)>;

    // Observers --------------------------------------------------------------------------------------------
    /// Calls `observer` after every change; returns a handle for removeObserver.
    int addObserver(Observer observer);
    void removeObserver(int handle);

    // Runs -------------------------------------------------------------------------------------------------
    /// Reads `path` through the loader registry (loadFile) and adds its runs; returns the load result (its
    /// diagnostics name file and line). Runs waiting for an LR are added without a curve. Options without a
    /// warmup (−1) take the workspace's.
    LoadResult open(const std::string& path, const LoadOptions& options = {});
    /// The warmup W files are opened with (as --warmup-steps; −1 = detect), saved in sessions.
    void setWarmup(std::int64_t warmupSteps) { m_warmup = warmupSteps; }
    std::int64_t warmup() const { return m_warmup; }
    /// Adds a run; returns its id.
    int addRun(WorkspaceRun run);
    bool removeRun(int id);
    const std::vector<WorkspaceRun>& runs() const { return m_runs; }
    const WorkspaceRun* run(int id) const;
    bool setTrain(int id, bool train);
    bool setVisible(int id, bool visible);
    /// Replaces the curve of run `id` (a followed log grew, another series is fitted, the warmup changed).
    bool setRunCurve(int id, Curve curve);
    bool setGrowing(int id, bool growing);
    /// Empties the document (runs, model, fit, scenarios, inputs); observers stay, run ids start at 1 again.
    void clear();
    /// Curves of the runs ticked for fitting (that have a curve), in run order.
    std::vector<Curve> trainCurves() const;

    // Model ------------------------------------------------------------------------------------------------
    /// A registered law id or "auto" (model selection, see fit()). False for an unknown id. The fixed
    /// parameters are kept (a user who looks at another law and comes back finds their ticks): fit() applies
    /// them only to the law they were set for (setFixed() records the law chosen then).
    bool setLaw(const std::string& lawId);
    const std::string& lawId() const { return m_lawId; }
    /// Settings on top of the law's defaults ("lambda", "free_shape", ...).
    void setSettings(LawSettings settings);
    const LawSettings& settings() const { return m_settings; }
    /// Parameters held at `values` in the next fit (one flag per parameter of the law; empty = none).
    void setFixed(std::vector<bool> fixed, std::vector<double> values);
    const std::vector<bool>& fixed() const { return m_fixed; }

    // Fit --------------------------------------------------------------------------------------------------
    /// Fits the law on the train runs. With "auto", every registered law is fitted and one is chosen by
    /// fit::chooseCurveLaw, the criterion losscast-cli eval --law auto uses. Returns false (with *error) when
    /// there is nothing to fit or the fit is not usable; the previous fit is then kept.
    bool fit(const fit::Options& options = {}, const fit::Control& control = {},
             std::string* error = nullptr);
    /// As fit(); `*attempt` (when given) receives the outcome even when it is not usable, for a caller that
    /// reports why (losscast-cli prints the fit's summary).
    bool fit(const WorkspaceFitRequest& request, LawFitOutcome* attempt, std::string* error = nullptr);
    /// Replaces the fit (a fit computed elsewhere, or read from a session or a fit file).
    void setFit(std::optional<WorkspaceFit> fit);
    /// Replaces the fit with the fitted curves of runs already computed (by run id, at the run's steps, under
    /// the fit's parameters) and, optionally, schedules already predicted with it: a window computes them in
    /// its fit job, off the GUI thread. They serve fittedCurve(), scores() and prediction() until a parameter
    /// or the run's curve changes.
    void setFit(WorkspaceFit fit, std::map<int, std::vector<double>> fittedCurves,
                std::vector<std::pair<Schedule, ScenarioPrediction>> predictions = {});
    const std::optional<WorkspaceFit>& currentFit() const { return m_fit; }
    /// Changes one fitted parameter's value (the window's parameter edits).
    bool setParameterValue(std::size_t index, double value);
    /// Changes every parameter at once (an undo step restoring them); false (unchanged) when the count
    /// differs from the fit's or a value is not finite.
    bool setParameterValues(const std::vector<double>& values);
    /// The fitted curve of run `id` at its logged steps (empty without a fit or a curve, and for a growing
    /// run without one handed over).
    std::vector<double> fittedCurve(int id) const;
    /// Whether fittedCurve(id) returns a curve handed over with setFit() (not one it predicts now).
    bool hasHandedOverCurve(int id) const;
    /// Scores of every run with a fitted curve under the fit, in run order (`train`: the fit was made on
    /// it), computed on demand and cached until the fit or the runs change.
    const std::vector<RunScore>& scores() const;
    /// Mean metrics of the train (true) or hold-out (false) runs.
    fit::Metrics meanScore(bool train) const;

    // Scenarios --------------------------------------------------------------------------------------------
    int addScenario(std::string name, Schedule schedule);
    /// Replaces every scenario with the current and baseline ones (what undo and redo restore).
    void setScenarios(std::vector<WorkspaceScenario> scenarios, int current, int baseline);
    bool removeScenario(std::size_t index);
    bool setScenarioSchedule(std::size_t index, Schedule schedule);
    const std::vector<WorkspaceScenario>& scenarios() const { return m_scenarios; }
    int currentScenario() const { return m_current; }
    int baselineScenario() const { return m_baseline; }
    void setCurrentScenario(int index);
    void setBaselineScenario(int index);
    /// The points a user drags on scenario `index` (core::editablePoints).
    std::vector<LrPoint> controlPoints(std::size_t index) const;
    /// Moves control point `point` of scenario `index` to `to` (the scenario becomes piecewise). False,
    /// with *why from the schedule, when the points would be invalid; the scenario is then unchanged.
    bool moveControlPoint(std::size_t index, std::size_t point, LrPoint to, std::string* why = nullptr);
    bool addControlPoint(std::size_t index, LrPoint at, std::string* why = nullptr);
    bool removeControlPoint(std::size_t index, std::size_t point, std::string* why = nullptr);
    /// The prediction of scenario `index` under the fit (with its band). Cached by schedule under the fit's
    /// parameters (the last kPredictionCacheSize schedules): an undo that brings a schedule back finds its
    /// prediction. Empty (final loss NaN) without a fit. The reference is valid until the next call.
    const ScenarioPrediction& prediction(std::size_t index) const;

    // CPT and Mixtures views
    // ---------------------------------------------------------------------------------
    void setCpt(std::optional<SessionCpt> cpt);
    const std::optional<SessionCpt>& cpt() const { return m_cpt; }
    void setMixtureInputs(std::vector<std::string> paths);
    const std::vector<std::string>& mixtureInputs() const { return m_mixtureInputs; }

    // Sessions ---------------------------------------------------------------------------------------------
    /// The document as a session saved in `sessionDir` (file paths relative to it where possible; with
    /// `hash` the files' sha256 and size are recorded): the files in the order their first run was opened
    /// (an absolute path kept as it is, a relative one made absolute), each with the user's mapping and its
    /// runs' flags in run order; law, warmup, the fixed parameters (by name), the fit as fitted with the
    /// edited values beside it, the scenarios, the CPT and mixture inputs. A window adds what it draws
    /// (colours, series, view) to the result.
    Session toSession(const std::string& sessionDir, bool hash = true) const;
    /// A workspace from a session saved in `sessionDir`: files are found (resolveSessionFile) and read with
    /// their mapping, run flags applied by name, the saved fit restored without refitting. Files that are
    /// missing or changed are listed in *problems, one sentence each.
    static Workspace fromSession(const Session& session, const std::string& sessionDir,
                                 std::vector<std::string>* problems = nullptr);

private:
    void notify(Change change);
    /// The fitted curve of run `id` handed over with setFit(), while still valid (null otherwise).
    const std::vector<double>* handedOverCurve(int id) const;
    void invalidatePredictions();

    std::vector<WorkspaceRun> m_runs;
    int m_nextRunId = 1;
    std::int64_t m_warmup = -1;
    std::string m_lawId = "mtl";
    LawSettings m_settings;
    std::vector<bool> m_fixed;
    std::vector<double> m_fixedValues;
    std::string m_fixedLaw; ///< the law the ticks were set for: fit() applies them to that law only
    std::optional<WorkspaceFit> m_fit;
    std::vector<WorkspaceScenario> m_scenarios;
    int m_current = -1;
    int m_baseline = 0;
    std::optional<SessionCpt> m_cpt;
    std::vector<std::string> m_mixtureInputs;
    std::vector<std::pair<int, Observer>> m_observers;
    int m_nextObserver = 1;

    std::map<int, std::vector<double>> m_fitted; ///< handed-over fitted curves, valid under m_fittedParams
    std::vector<double> m_fittedParams;
    mutable std::optional<std::vector<RunScore>> m_scores;
    static constexpr std::size_t kPredictionCacheSize = 64;
    mutable std::vector<std::pair<Schedule, ScenarioPrediction>> m_predictionCache;
    mutable std::vector<double> m_cacheParams; ///< the parameters m_predictionCache was made with
    mutable std::string m_cacheLaw;
};

} // namespace losscast::core::workspace
