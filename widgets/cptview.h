#pragma once
/// \file
/// \brief The continual pre-training view: a PT + CPT scenario (replay ratio, CPT steps, CPT peak LR and
/// shape, the base's final PT LR / loss potential), the predicted general and domain loss with their hidden
/// PT curves, the general loss's turning and critical points, and the trade-off panel (λ1, Optimise, result
/// table, heat map of the weighted loss over replay ratio × CPT peak LR). Law: Wang et al., ICML 2025, arXiv
/// 2505.07796.
///
/// Evaluating the law is cheap and runs on the GUI thread while a control moves; the optimisation runs on the
/// view's own TaskRunner (latest wins, cancellable). The heat map is recomputed on a coalescing timer.

#include "core/cpt/cptjson.h"
#include "core/cpt/cptoptimize.h"
#include "core/schedule/schedule.h"

#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>

class QSlider;
class QPushButton;
class QTableWidget;
class QCustomPlot;

namespace losscast::widgets {

class CptView : public QWidget
{
    Q_OBJECT
public:
    /// \brief What an undo step restores: the scenario and where its imported PT schedule came from.
    struct State
    {
        core::cpt::CptScenario scenario;
        QString ptSource;
    };

    explicit CptView(QWidget* parent = nullptr);
    ~CptView() override;

    /// The fitted laws for the general and the domain set (both needed), with a label for the source.
    void setFits(const core::cpt::CptFit& general, const core::cpt::CptFit& domain, const QString& label);
    /// The fits shown (general and domain; no PT schedule: that is the scenario's) and their label.
    core::cpt::CptFitPair fits() const;
    QString fitLabel() const;
    /// The built-in preset: the paper's 106M FineWeb → Knowledge-Pile fits (Figs. 3 and 19).
    void usePaperPreset();
    /// Loads a fit file written by `losscast-cli cpt fit` or saveFitFile(); its PT schedule, if it carries
    /// one, becomes the view's PT schedule. False with `error` set when it cannot be used.
    bool loadFitFile(const QString& path, QString* error);

    /// Sets the scenario (programmatic: not an edit, emits no edited()).
    void setScenario(const core::cpt::CptScenario& scenario);
    State state() const;
    /// Puts back a state recorded by edited() (undo/redo); emits no edited().
    void restoreState(const State& state);
    /// The PT schedule from an imported run or an edited schedule (an edit: emits edited()): `pt.lr` holds
    /// the LR of steps 0..N (a Curve's `schedule`, or Schedule::toInput()); the PT becomes those N steps, the
    /// switch step N, and the loss potential its last LR over its largest. False with `error` set (naming
    /// `source`) when the LRs cannot be used (fewer than 2 values, a negative or non-finite LR, all zero,
    /// over 50,000,000 steps).
    bool setPtSchedule(const core::ScheduleInput& pt, const QString& source, QString* error = nullptr);
    bool setPtSchedule(const core::Schedule& pt, const QString& source, QString* error = nullptr);
    /// Back to the parametric PT phase (steps, WSD to the final-LR slider); an edit.
    void clearPtSchedule();
    core::cpt::CptScenario scenario() const;
    double lambda1() const;
    void setLambda1(double lambda1);
    core::cpt::CptSearchBounds searchBounds() const;

    /// The latest prediction and turning point (after the last update).
    const core::cpt::ScenarioPrediction& prediction() const;
    const core::cpt::GeneralTurn& generalTurn() const;
    /// Heat-map values (rows: replay, columns: CPT peak LR) as last computed.
    const std::vector<std::vector<double>>& heatMap() const;

    /// Starts the optimisation on the view's TaskRunner; optimisationFinished() carries the result.
    void optimise();
    bool isOptimising() const;
    /// Applies the last optimisation's best scenario to the controls.
    void applyOptimum();

    /// Recomputes and replots at once (benchmarks and tests); returns the milliseconds taken.
    double updateNow();
    /// Recomputes the heat map at once.
    void updateHeatMapNow();
    QSlider* replaySlider() const;
    QPushButton* optimiseButton() const;
    QTableWidget* resultTable() const;
    /// The draggable points of the CPT LR schedule as (global step, LR): the re-warmup's end (peak), the
    /// start of the decay (WSD only) and the end of the CPT (final LR; not for a constant schedule).
    std::vector<QPointF> cptControlPoints() const;
    /// What dragging point `index` to (step, lr) does: re-warmup length and peak LR, WSD decay start, or
    /// final LR, clamped to valid values; the curves update at once. During a mouse drag the edit is reported
    /// once, on release; a call outside a drag is one edit.
    void moveControlPoint(int index, double step, double lr);
    /// The plot: loss (axis rect 0) over the LR schedule (axis rect 1), sharing the step axis.
    QCustomPlot* lossPlot() const;
    bool saveScreenshot(const QString& path);

    /// Writes the fits (and the imported PT schedule, if any) as a CPT fit file that `losscast-cli cpt
    /// predict --fit` reads; false with `error` set when it cannot be written, or when `path` is one of the
    /// input files (setInputFiles): a save never replaces data.
    bool saveFitFile(const QString& path, QString* error);
    /// The files a save must never replace (the window's runs, tables and session), asked at each save.
    void setInputFiles(std::function<QStringList()> inputs);

signals:
    void scenarioChanged();
    /// A user edit that is already applied (a finished drag of a schedule point or of a slider, a spin-box
    /// or keyboard step, a shape, Apply, a PT schedule): `before` → `after`, for the window's undo stack.
    /// Consecutive edits with the same `mergeKey` >= 0 are steps of one control (keys, spin-box typing) and
    /// may be merged into one undo step; -1 never merges.
    void edited(const QString& text, const CptView::State& before, const CptView::State& after, int mergeKey);
    void optimisationFinished(bool ok, const QString& message);
    /// Other fits are shown (setFits(), the preset, a loaded fit file); not an undo step.
    void fitsChanged();
    /// The trade-off weight λ1 changed; not an undo step.
    void lambda1Changed(double lambda1);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildUi();
    void syncControls();
    void readControls();
    void scheduleUpdate();
    void refreshResultTable();
    void fitLrAxis(bool shrink);
    void commitEdit(const QString& text, int mergeKey);
    void applyState(const State& state);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace losscast::widgets
