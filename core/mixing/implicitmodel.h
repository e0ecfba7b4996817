#pragma once
/// \file
/// \brief The implicit (non-parametric) mixture → loss model: Gaussian-process regression on the simplex,
/// one GP per validation domain, beside the parametric data mixing law (mixinglaw.h).
///
/// Why a GP (not boosted trees): RegMix (Liu et al. 2024, arXiv 2407.01492, Sec. 3) regresses validation
/// loss on the mixture with LightGBM; on its 512 1M-parameter proxies a GP with an ARD kernel ranks the 256
/// held-out mixtures at least as well (README, Data mixtures), gives a predictive variance for the band,
/// needs only Eigen (no new dependency on Linux, macOS or Windows), and fits in about a second.
///
/// Model, per target i (Rasmussen & Williams 2006, GPML Ch. 2 and 5):
///     y = (L_i − m_i)/s_i ~ GP(0, k),   k(x, x') = σ_f² · exp(−½ Σ_d (x_d − x'_d)²/ℓ_d²) + σ_n² δ
/// on features x(r): the proportions r, or log(r + ε) (ImplicitOptions::features), each standardised over
/// the training mixtures. The hyper-parameters (ℓ_1..ℓ_D, σ_f, σ_n) maximise the log marginal likelihood
/// (GPML Eq. 5.8, gradient Eq. 5.9) by L-BFGS from a deterministic start, on at most `hyperRows` training
/// rows (a fixed, evenly spread subset: the O(n³) cost of each evaluation is what bounds the fit time);
/// the posterior then uses every row. The band is the predictive standard deviation of a measured loss
/// (latent variance plus σ_n²). Targets are fitted in parallel (up to 4 threads).

#include "core/fit/fitter.h"
#include "core/mixing/mixinglaw.h"
#include "core/mixing/table.h"

#include <Eigen/Dense>

#include <span>
#include <string>
#include <vector>

namespace losscast::core::mixing {

/// \brief How mixtures enter the kernel.
enum class ImplicitFeatures
{
    Proportions,   ///< x_d = r_d
    LogProportions ///< x_d = log(r_d + ε): equal steps in a domain's share count alike at 0.1 % and 10 %
};
std::string toString(ImplicitFeatures f);
bool parseImplicitFeatures(const std::string& text, ImplicitFeatures& out);

struct ImplicitOptions
{
    ImplicitFeatures features = ImplicitFeatures::LogProportions;
    double logFloor = 1e-3;      ///< ε of the log features
    std::size_t hyperRows = 192; ///< rows used to choose hyper-parameters (all when fewer)
    int maxIterations = 60;      ///< L-BFGS iterations per target; stops earlier when ‖∇‖∞ < 1e-4·n
    double timeLimitSeconds = 60.0; ///< for the whole fit; targets left then keep their start values
    std::vector<double> weights;    ///< validation weights; empty = equal
    bool isValid(std::string* why = nullptr) const;
};

/// \brief The GP of one validation domain.
struct GpTarget
{
    std::string target;
    std::vector<double> lengthscales;     ///< per domain, in standardised feature units
    double signalSd = 1.0, noiseSd = 0.1; ///< σ_f, σ_n in standardised loss units
    double yMean = 0.0, yScale = 1.0;     ///< L = yMean + yScale·y
    double logMarginalLikelihood = 0.0;   ///< per row, at the chosen hyper-parameters (on the hyper subset)
    int iterations = 0;
    // Posterior (rebuilt from the training data by buildPosterior, not stored in files).
    Eigen::VectorXd alpha;    ///< K⁻¹ y
    Eigen::MatrixXd cholesky; ///< lower factor of K (n × n)
    Eigen::MatrixXd scaledX;  ///< training features divided by ℓ (n × D)
};

/// \brief A fitted implicit model for several validation domains.
struct ImplicitFit
{
    std::vector<std::string> domains;
    std::vector<std::string> targetNames;
    std::vector<GpTarget> targets;
    std::vector<double> weights; ///< Σ = 1
    ImplicitFeatures features = ImplicitFeatures::LogProportions;
    double logFloor = 1e-3;
    std::vector<double> featureMean, featureScale; ///< standardisation of the features
    std::vector<std::vector<double>> mixtures;     ///< training rows (kept: the posterior needs them)
    std::vector<std::vector<double>> losses;
    double seconds = 0.0;
    fit::Summary summary;
    bool usable() const;
    /// Standardised features of a mixture.
    void featuresOf(std::span<const double> r, std::span<double> x) const;
};

/// \brief Fits one GP per target of `e`. Cancellable through `control` (targets not reached are left out
/// and the summary says so).
ImplicitFit fitImplicitModel(const Experiments& e, const ImplicitOptions& options = {},
                             const fit::Control& control = {});

/// \brief Recomputes every target's posterior (α, Cholesky factor) from the stored training rows and
/// hyper-parameters; used after reading a fit from a file. False when a factorisation fails.
bool buildPosterior(ImplicitFit& fit);

/// \brief Predictive mean and standard deviation (of a measured loss) per target, and the weighted overall.
MixturePrediction predictImplicit(const ImplicitFit& fit, std::span<const double> r);
/// \brief Predictive overall mean only (cheap: O(n·D) per target).
double predictImplicitOverall(const ImplicitFit& fit, std::span<const double> r);

/// \brief MAE and Spearman on `test`, as evaluateMixingLaw.
Result<std::vector<TargetScore>> evaluateImplicit(const ImplicitFit& fit, const Experiments& test);

/// \brief Leave-k-fold predictions of every training row with the fitted hyper-parameters held
/// (the posterior is refitted without the fold; hyper-parameters are not reselected).
/// Returns rows × targets predicted means.
std::vector<std::vector<double>> crossValidateImplicit(const ImplicitFit& fit, int folds);

/// \brief The sampled optimum (RegMix, Sec. 3.3: many sampled mixtures, average the k best).
struct ImplicitOptimizeOptions
{
    int samples = 20000;        ///< Dirichlet samples inside the caps
    int topK = 64;              ///< averaged
    double concentration = 1.0; ///< Dirichlet α_j = concentration · D · (mean training share of j)
    unsigned seed = 1;
};

/// \brief argmin of the overall predicted loss under caps (Σ r = 1, 0 ≤ r ≤ caps) by sampling: samples are
/// drawn around the training mixtures' mean share, projected onto the capped simplex, predicted, and the
/// k best averaged (the average stays inside the caps, which are convex). Reports the prediction with its
/// band at the averaged mixture.
MixtureOptimum optimizeImplicit(const ImplicitFit& fit, std::span<const double> caps = {},
                                const ImplicitOptimizeOptions& options = {});

} // namespace losscast::core::mixing
