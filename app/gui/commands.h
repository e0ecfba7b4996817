#pragma once
/// \file
/// \brief Undo commands of the window: each stores the state before and after, so undo/redo are exact.

#include "app/gui/runmodel.h"

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
