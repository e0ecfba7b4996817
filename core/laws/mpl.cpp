// The multi-power law: Luo et al., ICLR 2025 (arXiv 2503.12811), Eq. 1 (L(t)) and Eq. 2 (LD(t), G(x)).
#include "core/laws/mpl.h"

#include "core/laws/startsearch.h"

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

/// Running sums over the post-warmup LR changes up to some step, one sign at a time, so that any group's
/// total drop, drop-weighted mean P(k−1) and drop-weighted mean η_k are two subtractions away.
struct DropSums
{
    double drop = 0, dropTimesPrefix = 0, dropTimesEta = 0;
    void add(double d, double prefixBefore, double eta)
    {
        drop += d;
        dropTimesPrefix += d * prefixBefore;
        dropTimesEta += d * eta;
    }
};

/// The state of the sweep over the schedule after step k.
struct Cumulative
{
    double prefix = 0; ///< P[k] = Σ_{i=1..k} lr[i]
    double eta = 0;    ///< lr[k]
    DropSums pos, neg;
    std::uint32_t changes = 0; ///< number of LR changes after the warmup, either sign
};

/// Applies step k (≥ 1) to the running state.
inline void advance(Cumulative& c, const std::vector<double>& lr, std::size_t k, std::size_t warmup)
{
    const double before = c.prefix;
    c.prefix += lr[k];
    c.eta = lr[k];
    if (k <= warmup)
        return;
    const double d = lr[k - 1] - lr[k];
    if (d > 0.0) {
        c.pos.add(d, before, lr[k]);
        ++c.changes;
    } else if (d < 0.0) {
        c.neg.add(d, before, lr[k]);
        ++c.changes;
    }
}

// Far groups start and end on multiples of these strides, so their running sums come from small tables that
// stay in cache (one table per stride) instead of from random reads in O(N) arrays.
constexpr std::size_t kStrideBits[] = {4, 8, 12, 16};
constexpr std::size_t kLevels = std::size(kStrideBits);

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
    // "authors_convention" (0 when absent) is not listed, so fit files without it round-trip unchanged.
    return {{"compression", kDefaultCompression}, {"free_shape", 0.0}};
}

namespace {

bool freeShapeSetting(const LawSettings& settings)
{
    const auto it = settings.find("free_shape");
    if (it == settings.end())
        return false;
    if (it->second != 0.0 && it->second != 1.0)
        throw std::invalid_argument("MPL: setting 'free_shape' must be 0 (hold beta and gamma at the paper's "
                                    "values) or 1 (fit them), got " +
                                    std::to_string(it->second));
    return it->second == 1.0;
}

bool authorsSetting(const LawSettings& settings)
{
    const auto it = settings.find("authors_convention");
    if (it == settings.end())
        return false;
    if (it->second != 0.0 && it->second != 1.0)
        throw std::invalid_argument("MPL: setting 'authors_convention' must be 0 (LossCast: the loss drop "
                                    "starts after the warmup) or 1 (the authors' code: it includes the "
                                    "warmup), got " +
                                    std::to_string(it->second));
    return it->second == 1.0;
}

} // namespace

std::vector<HeldParameter> MplLaw::heldParameters(const LawSettings& settings) const
{
    bool free = false;
    try {
        free = freeShapeSetting(settings);
    } catch (const std::invalid_argument&) {
        return {}; // prepare() reports the bad value
    }
    if (free)
        return {};
    return {{Beta, kPaperBeta}, {Gamma, kPaperGamma}};
}

std::vector<LawSettings> MplLaw::settingsGrid(const LawSettings& settings) const
{
    const auto it = settings.find("free_shape");
    if (it == settings.end() || it->second != 2.0)
        return {settings};
    // "free_shape" = 2: held at the paper's values or fitted, whichever the caller's selection prefers
    // (forecasts: the lower held-out error on the validation folds; a plain fit: the lower training cost).
    LawSettings held = settings, fitted = settings;
    held["free_shape"] = 0.0;
    fitted["free_shape"] = 1.0;
    return {held, fitted};
}

