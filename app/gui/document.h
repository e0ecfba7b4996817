#pragma once
/// \file
/// \brief The window's side of its document (core/workspace/workspace.h): the MainWindow members of the
/// "document" part of mainwindow.h (addRun, setRunCurve, setRunVisible, syncFromDocument and the fit and
/// scenario hand-overs) are defined in document.cpp. The window changes runs, the split, the fit and the
/// scenarios through the workspace's operations; its own Run, FitResult and ScenarioState are views of the
/// workspace with what only the window draws (colours, series, warnings), updated when the workspace
/// notifies.

#include "app/gui/runmodel.h"
#include "core/workspace/workspace.h"

#include <QStringList>

#include <map>
#include <vector>

namespace losscast::app {

/// The document's run for a window run (its fields that the workspace owns), to add with Workspace::addRun.
core::workspace::WorkspaceRun toWorkspaceRun(const Run& r);

/// The document's ids of the window runs `ids` ("run3" → 3), in order; unknown ids are left out.
std::vector<int> documentIds(const std::vector<Run>& runs, const QStringList& ids);

/// The document's scenarios for the window's (their names and schedules; colours stay in the window).
std::vector<core::workspace::WorkspaceScenario> toWorkspaceScenarios(const ScenarioState& state);

} // namespace losscast::app
