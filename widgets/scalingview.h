#pragma once
/// \file
/// \brief The Scaling view (View → Scaling): a runs table (one row per training run: model size N in
/// parameters, training tokens D, final loss), the Chinchilla law L(N, D) = E + A/N^α + B/D^β fitted to it
/// (Hoffmann et al. 2022, Approach 3; core/scaling/chinchilla.h) and the compute-optimal plan under C =
/// 6·N·D.
///
/// The plot is over log N × log D: the fitted law as a colour map with iso-loss contour lines (solved in
/// closed form, D = (B / (L − E − A·N^−α))^(1/β)), the runs as points, iso-FLOP lines (N·D = C/6), the
/// compute-optimal frontier (N*(C), D*(C)) with its band (the interval of N* at each C, from the bootstrap
/// refits or, without them, the delta method: core/scaling/chinchillajson.h, as `scale optimal` computes
/// it), and the optimum at the budget chosen on the compute slider with its predicted loss and interval.
///
/// The table comes from a file (a W&B runs-table export or any CSV: the columns of `losscast-cli scale fit`,
/// found by name unless given) or from the runs open in the window (the application fills the rows; N and D
/// can be typed into the table). The fit and its bootstrap run on the view's own TaskRunner, never on the GUI
/// thread; a table that cannot be fitted (too few runs, a missing column, a value that is not > 0) is
/// explained inline, naming the file or run and the field.

#include "core/scaling/chinchilla.h"

#include <QPointF>
#include <QString>
#include <QWidget>

#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPLayoutGrid;
class QCPMarginGroup;
class QCPGraph;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace losscast::widgets {

class TaskRunner;

/// \brief One run of the Scaling view's table (NaN: not known yet, to be typed in).
struct ScalingRow
{
    QString name;
    double n = std::numeric_limits<double>::quiet_NaN();
    double d = std::numeric_limits<double>::quiet_NaN();
    double loss = std::numeric_limits<double>::quiet_NaN();
};

/// \brief A finished fit of the view: the law, its bootstrap (when asked for) and the table it was made on.
struct ScalingFitOutcome
{
    core::scaling::ChinchillaFit fit;
    core::scaling::ChinchillaBootstrap bootstrap;
    core::scaling::RunsTable table;
    double huberDelta = 1e-3;
    double level = 0.95;
};

class ScalingView : public QWidget
{
    Q_OBJECT
public:
    /// \brief Fit settings (kept by sessions).
    struct Settings
    {
        double huberDelta = 1e-3; ///< on log loss, as in both papers
        int bootstrap = 100;      ///< refits on resampled runs for the bands; 0: delta method
        double level = 0.95;      ///< of the bands and the loss interval
    };

    explicit ScalingView(QWidget* parent = nullptr);
    ~ScalingView() override;

    /// Reads a runs table with columns() and starts its fit. False (the error shown inline, naming the file,
    /// line and column; the previous table and fit stay) when it cannot be read.
    bool openTable(const QString& path);
    /// Replaces the table by `rows` (built from the opened runs: `source` says so) and starts the fit when
    /// every row has N, D and a loss; otherwise says inline which run lacks which value.
    void setRows(const std::vector<ScalingRow>& rows, const QString& source);
    /// The rows as the table shows them (typed values included).
    std::vector<ScalingRow> rows() const;
    /// The file the rows came from; empty when they were built from runs.
    QString tablePath() const { return m_tablePath; }
    /// Whether a row was typed into since the table was read or built.
    bool rowsEdited() const { return m_edited; }
    /// Empties the view (a new document): no table, no fit, default settings and budget.
    void clear();
    /// Restores a saved table without reading a file (sessions): `path` is shown as its source.
    void restoreRows(const std::vector<ScalingRow>& rows, const QString& path, bool edited);

    core::scaling::RunsColumns columns() const;
    void setColumns(const core::scaling::RunsColumns& columns);
    Settings settings() const;
    void setSettings(const Settings& settings);
    /// Tokens per step for runs that log no tokens series (From Runs); 0 when not given.
    double tokensPerStep() const;
    void setTokensPerStep(double tokens);

    /// Fits the table as shown, in the background (a running fit is cancelled). False, with the reason
    /// inline, when the rows cannot be fitted.
    bool startFit();
    bool isFitting() const;
    /// Blocks until the running fit has ended and its result is shown (tests, --screenshot).
    void waitForFit();
    bool hasFit() const { return m_outcome != nullptr; }
    /// The fit shown (null before the first one).
    const ScalingFitOutcome* outcome() const { return m_outcome.get(); }
    /// The fit as `losscast-cli scale fit` writes it (empty without a fit).
    std::string fitJsonText() const;

    /// The compute budget C (FLOPs) of the slider; clamped to budgetRange() once there is a fit.
    void setBudget(double flops);
    double budget() const { return m_budget; }
    std::pair<double, double> budgetRange() const { return {m_budgetMin, m_budgetMax}; }
    /// The compute-optimal allocation at budget() (zeros without a fit).
    core::scaling::Allocation optimum() const;
    /// The interval of the optimum's loss at settings().level (NaN without a fit or covariance).
    std::pair<double, double> optimumLossInterval() const { return m_lossInterval; }
    QString optimumText() const;
    /// The error shown inline (empty when none).
    QString errorText() const;
    /// The fit summary line (parameters, runs, time).
    QString statusText() const;

    /// Writes the plot as PNG, SVG or PDF (by the suffix); `width`/`height` 0: the plot's size.
    bool exportPlot(const QString& path, int width, int height, QString* error) const;