LawSettings MplLaw::withoutHeld(const LawSettings& settings) const
{
    LawSettings s = settings;
    s["free_shape"] = 1.0;
    return s;
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
    const bool freeShape = freeShapeSetting(settings);
    double rho = kDefaultCompression;
    if (auto it = settings.find("compression"); it != settings.end())
        rho = it->second;
    if (!std::isfinite(rho) || rho < 0.0 || rho > 10.0)
        throw std::invalid_argument("MPL: setting 'compression' must be in [0, 10], got " +
                                    std::to_string(rho));
    // The authors' convention (setting "authors_convention" = 1): the loss-drop sum runs over the warmup too
    // (k = 1..t), as in their released code, so their L0 is lower than ours by about B·η_max.
    const bool authors = authorsSetting(settings);
    const std::size_t w = authors ? 0
                                  : static_cast<std::size_t>(std::clamp<std::int64_t>(
                                        schedule.warmupSteps, 0, static_cast<std::int64_t>(n)));

    // One sweep: the running state at every multiple of each stride.
    std::vector<Cumulative> table[kLevels];
    for (std::size_t l = 0; l < kLevels; ++l)
        table[l].resize((n >> kStrideBits[l]) + 1);
    Cumulative warmupEnd;
    {
        Cumulative run;
        run.eta = lr[0];
        for (auto& t : table)
            t[0] = run;
        if (w == 0)
            warmupEnd = run;
        for (std::size_t k = 1; k <= n; ++k) {
            advance(run, lr, k, w);
            if (k == w)
                warmupEnd = run;
            if ((k & 15) == 0)
                for (std::size_t l = 0; l < kLevels && (k & ((std::size_t(1) << kStrideBits[l]) - 1)) == 0;
                     ++l)
                    table[l][k >> kStrideBits[l]] = run;
        }
    }
    auto stateAt = [&](std::size_t k) {
        Cumulative c = table[0][k >> kStrideBits[0]];
        for (std::size_t j = ((k >> kStrideBits[0]) << kStrideBits[0]) + 1; j <= k; ++j)
            advance(c, lr, j, w);
        return c;
    };

    // The authors' convention sums over the warmup too; groups never straddle the warmup's end, where the LR
    // turns from rising to flat or falling (the error bound needs monotone LRs inside a group).
    const std::size_t realWarmup = static_cast<std::size_t>(
        std::clamp<std::int64_t>(schedule.warmupSteps, 0, static_cast<std::int64_t>(n)));
    const std::size_t barrier = authors ? realWarmup : w;
    const Cumulative atBarrier = stateAt(barrier);
    auto floorFor = [&](std::size_t hi) { return hi > barrier ? barrier : w; };

    auto f = std::make_shared<MplFeatures>();
    f->freeShape = freeShape;
    f->logArea.reserve(steps.size());
    f->offset.reserve(steps.size() + 1);
    f->offset.push_back(0);
    auto emit = [&](double drop, double area, double eta, bool single, double sMin, double sMax, double etaA,
                    double etaB) {
        f->drop.push_back(drop);
        f->logEta.push_back(std::log(std::max(eta, kMinEta)));
        f->area.push_back(area);
        // A group holding one LR change is exact: its extent collapses to the point.
        f->areaMin.push_back(single ? area : sMin);
        f->areaMax.push_back(single ? area : sMax);
        f->etaA.push_back(single ? eta : etaA);
        f->etaB.push_back(single ? eta : etaB);
    };

    std::int64_t previous = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::int64_t step = steps[i];
        if (step < 1 || step > static_cast<std::int64_t>(n) || step <= previous)
            throw std::invalid_argument(stepMessage(i, step, n));
        previous = step;
        const std::size_t t = static_cast<std::size_t>(step);
        const Cumulative atT = stateAt(t);
        if (!(atT.prefix > 0.0))
            throw std::invalid_argument("MPL: no learning-rate area before step " + std::to_string(t) +
                                        " (all LRs up to it are 0)");
        f->logArea.push_back(std::log(atT.prefix));

        // Near t: groups of fewer than 16 steps, summed directly (S_k(t) accumulated exactly). A group
        // [lo, hi] is closed once its own area would exceed ρ × the area between it and t.
        std::size_t hi = t;
        double distance = 0.0; // P[t] − P[hi]
        while (hi > w) {
            const double width = rho * distance / std::max(lr[hi], 1e-300);
            if (width >= 16.0)
                break;
            // The group never reaches past the floor (the warmup's end): near the start of a schedule without
            // warmup (hi small, a tiny LR at hi from a ramp from 0) `width` exceeds hi, and hi + 1 − width
            // would wrap around.
            const std::size_t floor = floorFor(hi);
            const std::size_t len = std::min(hi - floor, std::max<std::size_t>(1, std::size_t(width)));
            const std::size_t lo = hi + 1 - len;
            DropSums pos, neg;
            std::uint32_t changes = 0;
            double s = distance;
            for (std::size_t k = hi; k >= lo; --k) {
                s += lr[k]; // S_k(t)
                const double d = lr[k - 1] - lr[k];
                if (d > 0.0) {
                    pos.add(d, s, lr[k]);
                    ++changes;
                } else if (d < 0.0) {
                    neg.add(d, s, lr[k]);
                    ++changes;
                }
            }
            const double sMin = distance + lr[hi];
            for (const DropSums* g : {&pos, &neg})
                if (g->drop != 0.0)
                    emit(g->drop, std::clamp(g->dropTimesPrefix / g->drop, sMin, s),
                         g->dropTimesEta / g->drop, changes == 1, sMin, s, lr[lo], lr[hi]);
            distance = s;
            hi = lo - 1;
        }

        // Far from t: groups aligned to the strides, running sums from the tables.
        if (hi > w) {
            Cumulative atHi = stateAt(hi);
            while (hi > w) {
                distance = atT.prefix - atHi.prefix;
                const double width = rho * distance / std::max(atHi.eta, 1e-300);
                std::size_t l = 0;
                while (l + 1 < kLevels && double(std::size_t(1) << kStrideBits[l + 1]) <= width)
                    ++l;
                const std::size_t bits = kStrideBits[l];
                const std::size_t target = width >= double(hi) ? 0 : hi - std::size_t(width);
                std::size_t loMinus1 = ((target + (std::size_t(1) << bits) - 1) >> bits) << bits;
                if (loMinus1 >= hi)
                    loMinus1 = ((hi - 1) >> bits) << bits;
                const std::size_t floor = floorFor(hi);
                const bool atWarmup = loMinus1 <= floor;
                const Cumulative atLo =
                    atWarmup ? (floor == w ? warmupEnd : atBarrier) : table[l][loMinus1 >> bits];
                if (atWarmup)
                    loMinus1 = floor;
                const bool single = atHi.changes - atLo.changes == 1;
                const double sMax = atT.prefix - atLo.prefix;
                for (int sign = 0; sign < 2; ++sign) {
                    const DropSums& a = sign == 0 ? atLo.pos : atLo.neg;
                    const DropSums& b = sign == 0 ? atHi.pos : atHi.neg;
                    const double drop = b.drop - a.drop;
                    if (drop == 0.0)
                        continue;
                    const double area = std::clamp(
                        atT.prefix - (b.dropTimesPrefix - a.dropTimesPrefix) / drop, distance, sMax);
                    emit(drop, area, (b.dropTimesEta - a.dropTimesEta) / drop, single, distance, sMax,
                         atLo.eta, atHi.eta);
                }
                atHi = atLo;
                hi = loMinus1;
            }
        }
        if (f->drop.size() > std::numeric_limits<std::uint32_t>::max())
            throw std::invalid_argument("MPL: too many loss-drop terms; raise the 'compression' setting");
        f->offset.push_back(static_cast<std::uint32_t>(f->drop.size()));
    }
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

