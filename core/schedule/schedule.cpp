#include "core/schedule/schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace losscast::core {

// ---------------------------------------------------------------------------------------------- names

std::string toString(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant:
        return "constant";
    case ScheduleKind::Cosine:
        return "cosine";
    case ScheduleKind::Linear:
        return "linear";
    case ScheduleKind::Wsd:
        return "wsd";
    case ScheduleKind::MultiStep:
        return "multistep";
    case ScheduleKind::InverseSqrt:
        return "invsqrt";
    case ScheduleKind::Exponential:
        return "exponential";
    case ScheduleKind::Cyclic:
        return "cyclic";
    case ScheduleKind::Piecewise:
        return "piecewise";
    case ScheduleKind::Logged:
        return "logged";
    }
    return "?";
}

std::string toString(DecayShape shape)
{
    switch (shape) {
    case DecayShape::Linear:
        return "linear";
    case DecayShape::Cosine:
        return "cosine";
    case DecayShape::Exponential:
        return "exp";
    case DecayShape::Sqrt:
        return "sqrt";
    }
    return "?";
}

const std::vector<ScheduleKind>& scheduleKinds()
{
    static const std::vector<ScheduleKind> kinds{
        ScheduleKind::Constant,  ScheduleKind::Cosine,      ScheduleKind::Linear,      ScheduleKind::Wsd,
        ScheduleKind::MultiStep, ScheduleKind::InverseSqrt, ScheduleKind::Exponential, ScheduleKind::Cyclic,
        ScheduleKind::Piecewise, ScheduleKind::Logged};
    return kinds;
}

// ---------------------------------------------------------------------------------------------- validation

namespace {

bool usesPoints(ScheduleKind k)
{
    return k == ScheduleKind::Piecewise || k == ScheduleKind::Logged;
}

/// Decay length of a WSD phase in steps.
std::int64_t wsdDecaySteps(const SchedulePhase& p)
{
    if (p.decaySteps > 0)
        return p.decaySteps;
    return std::max<std::int64_t>(1, std::llround(p.decay * static_cast<double>(p.steps)));
}

/// Milestone of a multistep phase as a local step.
std::int64_t milestoneStep(const SchedulePhase& p, double at)
{
    return at < 1.0 ? std::llround(at * static_cast<double>(p.steps)) : static_cast<std::int64_t>(at);
}

std::string pointsError(const std::string& kind, const std::vector<LrPoint>& points)
{
    if (points.empty())
        return kind + ": 'points' needs at least one step@lr point";
    for (std::size_t i = 0; i < points.size(); ++i) {
        const LrPoint& pt = points[i];
        const std::string which = kind + ": point " + std::to_string(i + 1) + " (" + formatDouble(pt.step) +
                                  "@" + formatDouble(pt.lr) + ")";
        if (!std::isfinite(pt.step) || pt.step < 0 || pt.step > static_cast<double>(kMaxScheduleSteps))
            return which + ": step must be in [0, " + std::to_string(kMaxScheduleSteps) + "]";
        if (!std::isfinite(pt.lr) || pt.lr < 0)
            return which + ": LR must be finite and >= 0";
        if (i > 0 && !(pt.step > points[i - 1].step))
            return which + ": steps must be strictly ascending";
    }
    return {};
}

} // namespace

