#pragma once
/// \file
/// \brief Domain2Vec (Zhang et al. 2025, "Domain2Vec: Vectorizing Datasets to Find the Optimal Data Mixture
/// without Training", ICML 2025, arXiv 2506.10952).
///
/// Each dataset j is a domain vector V_j: a distribution over meta-domains (the paper's classifier gives 260;
/// LossCast takes the vectors as input). A mixture r yields the vector V·r.
///  - Distribution Alignment Assumption (DA², Sec. 4.1): the best mixture makes V·r closest to the validation
///    set's vector v: r* = argmin_r Σ_m Huber_δ((V·r − v)_m) on the simplex with availability caps. The paper
///    samples 100k Dirichlet mixtures and averages the best 100; `alignExact` solves the convex problem
///    exactly (projected gradient, core/mixing/simplex.h), `alignDirichlet` is the paper's search, kept for
///    comparison.
///  - Plug-in form (Sec. 4.2): L_valid(r) = Σ_i q_i·f_i(V·r) with f_i a mixing law over meta-domains
///    (here: core/mixing/mixinglaw.h fitted on experiments mapped into meta-domain space by `toMetaSpace`).

#include "core/mixing/mixinglaw.h"
#include "core/mixing/table.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core::mixing {

/// \brief Datasets × meta-domains.
struct DomainVectors
{
    std::vector<std::string> datasets;
    std::vector<std::string> metaDomains;
    std::vector<std::vector<double>> vectors; ///< one per dataset, each of size metaDomains.size()
};

/// \brief Reads domain vectors: a header (a name column, then one column per meta-domain) and one row per
/// dataset. Entries must be ≥ 0; a row not summing to 1 is normalised with a warning. Errors name file/line.
Result<DomainVectors> parseDomainVectors(std::string_view text, const std::string& source);
/// \brief Reads the target (validation) vector: same header layout, the first data row is used; columns are
/// matched to `metaDomains` by name.
Result<std::vector<double>> parseTargetVector(std::string_view text, const std::string& source,
                                              const std::vector<std::string>& metaDomains);

/// \brief Huber_δ(x) = x²/2 for |x| ≤ δ, δ(|x| − δ/2) beyond.
double huber(double x, double delta);

/// \brief Σ_m Huber_δ((V·r − v)_m).
double alignmentDistance(const DomainVectors& V, std::span<const double> target, std::span<const double> r,
                         double delta);

/// \brief V·r (one entry per meta-domain).
std::vector<double> mixVector(const DomainVectors& V, std::span<const double> r);

struct AlignResult
{
    std::vector<double> mixture;
    double distance = 0.0;
    int iterations = 0;
    bool converged = false;
    double seconds = 0.0;
    std::string message;
};

/// \brief The exact DA² mixture: argmin alignmentDistance on {Σ r = 1, 0 ≤ r ≤ caps} (empty caps = 1).
AlignResult alignExact(const DomainVectors& V, std::span<const double> target,
                       std::span<const double> caps = {}, double delta = 1.0);

/// \brief The paper's search: `samples` Dirichlet(α·1) mixtures (those over a cap are rejected), the `topK`
/// best-aligned averaged. Deterministic for a seed.
AlignResult alignDirichlet(const DomainVectors& V, std::span<const double> target,
                           std::span<const double> caps, double delta, std::size_t samples = 100000,
                           std::size_t topK = 100, double alpha = 1.0, std::uint64_t seed = 1);

/// \brief The experiments with every mixture r replaced by V·r, so a mixing law can be fitted per
/// meta-domain (the plug-in form). The experiments' domains must be V's datasets (any order, by name).
Result<Experiments> toMetaSpace(const Experiments& e, const DomainVectors& V);

/// \brief Plug-in loss Σ_i q_i·L_i(V·r) of a mixing law fitted in meta-domain space (q = the fit's weights).
double pluginLoss(const MixingLawFit& metaFit, const DomainVectors& V, std::span<const double> r);

/// \brief argmin_r of pluginLoss on the capped simplex (convex: exp of an affine map of r).
AlignResult optimizePlugin(const MixingLawFit& metaFit, const DomainVectors& V,
                           std::span<const double> caps = {});

/// \brief The continued-pretraining practice heuristic (Databricks/Mosaic blog, laws.md §8): mix datasets in
/// the ratio of the token counts at which each was best alone (8B : 40B → 1/6 : 5/6, the blog's "16 % : 84
/// %").
std::vector<double> mixtureFromBestTokens(std::span<const double> bestTokens);

} // namespace losscast::core::mixing
