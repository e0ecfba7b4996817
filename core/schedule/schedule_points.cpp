// Reducing a per-step LR history to a few control points (schedule editor, logged schedules).
#include "core/schedule/schedule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

namespace losscast::core {

namespace {

struct Segment
{
    std::size_t a = 0, b = 0; ///< endpoints (indices into lr)
    std::size_t worst = 0;    ///< interior index farthest from the chord a–b
    double error = 0.0;       ///< its distance (in LR units)
    bool operator<(const Segment& o) const { return error < o.error; }
};

Segment measure(std::span<const double> lr, std::size_t a, std::size_t b)
{
    Segment s{a, b, a, 0.0};
    const double slope = (lr[b] - lr[a]) / static_cast<double>(b - a);
    for (std::size_t i = a + 1; i < b; ++i) {
        const double e = std::fabs(lr[i] - (lr[a] + slope * static_cast<double>(i - a)));
        if (e > s.error) {
            s.error = e;
            s.worst = i;
        }
    }
    return s;
}

} // namespace

namespace {

/// Douglas–Peucker with an absolute limit: the worst segment is split first until every segment is within
/// `limit` or `maxPoints` points are kept. Returns ascending indices into lr (first and last included).
std::vector<std::size_t> simplifyWithin(std::span<const double> lr, double limit, std::size_t maxPoints)
{
    maxPoints = std::max<std::size_t>(maxPoints, 2);
    std::vector<std::size_t> kept{0, lr.size() - 1};
    std::priority_queue<Segment> queue;
    queue.push(measure(lr, 0, lr.size() - 1));
    while (!queue.empty() && kept.size() < maxPoints) {
        const Segment s = queue.top();
        // Stop at the tolerance; a NaN error (non-finite input) is never split.
        if (!(s.error > limit))
            break;
        queue.pop();
        kept.push_back(s.worst);
        if (s.worst - s.a > 1)
            queue.push(measure(lr, s.a, s.worst));
        if (s.b - s.worst > 1)
            queue.push(measure(lr, s.worst, s.b));
    }
    std::sort(kept.begin(), kept.end());
    return kept;
}

} // namespace

std::vector<LrPoint> simplifyLr(std::span<const double> lr, double tolerance, std::size_t maxPoints)
{
    if (lr.empty())
        return {};
    if (lr.size() == 1)
        return {LrPoint{0.0, lr[0]}};
    double scale = 0.0;
    for (double v : lr)
        if (std::isfinite(v))
            scale = std::max(scale, std::fabs(v));
    const double limit = std::max(0.0, tolerance) * scale;
    std::vector<LrPoint> points;
    for (std::size_t i : simplifyWithin(lr, limit, maxPoints))
        points.push_back(LrPoint{static_cast<double>(i), lr[i]});
    return points;
}

std::vector<LrPoint> editablePoints(const Schedule& s, std::size_t maxHandles)
{
    const auto& phases = s.phases();
    if (phases.size() == 1 &&
        (phases.front().kind == ScheduleKind::Piecewise || phases.front().kind == ScheduleKind::Logged))
        return s.controlPoints(0);
    const std::vector<double> lr = s.render();
    if (lr.size() < 2)
        return {};
    const auto w = static_cast<std::size_t>(
        std::clamp<std::int64_t>(s.warmupSteps(), 0, static_cast<std::int64_t>(lr.size()) - 1));
    const std::span<const double> after = std::span<const double>(lr).subspan(w);
    std::vector<std::size_t> kept{0};
    if (after.size() > 1) {
        // Loosen the tolerance (0.4 % of the peak, doubled up to five times) until the handles are few enough
        // to grab.
        double limit = 0.004 * s.maxLr();
        for (int attempt = 0; attempt < 6; ++attempt, limit *= 2) {
            kept = simplifyWithin(after, limit, std::numeric_limits<std::size_t>::max());
            if (kept.size() <= maxHandles + 2)
                break;
        }
    }
    std::vector<LrPoint> points;
    for (std::size_t i : kept)
        points.push_back(LrPoint{static_cast<double>(i + w), lr[i + w]});
    return points;
}

std::string setEditedPoints(Schedule& s, std::vector<LrPoint> points)
{
    if (points.empty())
        return "a schedule needs at least one point";
    const SchedulePhase old = s.phases().empty() ? SchedulePhase{} : s.phases().front();
    SchedulePhase p;
    p.kind = ScheduleKind::Piecewise;
    p.steps = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(points.back().step)));
    p.warmup = std::min({old.warmup, static_cast<std::int64_t>(points.front().step), p.steps});
    p.warmupStart = old.warmupStart;
    p.points = std::move(points);
    return s.setPhases({p});
}

namespace {

/// One points phase reproducing `lr`: with a warmup W > 0 the ramp is rendered by the phase's warmup (from
/// lr[0] to lr[W]), so points are only needed from W on (plus step 0, for display).
SchedulePhase pointsPhase(std::span<const double> lr, std::int64_t warmup, ScheduleKind kind,
                          double tolerance, std::size_t maxPoints)
{
    SchedulePhase p;
    p.kind = kind;
    p.steps = lr.empty() ? 0 : static_cast<std::int64_t>(lr.size()) - 1;
    const auto W = static_cast<std::size_t>(std::clamp<std::int64_t>(warmup, 0, p.steps));
    if (W == 0 || lr.empty()) {
        p.points = simplifyLr(lr, tolerance, maxPoints);
        return p;
    }
    p.warmup = static_cast<std::int64_t>(W);
    p.warmupStart = lr[0];
    p.points.push_back(LrPoint{0.0, lr[0]});
    for (LrPoint pt : simplifyLr(lr.subspan(W), tolerance, maxPoints > 1 ? maxPoints - 1 : 1)) {
        pt.step += static_cast<double>(W);
        p.points.push_back(pt);
    }
    return p;
}

} // namespace

Schedule Schedule::toPiecewise(double tolerance, std::size_t maxPoints) const
{
    if (m_phases.empty())
        return {};
    const std::vector<double> lr = render();
    const SchedulePhase& first = m_phases.front();
    SchedulePhase p = pointsPhase(lr, first.warmup, ScheduleKind::Piecewise, tolerance, maxPoints);
    // Keep the exact warmup start (lr[0] equals it whenever the first phase has a warmup).
    if (p.warmup > 0)
        p.warmupStart = first.warmupStart;
    Schedule s;
    s.m_phases = {std::move(p)}; // points of a valid rendering are valid: ascending integer steps, LR >= 0
    return s;
}

Result<Schedule> Schedule::fromPerStep(std::span<const double> lr, std::int64_t warmup, ScheduleKind kind,
                                       double tolerance, std::size_t maxPoints)
{
    if (kind != ScheduleKind::Piecewise && kind != ScheduleKind::Logged) {
        Diagnostic d;
        d.message = "fromPerStep: kind must be piecewise or logged, got " + toString(kind);
        return Result<Schedule>::failure(std::move(d));
    }
    return create({pointsPhase(lr, warmup, kind, tolerance, maxPoints)});
}

} // namespace losscast::core
