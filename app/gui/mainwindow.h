#pragma once
/// \file
/// \brief LossCast's main window: runs, plots, model (fit) and scenarios, wired to core through TaskRunner.

#include "app/gui/runmodel.h"
#include "core/import/curvebuild.h"
#include "core/import/run.h"
#include "core/mixing/autoscale.h"
#include "core/mixing/mixinglaw.h"
#include "core/session/session.h"
#include "core/workspace/loaders.h"
#include "core/workspace/workspace.h"
#include "widgets/plotpanel.h"

#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;
class QMenu;
class QTimer;
class QLockFile;

namespace losscast::widgets {
class CptView;
class ForecastPanel;
class MixtureView;
class ParameterTable;
class ScalingView;
class ScenarioEditor;
class TaskRunner;
} // namespace losscast::widgets

namespace losscast::app {

struct FollowEntry;
struct FollowSnapshot;
struct FollowState;
struct SizeCurveFit;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens curve files; returns how many runs were added. Errors go to the Runs dock and the status bar.
    int openFiles(const QStringList& paths);
    /// Imports a log with the user's choice of loss and LR series; with an empty `lr`, the LR of every step
    /// comes from `scheduleText` (losscast-cli's --schedule form). Returns runs added; 0 with `error` set.
    int importWithMapping(const QString& path, const QString& loss, const QString& lr,
                          const QString& scheduleText, QString* error);
    /// Opens the bundled example set a file belongs to (all runs of its size, MPL protocol train/test split).
    int openExampleSet(const QString& anyFileOfTheSet);

    /// Starts a fit of the selected law on the train runs (cancels a running one). False when nothing to fit.
    bool startFit();
    void cancelFit();
    bool hasFit() const { return m_fit != nullptr; }
    const FitResult* fitResult() const { return m_fit.get(); }
    void setLaw(const QString& lawId);
    QString lawId() const;

    const std::vector<Run>& runs() const { return m_runs; }
    /// The document (core/workspace): what the window shows of runs, fit, scores and scenarios comes from it.
    const core::workspace::Workspace& document() const { return m_doc; }
    /// Files read whose runs logged no recognised LR (listed until the user gives the schedule).
    QStringList filesWaitingForLr() const { return m_needsLr.keys(); }
    /// Every data file the document reads (runs, files waiting for an LR, Mixtures inputs): exports never
    /// replace one of them.
    QStringList inputFiles() const;
    void setRunTrain(int index, bool train);
    /// Draws (or hides) one loss-like series of run `index` (the Runs dock's metric check boxes); the fit's
    /// own series stands for the run's measured curve. False for an unknown run or series.
    bool setRunMetricShown(int index, const QString& metric, bool shown);
    /// Fits run `index` on another of its series from the next fit (same LR as before). False, with *error,
    /// when that series cannot make a curve or the run has a single loss series.
    bool setFitMetric(int index, const QString& metric, QString* error = nullptr);

    widgets::PlotPanel* plotPanel() const { return m_plot; }
    widgets::TaskRunner* taskRunner() const { return m_runner; }
    QUndoStack* undoStack() const { return m_undo; }

    bool exportPlot(const QString& path, int width, int height, QString* error);
    bool exportParametersJson(const QString& path, QString* error);
    /// The fitted parameters as CSV: header `kind,name,value,stderr`; one `law` row, one `parameter` row per
    /// parameter (stderr empty when unknown), one `setting` row per law setting.
    bool exportParametersCsv(const QString& path, QString* error);
    bool exportPredictionsCsv(const QString& path, QString* error);

    // Scenarios ---------------------------------------------------------------------------------------------
    const ScenarioState& scenarioState() const { return m_scenarios; }
    /// Replaces the scenarios (what undo and redo call); re-predicts and redraws.
    void applyScenarioState(const ScenarioState& state);
    /// Adds a scenario and makes it current (undoable).
    void addScenario(const QString& name, const core::Schedule& schedule);
    void setCurrentScenario(int index);
    const std::vector<ScenarioPrediction>& scenarioPredictions() const { return m_predictions; }
    /// Editable points (step, lr) of the current scenario, as shown on the LR plot.
    QVector<QPointF> currentControlPoints() const;
    /// Moves a control point of the current scenario (live, during a drag; not an undo step by itself).
    void moveControlPoint(int index, QPointF pos);
    void beginControlPointDrag();
    /// Ends a drag: one undo step from the state at the drag's start.
    void finishControlPointDrag();
    void addControlPoint(QPointF pos);
    void removeControlPoint(int index);

