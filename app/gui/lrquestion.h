#pragma once
/// \file
/// \brief The LR question of the main window (lrquestion.cpp): a log without a learning rate it recognises
/// (W&B chart exports, text logs) opens the mapping dialog (mappingdialog.h) asking which column is the loss
/// and which the LR, or the schedule the runs were trained with; the answer imports the file's runs. The
/// MainWindow members MainWindow::askForLearningRate() and MainWindow::importWithMapping() (mainwindow.h) are
/// defined in lrquestion.cpp.

#include "core/import/run.h"
#include "core/schedule/schedule.h"

#include <cstdint>

namespace losscast::app {

/// The schedule a run's logged config describes, for the mapping dialog to start from: a cosine from the
/// peak LR (learning_rate, lr, max_lr, peak_lr) to the final LR (min_lr, final_lr, lr_min; a tenth of the
/// peak when absent or above it) over lr_decay_iters, max_iters, max_steps, total_steps or train_iters (at
/// least `lastStep`), with warmup_iters or warmup_steps. Names match whole keys or a dotted key's last part
/// (nanoGPT, HF and W&B configs). Empty when the config names no positive peak LR.
core::Schedule scheduleFromConfig(const core::import::Run& run, std::int64_t lastStep);

} // namespace losscast::app
