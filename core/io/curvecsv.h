#pragma once
/// \file
/// \brief Reading `step,lr,loss` curve CSVs (the MPL release's shape) and writing small numeric CSV tables.

#include "core/curve/curve.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// \brief Largest step a curve file may name: the per-step LR vector is allocated up to it.
inline constexpr std::int64_t kMaxCurveSteps = 50'000'000;

/// \brief Reads a `step,lr,loss` CSV into a Curve whose schedule holds the LR of every step 0..last.
///
/// The header is required; column names match case-insensitively: `step`; `lr` or `learning_rate`; `loss` or
/// `val_loss` (the first of each list that is present). Other columns are ignored; `#` lines and blank lines
/// are skipped; the delimiter is a comma (a tab when the header has no comma); double quotes group delimiters
/// and line breaks, `""` is a quote (lines and fields are core::CsvText's, core/util/csvtext.h). Steps must
/// be integers, strictly ascending; losses finite and > 0; LRs finite and ≥ 0. A step-0 row contributes its
/// LR but not its loss (no update has happened yet; a warning says so).
///
/// LR rebuild: between logged rows as rebuildLoggedLr (linear; a step change between flat stretches stays a
/// step at the first row logging the new LR). Before the first row (step s0, LR η0):
/// with `warmupSteps` W > 0 the LR rises linearly from 0 at step 0 to η0 at step min(W, s0) and is held at η0
/// from there to s0 (the MPL files start at or after their 2160-step warmup); with W = 0 it is η0 throughout.
/// The result's `schedule.warmupSteps` is W. With W = kAutoWarmup the unlogged prefix before a first row at
/// s0 > 1 is taken as the warmup (W = s0), and a logged LR that rises from the start to its peak extends it
/// to that peak (detectWarmup, core/schedule/logged.h): the one warmup the fit and the scenarios share.
/// Errors name the file and line.
inline constexpr std::int64_t kAutoWarmup = -1;
Result<Curve> readCurveCsv(const std::string& path, std::int64_t warmupSteps);

/// \brief As readCurveCsv, from text already in memory; `name` is used in messages and as `Curve::source`
/// (the curve's name is its stem).
Result<Curve> parseCurveCsv(std::string_view text, const std::string& name, std::int64_t warmupSteps);

/// \brief A table of named numeric columns, for predictions and exports.
struct CsvTable
{
    std::vector<std::string> names;           ///< header, one per column
    std::vector<std::vector<double>> columns; ///< one vector per name; shorter columns leave empty cells
};

/// \brief The table as CSV text: a header line, then one row per index; numbers in shortest round-trip form
/// (integers without exponent), NaN as `nan`. Names containing commas or quotes are quoted.
std::string formatCsv(const CsvTable& table);

/// \brief Writes formatCsv(table) to `path`.
Result<bool> writeCsv(const std::string& path, const CsvTable& table);

/// \brief One CSV line (with its '\n') of cells already formatted as text; a cell holding a comma, a quote or
/// a line break is quoted (quotes doubled). The one CSV quoting of every LossCast export.
std::string formatCsvRow(const std::vector<std::string>& cells);

/// \brief A header and rows of text cells as CSV text (for exports whose columns are not all numbers: the
/// window's parameter and prediction CSVs). Rows shorter than the header leave the last cells empty.
std::string formatCsv(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

/// \brief Writes formatCsv(header, rows) to `path`.
Result<bool> writeCsv(const std::string& path, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

/// \brief Writes the logged points of a curve as `step,lr,loss` (readable again by readCurveCsv).
Result<bool> writeCurveCsv(const std::string& path, const Curve& curve);

} // namespace losscast::core
