#pragma once
/// \file
/// \brief AutoScale (Kang et al. 2024, "AutoScale: Scale-Aware Data Mixing for Pre-Training LLMs",
/// arXiv 2407.20177): Direct Data Optimisation (DDO) at one scale from perturbation runs, and the
/// extrapolation of per-domain optimal token counts to larger scales.
///
///  - DDO (Sec. 3, Eq. 4–6): for each domain j, the validation perplexity as a function of the multiplier x_j
///    of that domain's data (others at the uniform amount) is PPL(x)/PPL(1) = (x + a_j)^(−b_j) + c_j, fitted
///    from the uniform base run (x = 1) and runs with the domain reduced / increased (the repository uses
///    x = 1/5 and 3). The optimum at that scale minimises Σ_j (x_j + a_j)^(−b_j) + c_j subject to
///    Σ_j x_j = D (the total fixed) — a convex problem solved exactly on the capped simplex.
///  - AutoScale (Theorem 1 / Sec. 4): with optimal per-domain token counts N(1)*, N(2)* at two scales,
///    N(3)* = N(2)* ⊙ (N(2)*/N(1)*) elementwise, i.e. log N_j* is linear in the step index s. Here s is
///    continuous: N(s) = N(2)* ⊙ (N(2)*/N(1)*)^s, and a requested total T is met by solving Σ_j N_j(s) = T.

#include "core/fit/fitter.h"
#include "core/util/diagnostic.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace losscast::core::mixing {

/// \brief (x + a)^(−b) + c.
double autoscaleCurve(double x, double a, double b, double c);

/// \brief One domain's fitted perplexity response.
struct AutoScaleDomainFit
{
    std::string domain;
    double a = 0.0, b = 0.0, c = 0.0;
    std::vector<double> x, ratio; ///< the points fitted (multiplier, PPL(x)/PPL(1))
    fit::Summary summary;
};

/// \brief Least-squares fit of (x + a)^(−b) + c to (x, ratio) points (at least 3; with exactly 3 the curve
/// interpolates them, which is what the repository's fits do). Bounds: a > −min x, 0 < b ≤ 20.
AutoScaleDomainFit fitAutoScaleDomain(const std::string& domain, const std::vector<double>& x,
                                      const std::vector<double>& ratio);

/// \brief Perturbation runs: the base (x = 1) value and, per domain, (multiplier, value) pairs.
struct Perturbations
{
    std::vector<std::string> domains;
    double base = 0.0;
    std::vector<std::vector<std::pair<double, double>>> runs; ///< per domain
};

/// \brief Reads a perturbation table: one row per run; a domain column (`perturbed_domain` or `domain`; the
/// base run's cell is `none…`, `base…`, `uniform…` or empty), a multiplier column (header containing
/// `multiplier`; a trailing note after the number, e.g. "0.2 (reduced)", is ignored) and the value column
/// (`--value` name, else the first header containing `avg`, else the mean of every `val_ppl*`/`ppl*`/`*loss*`
/// column). Errors name the file and line.
Result<Perturbations> parsePerturbations(std::string_view text, const std::string& source,
                                         const std::string& valueColumn = {});

/// \brief Fits every domain of `p` on its runs plus the base point (1, 1).
std::vector<AutoScaleDomainFit> fitPerturbations(const Perturbations& p);

