#include "core/fit/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

// Metrics of the MPL evaluation protocol (Luo et al. 2025, "A Multi-Power Law for Loss Curve Prediction
// Across Learning Rate Schedules", Sec. 5 and Table 1): R², MAE, RMSE, PredE = mean |ŷ−y|/y, WorstE = max
// |ŷ−y|/y, computed per test curve and then averaged over the test curves with equal weight.

namespace losscast::core::fit {

Metrics computeMetrics(std::span<const double> predicted, std::span<const double> observed)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    Metrics m;
    if (predicted.size() != observed.size() || observed.empty()) {
        m.r2 = m.mae = m.rmse = m.predE = m.worstE = nan;
        return m;
    }
    const std::size_t n = observed.size();
    double mean = 0.0;
    for (double y : observed)
        mean += y;
    mean /= static_cast<double>(n);
    double ssRes = 0.0, ssTot = 0.0, absSum = 0.0, relSum = 0.0, relMax = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = predicted[i] - observed[i];
        ssRes += e * e;
        ssTot += (observed[i] - mean) * (observed[i] - mean);
        absSum += std::abs(e);
        const double rel = std::abs(e) / observed[i];
        relSum += rel;
        relMax = std::max(relMax, rel);
    }
    // R² is undefined for a flat observed curve (SS_tot = 0): NaN then.
    m.r2 = ssTot > 0.0 ? 1.0 - ssRes / ssTot : nan;
    m.mae = absSum / static_cast<double>(n);
    m.rmse = std::sqrt(ssRes / static_cast<double>(n));
    m.predE = relSum / static_cast<double>(n);
    m.worstE = relMax;
    m.points = n;
    return m;
}

Metrics average(std::span<const Metrics> perCurve)
{
    Metrics a;
    if (perCurve.empty())
        return a;
    for (const auto& m : perCurve) {
        a.r2 += m.r2;
        a.mae += m.mae;
        a.rmse += m.rmse;
        a.predE += m.predE;
        a.worstE += m.worstE;
        a.points += m.points;
    }
    const double k = static_cast<double>(perCurve.size());
    a.r2 /= k;
    a.mae /= k;
    a.rmse /= k;
    a.predE /= k;
    a.worstE /= k;
    return a;
}

} // namespace losscast::core::fit
