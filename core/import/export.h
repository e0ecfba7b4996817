#pragma once
/// \file
/// \brief Writing imported runs back out as plain CSV (what `losscast-cli import --to-csv` produces).

#include "core/import/run.h"

#include <ostream>
#include <string>

namespace losscast::core::import {

/// Shortest text that reads back to the same double; integers without a decimal point.
std::string formatNumber(double v);

/// A file name for a run: "<file stem>-<run>.csv" with characters unsafe in file names replaced by '_'.
std::string csvFileName(const std::string& file, const std::string& runName);

/// \brief Writes `step,lr,loss` at the loss steps (LR linearly interpolated) when the run has a recognised
/// loss and LR and `allSeries` is false; otherwise every series, one column each, on the union of their steps
/// (empty cells where a series has no point). `note` receives which layout was written.
bool writeRunCsv(std::ostream& os, const Run& run, bool allSeries, std::string* note = nullptr);

} // namespace losscast::core::import