std::vector<std::vector<double>>
MplLaw::initialGuessesFromData(const std::vector<const LawFeatures*>& features,
                               const std::vector<std::span<const double>>& observedLoss) const
{
    // Flatten the points of all curves.
    std::vector<double> logArea, y;
    std::vector<std::uint32_t> offset{0};
    std::vector<double> drop, logEta, area;
    for (std::size_t c = 0; c < features.size() && c < observedLoss.size(); ++c) {
        const auto* f = dynamic_cast<const MplFeatures*>(features[c]);
        if (!f || f->size() != observedLoss[c].size())
            return initialGuesses(observedLoss.empty() ? std::span<const double>{} : observedLoss[0]);
        for (std::size_t i = 0; i < f->size(); ++i) {
            logArea.push_back(f->logArea[i]);
            y.push_back(observedLoss[c][i]);
            for (std::uint32_t k = f->offset[i]; k < f->offset[i + 1]; ++k) {
                drop.push_back(f->drop[k]);
                logEta.push_back(f->logEta[k]);
                area.push_back(f->area[k]);
            }
            offset.push_back(static_cast<std::uint32_t>(drop.size()));
        }
    }
    const std::size_t n = y.size();
    if (n < Count)
        return initialGuesses(y);

    static constexpr double kAlpha[] = {0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.0};
    static constexpr double kBetaGrid[] = {0.3, 0.45, 0.6, 0.75, 0.9};
    static constexpr double kGammaGrid[] = {0.3, 0.45, 0.6, 0.75, 0.9};
    static constexpr double kBetaHeld[] = {kPaperBeta};
    static constexpr double kGammaHeld[] = {kPaperGamma};
    const bool freeShape = static_cast<const MplFeatures*>(features.front())->freeShape;
    const std::span<const double> kBeta = freeShape ? std::span<const double>(kBetaGrid) : kBetaHeld;
    const std::span<const double> kGamma = freeShape ? std::span<const double>(kGammaGrid) : kGammaHeld;
    // C on a log grid relative to the data: C·x spans 10^−2.5 .. 10^2.5 at the median argument x = η^−γ·S
    // of the loss-drop terms, so the starts cover the linear (C·x ≪ 1), transitional and saturated (C·x ≫ 1)
    // regimes of G whatever the LR units. (A fixed grid around the paper's C = 2 missed the basin for peak
    // LRs far from 3e-4.)
    auto medianArgument = [&](double gamma) {
        std::vector<double> xs;
        for (std::size_t k = 0; k < drop.size(); ++k)
            if (drop[k] > 0.0)
                xs.push_back(std::exp(-gamma * logEta[k]) * area[k]);
        if (xs.empty())
            return 1.0;
        std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(xs.size() / 2), xs.end());
        const double m = xs[xs.size() / 2];
        return m > 0.0 && std::isfinite(m) ? m : 1.0;
    };
    constexpr int kCPoints = 11; // 10^(−2.5 + k/2), k = 0..10

    struct Candidate
    {
        double cost;
        std::vector<double> params;
        int cIndex;
    };
    std::vector<Candidate> best;
    std::vector<std::vector<double>> power(std::size(kAlpha), std::vector<double>(n));
    for (std::size_t a = 0; a < std::size(kAlpha); ++a)
        for (std::size_t i = 0; i < n; ++i)
            power[a][i] = std::exp(-kAlpha[a] * logArea[i]);
    std::vector<double> x(drop.size()), ld(n);
    for (double gamma : kGamma) {
        for (std::size_t k = 0; k < drop.size(); ++k)
            x[k] = std::exp(-gamma * logEta[k]) * area[k];
        const double xMedian = medianArgument(gamma);
        for (int ci = 0; ci < kCPoints; ++ci)
            for (double beta : kBeta) {
                // The fit's time limit also holds here (150 combinations with free β, γ): keep what is found.
                if (startSearchShouldStop())
                    goto searched;
                const double c = std::pow(10.0, -2.5 + 0.5 * ci) / xMedian;
                for (std::size_t i = 0; i < n; ++i) {
                    double s = 0.0;
                    for (std::uint32_t k = offset[i]; k < offset[i + 1]; ++k)
                        s += drop[k] * (1.0 - std::exp(-beta * std::log1p(c * x[k])));
                    ld[i] = s; // LD with B = 1
                }
                for (std::size_t a = 0; a < std::size(kAlpha); ++a) {
                    // Weighted normal equations for y ≈ L0 + A·power − B·ld, weights 1/y² (relative errors,
                    // close to the log objective).
                    double m[3][3] = {}, r[3] = {};
                    for (std::size_t i = 0; i < n; ++i) {
                        const double w = 1.0 / (y[i] * y[i]);
                        const double col[3] = {1.0, power[a][i], -ld[i]};
                        for (int u = 0; u < 3; ++u) {
                            r[u] += w * col[u] * y[i];
                            for (int v = 0; v < 3; ++v)
                                m[u][v] += w * col[u] * col[v];
                        }
                    }
                    // Cramer's rule on the 3×3 system.
                    auto det3 = [](const double q[3][3]) {
                        return q[0][0] * (q[1][1] * q[2][2] - q[1][2] * q[2][1]) -
                               q[0][1] * (q[1][0] * q[2][2] - q[1][2] * q[2][0]) +
                               q[0][2] * (q[1][0] * q[2][1] - q[1][1] * q[2][0]);
                    };
                    const double d = det3(m);
                    if (!(std::abs(d) > 0.0))
                        continue;
                    double sol[3];
                    for (int u = 0; u < 3; ++u) {
                        double q[3][3];
                        for (int i = 0; i < 3; ++i)
                            for (int j = 0; j < 3; ++j)
                                q[i][j] = j == u ? r[i] : m[i][j];
                        sol[u] = det3(q) / d;
                    }
                    if (!(sol[0] > 0.0 && sol[1] > 0.0 && sol[2] >= 0.0))
                        continue;
                    double cost = 0.0;
                    for (std::size_t i = 0; i < n; ++i) {
                        const double e = (sol[0] + sol[1] * power[a][i] - sol[2] * ld[i]) / y[i] - 1.0;
                        cost += e * e;
                    }
                    best.push_back({cost, {sol[0], sol[1], kAlpha[a], sol[2], c, beta, gamma}, ci});
                }
            }
    }