    /// Starts the background schedule search for scenario `index`; adds the result as a scenario when done.
    bool optimiseScenario(int index);
    widgets::TaskRunner* optimiseRunner() const { return m_optRunner; }

    /// Changes one fitted parameter value (undoable) and re-predicts everything.
    void setParameterValue(int index, double value);
    /// Reads a parameters JSON (as written by `losscast-cli fit` or File → Export Parameters) as the fit.
    bool openParametersFile(const QString& path, QString* error);

    /// Reads mixture experiments (one CSV, or RegMix's mixture + loss pair), fits both mixture models (the
    /// data mixing law and the implicit GP, the one with the better cross-validated ranking chosen) in the
    /// background and shows them in the Mixtures dock; mixtureFitFinished() follows. False (with *error) when
    /// the table cannot be read. Defined in mixtures.cpp.
    bool openMixtureExperiments(const QStringList& paths, QString* error = nullptr);
    /// The Mixtures view's Optimise: the exact optimum of the law, or RegMix's sampled search for the
    /// implicit model (in the background), put on the sliders. Defined in mixtures.cpp.
    void optimiseMixture(const std::vector<double>& caps);
    widgets::MixtureView* mixtureView() const { return m_mixtureView; }
    /// Opens the mixture files among `paths` into the Mixtures view: AutoScale optima or perturbation runs,
    /// experiments tables, and RegMix's mixture + loss files (paired by name). Returns the other paths (for
    /// the run importers); what cannot be read is appended to *errors (file, line, column). openFiles, and so
    /// the command line, File → Open and drops, call it first. Defined in mixtures.cpp.
    QStringList openMixtureFiles(const QStringList& paths, QStringList* errors);
    /// Whether a mixing-law fit started by openMixtureFiles has not finished (--screenshot waits for it).
    bool mixtureFitPending() const { return m_mixtureFitsPending > 0; }
    /// Opens an AutoScale file in the Mixtures view's AutoScale panel (what File → Open AutoScale Optima,
    /// the panel's button and a drop all call): an optima table replaces the panel's rows; perturbation runs
    /// are fitted and optimised (DDO at `ddoTotal` tokens; 0 = a number followed by B in the file name, else
    /// 1) in the background and their optimum is added as a row. autoScaleLoaded() follows either way when
    /// the file was readable. False (with *error naming file, line and column; the panel keeps what it
    /// showed and prints the error) when it cannot be read. Defined in mixtures.cpp.
    bool openAutoScaleFile(const QString& path, QString* error = nullptr, double ddoTotal = 0.0);
    /// File dialog, then openAutoScaleFile (asking the DDO total for perturbation runs).
    void openAutoScaleDialog();
    /// Whether the start of `path` looks like an AutoScale optima or perturbation table (drops use it).
    static bool isAutoScaleFile(const QString& path);
    const core::mixing::OptimaTable& autoScaleOptima() const { return m_autoScaleOptima; }

