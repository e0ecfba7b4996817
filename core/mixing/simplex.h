#pragma once
/// \file
/// \brief Exact minimisation of a smooth convex function over the capped simplex
/// {x : Σ x_j = total, lo_j ≤ x_j ≤ hi_j} by spectral projected gradient (Birgin, Martínez, Raydan 2000:
/// Barzilai–Borwein steps, non-monotone Armijo line search along the projection arc) with an exact Euclidean
/// projection. The stopping rule is the first-order optimality measure ‖x − P(x − ∇f(x))‖∞ ≤ tolerance, which
/// for a convex f certifies the global minimum. Used by the mixing-law optimum, AutoScale's DDO and the
/// Domain2Vec DA² solve (all three objectives are convex on their domains).

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace losscast::core::mixing {

/// \brief Euclidean projection of `y` onto {x : Σ x = total, lo ≤ x ≤ hi}, in place. Exact: the shift τ with
/// Σ clamp(y_j − τ, lo_j, hi_j) = total is bracketed by bisection and then solved in closed form on the set
/// of unclamped coordinates. Returns false (y unchanged) when the set is empty (Σ lo > total or Σ hi <
/// total).
bool projectCappedSimplex(std::span<double> y, std::span<const double> lo, std::span<const double> hi,
                          double total);

/// \brief f(x), writing ∇f(x) into `grad` when it is not empty. Return +inf outside the domain.
using SimplexObjective = std::function<double(std::span<const double> x, std::span<double> grad)>;

struct SimplexOptions
{
    double tolerance = 1e-10; ///< stop when ‖x − P(x − ∇f)‖∞ ≤ tolerance (scaled by max(1, total))
    int maxIterations = 20000;
};

struct SimplexResult
{
    std::vector<double> x;
    double value = 0.0;
    double optimality = 0.0; ///< ‖x − P(x − ∇f(x))‖∞ at the returned point
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;
    std::string message;
};

/// \brief Minimises `f` over the capped simplex from `start` (projected first; empty = the projection of the
/// uniform point). Fails (converged false, message) when the set is empty or f is not finite at the start.
SimplexResult minimizeOnSimplex(const SimplexObjective& f, std::span<const double> lo,
                                std::span<const double> hi, double total, std::span<const double> start = {},
                                const SimplexOptions& options = {});

} // namespace losscast::core::mixing