searched:
    if (best.empty())
        return initialGuesses(y);
    // Diverse starts: the best grid point of each C value (each regime of G gets a start), best first, then
    // the next best overall up to 12 starts.
    std::sort(best.begin(), best.end(),
              [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
    std::vector<std::vector<double>> out;
    std::vector<bool> seenC(kCPoints, false), taken(best.size(), false);
    for (std::size_t i = 0; i < best.size(); ++i)
        if (!seenC[static_cast<std::size_t>(best[i].cIndex)]) {
            seenC[static_cast<std::size_t>(best[i].cIndex)] = true;
            taken[i] = true;
            out.push_back(best[i].params);
        }
    for (std::size_t i = 0; i < best.size() && out.size() < 12; ++i)
        if (!taken[i])
            out.push_back(best[i].params);
    // Best first: re-sort the picked starts by their grid cost.
    return out;
}

double MplLaw::smallestDropScale(const LawFeatures& features, double gamma)
{
    const auto* f = dynamic_cast<const MplFeatures*>(&features);
    double smallest = std::numeric_limits<double>::infinity();
    if (!f)
        return smallest;
    // A term with S_k(t) = 0 (an LR that reached exactly 0 at the evaluated step, as cooldowns to 0 end) has
    // G = 0 for every C: it says nothing about saturation and would hide it.
    for (std::size_t k = 0; k < f->drop.size(); ++k)
        if (f->drop[k] > 0.0 && f->area[k] > 0.0)
            smallest = std::min(smallest, std::exp(-gamma * f->logEta[k]) * f->area[k]);
    return smallest;
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
