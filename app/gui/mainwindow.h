#pragma once
/// \file
/// \brief LossCast's main window: runs, plots, model (fit) and scenarios, wired to core through TaskRunner.

#include "app/gui/runmodel.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
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

namespace losscast::widgets {
class ParameterTable;
class PlotPanel;
class TaskRunner;
} // namespace losscast::widgets

namespace losscast::app {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens curve files; returns how many runs were added. Errors go to the Runs dock and the status bar.
    int openFiles(const QStringList& paths);
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
    void setRunTrain(int index, bool train);

    widgets::PlotPanel* plotPanel() const { return m_plot; }
    widgets::TaskRunner* taskRunner() const { return m_runner; }
    QUndoStack* undoStack() const { return m_undo; }

    bool exportPlot(const QString& path, int width, int height, QString* error);
    bool exportParametersJson(const QString& path, QString* error);
    bool exportPredictionsCsv(const QString& path, QString* error);

    enum class Theme
    {
        System,
        Light,
        Dark
    };
    void setTheme(Theme theme);

signals:
    void fitFinished(bool ok);
    void runsChanged();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildRunsDock();
    void buildModelDock();
    void restoreSettings();
    void saveSettings();
    void addRecentFile(const QString& path);
    void updateRecentMenu();

    void refreshRunsTree();
    void refreshPlots();
    void refreshModel();
    void onFitFinished(quint64 generation, const QVariant& result);
    void setBusy(bool busy, const QString& what);
    std::int64_t warmupFor(const QString& path) const;
    std::vector<double> fittedCurve(const Run& run) const;

    void openDialog();
    void exportPlotDialog();
    void exportParametersDialog();
    void exportPredictionsDialog();

    std::vector<Run> m_runs;
    int m_nextRunId = 1;
    std::unique_ptr<FitResult> m_fit;
    std::unique_ptr<FitResult> m_fitPending; ///< what the running fit job was started with

    widgets::PlotPanel* m_plot = nullptr;
    widgets::TaskRunner* m_runner = nullptr;
    QUndoStack* m_undo = nullptr;

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
    QAction* m_logX = nullptr;
    QAction* m_logY = nullptr;
    QAction* m_dark = nullptr;
    QString m_lastDir;
    QStringList m_recent;
    Theme m_theme = Theme::System;
    bool m_refreshingTree = false;
    bool m_sizeDocksOnShow = false;
};

} // namespace losscast::app
