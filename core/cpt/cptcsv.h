#pragma once
/// \file
/// \brief Reading a CPT run from a `step,lr,<general loss>,<domain loss>` CSV (the cpt_tiny shape): both
/// phases in one file, the switch step given by the caller.

#include "core/cpt/cptfit.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace losscast::core::cpt {

/// \brief How to read a CPT run file.
struct CptCsvOptions
{
    std::string generalColumn = "general"; ///< header name of the D_pt loss (case-insensitive)
    std::string domainColumn = "domain";   ///< header name of the D_cpt loss (case-insensitive)
    std::int64_t switchStep = -1; ///< last PT step (required, ≥ 0; 0 = the file holds the CPT phase only)
    std::int64_t warmupSteps = 0; ///< PT warmup: LR rises linearly from 0 at step 0 to the first row's LR
    /// LR on the CPT side of the switch (the CPT's warmup start): the LR between the switch step and the
    /// first CPT row is interpolated from this value. Default 0: re-warmup from 0 (cpt_tiny, and any trainer
    /// started afresh with warmup). NaN: interpolate from the last PT row instead (no re-warmup).
    double cptWarmupStart = 0.0;
    double replay = 0.0;            ///< r_pt of the run, in [0, 1]
    double modelSizeMillions = 0.0; ///< N for Eq. (7)
};

/// \brief Reads a CPT run. Header required; `step` and `lr` (or `learning_rate`) columns and at least one of
/// the two loss columns; empty cells or `nan` are "not measured". Lines, quotes, `#` comment lines and the
/// delimiter (a tab when the header has no comma) are read by core::CsvText (core/util/csvtext.h). Between
/// logged rows the LR is interpolated linearly within each phase (see CptCsvOptions for the two phase
/// starts). Errors name the file and line.
Result<CptRun> parseCptCsv(std::string_view text, const std::string& name, const CptCsvOptions& options);
Result<CptRun> readCptCsv(const std::string& path, const CptCsvOptions& options);

/// \brief One logged row: the LR of the update at `step` and the losses (NaN = not measured).
struct CptRow
{
    std::int64_t step = 0;
    double lr = 0.0, general = 0.0, domain = 0.0;
    std::int64_t line = 0; ///< source line for messages, 0 when not line-based
};

/// \brief Builds a run from rows ascending by step (the LR rebuild of parseCptCsv).
Result<CptRun> buildCptRun(std::vector<CptRow> rows, const std::string& name, const CptCsvOptions& options);

/// \brief Reads a CPT run from any file: a CSV whose header has `step`, `lr` and the general or domain column
/// goes through parseCptCsv; anything else through the importers (core/import: HF trainer_state.json, W&B,
/// TensorBoard, Lightning, text logs), taking the series named `generalColumn` and `domainColumn` and the
/// run's LR series. A file with several runs needs `runName` (empty = the only run).
Result<CptRun> readCptRun(const std::string& path, const CptCsvOptions& options,
                          const std::string& runName = {});

} // namespace losscast::core::cpt
