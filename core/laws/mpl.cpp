// The multi-power law: Luo et al., ICLR 2025 (arXiv 2503.12811), Eq. 1 (L(t)) and Eq. 2 (LD(t), G(x)).
#include "core/laws/mpl.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace losscast::core {

namespace {

constexpr double kDefaultCompression = 0.25;
constexpr double kMinEta = 1e-30; // an LR of exactly 0 makes η^(−γ) infinite; G is then 1 to double precision

/// Running sums over the post-warmup LR changes up to some step k, one sign at a time, so that any group's total
/// drop, drop-weighted mean P(k−1) and drop-weighted mean η_k are two subtractions away.
struct DropSums
{
    double drop = 0, dropTimesPrefix = 0, dropTimesEta = 0;
};
struct Marks
{
    DropSums pos, neg;
    std::uint32_t changes = 0; ///< number of LR changes (either sign)
};

/// First index j in [first, last) with p[j] >= target (last if none), searching outward from `guess`: the
/// groups' boundaries are usually within a few steps of a guess from the local LR, so this beats a plain
/// binary search over the whole schedule several times over.
std::size_t lowerBoundNear(const double* p, std::size_t first, std::size_t last, double target, std::size_t guess)
{
    guess = std::clamp(guess, first, last);
    std::size_t lo, hi; // answer in [lo, hi]
    if (guess < last && p[guess] < target) {
        std::size_t step = 1;
        lo = guess + 1;
        hi = guess + 1;
        while (hi < last && p[hi] < target) {
            lo = hi + 1;
            hi = std::min(last, hi + step);
            step *= 2;
        }
    } else {
        std::size_t step = 1;
        hi = guess;
        lo = guess;
        while (lo > first && p[lo - 1] >= target) {
            hi = lo - 1;
            lo = lo - 1 >= first + step ? lo - 1 - step + 1 : first;
            step *= 2;
        }
    }
    return static_cast<std::size_t>(std::lower_bound(p + lo, p + hi, target) - p);
}

std::string stepMessage(std::size_t index, std::int64_t step, std::size_t n)
{
    return "MPL: evaluation step " + std::to_string(step) + " (index " + std::to_string(index) +
           ") is outside 1.." + std::to_string(n) + " or not ascending";
}

} // namespace

std::string MplLaw::formula() const
{
    return "L(t) = L0 + A*(S1(t)+S_W)^(-alpha) - LD(t);  LD(t) = B * sum_k (eta_{k-1}-eta_k) * "
           "(1 - (C*eta_k^(-gamma)*S_k(t) + 1)^(-beta)),  S_k(t) = sum_{tau=k..t} eta_tau";
}

std::vector<ParamInfo> MplLaw::parameters() const
{
    const double inf = std::numeric_limits<double>::infinity();
    return {
        {"L0", "irreducible loss (nats)", 3.0, 0.0, inf, false},
        {"A", "scale of the LR-area power law", 0.5, 1e-8, inf, false},
        {"alpha", "exponent of the LR-area power law", 0.5, 1e-4, 5.0, false},
        {"B", "scale of the loss drop from LR decay (per unit LR)", 400.0, 0.0, inf, true},
        {"C", "rate at which a LR drop pays off (per unit of eta^(-gamma)*area)", 2.0, 1e-8, inf, true},
        {"beta", "exponent of the loss-drop saturation, in (0, 1)", 0.6, 1e-4, 1.0 - 1e-4, false},
        {"gamma", "exponent of the LR in the drop's time scale, in (0, 1)", 0.6, 1e-4, 1.0 - 1e-4, false},
    };
}

LawSettings MplLaw::defaultSettings() const
{
    return {{"compression", kDefaultCompression}};
}