std::string SchedulePhase::validate() const
{
    const std::string k = toString(kind);
    auto got = [](double v) { return ", got " + formatDouble(v); };

    if (usesPoints(kind)) {
        if (std::string e = pointsError(k, points); !e.empty())
            return e;
    } else {
        if (!std::isfinite(peak) || peak <= 0)
            return k + ": 'peak' must be a finite number > 0" + got(peak);
    }
    if (steps < 1 || steps > kMaxScheduleSteps)
        return k + ": 'steps' must be an integer in [1, " + std::to_string(kMaxScheduleSteps) + "]" +
               got(static_cast<double>(steps));
    if (warmup < 0 || warmup > steps)
        return k + ": 'warmup' must be an integer in [0, steps = " + std::to_string(steps) + "]" +
               got(static_cast<double>(warmup));
    if (!std::isfinite(warmupStart) || warmupStart < 0)
        return k + ": 'warmup_start' must be a finite number >= 0" + got(warmupStart);
    if (!std::isfinite(final) || final < 0)
        return k + ": 'final' must be a finite number >= 0" + got(final);

    switch (kind) {
    case ScheduleKind::Exponential:
        if (final <= 0)
            return k + ": 'final' must be > 0 for an exponential decay" + got(final);
        break;
    case ScheduleKind::Wsd: {
        if (decaySteps == 0 && !(decay > 0 && decay <= 1))
            return k + ": 'decay' must be in (0, 1]" + got(decay);
        if (decaySteps < 0 || decaySteps > steps)
            return k + ": 'decay_steps' must be an integer in [1, steps = " + std::to_string(steps) + "]" +
                   got(static_cast<double>(decaySteps));
        if (shape == DecayShape::Exponential && final <= 0)
            return k + ": 'final' must be > 0 for shape=exp" + got(final);
        const std::int64_t d = wsdDecaySteps(*this);
        if (warmup + d > steps)
            return k + ": warmup (" + std::to_string(warmup) + ") + decay (" + std::to_string(d) +
                   " steps) exceed 'steps' (" + std::to_string(steps) + ")";
        break;
    }
    case ScheduleKind::MultiStep: {
        if (at.empty())
            return k + ": 'at' needs at least one milestone";
        const bool fractions = at.front() < 1.0;
        std::int64_t previous = 0;
        for (double a : at) {
            if (!std::isfinite(a) || a <= 0)
                return k + ": 'at' milestones must be steps >= 1 or fractions in (0, 1)" + got(a);
            if ((a < 1.0) != fractions)
                return k + ": 'at' mixes fractions (< 1) and steps (>= 1)";
            if (!fractions && (a != std::floor(a) || a > static_cast<double>(steps)))
                return k + ": 'at' milestones must be integer steps in [1, steps = " + std::to_string(steps) +
                       "]" + got(a);
            const std::int64_t m = milestoneStep(*this, a);
            if (m <= previous)
                return k + ": 'at' milestones must be strictly ascending (as steps)" + got(a);
            previous = m;
        }
        if (factors.empty() || (factors.size() != 1 && factors.size() != at.size()))
            return k + ": 'factor' needs one value or one per milestone (" + std::to_string(at.size()) +
                   "), got " + std::to_string(factors.size());
        for (double f : factors)
            if (!std::isfinite(f) || f <= 0)
                return k + ": 'factor' values must be finite and > 0" + got(f);
        break;
    }
    case ScheduleKind::InverseSqrt:
        if (!std::isfinite(timescale) || timescale < 0)
            return k + ": 'timescale' must be a finite number >= 0 (0 = the warmup)" + got(timescale);
        break;
    case ScheduleKind::Cyclic:
        if (period < 1 || period > steps)
            return k + ": 'period' must be an integer in [1, steps = " + std::to_string(steps) + "]" +
                   got(static_cast<double>(period));
        if (!std::isfinite(mult) || mult < 1 || mult > 1000)
            return k + ": 'mult' must be in [1, 1000]" + got(mult);
        if (!std::isfinite(gamma) || gamma <= 0 || gamma > 1)
            return k + ": 'gamma' must be in (0, 1]" + got(gamma);
        break;
    default:
        break;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------- rendering

namespace {

constexpr std::int64_t kBlock = 512; // exact re-seeding interval of the recurrences below

/// out[i] = c + a·cos(theta0 + i·dtheta), by rotation (exact cos/sin every kBlock values).
void cosineFill(double* out, std::int64_t n, double c, double a, double theta0, double dtheta)
{
    const double cd = std::cos(dtheta), sd = std::sin(dtheta);
    for (std::int64_t i0 = 0; i0 < n; i0 += kBlock) {
        const double th = theta0 + static_cast<double>(i0) * dtheta;
        double cs = std::cos(th), sn = std::sin(th);
        const std::int64_t end = std::min(n, i0 + kBlock);
        for (std::int64_t i = i0; i < end; ++i) {
            out[i] = c + a * cs;
            const double next = cs * cd - sn * sd;
            sn = sn * cd + cs * sd;
            cs = next;
        }
    }
}

/// out[i] = a·exp(k0 + i·dk), by multiplication (exact exp every kBlock values).
void expFill(double* out, std::int64_t n, double a, double k0, double dk)
{
    const double r = std::exp(dk);
    for (std::int64_t i0 = 0; i0 < n; i0 += kBlock) {
        double v = a * std::exp(k0 + static_cast<double>(i0) * dk);
        const std::int64_t end = std::min(n, i0 + kBlock);
        for (std::int64_t i = i0; i < end; ++i) {
            out[i] = v;
            v *= r;
        }
    }
}

void constFill(double* out, std::int64_t n, double v)
{
    std::fill(out, out + n, v);
}

/// Linear interpolation through points, held beyond the ends, for local steps a..a+n−1.
void pointsFill(const std::vector<LrPoint>& pts, std::int64_t a, std::int64_t n, double* out)
{
    if (pts.empty()) {
        constFill(out, n, 0.0);
        return;
    }
    std::size_t j = 0; // first point with step > s
    for (std::int64_t i = 0; i < n; ++i) {
        const double s = static_cast<double>(a + i);
        while (j < pts.size() && pts[j].step <= s)
            ++j;
        if (j == 0)
            out[i] = pts.front().lr;
        else if (j == pts.size())
            out[i] = pts.back().lr;
        else {
            const LrPoint& p0 = pts[j - 1];
            const LrPoint& p1 = pts[j];
            out[i] = p0.lr + (p1.lr - p0.lr) * (s - p0.step) / (p1.step - p0.step);
        }
    }
}

/// LR after the warmup, for local steps a..a+n−1 (all ≥ warmup).
void baseFill(const SchedulePhase& p, std::int64_t a, std::int64_t n, double* out)
{
    if (n <= 0)
        return;
    const std::int64_t W = p.warmup;
    const std::int64_t N = p.steps;
    const double D = static_cast<double>(std::max<std::int64_t>(N - W, 1));
    const double u0 = static_cast<double>(a - W);
    constexpr double pi = std::numbers::pi;
    switch (p.kind) {
    case ScheduleKind::Constant:
        constFill(out, n, p.peak);
        return;
    case ScheduleKind::Cosine:
        // η = final + (peak − final)·½(1 + cos(π u / D)), u = s − W, D = N − W.
        cosineFill(out, n, 0.5 * (p.peak + p.final), 0.5 * (p.peak - p.final), pi * u0 / D, pi / D);
        return;
    case ScheduleKind::Linear: {
        const double slope = (p.final - p.peak) / D;
        for (std::int64_t i = 0; i < n; ++i)
            out[i] = p.peak + slope * (u0 + static_cast<double>(i));
        return;
    }
    case ScheduleKind::Exponential: {
        const double k = std::log(p.final / p.peak) / D;
        expFill(out, n, p.peak, k * u0, k);
        return;
    }
    case ScheduleKind::InverseSqrt: {
        const double tau = p.timescale > 0 ? p.timescale : static_cast<double>(std::max<std::int64_t>(W, 1));
        for (std::int64_t i = 0; i < n; ++i)
            out[i] = p.peak * std::sqrt(tau / (tau + u0 + static_cast<double>(i)));
        return;
    }
    case ScheduleKind::Wsd: {
        const std::int64_t L = wsdDecaySteps(p);
        const std::int64_t E = N - L; // last stable step; the decay reaches `final` at N
        std::int64_t i = 0;
        if (a <= E) {
            const std::int64_t stable = std::min(n, E - a + 1);
            constFill(out, stable, p.peak);
            i = stable;
        }
        if (i >= n)
            return;
        const double x0 = static_cast<double>(a + i - E) / static_cast<double>(L);
        const double dx = 1.0 / static_cast<double>(L);
        double* o = out + i;
        const std::int64_t m = n - i;
        switch (p.shape) {
        case DecayShape::Linear:
            for (std::int64_t j = 0; j < m; ++j)
                o[j] = p.final + (p.peak - p.final) * (1.0 - (x0 + static_cast<double>(j) * dx));
            break;
        case DecayShape::Cosine:
            cosineFill(o, m, 0.5 * (p.peak + p.final), 0.5 * (p.peak - p.final), pi * x0, pi * dx);
            break;
        case DecayShape::Exponential: {
            const double k = std::log(p.final / p.peak);
            expFill(o, m, p.peak, k * x0, k * dx);
            break;
        }
        case DecayShape::Sqrt:
            for (std::int64_t j = 0; j < m; ++j)
                o[j] = p.final + (p.peak - p.final) * (1.0 - std::sqrt(x0 + static_cast<double>(j) * dx));
            break;
        }
        return;
    }
    case ScheduleKind::MultiStep: {
        double lr = p.peak;
        std::int64_t s = a;
        std::int64_t i = 0;
        for (std::size_t k = 0; k <= p.at.size() && i < n; ++k) {
            const std::int64_t next = k < p.at.size() ? milestoneStep(p, p.at[k]) : N + 1;
            if (next <= s) { // milestone already passed (or inside the warmup)
                lr *= p.factors.size() == 1 ? p.factors[0] : p.factors[k];
                continue;
            }
            const std::int64_t count = std::min(n - i, next - s);
            constFill(out + i, count, lr);
            i += count;
            s += count;
            if (k < p.at.size())
                lr *= p.factors.size() == 1 ? p.factors[0] : p.factors[k];
        }
        if (i < n)
            constFill(out + i, n - i, lr);
        return;
    }
    case ScheduleKind::Cyclic: {
        // SGDR (Loshchilov & Hutter 2017, Eq. 5): η = final + (peak_c − final)·½(1 + cos(π t / T_c)). Each
        // cycle is laid out like a phase of T_c steps: its local step 0 is the previous cycle's last step
        // (the first cycle's is u = 0, the peak), so cycle c owns u ∈ (start_c, start_c + T_c] with t = u −
        // start_c, ends exactly at `final`, and the restart (just under peak_c) is the first update after it.
        // A schedule whose length after the warmup is a whole number of periods therefore ends at the bottom
        // of its last cycle, as cosine-with-restarts users expect (before 0.x the restart took the cycle's
        // last step instead).
        std::int64_t u = a - W;
        std::int64_t i = 0;
        double cycleStart = 0.0, length = static_cast<double>(p.period), cyclePeak = p.peak;
        if (p.mult == 1.0 && u > 0) { // equal cycles: jump straight to the one holding u
            const double skipped = std::floor(static_cast<double>(u - 1) / length);
            cycleStart = skipped * length;
            cyclePeak *= std::pow(p.gamma, skipped);
        }
        while (i < n) {
            const double cycleEnd = cycleStart + std::max(1.0, std::round(length));
            if (static_cast<double>(u) > cycleEnd) {
                cycleStart = cycleEnd;
                length *= p.mult;
                cyclePeak *= p.gamma;
                continue;
            }
            const double T = cycleEnd - cycleStart;
            // Steps u..cycleEnd are in this cycle; may be huge when mult grows the cycles.
            const double left = cycleEnd - static_cast<double>(u) + 1.0;
            const bool reachesEnd = left <= static_cast<double>(n - i);
            const std::int64_t count = reachesEnd ? static_cast<std::int64_t>(left) : n - i;
            cosineFill(out + i, count, 0.5 * (cyclePeak + p.final), 0.5 * (cyclePeak - p.final),
                       pi * (static_cast<double>(u) - cycleStart) / T, pi / T);
            if (reachesEnd)
                out[i + count - 1] = p.final; // cos(π) and the recurrence leave a few ulps otherwise
            i += count;
            u += count;
        }
        return;
    }
    case ScheduleKind::Piecewise:
    case ScheduleKind::Logged:
        pointsFill(p.points, a, n, out);
        return;
    }
}

/// LR of local steps first..first+n−1 of one phase (warmup ramp, then the kind's shape).
void renderPhase(const SchedulePhase& p, std::int64_t first, std::int64_t n, double* out)
{
    const std::int64_t W = p.warmup;
    std::int64_t i = 0;
    if (first < W && W > 0) {
        double target = 0.0;
        baseFill(p, W, 1, &target);
        const double slope = (target - p.warmupStart) / static_cast<double>(W);
        const std::int64_t count = std::min(n, W - first);
        for (; i < count; ++i)
            out[i] = p.warmupStart + slope * static_cast<double>(first + i);
    }
    baseFill(p, first + i, n - i, out + i);
    // Decays end exactly at `final` (the recurrences and cos(π) leave a few ulps otherwise).
    const bool endsAtFinal = p.kind == ScheduleKind::Cosine || p.kind == ScheduleKind::Linear ||
                             p.kind == ScheduleKind::Exponential || p.kind == ScheduleKind::Wsd;
    if (endsAtFinal && n > 0 && first + n - 1 == p.steps && p.steps > W)
        out[n - 1] = p.final;
}

} // namespace

Schedule::Schedule(std::vector<SchedulePhase> phases)
{
    if (std::string e = setPhases(std::move(phases)); !e.empty())
        throw std::invalid_argument(e);
}

Schedule::Schedule(SchedulePhase phase) : Schedule(std::vector<SchedulePhase>{std::move(phase)}) {}

Result<Schedule> Schedule::create(std::vector<SchedulePhase> phases)
{
    Schedule s;
    if (std::string e = s.setPhases(std::move(phases)); !e.empty()) {
        Diagnostic d;
        d.message = std::move(e);
        return Result<Schedule>::failure(std::move(d));
    }
    return Result<Schedule>::success(std::move(s));
}

std::string Schedule::setPhases(std::vector<SchedulePhase> phases)
{
    std::int64_t total = 0;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        std::string e = phases[i].validate();
        if (!e.empty())
            return phases.size() > 1 ? "phase " + std::to_string(i + 1) + ": " + e : e;
        total += phases[i].steps;
        if (total > kMaxScheduleSteps)
            return "the phases have more than " + std::to_string(kMaxScheduleSteps) + " steps in total";
    }
    m_phases = std::move(phases);
    return {};
}

std::int64_t Schedule::totalSteps() const
{
    std::int64_t n = 0;
    for (const auto& p : m_phases)
        n += p.steps;
    return n;
}

std::vector<std::int64_t> Schedule::phaseStarts() const
{
    std::vector<std::int64_t> starts;
    std::int64_t s = 0;
    for (const auto& p : m_phases) {
        starts.push_back(s);
        s += p.steps;
    }
    return starts;
}

void Schedule::renderInto(std::span<double> out) const
{
    if (out.empty())
        return;
    if (m_phases.empty()) {
        std::fill(out.begin(), out.end(), 0.0);
        return;
    }
    const auto size = static_cast<std::int64_t>(out.size());
    double* o = out.data();
    // Phase 0 owns global steps 0..N0; phase k > 0 owns start+1..start+Nk (its local step 0, the LR "before"
    // its first update, is the previous phase's last step).
    std::int64_t global = 0;
    for (std::size_t k = 0; k < m_phases.size() && global < size; ++k) {
        const SchedulePhase& p = m_phases[k];
        const std::int64_t firstLocal = k == 0 ? 0 : 1;
        const std::int64_t count = std::min(p.steps - firstLocal + 1, size - global);
        renderPhase(p, firstLocal, count, o + global);
        global += count;
    }
    if (global < size)
        std::fill(o + global, o + size, o[global - 1]);
}

std::vector<double> Schedule::render() const
{
    std::vector<double> lr(static_cast<std::size_t>(totalSteps()) + 1);
    renderInto(lr);
    return lr;
}

double Schedule::lrAt(std::int64_t step) const
{
    if (m_phases.empty())
        return 0.0;
    step = std::clamp<std::int64_t>(step, 0, totalSteps());
    std::int64_t start = 0;
    for (std::size_t k = 0; k < m_phases.size(); ++k) {
        const SchedulePhase& p = m_phases[k];
        if (step <= start + p.steps || k + 1 == m_phases.size()) {
            double v = 0.0;
            renderPhase(p, step - start, 1, &v);
            return v;
        }
        start += p.steps;
    }
    return 0.0;
}

double Schedule::maxLr() const
{
    const std::vector<double> lr = render();
    return lr.empty() ? 0.0 : *std::max_element(lr.begin(), lr.end());
}

ScheduleInput Schedule::toInput() const
{
    ScheduleInput in;
    in.lr = render();
    in.warmupSteps = warmupSteps();
    return in;
}

std::vector<LrPoint> Schedule::controlPoints(std::size_t phase) const
{
    if (phase >= m_phases.size() || !usesPoints(m_phases[phase].kind))
        return {};
    return m_phases[phase].points;
}

std::string Schedule::setControlPoints(std::size_t phase, std::vector<LrPoint> points)
{
    if (phase >= m_phases.size())
        return "no phase " + std::to_string(phase + 1) + " (the schedule has " +
               std::to_string(m_phases.size()) + ")";
    if (!usesPoints(m_phases[phase].kind))
        return toString(m_phases[phase].kind) + ": has no control points (only piecewise and logged do)";
    std::vector<SchedulePhase> phases = m_phases;
    SchedulePhase& p = phases[phase];
    p.points = std::move(points);
    if (!p.points.empty())
        p.steps = std::max(p.steps, static_cast<std::int64_t>(std::ceil(p.points.back().step)));
    return setPhases(std::move(phases));
}

Schedule Schedule::constant(double peak, std::int64_t steps, std::int64_t warmup)
{
    SchedulePhase p;
    p.kind = ScheduleKind::Constant;
    p.peak = peak;
    p.steps = steps;
    p.warmup = warmup;
    return Schedule(std::move(p));
}

Schedule Schedule::cosine(double peak, double final, std::int64_t steps, std::int64_t warmup)
{
    SchedulePhase p;
    p.kind = ScheduleKind::Cosine;
    p.peak = peak;
    p.final = final;
    p.steps = steps;
    p.warmup = warmup;
    return Schedule(std::move(p));
}

Schedule Schedule::wsd(double peak, double final, std::int64_t steps, std::int64_t warmup, double decay,
                       DecayShape shape)
{
    SchedulePhase p;
    p.kind = ScheduleKind::Wsd;
    p.peak = peak;
    p.final = final;
    p.steps = steps;
    p.warmup = warmup;
    p.decay = decay;
    p.shape = shape;
    return Schedule(std::move(p));
}

Result<Schedule> Schedule::logged(std::vector<LrPoint> samples, std::int64_t warmup)
{
    SchedulePhase p;
    p.kind = ScheduleKind::Logged;
    p.steps = samples.empty() ? 0 : static_cast<std::int64_t>(std::ceil(samples.back().step));
    p.points = std::move(samples);
    p.warmup = warmup;
    return create({std::move(p)});
}

} // namespace losscast::core
