#include "core/schedule/logged.h"

#include <algorithm>
#include <cmath>

namespace losscast::core {

namespace {

bool sameLr(double x, double y)
{
    return std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
}

} // namespace

std::vector<double> rebuildLoggedLr(std::span<const double> steps, std::span<const double> values,
                                    std::int64_t lastStep)
{
    std::vector<double> out(static_cast<std::size_t>(std::max<std::int64_t>(lastStep, 0) + 1), 0.0);
    const std::size_t n = std::min(steps.size(), values.size());
    if (n == 0)
        return out;
    // A step change between points i and i+1 (see the header).
    auto isJump = [&](std::size_t i) {
        return i >= 1 && i + 2 < n && !sameLr(values[i], values[i + 1]) && sameLr(values[i - 1], values[i]) &&
               sameLr(values[i + 1], values[i + 2]);
    };
    std::size_t j = 0; // the segment [steps[j], steps[j+1]) holding step k
    bool jump = isJump(0);
    for (std::int64_t k = 0; k <= lastStep; ++k) {
        const double x = static_cast<double>(k);
        while (j + 1 < n && steps[j + 1] <= x) {
            ++j;
            jump = isJump(j);
        }
        double v;
        if (x <= steps[0])
            v = values[0];
        else if (j + 1 >= n)
            v = values[n - 1];
        else if (jump)
            v = values[j];
        else {
            const double x0 = steps[j], x1 = steps[j + 1];
            const double t = x1 > x0 ? (x - x0) / (x1 - x0) : 1.0;
            v = values[j] + t * (values[j + 1] - values[j]);
        }
        out[static_cast<std::size_t>(k)] = v;
    }
    return out;
}

std::int64_t detectWarmup(std::span<const double> lr)
{
    if (lr.size() < 3)
        return 0;
    const double peak = *std::max_element(lr.begin(), lr.end());
    if (!(peak > 0) || !(lr.front() < peak * (1 - 1e-6)))
        return 0;
    std::size_t k = 0;
    while (k < lr.size() && lr[k] < peak * (1 - 1e-6))
        ++k;
    for (std::size_t i = 1; i <= k && i < lr.size(); ++i)
        if (lr[i] < lr[i - 1] * (1 - 1e-9))
            return 0;
    return static_cast<std::int64_t>(k);
}

} // namespace losscast::core
