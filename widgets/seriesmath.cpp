#include "widgets/seriesmath.h"

#include <algorithm>
#include <cmath>

namespace losscast::widgets {

std::vector<double> emaSmooth(const std::vector<double>& y, double weight)
{
    if (!(weight > 0.0) || weight >= 1.0)
        return y;
    std::vector<double> out(y.size());
    double last = 0.0;
    double debias = 1.0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (!std::isfinite(y[i])) { // NaN gaps pass through without poisoning the average
            out[i] = y[i];
            continue;
        }
        last = last * weight + (1.0 - weight) * y[i];
        debias *= weight;
        out[i] = last / (1.0 - debias);
    }
    return out;
}

void decimateMinMax(const std::vector<double>& x, const std::vector<double>& y, std::size_t maxPoints,
                    std::vector<double>& outX, std::vector<double>& outY)
{
    const std::size_t n = std::min(x.size(), y.size());
    outX.clear();
    outY.clear();
    if (n <= maxPoints || maxPoints < 4) {
        outX.assign(x.begin(), x.begin() + std::ptrdiff_t(n));
        outY.assign(y.begin(), y.begin() + std::ptrdiff_t(n));
        return;
    }
    const std::size_t buckets = maxPoints / 2;
    outX.reserve(buckets * 2 + 2);
    outY.reserve(buckets * 2 + 2);
    // Buckets of equal point count (the x of a training log is nearly uniform); the first and last points are
    // kept.
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t lo = b * n / buckets;
        const std::size_t hi = std::max(lo + 1, (b + 1) * n / buckets);
        std::size_t iMin = lo, iMax = lo;
        for (std::size_t i = lo; i < hi; ++i) {
            if (y[i] < y[iMin])
                iMin = i;
            if (y[i] > y[iMax])
                iMax = i;
        }
        if (b == 0 && iMin != 0 && iMax != 0) {
            outX.push_back(x[0]);
            outY.push_back(y[0]);
        }
        const std::size_t a = std::min(iMin, iMax), c = std::max(iMin, iMax);
        outX.push_back(x[a]);
        outY.push_back(y[a]);
        if (c != a) {
            outX.push_back(x[c]);
            outY.push_back(y[c]);
        }
        if (b + 1 == buckets && c != n - 1) {
            outX.push_back(x[n - 1]);
            outY.push_back(y[n - 1]);
        }
    }
}

bool lossAxisRange(const std::vector<const std::vector<double>*>& measured,
                   const std::vector<const std::vector<double>*>& model, bool positiveOnly, double& lo,
                   double& hi)
{
    auto usable = [&](double v) { return std::isfinite(v) && (!positiveOnly || v > 0); };
    bool found = false;
    auto widen = [&](double v) {
        lo = found ? std::min(lo, v) : v;
        hi = found ? std::max(hi, v) : v;
        found = true;
    };
    for (const auto* ys : measured)
        for (double v : *ys)
            if (usable(v))
                widen(v);
    if (!found) {
        for (const auto* ys : model)
            for (double v : *ys)
                if (usable(v))
                    widen(v);
        return found;
    }
    const double span = std::max(hi - lo, 0.05 * std::abs(hi));
    const double floor = lo - span, ceiling = hi + 0.25 * span;
    double newLo = lo, newHi = hi;
    for (const auto* ys : model)
        for (double v : *ys)
            if (usable(v) && v >= floor && v <= ceiling) {
                newLo = std::min(newLo, v);
                newHi = std::max(newHi, v);
            }
    lo = newLo;
    hi = newHi;
    return true;
}

} // namespace losscast::widgets
