#pragma once
/// \file
/// \brief The Scenarios part of the main window: "what if" schedules, their live predictions (computed by
/// core/workspace/scenario.h), control-point editing on the LR plot (core::editablePoints and
/// core::setEditedPoints), the schedule search, and parameter edits, all undoable. The MainWindow members of
/// the "Scenarios" part of mainwindow.h are defined in scenarios.cpp.

#include <QColor>

#include <cstddef>

namespace losscast::app {

/// The colour of the `index`-th scenario (six colours apart from the runs' palette, repeating).
QColor scenarioColor(std::size_t index);

} // namespace losscast::app
