// Schedule search (Luo et al., ICLR 2025, Sec. 6): minimise the final loss predicted by a fitted law over
// monotone piecewise-linear LR schedules.
#include "core/optimize/schedulesearch.h"

#include "core/laws/mpl.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace losscast::core::optimize {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Shortest text that reads back as the same double.
std::string number(double v)
{
    std::ostringstream os;
    os.precision(17);
    os << v;
    std::string s = os.str();
    for (int p = 6; p <= 17; ++p) {
        std::ostringstream t;
        t.precision(p);
        t << v;
        if (std::stod(t.str()) == v)
            return t.str();
    }
    return s;
}

/// Knot steps: W, then K points spread evenly up to N.
std::vector<std::int64_t> knotSteps(std::int64_t w, std::int64_t n, int k)
{
    std::vector<std::int64_t> t{w};
    for (int j = 1; j <= k; ++j) {
        const std::int64_t s = w + ((n - w) * j + k / 2) / k;
        if (s > t.back())
            t.push_back(s);
    }
    if (t.back() != n)
        t.push_back(n);
    return t;
}

/// Non-increasing isotonic regression (pool adjacent violators), in place.
void isotonicNonIncreasing(std::vector<double>& v)
{
    std::vector<double> mean;
    std::vector<std::size_t> count;
    for (double x : v) {
        mean.push_back(x);
        count.push_back(1);
        while (mean.size() > 1 && mean[mean.size() - 2] < mean.back()) {
            const double m = (mean[mean.size() - 2] * double(count[count.size() - 2]) +
                              mean.back() * double(count.back())) /
                             double(count[count.size() - 2] + count.back());
            count[count.size() - 2] += count.back();
            mean[mean.size() - 2] = m;
            mean.pop_back();
            count.pop_back();
        }
    }
    std::size_t i = 0;
    for (std::size_t b = 0; b < mean.size(); ++b)
        for (std::size_t c = 0; c < count[b]; ++c)
            v[i++] = mean[b];
}

class Problem
{
public:
    Problem(const CurveLaw& law, std::span<const double> params, const LawSettings& settings,
            const ScheduleSearchOptions& o)
        : m_law(law), m_params(params.begin(), params.end()), m_settings(settings), m_o(o),
          m_isMpl(law.id() == "mpl"), m_knots(knotSteps(o.warmupSteps, o.totalSteps, o.knots)),
          m_lr(static_cast<std::size_t>(o.totalSteps) + 1)
    {
        m_lower = std::max(o.finalMin, 1e-6 * o.peak) / o.peak;
        m_finalUpper = o.finalMax / o.peak;
    }

    std::size_t size() const { return m_knots.size() - 1; } ///< free values (knots after W)
    bool analytic() const { return m_isMpl; }

    /// Projects normalised values u (LR / peak) onto the feasible set.
    void project(std::vector<double>& u) const
    {
        isotonicNonIncreasing(u);
        for (double& x : u)
            x = std::clamp(x, m_lower, 1.0);
        u.back() = std::min(u.back(), std::max(m_lower, m_finalUpper));
    }

    /// Renders lr[0..N] from normalised knot values.
    const std::vector<double>& render(const std::vector<double>& u)
    {
        const std::int64_t w = m_o.warmupSteps;
        for (std::int64_t s = 0; s < w; ++s)
            m_lr[static_cast<std::size_t>(s)] = m_o.peak * double(s) / double(w);
        for (std::size_t j = 0; j + 1 < m_knots.size(); ++j) {
            const double a = j == 0 ? 1.0 : u[j - 1], b = u[j];
            const std::int64_t t0 = m_knots[j], t1 = m_knots[j + 1];
            for (std::int64_t s = t0; s <= t1; ++s)
                m_lr[static_cast<std::size_t>(s)] =
                    m_o.peak * (a + (b - a) * double(s - t0) / double(t1 - t0));
        }
        return m_lr;
    }

    double lossOfLr(const std::vector<double>& lr)
    {
        ScheduleInput in{lr, m_o.warmupSteps};
        const std::int64_t last = m_o.totalSteps;
        const auto f = m_law.prepare(in, std::span<const std::int64_t>(&last, 1), m_settings);
        double out = kInf;
        m_law.evaluate(*f, m_params, std::span<double>(&out, 1));
        return std::isfinite(out) ? out : kInf;
    }

    double loss(const std::vector<double>& u) { return lossOfLr(render(u)); }