std::shared_ptr<const LawFeatures> MplLaw::prepare(const ScheduleInput& schedule,
                                                   std::span<const std::int64_t> steps,
                                                   const LawSettings& settings) const
{
    const auto& lr = schedule.lr;
    if (lr.size() < 2)
        throw std::invalid_argument("MPL: the schedule needs at least one step after lr[0]");
    const std::size_t n = lr.size() - 1;
    for (std::size_t s = 0; s <= n; ++s)
        if (!std::isfinite(lr[s]) || lr[s] < 0.0)
            throw std::invalid_argument("MPL: learning rate at step " + std::to_string(s) +
                                        " is negative or not finite");
    double rho = kDefaultCompression;
    if (auto it = settings.find("compression"); it != settings.end())
        rho = it->second;
    if (!std::isfinite(rho) || rho < 0.0 || rho > 10.0)
        throw std::invalid_argument("MPL: setting 'compression' must be in [0, 10], got " + std::to_string(rho));
    const std::size_t w = static_cast<std::size_t>(std::clamp<std::int64_t>(schedule.warmupSteps, 0,
                                                                            static_cast<std::int64_t>(n)));

    // P[s] = Σ_{i=1..s} lr[i]: the LR area up to step s, S1 + S_W in the paper's notation. (Not zero-filled
    // first: on a 1M-step schedule the fill alone costs as much as the rest of prepare.)
    std::unique_ptr<double[]> prefixStore(new double[n + 1]);
    double* prefix = prefixStore.get();
    prefix[0] = 0.0;
    for (std::size_t s = 1; s <= n; ++s)
        prefix[s] = prefix[s - 1] + lr[s];
    bool anyNegative = false;
    for (std::size_t k = w + 1; k <= n; ++k)
        anyNegative = anyNegative || lr[k] > lr[k - 1];

    // Pass 1: the groups [lo, hi] of every point, found by binary search on P.
    struct Group
    {
        std::uint32_t point;
        std::size_t lo, hi;
    };
    std::vector<Group> groups;
    // Every lo − 1 and hi, where the running drop sums are needed, as a bitmap with per-word ranks (sorting
    // the marks instead costs more than everything else on 100k-step schedules).
    const std::size_t words = (n + 1 + 63) / 64;
    std::vector<std::uint64_t> marked(words, 0);
    auto mark = [&](std::size_t k) { marked[k >> 6] |= std::uint64_t(1) << (k & 63); };
    auto f = std::make_shared<MplFeatures>();
    f->logArea.reserve(steps.size());
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::int64_t step = steps[i];
        if (step < 1 || step > static_cast<std::int64_t>(n) || step <= previous)
            throw std::invalid_argument(stepMessage(i, step, n));
        previous = step;
        const std::size_t t = static_cast<std::size_t>(step);
        if (!(prefix[t] > 0.0))
            throw std::invalid_argument("MPL: no learning-rate area before step " + std::to_string(t) +
                                        " (all LRs up to it are 0)");
        f->logArea.push_back(std::log(prefix[t]));
        std::size_t hi = t;
        while (hi > w) {
            // Close the group [lo, hi] once its own area would exceed ρ × the area between it and t.
            const double distance = prefix[t] - prefix[hi];
            const double target = prefix[hi] - rho * distance;
            const double local = std::max(lr[hi], 1e-300);
            const double width = std::min(rho * distance / local, double(hi - w));
            // The local LR predicts the boundary; search only when the prediction overshoots by 2× (the error
            // bound uses each group's actual extent, so an early boundary costs a term, never accuracy).
            std::size_t j = hi - static_cast<std::size_t>(width);
            if (prefix[hi] - prefix[j] > 2.0 * rho * distance)
                j = lowerBoundNear(prefix, w, hi, target, j);
            if (j >= hi) // lo − 1, in [w, hi − 1]
                j = hi - 1;
            groups.push_back({static_cast<std::uint32_t>(i), j + 1, hi});
            mark(j);
            mark(hi);
            hi = j;
        }
    }
    std::vector<std::uint32_t> rankBase(words + 1, 0);
    for (std::size_t i = 0; i < words; ++i)
        rankBase[i + 1] = rankBase[i] + static_cast<std::uint32_t>(std::popcount(marked[i]));

    // Pass 2: one streaming sweep over the LR changes, keeping the running sums at the marks only.
    std::vector<Marks> atMark;
    atMark.reserve(rankBase[words]);
    {
        Marks run;
        if (marked[0] & 1)
            atMark.push_back(run);
        for (std::size_t k = 1; k <= n; ++k) {
            const double d = k > w ? lr[k - 1] - lr[k] : 0.0;
            if (d > 0.0) {
                run.pos.drop += d;
                run.pos.dropTimesPrefix += d * prefix[k - 1];
                run.pos.dropTimesEta += d * lr[k];
                ++run.changes;
            } else if (d < 0.0) {
                run.neg.drop += d;
                run.neg.dropTimesPrefix += d * prefix[k - 1];
                run.neg.dropTimesEta += d * lr[k];
                ++run.changes;
            }
            if ((marked[k >> 6] >> (k & 63)) & 1)
                atMark.push_back(run);
        }
    }
    auto markOf = [&](std::size_t k) -> const Marks& {
        const std::uint64_t below = marked[k >> 6] & ((std::uint64_t(1) << (k & 63)) - 1);
        return atMark[rankBase[k >> 6] + static_cast<std::uint32_t>(std::popcount(below))];
    };

    // Pass 3: one term per group and sign.
    f->offset.assign(steps.size() + 1, 0);
    for (const Group& g : groups) {
        const std::size_t t = static_cast<std::size_t>(steps[g.point]);
        const Marks& a = markOf(g.lo - 1);
        const Marks& b = markOf(g.hi);
        const bool single = b.changes - a.changes == 1;
        const double sMin = prefix[t] - prefix[g.hi - 1];
        const double sMax = prefix[t] - prefix[g.lo - 1];
        auto add = [&](const DropSums& p, const DropSums& q) {
            const double drop = q.drop - p.drop;
            if (drop == 0.0)
                return;
            double area, eta;
            if (g.lo == g.hi) {
                area = sMin;
                eta = lr[g.hi];
            } else {
                area = std::clamp(prefix[t] - (q.dropTimesPrefix - p.dropTimesPrefix) / drop, sMin, sMax);
                eta = (q.dropTimesEta - p.dropTimesEta) / drop;
            }
            f->drop.push_back(drop);
            f->logEta.push_back(std::log(std::max(eta, kMinEta)));
            f->area.push_back(area);
            // A group holding one LR change is exact: its extent collapses to the point.
            f->areaMin.push_back(single ? area : sMin);
            f->areaMax.push_back(single ? area : sMax);
            f->etaA.push_back(single ? eta : lr[g.lo]);
            f->etaB.push_back(single ? eta : lr[g.hi]);
            ++f->offset[g.point + 1];
        };
        add(a.pos, b.pos);
        if (anyNegative)
            add(a.neg, b.neg);
    }
    if (f->drop.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::invalid_argument("MPL: too many loss-drop terms; raise the 'compression' setting");
    for (std::size_t i = 0; i < steps.size(); ++i)
        f->offset[i + 1] += f->offset[i];
    return f;
}

