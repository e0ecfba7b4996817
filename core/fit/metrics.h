#pragma once
/// \file
/// \brief Fit-quality metrics of the MPL evaluation protocol (Luo et al. 2025, Sec. 5 / Table 1).

#include <span>
#include <vector>

namespace losscast::core::fit {

struct Metrics
{
    double r2 = 0, mae = 0, rmse = 0;
    double predE = 0;       ///< mean |ŷ − y| / y
    double worstE = 0;      ///< max |ŷ − y| / y
    std::size_t points = 0; ///< observations (summed over curves by average())
};

/// Metrics of one curve. NaN fields when the sizes differ or are zero; r2 is NaN for a flat observed curve.
Metrics computeMetrics(std::span<const double> predicted, std::span<const double> observed);
/// Plain mean of each metric over curves (the protocol's "averaged over the test curves").
Metrics average(std::span<const Metrics> perCurve);

} // namespace losscast::core::fit