    // Scaling (View → Scaling; defined in scaling.cpp) ---------------------------------------------------
    widgets::ScalingView* scalingView() const { return m_scalingView; }
    /// Shows the Scaling view and reads a runs table into it (its fit starts in the background). False when
    /// the table cannot be read (the view says why, naming file, line and column).
    bool openScalingTable(const QString& path);
    /// Fills the Scaling view's table from the opened runs: final loss, D from the run's tokens series (else
    /// last step × the view's tokens per step), N from the run's or file's name ("25M_…"), else left for the
    /// user to type. False (with *error) without runs.
    bool scalingTableFromRuns(QString* error = nullptr);
    /// Writes the Scaling view's fit as `losscast-cli scale fit` does (never over an input).
    bool exportScalingFit(const QString& path, QString* error);
    /// Fits a size-aware curve law ("mtl-size", "mpl-size") on the opened train runs in the background, each
    /// run's N from the Scaling table (same name) or its name; sizeCurveFitFinished() follows. False (with
    /// *error) without two sizes. Defined in sizecurve.cpp.
    bool fitSizeAwareCurves(const QString& lawId, QString* error = nullptr);
    /// The last usable size-aware fit (null before one).
    const SizeCurveFit* sizeCurveFit() const { return m_sizeFit.get(); }
    /// Whether a size-aware fit is running (--screenshot waits for it).
    bool sizeCurveFitPending() const;

    enum class Theme
    {
        System,
        Light,
        Dark
    };
    void setTheme(Theme theme);

    // Sessions (app/gui/session.cpp): the document saved as a .losscast file --------------------------------
    /// Replaces the document by the session at `path`. Runs, scenarios, parameters and the saved fit come
    /// back without refitting; missing or changed files are listed in sessionProblems() and in the Runs dock.
    /// False (with *error naming the file and JSON member) when the file is not a readable session; the
    /// current document is then left as it was.
    bool openSession(const QString& path, QString* error);
    /// What openSession() does with files outside the session's folder tree (a session from someone else may
    /// name /etc/shadow or ../../../../etc/passwd): Ask the user once per session (the default; the
    /// LOSSCAST_OUTSIDE_FILES environment variable, allow|skip, changes it), Allow them, or Skip them
    /// (headless --screenshot/--save-session without --allow-outside-files).
    enum class OutsideFiles
    {
        Ask,
        Allow,
        Skip
    };
    void setOutsideFiles(OutsideFiles policy) { m_outsideFiles = policy; }
    /// Replaces the question of OutsideFiles::Ask (a message box listing the files); returns true to read
    /// them.
    void setOutsideFilesQuestion(std::function<bool(const QStringList&)> ask)
    {
        m_askOutside = std::move(ask);
    }
    /// Files outside the folder that the last openSession() did not read.
    QStringList skippedOutsideFiles() const { return m_skippedOutside; }
    /// Writes the document to `path` and makes it the session's file (clean state).
    bool saveSession(const QString& path, QString* error);
    /// Empties the document (no prompt; the menu asks first).
    void newSession();
    QString sessionPath() const { return m_sessionPath; }
    /// Files of the open session that were missing or changed, one sentence each naming the file.
    QStringList sessionProblems() const { return m_sessionProblems; }
    /// Session files not found on opening (kept, so that saving again loses nothing).
    int missingFileCount() const { return int(m_missingFiles.size()); }
    /// Uses `path` for the `index`-th missing file: reads it and applies the session's settings of its runs.
    bool locateMissingFile(int index, const QString& path, QString* error);
    /// Unsaved changes: undoable edits since the last save plus changes that are not undo steps.
    bool isDocumentModified() const;
    /// Where this window autosaves its recovery copy (AppDataLocation/recovery-<uuid>.losscast: unique per
    /// window, since process ids repeat in PID namespaces such as Flatpak or Docker).
    QString recoveryPath() const;
    /// Writes the recovery copy now (the autosave timer does this every 60 s while modified).
    bool writeRecoveryCopy(QString* error = nullptr);
    /// Offers to restore recovery copies left by a LossCast that did not close cleanly.
    void offerRecovery();

