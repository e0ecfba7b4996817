#pragma once
/// \file
/// \brief The Mixtures view: one slider per training domain held on the simplex (moving one rescales the
/// unlocked others; lock toggles; typed values; per-domain caps), live bars of the predicted per-domain and
/// overall loss with ±2σ bands, an "Optimise" intent, a ternary plot for three domains, and an AutoScale
/// panel (the optimal domain weights as a stacked area over the total token count).
///
/// A view only: it evaluates the model it is given (the closed-form mixing law, or the implicit GP: a
/// prediction with band costs microseconds) on every slider move, and emits `optimiseRequested` for the
/// application to run the optimiser and push the result back with setMixture(). Given both models it offers
/// the choice (the sliders, bars and ternary follow the chosen one) and shows each one's held-out
/// (cross-validated) predictions against the measured runs.

#include "core/mixing/autoscale.h"
#include "core/mixing/mixinglaw.h"
#include "core/mixing/mixmodels.h"

#include <QColor>
#include <QPointF>
#include <QWidget>

#include <span>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;

namespace losscast::widgets {

class MixtureView : public QWidget
{
    Q_OBJECT
public:
    explicit MixtureView(QWidget* parent = nullptr);
    ~MixtureView() override;

    /// Shows `fit` (domains become sliders, targets become bars) at the uniform mixture.
    void setFit(const core::mixing::MixingLawFit& fit);
    /// Shows one or both fitted models at the uniform mixture, using `models.chosen`; with both, the Model
    /// box offers each and the "Measured vs predicted" tab shows both models' out-of-fold predictions.
    void setModels(const core::mixing::MixtureModels& models);
    const core::mixing::MixtureModels& models() const { return m_models; }
    /// The model the sliders use.
    core::mixing::MixtureModelKind model() const { return m_kind; }
    /// Switches the sliders, bars and ternary to `kind` (ignored when that model is absent).
    void setModel(core::mixing::MixtureModelKind kind);
    /// Measured experiments (mixtures in the fit's domain order) drawn as points on the ternary plot. With
    /// `losses` (rows × the fit's targets) the measured losses are shown too: in the predicted-loss view the
    /// runs nearest to the current mixture as points beside the bars, and a "Measured vs predicted" tab with
    /// every run's overall loss against the law's prediction (MAE, Spearman).
    void setExperiments(const std::vector<std::vector<double>>& mixtures,
                        const std::vector<std::vector<double>>& losses = {});
    /// How many nearest runs the predicted-loss view shows.
    static constexpr std::size_t kNearestRuns = 5;
    /// The runs shown beside the bars: indices into the experiments, nearest (Euclidean in the mixture)
    /// first.
    std::vector<std::size_t> nearestExperiments() const { return m_nearest; }
    /// The points drawn beside the bars (x = bar position, y = measured loss), read back from the plot.
    std::vector<std::pair<double, double>> measuredPoints() const;
    /// The measured-vs-predicted scatter (x = measured overall loss, y = predicted) of the model in use, read
    /// back from the plot: out-of-fold predictions when the models came with a cross-validation, else the
    /// fitted model's predictions of its own runs.
    std::vector<std::pair<double, double>> fitScatter() const;
    /// The same for the other model (empty when there is none).
    std::vector<std::pair<double, double>> otherModelScatter() const;
    /// Two optimal token-count vectors (fit's domain order) at two scales: the AutoScale panel shows the
    /// extrapolated optimal weights for totals from `minTotal` to `maxTotal`.
    void setAutoScale(const std::vector<std::string>& domains, const std::vector<double>& n1,
                      const std::vector<double>& n2, double minTotal, double maxTotal);