    /// Loss and its gradient with respect to the normalised knot values.
    double lossAndGradient(const std::vector<double>& u, std::vector<double>& g)
    {
        g.assign(size(), 0.0);
        if (m_isMpl) {
            render(u);
            std::vector<double> perStep;
            const double value = mplFinalLoss(m_params, m_lr, m_o.warmupSteps, &perStep);
            for (std::size_t j = 0; j + 1 < m_knots.size(); ++j) {
                const std::int64_t t0 = m_knots[j], t1 = m_knots[j + 1];
                for (std::int64_t s = std::max<std::int64_t>(t0, 1); s <= t1; ++s) {
                    const double x = double(s - t0) / double(t1 - t0);
                    const double gs = perStep[static_cast<std::size_t>(s)] * m_o.peak;
                    // Shared knots at segment ends are visited twice; count each step once.
                    if (s == t0 && j > 0)
                        continue;
                    if (j > 0)
                        g[j - 1] += gs * (1.0 - x);
                    g[j] += gs * x;
                }
            }
            return std::isfinite(value) ? value : kInf;
        }
        const double value = loss(u);
        std::vector<double> v = u;
        for (std::size_t j = 0; j < size(); ++j) {
            const double h = 1e-4;
            v[j] = u[j] + h;
            const double up = loss(v);
            v[j] = u[j] - h;
            const double down = loss(v);
            v[j] = u[j];
            g[j] = (up - down) / (2 * h);
        }
        return value;
    }

    Schedule schedule(const std::vector<double>& u) const
    {
        SchedulePhase p;
        p.kind = ScheduleKind::Piecewise;
        p.steps = m_o.totalSteps;
        p.warmup = m_o.warmupSteps;
        p.points.push_back({double(m_knots[0]), m_o.peak});
        for (std::size_t j = 1; j < m_knots.size(); ++j)
            p.points.push_back({double(m_knots[j]), m_o.peak * u[j - 1]});
        // Round-trip the LRs through their text so that the spec renders exactly this schedule.
        for (auto& pt : p.points)
            pt.lr = std::stod(number(pt.lr));
        return Schedule(p);
    }

    /// Knot values (normalised) sampled from a rendered schedule.
    std::vector<double> sample(const std::vector<double>& lr) const
    {
        std::vector<double> u;
        for (std::size_t j = 1; j < m_knots.size(); ++j)
            u.push_back(lr[static_cast<std::size_t>(m_knots[j])] / m_o.peak);
        return u;
    }

private:
    const CurveLaw& m_law;
    std::vector<double> m_params;
    LawSettings m_settings;
    ScheduleSearchOptions m_o;
    bool m_isMpl;
    std::vector<std::int64_t> m_knots;
    std::vector<double> m_lr;
    double m_lower = 0.0, m_finalUpper = 1.0;
};

} // namespace

std::string ScheduleSearchOptions::validate() const
{
    if (totalSteps < 2 || totalSteps > kMaxScheduleSteps)
        return "steps must be an integer in [2, " + std::to_string(kMaxScheduleSteps) + "], got " +
               std::to_string(totalSteps);
    if (warmupSteps < 0 || warmupSteps >= totalSteps)
        return "warmup must be in [0, steps), got " + std::to_string(warmupSteps);
    if (!(std::isfinite(peak) && peak > 0.0))
        return "peak must be a finite LR > 0";
    if (!(std::isfinite(finalMin) && finalMin >= 0.0 && finalMin <= peak))
        return "final-min must be in [0, peak]";
    if (!(std::isfinite(finalMax) && finalMax >= finalMin && finalMax <= peak))
        return "final-max must be in [final-min, peak]";
    if (knots < 2 || knots > 4096)
        return "knots must be in [2, 4096], got " + std::to_string(knots);
    if (!(timeLimitSeconds > 0.0))
        return "time limit must be > 0 s";
    return {};
}