    // Following runs while they train (app/gui/following.cpp, issue #15)
    // --------------------------------------
    /// Starts (or stops) following the open file `file`: its runs' points are read as the job appends them
    /// and drawn; the Forecast dock forecasts the final loss of its run `run` ("" = its first run). False
    /// (with *error) when no run of the window comes from `file`.
    bool setFollowing(const QString& file, bool on, const QString& run = {}, QString* error = nullptr);
    bool isFollowed(const QString& file) const;
    QStringList followedFiles() const;
    /// The planned schedule of a followed file (losscast-cli's --schedule text form); refits. False (with
    /// *error naming the key) when the spec cannot be read.
    bool setPlannedSchedule(const QString& file, const QString& spec, QString* error = nullptr);
    void setTargetLoss(const QString& file, std::optional<double> target);
    /// Pins the file's current live forecast (false when there is none yet) / removes the pin.
    bool pinForecast(const QString& file);
    void unpinForecast(const QString& file);
    /// The follow state of a file (null when it never was followed): the live forecast, the pin, the alarm.
    const FollowEntry* followEntry(const QString& file) const;
    /// The polling interval of followed files (the fallback where file-system notifications do not come).
    void setFollowPollInterval(int ms);
    /// The alarm banner's text ("" when it is hidden).
    QString followAlarmText() const;
    widgets::ForecastPanel* forecastPanel() const;
    /// Whether a live forecast is running or waiting (--screenshot waits for it).
    bool liveForecastPending() const;

signals:
    /// New points of a followed file were drawn.
    void followUpdated(const QString& file);
    void liveForecastFinished(const QString& file, bool ok);
    /// The measured loss left the pinned forecast's band at `step`.
    void followAlarm(const QString& file, qint64 step);
    void fitFinished(bool ok);
    void mixtureFitFinished(bool ok);
    void autoScaleLoaded(bool ok);
    void runsChanged();
    void sizeCurveFitFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildScalingDock(); ///< scaling.cpp
    void openScalingTableDialog();
    void showScalingDock(); ///< shows and raises it with room for its plot
    void setupSizeCurve();  ///< sizecurve.cpp
    /// The predicted whole curve at the Scaling view's model size under the current scenario (sizecurve.cpp).
    void appendSizeCurve(QVector<widgets::PlotSeries>& loss) const;
    std::optional<core::SessionScaling> scalingSession(const QString& sessionDir) const;
    void restoreScaling(const std::optional<core::SessionScaling>& saved, const QString& dir,
                        bool allowOutside, const QStringList& outside);
    void buildRunsDock();
    void buildModelDock();
    void buildScenariosDock();
    void ensureDefaultScenarios();
    void predictScenario(std::size_t index, bool live = false);
    void refreshFinalLosses();
    void predictScenarios();
    void refreshScenarioViews();
    void updatePlotSeries();
    void pushScenarioChange(const QString& text, const ScenarioState& before);
    void setParameters(const std::vector<double>& params);
    void restoreSettings();
    void saveSettings();
    void addRecentFile(const QString& path);
    void updateRecentMenu();

    void refreshRunsTree();
    void refreshPlots();
    void refreshModel();
    void onFitFinished(quint64 generation, const QVariant& result);
    void setBusy(bool busy, const QString& what);
    /// The Warmup steps field: W ≥ 0 as typed, or core::kAutoWarmup (detected from each file's LR).
    std::int64_t warmupSetting() const;
    /// Applies the Warmup steps field to every open run and scenario (runwarmup.cpp).
    void applyWarmupSetting();
    /// The warmup of the longest training run (what the scenarios take).
    std::int64_t trainedWarmup() const;
    /// Adds the runs one read of `path` through core's loader registry gave (core/workspace/loaders.h):
    /// runs with a curve are opened, runs waiting for an LR are listed (and, with `askForMapping`, the
    /// mapping dialog asks for it); returns runs added, or 0 after appending the file's message to `errors`.
    int addLoadedRuns(const QString& path, const core::workspace::LoadResult& loaded,
                      const core::workspace::LoadOptions& options, QStringList& errors, bool askForMapping);
    std::vector<double> fittedCurve(const Run& run) const;
    /// Asks (without blocking) for the LR column or the schedule of a file whose runs logged no LR.
    void askForLearningRate(const QString& path);

    void openDialog();
    void exportPlotDialog();
    void exportParametersDialog();
    void exportParametersCsvDialog();
    void exportPredictionsDialog();

