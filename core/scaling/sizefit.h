#pragma once
/// \file
/// \brief Fitting size-aware curve laws (core/laws/sizelaw.h) across a ladder of model sizes: identifiability
/// checks, the literature prior for an unidentified size exponent, bands that cover it, and the choice
/// between size-aware laws by leave-one-size-out validation.

#include "core/fit/fitter.h"
#include "core/fit/metrics.h"
#include "core/fit/uncertainty.h"
#include "core/laws/sizelaw.h"

#include <memory>
#include <string>
#include <vector>

namespace losscast::core::scaling {

/// \brief A warning about a fit, as written to JSON "warnings":[{"code","message"}].
struct FitWarning
{
    std::string code;
    std::string message;
};

/// \brief The distinct model sizes (ScheduleInput::modelSize) of `curves`, ascending.
std::vector<double> distinctSizes(const std::vector<Curve>& curves);

/// \brief A size-aware fit and what the fit had to say about identifiability.
struct SizeFit
{
    fit::CurveFit fit;
    std::vector<FitWarning> warnings;
    std::vector<double> sizes; ///< distinct training sizes, ascending
    bool exponentHeld = false; ///< the size exponent was held at the prior (two sizes)
};

/// \brief Fits `law` to curves of several model sizes.
///
/// - Fewer than two sizes: a failed fit saying so (nothing about N can be learnt from one size).
/// - Two sizes: the size exponent is not identified (L0 and B·N^(−β) enter only through their sums at the
///   two sizes), so it is held at "size_exponent_prior" (kSizeExponentPrior unless `settings` say
///   otherwise), the two sizes are stored as "size_n1"/"size_n2" for sizeBand(), and a warning
///   "size_exponent_unidentified" says so.
/// - Three or more sizes: the exponent is fitted; "size_exponent_weak" when its standard error exceeds half
///   the prior range.
/// In every case the scaled Jacobian of the log model at the optimum is checked for flat directions
/// (eigenvalues below 1e-9 of the largest after scaling each column to unit norm) over the parameters the law
/// does not hold by its own settings; each one found is a warning "flat_direction" naming the parameters
/// that move along it.
SizeFit fitSizeLaw(const SizeAwareLaw& law, const std::vector<Curve>& curves, LawSettings settings,
                   const fit::Options& options = {}, const fit::Control& control = {});

/// \brief Flat directions of the log-model at `params` (see fitSizeLaw), over the parameters not in `skip`.
std::vector<FitWarning> flatDirections(const CurveLaw& law, std::span<const double> params,
                                       const LawSettings& settings, const std::vector<Curve>& curves,
                                       const std::vector<bool>& skip);

/// \brief The band of a size-aware prediction at `schedule.modelSize`: the delta-method band of `covariance`
/// (empty: none), widened, when the fit held the size exponent, to the predictions for every exponent in
/// ["size_exponent_min", "size_exponent_max"] along the flat direction (SizeAwareLaw::flatShift on a grid of
/// 31 exponents). method is "delta" or "delta+prior-range".
fit::PredictionBand sizeBand(const SizeAwareLaw& law, std::span<const double> params,
                             std::span<const double> covariance, const LawSettings& settings,
                             const ScheduleInput& schedule, std::span<const std::int64_t> steps,
                             double level = 0.95);

/// \brief Share of the observed points inside [lower, upper] and the mean relative half-width
/// (upper − lower) / 2 / measured loss of the band over them (the definitions of `eval --band`).
struct BandCheck
{
    double coverage = 0.0;
    double relHalfWidth = 0.0;
};
BandCheck checkBand(const fit::PredictionBand& band, std::span<const double> observed);

/// \brief One candidate of chooseSizeLaw().
struct SizeLawCandidate
{
    std::string law;
    SizeFit fit;                      ///< on all curves
    std::vector<std::string> heldOut; ///< per fold: "size=93.2" or a curve name
    std::vector<fit::Metrics> folds;  ///< held-out metrics per fold
    fit::Metrics validation;          ///< mean over folds
    bool usable = false;
    std::string message;
    double seconds = 0.0;
};

struct SizeLawChoice
{
    std::vector<SizeLawCandidate> candidates;
    int chosen = -1;
    std::string criterion;
};

/// \brief Fits every law of `laws` (each a SizeAwareLaw) on all curves and chooses by leave-one-size-out
/// validation (mean over sizes of the mean held-out PredE of that size's curves; each fold fits the other
/// sizes). With two sizes a fold would keep one size, which identifies nothing about N, so the folds hold
/// out one curve at a time instead (skipping curves whose removal leaves one size), and `criterion` says so.
SizeLawChoice chooseSizeLaw(const std::vector<Curve>& curves,
                            const std::vector<std::shared_ptr<const CurveLaw>>& laws,
                            const fit::Options& options = {}, const fit::Control& control = {});

} // namespace losscast::core::scaling