double mplFinalLoss(std::span<const double> params, std::span<const double> lr, std::int64_t warmupSteps,
                    std::vector<double>* gradient)
{
    // Luo et al. 2025, Eq. 1–2 at t = N, with S_k(N) from a suffix sum.
    const double l0 = params[MplLaw::L0], a = params[MplLaw::A], alpha = params[MplLaw::Alpha],
                 b = params[MplLaw::B], c = params[MplLaw::C], beta = params[MplLaw::Beta],
                 gamma = params[MplLaw::Gamma];
    const std::size_t n = lr.size() - 1;
    const std::size_t w = static_cast<std::size_t>(std::clamp<std::int64_t>(warmupSteps, 0, std::int64_t(n)));
    std::vector<double> suffix(n + 2, 0.0);
    for (std::size_t k = n; k >= 1; --k)
        suffix[k] = suffix[k + 1] + lr[k];
    const double area = suffix[1];
    // G_k, G'_k and η_k^(−γ) for every post-warmup step.
    std::vector<double> g(n + 2, 0.0), dg(n + 2, 0.0), etaPow(n + 2, 0.0);
    double ld = 0.0;
    for (std::size_t k = w + 1; k <= n; ++k) {
        const double eta = std::max(lr[k], 1e-30);
        etaPow[k] = std::exp(-gamma * std::log(eta));
        const double x = etaPow[k] * suffix[k];
        const double cx1 = 1.0 + c * x;
        const double e = std::exp(-beta * std::log(cx1));
        g[k] = 1.0 - e;
        dg[k] = beta * c * e / cx1;
        ld += (lr[k - 1] - lr[k]) * g[k];
    }
    const double loss = l0 + a * std::pow(area, -alpha) - b * ld;
    if (gradient) {
        gradient->assign(n + 1, 0.0);
        const double dArea = -alpha * a * std::pow(area, -alpha - 1.0);
        double prefix = 0.0; // Σ_{k=W+1..j} d_k G'_k η_k^(−γ): S_k(N) contains lr[j] for every k ≤ j
        for (std::size_t j = 1; j <= n; ++j) {
            double dLd = 0.0;
            if (j >= w && j + 1 <= n)
                dLd += g[j + 1]; // lr[j] is η_{k−1} of the change at k = j + 1
            if (j >= w + 1) {
                const double d = lr[j - 1] - lr[j];
                const double eta = std::max(lr[j], 1e-30);
                dLd -= g[j]; // ... and η_k of the change at k = j
                dLd += d * dg[j] * (-gamma) * etaPow[j] / eta * suffix[j];
                prefix += d * dg[j] * etaPow[j];
                dLd += prefix;
            }
            (*gradient)[j] = dArea - b * dLd;
        }
    }
    return loss;
}