    // Following (following.cpp)
    void buildFollowing();
    void clearFollows();
    FollowEntry* followEntryOf(const QString& file, bool create);
    void onFollowSnapshot(const QString& file, FollowSnapshot& snapshot);
    void requestLiveForecast(FollowEntry& entry, bool restart);
    void onLiveForecast(const QString& file, const QVariant& result);
    void checkFollowAlarm(FollowEntry& entry);
    void refreshForecastPanel();
    void refreshFollowBanner();
    /// The live and pinned forecasts as loss-plot series and the planned schedules as LR-plot series
    /// (refreshPlots adds them).
    void appendFollowSeries(QVector<widgets::PlotSeries>& loss, QVector<widgets::PlotSeries>& lr) const;
    void followSessionFiles(const core::Session& session, const QString& sessionDir, bool allowOutside);
    void showFollowContextMenu(int run, const QPoint& globalPos);
    void followDialog();
    /// Marks the document's runs of `file` as growing (followed) or not (core::workspace::WorkspaceRun).
    void markGrowing(const QString& file, bool growing);
    std::unique_ptr<FollowState> m_follow;

    /// The document (core/workspace/workspace.h): the runs with their curves, split and visibility, the law's
    /// fixed parameters, the fit with its scores, the scenarios. m_runs, m_fit and m_scenarios are the
    /// window's view of it (with colours, series, warnings and display caches): the window changes the
    /// document through its operations and updates that view when it notifies (syncFromDocument).
    core::workspace::Workspace m_doc;
    void connectDocument();
    void syncFromDocument(core::workspace::Change change);
    /// Replaces a run's curve, shows or hides it, moves it between train and hold-out: in the document.
    void setRunCurve(const Run& r, core::Curve curve);
    void setRunVisible(const Run& r, bool visible);
    /// Adds `r` (built by the window) to the document and to the view; its id comes from the document.
    Run& addRun(Run r);
    /// Hands m_fit (null: none) to the document with the fitted curves of runs `runIds` computed in the fit
    /// job, under its parameters; the document scores the runs from them (Workspace::scores).
    void handFitToDocument(const QStringList& runIds = {},
                           const std::vector<std::vector<double>>& fittedCurves = {},
                           std::vector<std::pair<core::Schedule, ScenarioPrediction>> predictions = {});
    /// Commits m_scenarios (an edit the window composed, or a state undo restores) to the document
    /// (Workspace::setScenarios); the view then follows the document.
    void commitScenarios();
    std::vector<Run> m_runs;
    /// Files that were read but whose runs logged no recognised LR: path → the runs' names. Listed in the
    /// Runs dock (double-click gives the schedule) until opened with a mapping.
    QMap<QString, QStringList> m_needsLr;
    /// The logged loss of those runs (drawn while they wait for an LR), by file.
    QMap<QString, QVector<widgets::PlotSeries>> m_needsLrLoss;
    /// Their imported runs, by file: what the mapping dialog lists (the file is not read again to ask).
    QMap<QString, std::vector<std::shared_ptr<const core::import::Run>>> m_needsLrRuns;
    ScenarioState m_scenarios;
    /// What the plots draw for each scenario: the document's prediction (Workspace::prediction), or during a
    /// drag the live one of the dragged scenario (fewer points, no band; not kept by the document).
    std::vector<ScenarioPrediction> m_predictions;
    ScenarioState m_dragBefore;
    bool m_dragging = false;
    QVector<widgets::PlotSeries>
        m_runLossSeries; ///< cached: rebuilt when runs or the fit change, not per drag
    QVector<widgets::PlotSeries> m_runLrSeries;
    widgets::ScenarioEditor* m_scenarioEditor = nullptr;
    std::unique_ptr<FitResult> m_fit;
    std::unique_ptr<FitResult> m_fitPending;

    widgets::PlotPanel* m_plot = nullptr;
    widgets::TaskRunner* m_runner = nullptr;
    widgets::TaskRunner* m_optRunner = nullptr; ///< schedule searches, independent of fits
    QUndoStack* m_undo = nullptr;