/// \brief DDO at one scale.
struct DdoResult
{
    std::vector<double> multipliers; ///< x_j, Σ = D
    std::vector<double> tokens;      ///< x_j · total / D
    std::vector<double> weights;     ///< x_j / D
    double predicted = 0.0;          ///< Σ_j (x_j + a_j)^(−b_j) + c_j
    bool converged = false;
    std::string message;
};
/// \brief DDO: minimises Σ_j (x_j + a_j)^(−b_j) + c_j over Σ_j x_j = D (D = number of domains, the uniform
/// base run has every x_j = 1), minMultiplier ≤ x_j ≤ maxMultiplier; `fixedMultipliers` (NaN = free, empty =
/// all free) pins some domains, as the repository does by hand.
///
/// Reproduction of the repository (feiyang-k/AutoScale, algorithms/DDO_example.ipynb, GPT-2 Large, 1.2B
/// tokens, 7 RedPajama domains): its DDO cell leaves GitHub out at 0.2× (its fit is nearly flat) and runs
/// 10 000 fixed-step projected-gradient iterations over the six others (Σ = 6.8, no bounds). Our solve with
/// the fitted a, b, c and bounds [0.2, 3] lands on the same point — CC 1.62475, books 1.27415, wiki 1.17980,
/// C4 1.85190, StackExchange 0.63716, arXiv 0.23224 — to < 1e-6 (tst_autoscale ddoMatchesNotebook): GitHub
/// sits on the 0.2 bound and no other bound is active. The "DDO_opt@1.2B" row that AutoScale_example.ipynb
/// extrapolates from (n12 = [1.63121, 0.2, 1.30180, 1.21426, 1.83266, 0.62006, 0.2]) is not this output: it
/// pins arXiv at 0.2 as well (five free domains, Σ = 6.6; arXiv −13.9 % vs the DDO optimum, i.e. ours is
/// +16.1 % above it), and even with both pinned the published fits give books 1.28047 (−1.6 %), wiki 1.18502
/// (−2.4 %), StackExchange 0.64201 (+3.5 %), so that row came from fits the repository does not contain. The
/// up-to-16 % difference between our DDO@1.2B and that row is therefore the repository's convention and
/// inputs, not a defect of this solve.
DdoResult optimizeDdo(const std::vector<AutoScaleDomainFit>& fits, double totalTokens,
                      double minMultiplier = 0.2, double maxMultiplier = 3.0,
                      const std::vector<double>& fixedMultipliers = {});

/// \brief Optimal per-domain token counts at one scale.
struct ScaleOptimum
{
    std::string label;
    double total = 0.0;
    std::vector<double> tokens;
    double step = 0.0; ///< s of autoscaleStep when computed by autoscaleAtTotal
};

/// \brief Rows of optima: a label column (first text column), a total column (header starting with `total`;
/// when absent the total is the row sum) and one column per domain (token counts > 0).
struct OptimaTable
{
    std::vector<std::string> domains;
    std::vector<ScaleOptimum> rows;
    /// The unit of the token counts, from the total column's header (`total_tokens_B` → "B", `total (M)` →
    /// "M"); empty when it names none.
    std::string unit;
};
/// Errors name the file, the line and the column (number and header), e.g.
/// `optima.csv:4: column 5 (c4): error: expected a token count > 0, got 'x'`.
Result<OptimaTable> parseOptima(std::string_view text, const std::string& source);

/// \brief The two rows to extrapolate from by default: among the rows whose label does not mark them as a
/// prediction ("pred", "extrapol", "interp"), the smallest and the largest total — the widest baseline, as
/// the repository's own predictions use (0.3B and 1.2B); nearby scales are a weak basis. The first two rows
/// when fewer than two qualify. {0, 0} when the table has fewer than two rows.
std::pair<std::size_t, std::size_t> defaultAutoScaleBases(const OptimaTable& table);

/// \brief What an AutoScale input file holds, from its header alone (cheap enough to run on every dropped
/// file): perturbation runs (a `perturbed_domain`/`domain` column and a `*multiplier*` column), or optima at
/// several scales (a `total*` column beside a label column `source`/`label`/`scale`/`name`, and no
/// `step`/`iteration` column, which would make it a training log).
enum class AutoScaleFileKind
{
    None,
    Optima,
    Perturbations
};
AutoScaleFileKind detectAutoScaleFile(std::string_view text);

/// \brief N(s) = n2 ⊙ (n2/n1)^s (s = 1 is the paper's N(3)*, s = −1/2 the geometric midpoint of n1 and n2).
std::vector<double> autoscaleStep(const std::vector<double>& n1, const std::vector<double>& n2, double s);

/// \brief The AutoScale optimum whose total is `total`: solves Σ_j N_j(s) = total for s (bisection; Σ N(s)
/// is monotone when every domain grows or every domain shrinks, and convex in s in any case). Fails with a
/// message when the total cannot be reached.
Result<ScaleOptimum> autoscaleAtTotal(const std::vector<double>& n1, const std::vector<double>& n2,
                                      double total);

} // namespace losscast::core::mixing