Result<ScheduleSearchResult> searchSchedule(const CurveLaw& law, std::span<const double> params,
                                            const LawSettings& settings, const ScheduleSearchOptions& options,
                                            const fit::Control& control)
{
    const auto t0 = Clock::now();
    auto fail = [](std::string message) {
        Diagnostic d;
        d.message = std::move(message);
        return Result<ScheduleSearchResult>::failure(std::move(d));
    };
    if (std::string why = options.validate(); !why.empty())
        return fail("optimize-schedule: " + why);
    if (params.size() != law.parameters().size())
        return fail("optimize-schedule: law '" + law.id() + "' takes " +
                    std::to_string(law.parameters().size()) + " parameters, got " +
                    std::to_string(params.size()));
    auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    auto cancelled = [&] { return control.isCancelled && control.isCancelled(); };

    ScheduleSearchResult r;
    r.method = law.id() == "mpl" ? "projected gradient, analytic MPL gradient (O(N) per step)"
                                 : "projected gradient, central finite differences on the control points";
    Problem problem(law, params, settings, options);
    const double baseFinal = std::clamp(0.1 * options.peak, options.finalMin, options.finalMax);
    try {
        // Baselines of the same length.
        const std::pair<std::string, Schedule> baselines[] = {
            {"cosine", Schedule::cosine(options.peak, baseFinal, options.totalSteps, options.warmupSteps)},
            {"wsd", Schedule::wsd(options.peak, baseFinal, options.totalSteps, options.warmupSteps, 0.2,
                                  DecayShape::Linear)},
            {"wsd-sqrt", Schedule::wsd(options.peak, baseFinal, options.totalSteps, options.warmupSteps, 0.2,
                                       DecayShape::Sqrt)},
        };
        for (const auto& [name, s] : baselines)
            r.baselines.push_back({name, s.toText(), problem.lossOfLr(s.render())});
        if (seconds() > options.timeLimitSeconds) {
            char msg[256];
            std::snprintf(
                msg, sizeof msg,
                "optimize-schedule: evaluating the three baselines of %lld steps took %.1f s, beyond the "
                "time limit of %.1f s; give a longer --time-limit or fewer steps",
                static_cast<long long>(options.totalSteps), seconds(), options.timeLimitSeconds);
            return fail(msg);
        }

        // 1. The WSD family.
        std::vector<double> finals{options.finalMin, options.finalMax,
                                   0.5 * (options.finalMin + options.finalMax), baseFinal};
        std::sort(finals.begin(), finals.end());
        finals.erase(std::unique(finals.begin(), finals.end()), finals.end());
        double bestStart = kInf;
        Schedule startSchedule;
        for (double decay = 0.1; decay < 0.95; decay += 0.1)
            for (DecayShape shape :
                 {DecayShape::Linear, DecayShape::Sqrt, DecayShape::Cosine, DecayShape::Exponential})
                for (double fin : finals) {
                    if (shape == DecayShape::Exponential && !(fin > 0.0))
                        continue;
                    // At least one candidate is always evaluated, so a short limit gives a start, not a
                    // misleading "not finite".
                    if (std::isfinite(bestStart) &&
                        (cancelled() || seconds() > 0.25 * options.timeLimitSeconds))
                        break;
                    const auto s = Schedule::wsd(options.peak, fin, options.totalSteps, options.warmupSteps,
                                                 std::round(decay * 10) / 10, shape);
                    const double v = problem.lossOfLr(s.render());
                    if (v < bestStart) {
                        bestStart = v;
                        startSchedule = s;
                    }
                }
        if (!std::isfinite(bestStart))
            return fail("optimize-schedule: the law's prediction is not finite on any WSD schedule");
        r.start = {"best-wsd-family", startSchedule.toText(), bestStart};

        // 2. Projected gradient on the control points.
        std::vector<double> u = problem.sample(startSchedule.render());
        problem.project(u);
        std::vector<double> grad, gradNew, uNew(u.size());
        double value = problem.lossAndGradient(u, grad);
        double step = 0.0;
        {
            double gmax = 0.0;
            for (double x : grad)
                gmax = std::max(gmax, std::abs(x));
            step = gmax > 0.0 ? 0.05 / gmax : 1.0;
        }
        r.status = "iteration limit";
        for (int it = 0; it < 100000; ++it) {
            if (cancelled()) {
                r.status = "cancelled";
                break;
            }
            if (seconds() > options.timeLimitSeconds) {
                r.status = "time limit";
                break;
            }
            if (control.progress && it % 20 == 0)
                control.progress(std::min(1.0, seconds() / options.timeLimitSeconds),
                                 "optimising the schedule");
            bool accepted = false;
            double newValue = value, moved = 0.0, decrease = 0.0;
            for (int back = 0; back < 40; ++back) {
                for (std::size_t j = 0; j < u.size(); ++j)
                    uNew[j] = u[j] - step * grad[j];
                problem.project(uNew);
                decrease = 0.0;
                moved = 0.0;
                for (std::size_t j = 0; j < u.size(); ++j) {
                    decrease += grad[j] * (uNew[j] - u[j]);
                    moved = std::max(moved, std::abs(uNew[j] - u[j]));
                }
                if (moved < 1e-7)
                    break;
                newValue = problem.loss(uNew);
                if (newValue <= value + 1e-4 * decrease) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            ++r.iterations;
            if (!accepted) {
                r.status = "converged";
                break;
            }
            const double gain = value - newValue;
            problem.lossAndGradient(uNew, gradNew);
            // Barzilai–Borwein step for the next iteration.
            double ss = 0.0, sy = 0.0;
            for (std::size_t j = 0; j < u.size(); ++j) {
                const double s = uNew[j] - u[j], y = gradNew[j] - grad[j];
                ss += s * s;
                sy += s * y;
            }
            step = sy > 0.0 ? std::clamp(ss / sy, 1e-12, 1e12) : step * 2.0;
            u = uNew;
            grad = gradNew;
            value = newValue;
            if (moved < 1e-7 || gain <= 1e-15 * std::abs(value)) {
                r.status = "converged";
                break;
            }
        }
        r.schedule = problem.schedule(u);
        r.optimized = {"optimized", r.schedule.toText(), problem.lossOfLr(r.schedule.render())};
        if (r.optimized.finalLoss > bestStart) { // never return worse than the start
            r.schedule = startSchedule;
            r.optimized = {"optimized", startSchedule.toText(), bestStart};
        }
    } catch (const std::exception& e) {
        return fail(std::string("optimize-schedule: ") + e.what());
    }
    r.seconds = seconds();
    return Result<ScheduleSearchResult>::success(std::move(r));
}

} // namespace losscast::core::optimize
