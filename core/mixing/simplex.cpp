#include "core/mixing/simplex.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace losscast::core::mixing {

bool projectCappedSimplex(std::span<double> y, std::span<const double> lo, std::span<const double> hi,
                          double total)
{
    const std::size_t n = y.size();
    if (lo.size() != n || hi.size() != n || n == 0 || !std::isfinite(total))
        return false;
    double sumLo = 0.0, sumHi = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        if (!(lo[j] <= hi[j]) || !std::isfinite(y[j]))
            return false;
        sumLo += lo[j];
        sumHi += hi[j];
    }
    const double slack = 1e-12 * std::max(1.0, std::abs(total));
    if (sumLo > total + slack || sumHi < total - slack)
        return false;
    auto mass = [&](double tau) {
        double s = 0.0;
        for (std::size_t j = 0; j < n; ++j)
            s += std::clamp(y[j] - tau, lo[j], hi[j]);
        return s;
    };
    // mass(τ) is continuous and non-increasing; mass(a) ≥ total ≥ mass(b).
    double a = std::numeric_limits<double>::infinity(), b = -a;
    for (std::size_t j = 0; j < n; ++j) {
        a = std::min(a, y[j] - hi[j]);
        b = std::max(b, y[j] - lo[j]);
    }
    for (int it = 0; it < 200 && b - a > 0.0; ++it) {
        const double m = 0.5 * (a + b);
        if (m <= a || m >= b)
            break;
        (mass(m) >= total ? a : b) = m;
    }
    // Closed form on the free set at the bracket's midpoint.
    double tau = 0.5 * (a + b);
    double fixedMass = 0.0, freeSum = 0.0;
    std::size_t free = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const double v = y[j] - tau;
        if (v <= lo[j])
            fixedMass += lo[j];
        else if (v >= hi[j])
            fixedMass += hi[j];
        else {
            freeSum += y[j];
            ++free;
        }
    }
    if (free > 0) {
        const double exact = (freeSum + fixedMass - total) / static_cast<double>(free);
        if (exact >= a && exact <= b)
            tau = exact;
    }
    for (std::size_t j = 0; j < n; ++j)
        y[j] = std::clamp(y[j] - tau, lo[j], hi[j]);
    return true;
}

SimplexResult minimizeOnSimplex(const SimplexObjective& f, std::span<const double> lo,
                                std::span<const double> hi, double total, std::span<const double> start,
                                const SimplexOptions& options)
{
    SimplexResult res;
    const std::size_t n = lo.size();
    std::vector<double> x(n, n ? total / static_cast<double>(n) : 0.0);
    if (start.size() == n && n > 0)
        std::copy(start.begin(), start.end(), x.begin());
    if (!projectCappedSimplex(x, lo, hi, total)) {
        res.message = "the constraints are infeasible: the caps cannot hold the total (Σ lower > total or "
                      "Σ upper < total)";
        return res;
    }
    std::vector<double> g(n), xt(n), gt(n), p(n);
    double fx = f(x, g);
    ++res.evaluations;
    if (!std::isfinite(fx)) {
        res.x = x;
        res.value = fx;
        res.message = "the objective is not finite at the starting point";
        return res;
    }
    const double tol = options.tolerance * std::max(1.0, std::abs(total));
    auto optimality = [&](const std::vector<double>& at, const std::vector<double>& grad) {
        for (std::size_t j = 0; j < n; ++j)
            p[j] = at[j] - grad[j];
        projectCappedSimplex(p, lo, hi, total);
        double m = 0.0;
        for (std::size_t j = 0; j < n; ++j)
            m = std::max(m, std::abs(p[j] - at[j]));
        return m;
    };
    std::deque<double> history{fx};
    double alpha = 1.0;
    {
        const double o = optimality(x, g);
        alpha = o > 0.0 ? std::min(1e10, 1.0 / o) : 1.0;
    }
    constexpr double kGamma = 1e-4;
    for (res.iterations = 0; res.iterations < options.maxIterations; ++res.iterations) {
        res.optimality = optimality(x, g);
        if (res.optimality <= tol) {
            res.converged = true;
            break;
        }
        std::vector<double> d(n);
        for (std::size_t j = 0; j < n; ++j)
            d[j] = x[j] - alpha * g[j];
        projectCappedSimplex(d, lo, hi, total);
        double gd = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            d[j] -= x[j];
            gd += g[j] * d[j];
        }
        if (!(gd < 0.0)) { // the BB step was useless: fall back to a unit gradient step
            alpha = 1.0;
            for (std::size_t j = 0; j < n; ++j)
                d[j] = p[j] - x[j];
            gd = 0.0;
            for (std::size_t j = 0; j < n; ++j)
                gd += g[j] * d[j];
            if (!(gd < 0.0)) {
                res.converged = true; // no descent direction left at machine precision
                break;
            }
        }
        const double fmax = *std::max_element(history.begin(), history.end());
        double lambda = 1.0, ft = 0.0;
        bool accepted = false;
        for (int ls = 0; ls < 60; ++ls) {
            for (std::size_t j = 0; j < n; ++j)
                xt[j] = x[j] + lambda * d[j];
            ft = f(xt, gt);
            ++res.evaluations;
            if (std::isfinite(ft) && ft <= fmax + kGamma * lambda * gd) {
                accepted = true;
                break;
            }
            lambda *= 0.5;
        }
        if (!accepted) {
            res.converged = res.optimality <= 1e3 * tol;
            res.message = "line search failed (optimality " + std::to_string(res.optimality) + ")";
            break;
        }
        double ss = 0.0, sy = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            const double s = xt[j] - x[j], yv = gt[j] - g[j];
            ss += s * s;
            sy += s * yv;
        }
        alpha = sy > 0.0 ? std::clamp(ss / sy, 1e-30, 1e30) : 1e10;
        x.swap(xt);
        g.swap(gt);
        fx = ft;
        history.push_back(fx);
        if (history.size() > 10)
            history.pop_front();
    }
    res.x = x;
    res.value = fx;
    res.optimality = optimality(x, g);
    if (res.message.empty())
        res.message = res.converged ? "converged: first-order optimality " + std::to_string(res.optimality)
                                    : "stopped after the iteration limit";
    return res;
}

} // namespace losscast::core::mixing