    /// Optima at several scales (an AutoScale optima file, perhaps with DDO rows added): the area follows the
    /// AutoScale trajectory through two rows (core::mixing::defaultAutoScaleBases, or the two "from" boxes of
    /// the panel), every row is marked on the area at its total, and the slider spans the rows' totals up to
    /// 100× the larger base. With one row the panel lists its weights and asks for a second scale. `source`
    /// names the file(s) in the panel.
    void setAutoScaleOptima(const core::mixing::OptimaTable& table, const QString& source);
    /// Brings the AutoScale panel to the front.
    void showAutoScalePanel();
    /// The two rows of the optima table the trajectory goes through (indices; {0, 0} without a table).
    std::pair<std::size_t, std::size_t> autoScaleBases() const { return m_scaleBases; }
    void setAutoScaleBases(std::size_t first, std::size_t second);
    /// A line under the panel's buttons: what was loaded, or (error = true, in red) why a file was not.
    void setAutoScaleStatus(const QString& text, bool error = false);
    QString autoScaleStatus() const;
    /// The stacked area as drawn, read back from the plot: the totals and, per domain, the upper edge
    /// (cumulative share of the domains up to and including it).
    struct StackedArea
    {
        std::vector<QString> names;
        std::vector<double> totals;
        std::vector<std::vector<double>> upper; ///< per domain, per total
    };
    StackedArea autoScaleArea() const;

    /// The colour of measured run `e` on the ternary plot, read back from the plot (invalid when not drawn).
    QColor ternaryRunColor(std::size_t e) const;
    /// The loss range of the ternary colour scale (predicted background and measured runs share it).
    std::pair<double, double> ternaryLossRange() const;
    /// The colour the ternary plot gives a loss.
    QColor ternaryColor(double loss) const;
    /// The tooltip of the ternary plot at a pixel of it: the nearest measured run within 8 px (mixture,
    /// measured and predicted overall loss), else the predicted loss of the mixture under the cursor; empty
    /// outside the triangle.
    QString ternaryToolTip(const QPointF& pixel) const;
    /// Where measured run `e` is drawn on the ternary plot, in pixels of that plot.
    QPointF ternaryRunPixel(std::size_t e) const;

    /// The AutoScale panel's scale slider (log scale over [minTotal, maxTotal] of setAutoScale): moves the
    /// slider to `total` (clamped) and shows the optimal domain weights there, with a marker on the area.
    void setAutoScaleTotal(double total);
    /// The total chosen on the scale slider (0 before setAutoScale).
    double autoScaleTotal() const { return m_scaleTotal; }
    /// The optimal domain weights shown at autoScaleTotal() (Σ = 1; empty when the total is unreachable).
    std::vector<double> autoScaleWeights() const { return m_scaleWeights; }
    /// Where the marker on the stacked area stands (total tokens; NaN when there is none).
    double autoScaleMarkerTotal() const;

    /// Tall enough for the header, up to six domain rows, the overall loss and Optimise, with room for the
    /// plots, so the dock opens usable (a QScrollArea alone asks for almost nothing).
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

    std::vector<double> mixture() const { return m_mixture; }
    std::vector<double> caps() const;
    bool isLocked(int domain) const;
    void setLocked(int domain, bool locked);
    /// The latest prediction (per target, overall, stderr).
    const core::mixing::MixturePrediction& prediction() const { return m_prediction; }

    /// Sets domain `domain` to `value` and rescales the unlocked others to keep Σ = 1 (what dragging a slider
    /// or typing a value does). Returns the value actually applied (limited by the locked domains' total).
    double setDomainValue(int domain, double value);

