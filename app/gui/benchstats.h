#pragma once
/// \file
/// \brief Timing helpers shared by the window's offscreen benchmarks (--benchmark-drag/-fit/-mix).

#include <algorithm>
#include <cmath>
#include <ctime>
#include <vector>

namespace losscast::app {

/// CPU time of this thread in ms: unlike wall time it does not grow when other processes load the machine
/// (NaN where the platform has no per-thread clock).
inline double threadCpuMs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
#else
    return std::nan("");
#endif
}

/// The nearest-rank p-quantile (p in [0, 1]) of `v`; NaN when empty.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const std::size_t i =
        std::min(v.size() - 1, std::size_t(std::ceil(p * double(v.size()))) - (p > 0 ? 1 : 0));
    return v[i];
}

} // namespace losscast::app
