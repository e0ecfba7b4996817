#pragma once
/// \file
/// \brief The data mixing law of Ye et al. 2024 ("Data Mixing Laws", arXiv 2403.16952, Eq. 6 / Sec. 3):
/// per validation domain i, L_i(r) = c_i + k_i·exp(Σ_j t_ij·r_j) for a mixture r on the simplex, and the
/// overall loss L(r) = Σ_i w_i·L_i(r) with validation weights w. Fitted per target through the shared robust
/// engine (core/fit/fitter.h), with standard errors, held-out evaluation (MAE, Spearman) and the exact
/// optimum on the capped simplex.
///
/// Identifiability: because Σ r_j = 1, k·exp(Σ t_j r_j) = exp(Σ (t_j + log k) r_j), so (k, t) is only defined
/// up to t_j → t_j + δ, k → k·e^(−δ). The fit uses u_j = t_j + log k (k > 0) and reports the representative
/// with Σ_j t_ij = 0 (k_i is then the geometric-mean loss excess over the domains' pure mixtures).
/// With k_i > 0 and w_i ≥ 0, L(r) is convex in r, so the constrained optimum found is global.

#include "core/fit/fitter.h"
#include "core/mixing/table.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::mixing {

/// \brief The fitted law of one validation domain.
struct TargetLaw
{
    std::string target;
    double c = 0.0, k = 0.0;
    std::vector<double> t; ///< one per training domain, Σ t = 0
    double cStderr = 0.0, kStderr = 0.0;
    std::vector<double> tStderr;    ///< NaN where not computable
    std::vector<double> theta;      ///< internal parameters (c, u_1..u_D), u_j = t_j + log k
    std::vector<double> covariance; ///< of theta, row-major (1+D)²; empty when not computable
    fit::Summary summary;
};

/// \brief A fitted mixing law for several validation domains.
struct MixingLawFit
{
    std::vector<std::string> domains;
    std::vector<TargetLaw> targets;
    std::vector<double> weights; ///< validation weights w_i (Σ = 1), one per target
    double seconds = 0.0;
    bool usable() const;
};

struct MixingFitOptions
{
    fit::Options fit = defaultFitOptions();
    std::vector<double> weights; ///< validation weights; empty = equal weights
    /// Log-Huber with δ = 0.02 (Ye et al. fit with a Huber loss on log losses; laws.md §4 gives δ 0.01–0.08).
    static fit::Options defaultFitOptions();
};

/// \brief Fits every target of `e` (one independent fit each). Starting points: for c on a grid in
/// [0, 0.95·min y] the linear least-squares solution of log(y − c) = R·u, so every start is already close.
MixingLawFit fitMixingLaw(const Experiments& e, const MixingFitOptions& options = {},
                          const fit::Control& control = {});

/// \brief A prediction for one mixture.
struct MixturePrediction
{
    std::vector<double> loss;    ///< per target
    std::vector<double> stderrs; ///< per target, delta method on the parameter covariance (NaN if none)
    double overall = 0.0;        ///< Σ w_i L_i
    double overallStderr = 0.0;  ///< targets' fits treated as independent
};

/// \brief L_i(r) for every target, with standard errors. `r` must have one entry per domain.
MixturePrediction predictMixture(const MixingLawFit& fit, std::span<const double> r);

/// \brief L_i(r) and, when `grad` is not empty, ∂L_i/∂r_j (size D).
double evaluateTarget(const TargetLaw& law, std::span<const double> r, std::span<double> grad = {});

/// \brief Per-target held-out quality.
struct TargetScore
{
    std::string name;
    double mae = 0.0;
    double spearman = 0.0;
    std::size_t points = 0;
};

/// \brief MAE and Spearman rank correlation of the fitted law on `test` (its targets are matched by name,
/// its domains must be the fit's domains in any order). Errors name the missing domain or target.
Result<std::vector<TargetScore>> evaluateMixingLaw(const MixingLawFit& fit, const Experiments& test);

/// \brief Spearman rank correlation (average ranks for ties); NaN for fewer than 2 points or a constant side.
double spearman(std::span<const double> a, std::span<const double> b);

/// \brief The overall loss's target weights (the law's and the implicit model's): `weights` scaled to sum to
/// 1, equal weights when it does not hold one per target or sums to 0.
std::vector<double> normalisedTargetWeights(std::vector<double> weights, std::size_t targets);

/// \brief Held-out scoring shared by the law and the implicit model (evaluateMixingLaw, evaluateImplicit):
/// the column of each of `domains` in `test` (any order; errors name the test file and the missing domain).
Result<std::vector<std::size_t>> testDomainColumns(const std::vector<std::string>& domains,
                                                   const Experiments& test);
/// \brief `rows` of `test` rearranged to the order of `domains` (columns from testDomainColumns).
std::vector<std::vector<double>> testMixtures(const Experiments& test,
                                              const std::vector<std::size_t>& columns);
/// \brief Scores each model target found (by name) in `test`: predict(target index, mixtures in the fit's
/// domain order) gives one prediction per test row. Fails when no target is shared.
Result<std::vector<TargetScore>> scoreTargets(
    const std::vector<std::string>& targets, const Experiments& test,
    const std::vector<std::vector<double>>& mixtures,
    const std::function<std::vector<double>(std::size_t, const std::vector<std::vector<double>>&)>& predict);

/// \brief The optimal mixture.
struct MixtureOptimum
{
    std::vector<double> mixture;
    MixturePrediction prediction;
    double optimality = 0.0;
    int iterations = 0;
    bool converged = false;
    std::string message;
};

/// \brief argmin_r Σ_i w_i L_i(r) subject to Σ r = 1 and 0 ≤ r_j ≤ caps_j (empty caps = 1). Caps come from
/// data availability: available tokens of domain j ÷ planned total tokens.
MixtureOptimum optimizeMixture(const MixingLawFit& fit, std::span<const double> caps = {});

} // namespace losscast::core::mixing