void MplLaw::evaluate(const LawFeatures& features, std::span<const double> params, std::span<double> out,
                      double* jacobian) const
{
    const auto& f = static_cast<const MplFeatures&>(features);
    const double l0 = params[L0], a = params[A], alpha = params[Alpha], b = params[B], c = params[C],
                 beta = params[Beta], gamma = params[Gamma];
    const std::size_t np = f.size();
    const double* drop = f.drop.data();
    const double* logEta = f.logEta.data();
    const double* area = f.area.data();
    for (std::size_t i = 0; i < np; ++i) {
        const double power = std::exp(-alpha * f.logArea[i]); // (S1 + S_W)^(−α)
        double ld = 0.0, dC = 0.0, dBeta = 0.0, dGamma = 0.0;
        const std::uint32_t end = f.offset[i + 1];
        if (!jacobian) {
            for (std::uint32_t k = f.offset[i]; k < end; ++k) {
                const double x = std::exp(-gamma * logEta[k]) * area[k];
                ld += drop[k] * (1.0 - std::exp(-beta * std::log1p(c * x)));
            }
        } else {
            for (std::uint32_t k = f.offset[i]; k < end; ++k) {
                const double x = std::exp(-gamma * logEta[k]) * area[k];
                const double cx1 = 1.0 + c * x;
                const double l = std::log1p(c * x);
                const double e = std::exp(-beta * l); // (C x + 1)^(−β)
                ld += drop[k] * (1.0 - e);
                const double common = drop[k] * beta * e / cx1; // D · ∂G/∂(Cx)
                dC += common * x;
                dBeta += drop[k] * l * e;
                dGamma -= common * c * x * logEta[k];
            }
        }
        out[i] = l0 + a * power - b * ld;
        if (jacobian) {
            double* row = jacobian + i * Count;
            row[L0] = 1.0;
            row[A] = power;
            row[Alpha] = -a * power * f.logArea[i];
            row[B] = -ld;
            row[C] = -b * dC;
            row[Beta] = -b * dBeta;
            row[Gamma] = -b * dGamma;
        }
    }
}

std::vector<std::vector<double>> MplLaw::initialGuesses(std::span<const double> observedLoss) const
{
    // Without the schedule only L0 can be scaled to the data; fitMpl() in mplfit.h does better.
    double lo = observedLoss.empty() ? 3.3 : observedLoss[0];
    for (double v : observedLoss)
        lo = std::min(lo, v);
    return {{lo - 0.25, 0.5, 0.5, 400.0, 2.0, 0.6, 0.6},
            {lo - 0.5, 0.8, 0.4, 400.0, 1.0, 0.5, 0.5},
            {lo - 0.1, 0.3, 0.6, 200.0, 4.0, 0.7, 0.7}};
}

double MplLaw::compressionErrorBound(const LawFeatures& features, std::span<const double> params) const
{
    const auto& f = static_cast<const MplFeatures&>(features);
    const double b = params[B], c = params[C], beta = params[Beta], gamma = params[Gamma];
    auto h = [beta](double z) { return beta * z * std::pow(1.0 + z, -1.0 - beta); }; // f'(u) at z = C e^u
    double worst = 0.0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        double bound = 0.0;
        for (std::uint32_t k = f.offset[i]; k < f.offset[i + 1]; ++k) {
            const double etaMin = std::max(std::min(f.etaA[k], f.etaB[k]), kMinEta);
            const double etaMax = std::max(std::max(f.etaA[k], f.etaB[k]), kMinEta);
            if (etaMin == etaMax && f.areaMin[k] == f.areaMax[k])
                continue; // a single LR change: exact
            if (!(f.areaMin[k] > 0.0))
                return std::numeric_limits<double>::infinity();
            const double du = gamma * std::log(etaMax / etaMin) + std::log(f.areaMax[k] / f.areaMin[k]);
            const double zLo = c * std::pow(etaMax, -gamma) * f.areaMin[k];
            const double zHi = c * std::pow(etaMin, -gamma) * f.areaMax[k];
            const double zPeak = 1.0 / beta;
            const double sup = (zPeak >= zLo && zPeak <= zHi) ? h(zPeak) : std::max(h(zLo), h(zHi));
            bound += std::abs(f.drop[k]) * sup * du * du;
        }
        worst = std::max(worst, b * bound);
    }
    return worst;
}

} // namespace losscast::core