    // What the plot draws, read back from it (tests) -----------------------------------------------------
    /// The loss of each iso-loss contour line.
    std::vector<double> contourLevels() const { return m_levels; }
    /// Points of contour `k` as drawn (log10 N, log10 D; finite points only).
    std::vector<QPointF> contourPoints(int k) const;
    /// The runs as drawn (log10 N, log10 D).
    std::vector<QPointF> runPoints() const;
    /// The optimum marker as drawn (log10 N*, log10 D*; NaN without a fit).
    QPointF optimumPoint() const;
    /// The budgets (FLOPs) of the iso-FLOP lines drawn (without the budget's own line).
    std::vector<double> isoFlops() const { return m_isoFlops; }
    /// The frontier as drawn, and the two edges of its band (log10 N, log10 D).
    std::vector<QPointF> frontierPoints() const;
    std::vector<QPointF> frontierBand() const;

    // Curve at a model size (a size-aware curve law fitted by the application on the opened runs) ---------
    /// The size-aware law chosen ("mtl-size", "mpl-size").
    QString sizeLawId() const;
    void setSizeLaw(const QString& id);
    void setCurveShown(bool shown);
    /// The model size whose whole curve the main plot draws, in millions of parameters (0: none yet).
    double curveSize() const { return m_curveSize; }
    /// Sets the size (clamped to the slider's range once there is one); emits curveSizeChanged.
    void setCurveSize(double millions);
    /// After a size-aware fit: the slider spans the training sizes / 4 to × 16 and starts at the largest × 4.
    void setSizeRange(double minMillions, double maxMillions);
    /// What the size-aware fit said (warnings included), or why it could not be made (error: in red).
    void setSizeStatus(const QString& text, bool error = false);
    QString sizeStatus() const;
    /// Whether the curve is drawn in the main plot (the check box).
    bool curveShown() const;

    QSize sizeHint() const override;

signals:
    /// The user asked for a size-aware fit of `lawId` on the opened runs.
    void sizeFitRequested(const QString& lawId);
    /// The model size of the drawn curve (millions of parameters) or its check box changed.
    void curveSizeChanged(double millions);
    /// A fit ended: ok = usable parameters are shown.
    void fitFinished(bool ok);
    /// The table, columns, settings or budget changed (the session is modified).
    void changed();
    /// The user asked to open a table file (the application shows the dialog and calls openTable).
    void openTableRequested();
    /// The user asked for a table built from the opened runs.
    void fromRunsRequested();
    void exportPlotRequested();
    void exportFitRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void fillTable(const std::vector<ScalingRow>& rows);
    void setError(const QString& text);
    void onFitDone(const std::shared_ptr<const ScalingFitOutcome>& outcome);
    void applyPalette();
    // scalingview_plot.cpp
    void drawPlot();     ///< everything that depends on the fit: on a new fit
    void updateBudget(); ///< the optimum, its iso-FLOP line and the labels: on every slider move
    void updateRunsOnPlot();
    double sliderToFlops(int v) const;
    int flopsToSlider(double c) const;

    QPushButton* m_open = nullptr;
    QPushButton* m_fromRuns = nullptr;
    QPushButton* m_fit = nullptr;
    QPushButton* m_exportPlot = nullptr;
    QPushButton* m_exportFit = nullptr;
    QLineEdit* m_nCol = nullptr;
    QLineEdit* m_dCol = nullptr;
    QLineEdit* m_flopsCol = nullptr;
    QLineEdit* m_lossCol = nullptr;
    QSpinBox* m_bootstrap = nullptr;
    QLineEdit* m_tokensPerStep = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPLayoutGrid* m_legendRow = nullptr;
    QCPMarginGroup* m_marginGroup = nullptr;
    QCPGraph* m_runsGraph = nullptr;
    QCPGraph* m_frontier = nullptr;
    QCPCurve* m_band = nullptr;
    QCPGraph* m_optimumGraph = nullptr;
    QCPGraph* m_budgetLine = nullptr;
    std::vector<QCPGraph*> m_contours;
    QSlider* m_slider = nullptr;
    QLineEdit* m_budgetEdit = nullptr;
    QLabel* m_optimumLabel = nullptr;
    TaskRunner* m_runner = nullptr;
    QComboBox* m_sizeLaw = nullptr;
    QPushButton* m_sizeFit = nullptr;
    QCheckBox* m_sizeShow = nullptr;
    QSlider* m_sizeSlider = nullptr;
    QLineEdit* m_sizeEdit = nullptr;
    QLabel* m_sizeStatus = nullptr;
    double m_curveSize = 0.0, m_sizeMin = 0.0, m_sizeMax = 0.0;
    void buildSizeRow(QVBoxLayout* layout);

    QString m_tablePath;
    QString m_sourceText;
    core::scaling::RunsTable m_fileTable; ///< the columns used when the rows came from a file
    bool m_edited = false;
    bool m_filling = false;
    double m_huberDelta = 1e-3;
    double m_level = 0.95;
    std::shared_ptr<const ScalingFitOutcome> m_outcome;
    std::vector<core::scaling::ChinchillaParams> m_samples; ///< bootstrap refits of m_outcome
    std::vector<double> m_levels, m_isoFlops;
    double m_budget = 0.0, m_budgetMin = 0.0, m_budgetMax = 0.0;
    std::pair<double, double> m_lossInterval{std::numeric_limits<double>::quiet_NaN(),
                                             std::numeric_limits<double>::quiet_NaN()};
};

/// "1.2B", "350M", "20T": a count with its metric suffix (K, M, B, T), 3 significant digits.
QString humanCount(double v);

} // namespace losscast::widgets
