#pragma once
/// \file
/// \brief The Warmup steps field of the main window (runwarmup.cpp): one warmup for every open run and every
/// scenario. The MPL counts LR changes after the warmup as loss drops (Luo et al. 2025, Eq. 1–2), so a run
/// fitted with warmup 0 and its own schedule predicted with a warmup give different losses for the same LRs;
/// the field's value (or the warmup detected from each file's LR, core::detectWarmup) is therefore applied to
/// the runs and the scenarios alike. The MainWindow members MainWindow::warmupSetting(),
/// MainWindow::applyWarmupSetting() and MainWindow::trainedWarmup() (mainwindow.h) are defined in
/// runwarmup.cpp, on the free functions below.

#include "app/gui/runmodel.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace losscast::app {

/// The curve of `run` read again with `warmup` (a count, or core::kAutoWarmup): from its logged LR series,
/// or from its file for a plain step,lr,loss CSV. nullopt when its LR is a schedule the user gave (an
/// imported run without a logged LR series: that schedule keeps its own warmup); an error when the run's
/// series or file no longer make a curve. The result has the file's curve name: the caller keeps the run's.
std::optional<core::Result<core::Curve>> curveWithWarmup(const Run& run, std::int64_t warmup);

/// Gives the first phase of every scenario the warmup `warmup` (at most half that phase's steps); true when
/// a scenario changed.
bool setScenarioWarmup(ScenarioState& state, std::int64_t warmup);

/// The warmup of the longest training run (the one the default scenarios take their length and peak from);
/// 0 without training runs.
std::int64_t longestTrainingWarmup(const std::vector<Run>& runs);

} // namespace losscast::app
