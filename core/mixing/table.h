#pragma once
/// \file
/// \brief A small, strict numeric CSV table reader and the experiments table of mixture runs
/// (mixture proportions → validation losses), in one file or in RegMix's two-file layout.
///
/// `parseTable` is deliberately small and strict (comma or tab, RFC 4180 quotes, `#` comments, same number of
/// fields on every line); its lines and fields are core::CsvText's (core/util/csvtext.h), as every CSV
/// reader's.

#include "core/util/diagnostic.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core::mixing {

/// \brief A CSV table as text cells, with the 1-based source line of every data row.
struct TextTable
{
    std::string source; ///< file name, for messages
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::int64_t> lines;
};

/// \brief Parses CSV text: the first non-comment, non-blank line is the header; the delimiter is a comma, or
/// a tab when the header has no comma. Every row must have as many fields as the header (an error names the
/// line). Unquoted fields are trimmed; double quotes group commas and line breaks, `""` is a quote, and a
/// quote never closed is an error naming its line.
Result<TextTable> parseTable(std::string_view text, const std::string& source);

/// \brief Parses a number cell (decimal or exponent, `+` allowed); false for anything else.
bool parseNumber(std::string_view s, double& out);

/// \brief What a column of an experiments table holds.
enum class ColumnRole
{
    Ignore,
    Index,      ///< run id: joins the two files of RegMix's layout
    Proportion, ///< share of one training domain in the mixture
    Loss,       ///< validation loss on one validation domain (> 0)
    ModelSize,  ///< model parameters
    Steps,      ///< training steps
    Tokens      ///< training tokens
};
std::string toString(ColumnRole role);
/// \brief "proportion", "domain", "loss", "target", "index", "size", "steps", "tokens", "ignore" → role.
bool parseColumnRole(std::string_view text, ColumnRole& role);

/// \brief The role a column name suggests, in a one-file table (see readExperiments).
ColumnRole detectRole(std::string_view name);

/// \brief What the start of a CSV looks like to the mixture readers (see detectExperimentsFile).
enum class ExperimentsFileKind
{
    None,     ///< not an experiments table (e.g. a training log)
    Table,    ///< proportion and loss columns in one file (parseExperiments)
    Mixtures, ///< RegMix's mixture file: an index and proportion columns, no losses
    Losses    ///< RegMix's loss file: an index column first, then only loss columns
};
std::string toString(ExperimentsFileKind kind);

/// \brief Classifies a CSV from its first lines (a prefix of the file is enough) without stealing training
/// logs: a table or mixture file needs at least two proportion columns (detectRole) whose cells are in [0, 1]
/// and sum to 1 (within 0.02, as rounded RegMix rows do) on each of the first five data rows;
/// a loss file needs an index column (`index`/`id`/`run`/`run_id`/`name`) first and only loss columns after
/// it. Only pair a Losses file with a Mixtures file: alone it is ambiguous.
ExperimentsFileKind detectExperimentsFile(std::string_view text);

/// \brief Runs of a mixture experiment: one row per run.
struct Experiments
{
    std::vector<std::string> domains;             ///< training domains (proportion columns), in file order
    std::vector<std::string> targets;             ///< validation domains (loss columns), in file order
    std::vector<std::vector<double>> mixtures;    ///< rows × domains, each row on the simplex (Σ = 1)
    std::vector<std::vector<double>> losses;      ///< rows × targets
    std::vector<double> modelSize, steps, tokens; ///< one per row, or empty when the table has no such column
    std::vector<std::string> ids;                 ///< index cell per row (the line number when no index)
    std::vector<std::int64_t> lines;              ///< source line of each row (the mixture file's line)
    std::string source;
    std::size_t rows() const { return mixtures.size(); }
};

/// \brief Column roles forced by name (override the detection).
using RoleOverrides = std::map<std::string, ColumnRole>;

/// \brief An experiments table from one CSV: each column's role comes from `overrides`, else from its name
/// (detectRole): `index`/`id`/`run`/`name` → index; `params`/`model_size`/`size`/`n_params` → model size;
/// `step`/`steps` → steps; `tokens`/`n_tokens`/`total_tokens` → tokens; names starting with `train_`,
/// `mix_`, `p_`, `prop_`, `w_`, `weight_`, `r_` → proportion; names containing `loss`, `ppl`, `metric/` or
/// starting with `valid_`, `val_`, `eval_` → loss. Other columns are ignored with a warning.
///
/// Proportions must be present and ≥ 0 (errors name file, line and column); a row whose sum is not 1 (by more
/// than 1e-6) is normalised with a warning (one per row for the first five, then a count). Losses must be
/// finite and > 0. At least one proportion column and one loss column are required.
Result<Experiments> parseExperiments(std::string_view text, const std::string& source,
                                     const RoleOverrides& overrides = {});
Result<Experiments> readExperiments(const std::string& path, const RoleOverrides& overrides = {});

/// \brief RegMix's layout: a mixture file (an index column, then one column per training domain, plus
/// optional size/steps/tokens columns by name) and a loss file (an index column, then one column per
/// validation domain). Rows are joined on the index; an index present in only one file is an error naming it.
/// The index column is the one named `index`/`id`/`run`/`name`, else the first column.
Result<Experiments> parseExperimentPair(std::string_view mixtureText, const std::string& mixtureSource,
                                        std::string_view lossText, const std::string& lossSource,
                                        const RoleOverrides& overrides = {});
Result<Experiments> readExperimentPair(const std::string& mixturePath, const std::string& lossPath,
                                       const RoleOverrides& overrides = {});

} // namespace losscast::core::mixing