    /// The simplex rule used by the sliders, exposed for tests: r[changed] ← value (clamped to what the
    /// locked domains leave), the rest of the mass spread over the unlocked others in proportion to their
    /// current shares (equally when they are all zero). Locked domains keep their values.
    static std::vector<double> rebalance(const std::vector<double>& r, int changed, double value,
                                         const std::vector<bool>& locked);

public slots:
    /// Applies a whole mixture (e.g. the optimiser's result); normalised to Σ = 1.
    void setMixture(const std::vector<double>& mixture);

signals:
    void mixtureChanged(const std::vector<double>& mixture);
    /// The user pressed Optimise; caps are per domain in [0, 1].
    void optimiseRequested(const std::vector<double>& caps);
    /// The user asked to open an AutoScale optima or perturbation file (the panel's button).
    void openAutoScaleRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    /// Queued replot of `plot` when it is on screen; plots on hidden tabs are replotted when shown.
    static void replotIfShown(QCustomPlot* plot);
    void replotAll();
    void applyPalette(); ///< plot backgrounds, axes and legends in the widget palette
    void rebuildControls();
    void refresh();        ///< recompute the prediction, update controls and plots
    void rebuildTernary(); ///< background, colour scale and measured runs: on a new fit or new runs
    void updateTernary();  ///< the current-mixture marker only: on every slider move
    void drawAutoScale();  ///< the area from m_scaleN1/N2 and the table's rows
    void fillBaseBoxes();
    std::vector<double> measuredOverall() const; ///< per experiment, NaN without losses
    void updateScale();                          ///< the AutoScale weights, label and marker at m_scaleTotal

    struct DomainRow
    {
        QLabel* name = nullptr;
        QSlider* slider = nullptr;
        QDoubleSpinBox* value = nullptr;
        QCheckBox* lock = nullptr;
        QDoubleSpinBox* cap = nullptr;
    };
    core::mixing::MixturePrediction predict(std::span<const double> r) const;
    double predictOverall(std::span<const double> r) const; ///< mean only: cheap for maps and scatters
    void fillModelBox();
    core::mixing::MixtureModels m_models;
    core::mixing::MixtureModelKind m_kind = core::mixing::MixtureModelKind::Law;
    std::vector<std::string> m_domains, m_targetNames;
    std::vector<double> m_weights;
    QComboBox* m_modelBox = nullptr;
    QLabel* m_modelNote = nullptr;
    QCPGraph* m_otherScatter = nullptr;
    std::vector<double> m_mixture;
    std::vector<std::vector<double>> m_experiments;
    std::vector<std::vector<double>> m_experimentLosses; ///< rows × targets, or empty
    std::vector<std::size_t> m_nearest;
    std::vector<double> m_runMeasured, m_runPredicted; ///< per experiment (overall), for the scatter
    QCustomPlot* m_fitPlot = nullptr;
    void updateFitScatter();
    core::mixing::MixturePrediction m_prediction;
    std::vector<DomainRow> m_rows;
    QGridLayout* m_grid = nullptr;
    QCustomPlot* m_bars = nullptr;
    QCustomPlot* m_ternary = nullptr;
    QCustomPlot* m_autoscale = nullptr;
    QSlider* m_scaleSlider = nullptr;
    QLabel* m_scaleLabel = nullptr;
    QCPItemStraightLine* m_scaleMarker = nullptr;
    std::vector<QCPGraph*> m_areaGraphs;
    core::mixing::OptimaTable m_optima;
    std::pair<std::size_t, std::size_t> m_scaleBases{0, 0};
    QComboBox* m_base1 = nullptr;
    QComboBox* m_base2 = nullptr;
    QLabel* m_scaleStatus = nullptr;
    QCPColorMap* m_ternaryMap = nullptr;
    QCPColorScale* m_ternaryScale = nullptr;
    QCPGraph* m_ternaryCurrent = nullptr;
    double m_ternaryLo = 0.0, m_ternaryHi = 0.0;
    std::vector<std::string> m_scaleDomains;
    std::vector<double> m_scaleN1, m_scaleN2, m_scaleWeights;
    double m_scaleMin = 0.0, m_scaleMax = 0.0, m_scaleTotal = 0.0;
    QPushButton* m_optimise = nullptr;
    QLabel* m_overall = nullptr;
    bool m_updating = false;
};

} // namespace losscast::widgets
