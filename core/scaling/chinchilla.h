#pragma once
/// \file
/// \brief The Chinchilla law L(N, D) = E + A/N^α + B/D^β fitted to a table of runs (Hoffmann et al. 2022,
/// "Training Compute-Optimal Large Language Models", Approach 3; Besiroglu et al. 2024, "Chinchilla Scaling:
/// A replication attempt"), and the compute-optimal allocation under C = 6·N·D.
///
/// Fit (as in both papers): minimise Σ Huber_δ(LSE(a − α·log N, b − β·log D, e) − log L) with δ = 1e-3,
/// A = e^a, B = e^b, E = e^e, from a grid of starts (α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
/// a, b ∈ {0, 5, …, 25}: Hoffmann et al.'s grid); every grid point's objective is computed, the best are
/// refined by the shared Levenberg–Marquardt fitter (on log L̂ = the log-sum-exp, so the objective is the
/// papers' exactly). N and D are raw counts (parameters, tokens).

#include "core/fit/fitter.h"
#include "core/util/diagnostic.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace losscast::core::scaling {

/// \brief One training run: parameters, tokens, final loss, and where it came from.
struct ScalingRun
{
    double n = 0.0, d = 0.0, loss = 0.0;
    std::int64_t line = 0; ///< source line in the table
    std::string name; ///< from a name column (name, run, run_name, tag, id, model) when the table has one
};

/// \brief Which columns of a runs table hold N, D, FLOPs and the loss (empty: find by name).
struct RunsColumns
{
    std::string n, d, flops, loss;
};

/// \brief A runs table read from CSV, with the columns used.
struct RunsTable
{
    std::string source;
    std::vector<ScalingRun> runs;
    std::string nColumn, dColumn, lossColumn, flopsColumn; ///< flopsColumn set when D = C / (6N)
};

/// \brief Reads a runs table: a W&B runs-table export or any CSV with one row per run.
///
/// Columns are found by name (case-insensitive) unless given: N from `n`, `params`, `n_params`,
/// `num_params`, `parameters`; D from `d`, `tokens`, `n_tokens`, `num_tokens`; FLOPs from `flops`,
/// `compute`, `c`; loss from `loss`, `final_loss`, `val_loss`, `val/loss`, `eval/loss`. D = C / (6N) when
/// only FLOPs are given. A given D may be a product of columns and numbers,
/// `max_iters*batch_size*block_size`. A row with an empty cell in a used column is skipped with a warning
/// (W&B rows of crashed runs); non-numeric, non-finite or non-positive values are errors naming the line and
/// column. At least 5 runs (one per parameter) are required. A column `name` (W&B's `Name`), `run`,
/// `run_name`, `tag`, `id` or `model` names the runs.
Result<RunsTable> parseRunsTable(std::string_view text, const std::string& source,
                                 const RunsColumns& columns = {});
Result<RunsTable> readRunsTable(const std::string& path, const RunsColumns& columns = {});

/// \brief Parameters of L(N, D) = E + A/N^α + B/D^β.
struct ChinchillaParams
{
    double E = 0, A = 0, B = 0, alpha = 0, beta = 0;
    double predict(double n, double d) const;
};

/// \brief Percentile intervals of a bootstrap (resampling runs with replacement).
struct ChinchillaBootstrap
{
    int requested = 0, succeeded = 0;
    double level = 0.95;
    double seconds = 0.0;
    /// One refit per successful replicate, in the order E, A, B, alpha, beta.
    std::vector<std::vector<double>> samples;
};

struct ChinchillaFit
{
    ChinchillaParams params;
    /// Standard errors of E, A, B, alpha, beta (delta method from the covariance of e, a, b, α, β).
    ChinchillaParams stderrs;
    /// Covariance of (E, A, B, alpha, beta), row-major 5 × 5 (empty when not computable).
    std::vector<double> covariance;
    fit::Summary summary;
    int gridStarts = 0; ///< grid points whose objective was computed
    std::size_t runs = 0;
    std::vector<double> x;        ///< (e, a, b, alpha, beta) at the optimum (log-sum-exp form)
    std::vector<double> gridBest; ///< the best grid start, same order
};

struct ChinchillaOptions
{
    double huberDelta = 1e-3; ///< on log loss, as in both papers
    int refine = 12;          ///< best grid points refined by LM
    double timeLimitSeconds = 10.0;
};

/// \brief Fits the law to `runs` (≥ 5). Deterministic.
ChinchillaFit fitChinchilla(const std::vector<ScalingRun>& runs, const ChinchillaOptions& options = {},
                            const fit::Control& control = {});

/// \brief Refits `replicates` times on runs resampled with replacement, each from `fit`'s optimum and the
/// best grid start (seeded, deterministic); stops after `timeLimitSeconds` with the refits done.
ChinchillaBootstrap bootstrapChinchilla(const std::vector<ScalingRun>& runs, const ChinchillaFit& fit,
                                        int replicates, std::uint64_t seed = 1,
                                        double timeLimitSeconds = 60.0, const fit::Control& control = {});

/// \brief Percentile of `values` at q in [0, 1] (linear interpolation between order statistics).
double percentile(std::vector<double> values, double q);

/// \brief The compute-optimal allocation under C = 6·N·D (Hoffmann et al. 2022, Approach 3, closed form):
/// N* = G·(C/6)^a, D* = (C/6)^b / G, G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β); the loss there is
/// L*(C) = E + K·(C/6)^(−αβ/(α+β)), K = A·G^(−α) + B·G^β.
struct Allocation
{
    double flops = 0, n = 0, d = 0, loss = 0;
};
Allocation optimalForFlops(const ChinchillaParams& p, double flops);
/// \brief The least compute whose optimal allocation reaches `loss`; nothing when loss ≤ E (unreachable).
std::optional<Allocation> optimalForLoss(const ChinchillaParams& p, double loss);

} // namespace losscast::core::scaling
