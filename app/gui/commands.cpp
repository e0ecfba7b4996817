#include "app/gui/commands.h"

namespace losscast::app {

ScenarioCommand::ScenarioCommand(const QString& text, ScenarioState before, ScenarioState after, Apply apply,
                                 bool alreadyApplied, int mergeId)
    : QUndoCommand(text), m_before(std::move(before)), m_after(std::move(after)), m_apply(std::move(apply)),
      m_skipRedo(alreadyApplied), m_mergeId(mergeId)
{
}

void ScenarioCommand::undo()
{
    m_apply(m_before);
}

void ScenarioCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    m_apply(m_after);
}

bool ScenarioCommand::mergeWith(const QUndoCommand* other)
{
    // Consecutive edits of the same form field (spin-box steps) become one undo step.
    const auto* o = static_cast<const ScenarioCommand*>(other);
    if (o->m_mergeId != m_mergeId || o->m_before.current != m_after.current)
        return false;
    m_after = o->m_after;
    return true;
}

CptCommand::CptCommand(const QString& text, widgets::CptView::State before, widgets::CptView::State after,
                       Apply apply, int mergeKey)
    : QUndoCommand(text), m_before(std::move(before)), m_after(std::move(after)), m_apply(std::move(apply)),
      m_mergeKey(mergeKey)
{
}

void CptCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    m_apply(m_after);
}

bool CptCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const CptCommand*>(other); // same id(), so a CptCommand with the same key
    if (o->m_mergeKey != m_mergeKey || m_mergeKey < 0)
        return false;
    m_after = o->m_after;
    return true;
}

ParameterCommand::ParameterCommand(const QString& text, std::vector<double> before, std::vector<double> after,
                                   Apply apply)
    : QUndoCommand(text), m_before(std::move(before)), m_after(std::move(after)), m_apply(std::move(apply))
{
}

} // namespace losscast::app
