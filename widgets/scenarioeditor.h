#pragma once
/// \file
/// \brief The Scenarios panel: "what if" schedules with a name and colour, a preset form (kind, peak, final,
/// warmup, steps, decay fraction and shape), and each scenario's predicted final loss and its difference to a
/// chosen baseline.
///
/// A view: it shows the rows it is given and emits intent signals; the application changes its document (with
/// undo) and calls setRows() again.

#include "core/schedule/schedule.h"

#include <QColor>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace losscast::widgets {

class ScenarioEditor : public QWidget
{
    Q_OBJECT
public:
    struct Row
    {
        QString name;
        QColor color;
        core::Schedule schedule;
        double finalLoss = 0.0; ///< NaN when there is no fit yet
    };

    explicit ScenarioEditor(QWidget* parent = nullptr);

    void setRows(const std::vector<Row>& rows, int current, int baseline);
    /// Updates only the final-loss and Δ columns (cheap enough for every mouse move of a drag).
    void setFinalLosses(const std::vector<double>& finalLosses);
    int current() const { return m_current; }
    int baseline() const { return m_baseline; }

    /// The preset kinds offered in the form, in menu order.
    static const std::vector<core::ScheduleKind>& presetKinds();
    /// What the form shows (disabled) while there is no scenario, and what Add then creates: a common LLM
    /// schedule (WSD, peak 3e-4 decaying to 3e-5 over the last 20 % of 100k steps, 1k warmup).
    static core::Schedule defaultSchedule();
    /// The hint shown in place of the scenarios while there are none.
    void setEmptyHint(const QString& text);

signals:
    void currentChanged(int index);
    void baselineChanged(int index);
    void addRequested();
    void duplicateRequested(int index);
    void removeRequested(int index);
    /// Search (in the background) the schedule of the same length, warmup, peak and final LR that minimises
    /// the predicted final loss.
    void optimiseRequested(int index);
    void renameRequested(int index, const QString& name);
    /// The form was edited: scenario `index` should get this one-phase schedule.
    void phaseEdited(int index, const core::SchedulePhase& phase);

private:
    void showForm();
    void emitForm();

    std::vector<Row> m_rows;
    int m_current = -1;
    int m_baseline = 0;
    bool m_updating = false;

    QTableWidget* m_table = nullptr;
    QComboBox* m_baselineCombo = nullptr;
    QComboBox* m_kind = nullptr;
    QDoubleSpinBox* m_peak = nullptr;
    QDoubleSpinBox* m_final = nullptr;
    QSpinBox* m_warmup = nullptr;
    QSpinBox* m_steps = nullptr;
    QDoubleSpinBox* m_decay = nullptr;
    QComboBox* m_shape = nullptr;
    void setSpecText(const QString& text);
    QPlainTextEdit* m_specText = nullptr;
    QLabel* m_emptyHint = nullptr;
    QToolButton* m_remove = nullptr;
    QToolButton* m_duplicate = nullptr;
    QToolButton* m_optimise = nullptr;
};

} // namespace losscast::widgets