    // Session (app/gui/session.cpp)
    void setupSessions();
    void markModified();
    void updateTitle();
    bool maybeSaveSession();
    void openSessionInteractive(const QString& path);
    bool saveSessionInteractive(bool askForPath);
    void addSessionProblemItems();
    void addRecentSession(const QString& path);
    void addRecentSessionActions(QMenu* menu);
    void resetDocument();
    int loadSessionFile(const core::SessionFile& file, const QString& path, FitResult* fit, QString* error);
    core::Session toSession(const QString& sessionDir) const;
    /// sha256 of an imported file, hashed again only when its size or modification time changed (so the
    /// autosave tick does not reread every file).
    std::string fileSha256(const QString& path) const;
    struct HashEntry
    {
        qint64 size = -1;
        qint64 mtimeMs = 0;
        std::string sha256;
    };
    mutable QMap<QString, HashEntry> m_hashCache;
    QString m_sessionPath;
    QStringList m_sessionProblems;
    std::vector<core::SessionFile> m_missingFiles;
    std::vector<int> m_missingProblemRow;               ///< per missing file: its row in m_sessionProblems
    std::map<QString, core::SessionMapping> m_mappings; ///< by absolute path: loss/LR chosen by the user
    QStringList m_mixtureInputs;
    int m_mixtureFitsPending = 0;
    QStringList m_recentSessions;
    bool m_dirtyExtra = false; ///< changes that are not undo steps (run ticks, law, view, a new fit)
    bool m_restoringSession = false;
    OutsideFiles m_outsideFiles = defaultOutsideFiles();
    static OutsideFiles defaultOutsideFiles();
    std::function<bool(const QStringList&)> m_askOutside;
    QStringList m_skippedOutside;
    bool allowOutsideFiles(const QString& sessionPath, const QStringList& files);
    double m_savedSmoothing = 0.0;
    QTimer* m_autosave = nullptr;
    QLockFile* m_recoveryLock = nullptr;
    const QString m_recoveryId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    QTreeWidget* m_runsTree = nullptr;
    QSpinBox* m_warmup = nullptr;
    QComboBox* m_lawCombo = nullptr;
    QPushButton* m_fitButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_fitProgress = nullptr;
    QLabel* m_fitSummary = nullptr;
    widgets::ParameterTable* m_params = nullptr;
    QTableWidget* m_quality = nullptr;

    QLabel* m_statusLabel = nullptr;
    QProgressBar* m_statusProgress = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    widgets::MixtureView* m_mixtureView = nullptr;
    widgets::CptView* m_cptView = nullptr;
    QDockWidget* m_cptDock = nullptr;
    /// The CPT view was shown or changed in this document: it is saved with the session.
    bool m_cptTouched = false;
    QDockWidget* m_mixtureDock = nullptr;
    widgets::ScalingView* m_scalingView = nullptr;
    QDockWidget* m_scalingDock = nullptr;
    bool m_scalingTouched = false; ///< the Scaling view was shown or changed: saved with the session
    widgets::TaskRunner* m_sizeRunner = nullptr; ///< size-aware curve fits
    std::shared_ptr<const SizeCurveFit> m_sizeFit;
    int m_mixtureOptimiseGeneration = 0;         ///< latest-wins for the implicit model's background search
    core::mixing::OptimaTable m_autoScaleOptima; ///< the AutoScale panel's rows (file + DDO results)
    QString m_autoScaleSource;
    QAction* m_logX = nullptr;
    QAction* m_logY = nullptr;
    QAction* m_residuals = nullptr;
    QAction* m_tokensX = nullptr; ///< x axis in tokens (only with runs that log tokens)
    /// Steps ↔ tokens while the x axis is in tokens: the mapping of the first visible run that logs tokens,
    /// which places scenario schedules, predictions and control points exactly where that run's curve is at
    /// the same step (a batch-size warmup included); the identity in steps.
    const core::TokenMap& tokenAxis() const;
    /// Mean tokens per step of that run (1 in steps): what sessions record as the view's tokens per step.
    double xScale() const;
    QAction* m_dark = nullptr;
    QString m_lastDir;
    QStringList m_recent;
    Theme m_theme = Theme::System;
    bool m_refreshingTree = false;
    bool m_plotRefreshQueued = false;
    bool m_sizeDocksOnShow = false;
};

} // namespace losscast::app
