#pragma once
/// \file
/// \brief The nested prediction pipeline of Ye et al. 2024 (arXiv 2403.16952, Sec. 4 / Fig. 5): per mixture,
/// a step law L(S) = c + (S0/S)^α extrapolates each small run to the target number of steps, a size law
/// L(N) = c + (N0/N)^α extrapolates those across model sizes to the target size, and the data mixing law is
/// then fitted on the predicted losses at the target scale, where its optimum is taken.

#include "core/mixing/mixinglaw.h"

#include <span>

namespace losscast::core::mixing {

/// \brief y = c + (x0/x)^α fitted by log-Huber on (x, y), written as c + exp(β − α·log x) (β = α·log x0).
struct PowerLawFit
{
    double c = 0.0, x0 = 0.0, alpha = 0.0;
    std::vector<double> theta;      ///< (c, β, α)
    std::vector<double> covariance; ///< of theta, 3×3; empty when not computable (fewer than 4 points)
    fit::Summary summary;
    double predict(double x) const;
    double stderrAt(double x) const; ///< delta method; NaN without covariance
};
PowerLawFit fitPowerLaw(std::span<const double> x, std::span<const double> y);

struct NestedOptions
{
    double targetSteps = 0.0; ///< extrapolate in steps to this (0: use each run's last logged value as is)
    double targetSize = 0.0;  ///< extrapolate in model size to this (0: the table must hold one size)
    MixingFitOptions mixing;
};

/// \brief One row per distinct mixture with the losses predicted at the target scale, and the law fitted
/// there.
struct NestedResult
{
    Experiments atTarget; ///< losses at (targetSize, targetSteps), one row per mixture
    std::vector<std::vector<double>>
        band;         ///< stderr of each predicted loss from the last extrapolation stage
    MixingLawFit fit; ///< the mixing law at the target scale
};

/// \brief Runs the pipeline. Rows are grouped by identical mixtures (to 1e-9), then by model size. A step
/// extrapolation needs ≥ 3 step values per (mixture, size); a size extrapolation ≥ 3 sizes per mixture.
/// Errors name the mixture (its first row's line) that lacks points.
Result<NestedResult> nestedPipeline(const Experiments& e, const NestedOptions& options);

} // namespace losscast::core::mixing
