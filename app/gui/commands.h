#pragma once
/// \file
/// \brief Undo commands of the window: each stores the state before and after, so undo/redo are exact.

#include "app/gui/runmodel.h"
#include "widgets/cptview.h"

#include <QUndoCommand>

#include <functional>

namespace losscast::app {

/// \brief A change of the scenarios (schedule edit, drag, add/remove, rename, baseline).
class ScenarioCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const ScenarioState&)>;
    /// `alreadyApplied`: the change is on screen already (a finished drag), so the first redo does nothing.
    ScenarioCommand(const QString& text, ScenarioState before, ScenarioState after, Apply apply,
                    bool alreadyApplied, int mergeId = -1);
    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    ScenarioState m_before, m_after;
    Apply m_apply;
    bool m_skipRedo;
    int m_mergeId;
};

/// \brief An edit in the CPT view (a dragged schedule point, a slider, a spin box, Apply, a PT schedule).
/// The edit is on screen when pushed, so the first redo does nothing; edits with the same merge key >= 0 in a
/// row (key presses, spin-box typing on one control) become one step.
class CptCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const widgets::CptView::State&)>;
    CptCommand(const QString& text, widgets::CptView::State before, widgets::CptView::State after,
               Apply apply, int mergeKey);
    void undo() override { m_apply(m_before); }
    void redo() override;
    int id() const override { return m_mergeKey >= 0 ? kIdBase + m_mergeKey : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    static constexpr int kIdBase = 0x43505400; // 'CPT\0': apart from ScenarioCommand's ids
    widgets::CptView::State m_before, m_after;
    Apply m_apply;
    bool m_skipRedo = true;
    int m_mergeKey;
};

/// \brief A change of the fitted parameter values (an edit in the parameter table).
class ParameterCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const std::vector<double>&)>;
    ParameterCommand(const QString& text, std::vector<double> before, std::vector<double> after, Apply apply);
    void undo() override { m_apply(m_before); }
    void redo() override { m_apply(m_after); }

private:
    std::vector<double> m_before, m_after;
    Apply m_apply;
};

} // namespace losscast::app
