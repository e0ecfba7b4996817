#pragma once
/// \file
/// \brief What an importer returns: runs with named metric series, plus warnings that name file and line.

#include "core/util/diagnostic.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace losscast::core::import {

/// \brief One metric of one run: (step, value) points, ascending by step, no duplicate steps.
///
/// Missing cells (`""`, `nan`, `inf`, `-`, `null`, ...) are never stored: a series only holds the points
/// that were logged, so a gap stays a gap.
struct Series
{
    std::string name;          ///< metric name as logged ("train/loss", "eval_loss", "lm loss")
    std::vector<double> steps; ///< x values; usually integer steps, any number for W&B custom x axes
    std::vector<double> values;

    std::size_t size() const { return values.size(); }
    bool empty() const { return values.empty(); }
    void append(double step, double value)
    {
        steps.push_back(step);
        values.push_back(value);
    }
};

/// \brief Which series plays which part, detected from common names and overridable by the user.
/// An empty string means "none".
struct MetricRoles
{
    std::string loss;    ///< training loss
    std::string valLoss; ///< validation / eval loss
    std::string lr;      ///< learning rate
    std::string tokens;  ///< tokens seen (a series whose values are token counts)
};

/// \brief A training run: named series and free-form metadata (config, summary, hyper-parameters).
struct Run
{
    std::string name;
    std::vector<Series> series;
    std::map<std::string, std::string> metadata; ///< "config.learning_rate" → "0.0006", "summary.iter" → ...
    MetricRoles roles;

    const Series* find(const std::string& seriesName) const;
    Series* find(const std::string& seriesName);
    /// The series with this name, created (empty) when absent.
    Series& seriesNamed(const std::string& seriesName);
};

/// \brief A table that is not a set of curves (the W&B runs-table export: one row per run).
struct Table
{
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

/// \brief Formats an importer can be forced to (`--format`); Auto detects from name and content.
enum class Format
{
    Auto,
    Csv,
    Wandb,
    TensorBoard,
    HfTrainer,
    Lightning,
    Text
};

/// Parses "auto", "csv", "wandb", "tensorboard", "hf", "lightning", "text".
std::optional<Format> formatFromString(const std::string& s);

/// \brief User overrides for the column mapping of tabular files. Empty = detect.
struct ColumnMapping
{
    std::string step; ///< column used as x (step); "" = detect ("step", "_step", "Step", "iter", ...)
    std::string tokens;
    std::string loss;
    std::string valLoss;
    std::string lr;
};

/// Hard limits on hostile or mistaken input, each refused with a message naming the file and the line.
inline constexpr std::size_t kMaxColumns = 250'000;                    ///< columns of a CSV header
inline constexpr std::size_t kMaxLineBytes = std::size_t(64) << 20;    ///< one line (or CSV record)
inline constexpr std::size_t kMaxUnknownBytes = std::size_t(64) << 20; ///< read before any data is recognised
inline constexpr std::size_t kMaxJsonBytes = std::size_t(512) << 20;   ///< a JSON document, read whole

struct ImportOptions
{
    Format format = Format::Auto;
    ColumnMapping mapping;
    char delimiter = 0; ///< 0 = detect
    /// Name shown in diagnostics instead of the path (tests and in-memory input).
    std::string displayName;
    /// Expected input size in bytes, so that columns are allocated once; 0 = unknown.
    std::size_t sizeHint = 0;
    /// A pipe or FIFO that stays silent this long before its first byte is given up on (seconds).
    double streamWaitSeconds = 10.0;
};

/// \brief Everything read from one file (or one W&B run folder).
struct ImportResult
{
    std::string file;
    std::string format; ///< detected kind, e.g. "csv", "wandb-chart", "tensorboard-csv", "hf-trainer-state"
    std::vector<Run> runs;
    std::optional<Table> table; ///< set for tables that are not curves (W&B runs table)
    std::vector<Diagnostic> diagnostics;

    bool ok() const; ///< no Error diagnostics
    std::size_t warningCount() const;
    const Run* findRun(const std::string& name) const;
};

/// \brief Fills `run.roles` from common metric names, then applies the user's overrides.
void detectRoles(Run& run, const ColumnMapping& overrides = {});

/// \brief The series to offer as the loss when asking the user: `run.roles.loss` when detected, else the
/// first non-empty series that is not a counter, a clock, an LR, a token count or a W&B min/max band
/// (`_step`, `epoch`, `_runtime`, `_timestamp`, `train/lr`, `...__MIN`): a log of an RL cost or a perplexity
/// has no "loss" in its names, and offering its step column as the loss made no sense. Empty when no series
/// fits.
std::string lossLikeSeries(const Run& run);

/// \brief True for the cell texts that mean "no value": "", nan, NaN, inf, -inf, Infinity, -, null, None, NA.
bool isMissingToken(const char* begin, const char* end);

} // namespace losscast::core::import
