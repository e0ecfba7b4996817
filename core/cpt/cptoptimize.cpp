#include "core/cpt/cptoptimize.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace losscast::core::cpt {

namespace {

using Clock = std::chrono::steady_clock;

/// Search variables in unit-free coordinates: ln peak LR, replay, ln steps, potential.
struct Point
{
    std::array<double, 4> x{};
    int shape = 0;
    double value = std::numeric_limits<double>::infinity();
};

} // namespace

std::string CptSearchBounds::validate() const
{
    if (!(peakLrMin > 0.0 && peakLrMin <= peakLrMax && std::isfinite(peakLrMax)))
        return "peak LR bounds must satisfy 0 < min <= max";
    if (shapes.empty())
        return "at least one CPT schedule shape is needed";
    if (!(replayMin >= 0.0 && replayMin <= replayMax && replayMax <= 1.0))
        return "replay bounds must satisfy 0 <= min <= max <= 1";
    if (!(stepsMin >= 1 && stepsMin <= stepsMax && stepsMax <= 50'000'000))
        return "CPT step bounds must satisfy 1 <= min <= max <= 50000000";
    if (!(potentialMin >= 0.0 && potentialMin <= potentialMax && potentialMax <= 1.0))
        return "loss potential bounds must satisfy 0 <= min <= max <= 1";
    return {};
}

double cptObjective(const CptFit& general, const CptFit& domain, const CptScenario& s, double lambda1,
                    double generalRef, double domainRef, double* generalEnd, double* domainEnd)
{
    const ScheduleInput sch = s.schedule();
    const std::vector<std::int64_t> end = {s.totalSteps()};
    const double g = predictCpt(general, sch, s.switchStep(), end, s.replay, s.modelSizeMillions)[0];
    const double d = predictCpt(domain, sch, s.switchStep(), end, s.replay, s.modelSizeMillions)[0];
    if (generalEnd)
        *generalEnd = g;
    if (domainEnd)
        *domainEnd = d;
    return lambda1 * (g - generalRef) + (1.0 - lambda1) * (d - domainRef);
}

CptOptimizeResult optimizeCpt(const CptFit& general, const CptFit& domain, const CptScenario& base,
                              const CptSearchBounds& bounds, const CptOptimizeOptions& options,
                              const fit::Control& control)
{
    if (const auto why = bounds.validate(); !why.empty())
        throw std::invalid_argument("cpt optimize: " + why);
    if (const auto why = base.validate(); !why.empty())
        throw std::invalid_argument("cpt optimize: " + why);
    if (!(options.lambda1 >= 0.0 && options.lambda1 <= 1.0))
        throw std::invalid_argument("cpt optimize: lambda1 must be in [0, 1]");
    const auto t0 = Clock::now();
    CptOptimizeResult res;
    res.status = fit::Status::Converged;

    // ΔL reference: the base scenario's losses at its switch.
    const std::vector<std::int64_t> sw = {base.switchStep()};
    res.generalRef =
        predictCpt(general, base.schedule(), base.switchStep(), sw, base.replay, base.modelSizeMillions)[0];
    res.domainRef =
        predictCpt(domain, base.schedule(), base.switchStep(), sw, base.replay, base.modelSizeMillions)[0];
    res.baseObjective = cptObjective(general, domain, base, options.lambda1, res.generalRef, res.domainRef);

    const std::array<double, 4> lo = {std::log(bounds.peakLrMin), bounds.replayMin,
                                      std::log(static_cast<double>(bounds.stepsMin)), bounds.potentialMin};
    const std::array<double, 4> hi = {std::log(bounds.peakLrMax), bounds.replayMax,
                                      std::log(static_cast<double>(bounds.stepsMax)), bounds.potentialMax};
    const bool searchPotential = hi[3] > lo[3] || base.pt.shape != DecayShape::Constant || lo[3] < 1.0;

    auto scenarioOf = [&](const Point& p) {
        CptScenario s = base;
        s.cpt.peakLr = std::exp(p.x[0]);
        s.replay = std::clamp(p.x[1], 0.0, 1.0);
        s.cpt.steps =
            std::clamp<std::int64_t>(std::llround(std::exp(p.x[2])), bounds.stepsMin, bounds.stepsMax);
        s.cpt.warmupSteps = std::min(s.cpt.warmupSteps, s.cpt.steps);
        s.cpt.shape = bounds.shapes[static_cast<std::size_t>(p.shape)];
        if (searchPotential) {
            if (s.pt.shape == DecayShape::Constant)
                s.pt.shape = DecayShape::Wsd; // a constant PT cannot express a potential below 100 %
            s.pt.finalFraction = std::clamp(p.x[3], 0.0, 1.0);
        }
        return s;
    };
    auto stop = [&]() -> bool {
        if (control.isCancelled && control.isCancelled()) {
            res.status = fit::Status::Cancelled;
            return true;
        }
        if (std::chrono::duration<double>(Clock::now() - t0).count() > options.timeLimitSeconds) {
            res.status = fit::Status::TimeLimit;
            return true;
        }
        if (res.evaluations >= options.maxEvaluations) {
            res.status = fit::Status::MaxIterations;
            return true;
        }
        return false;
    };
    Point best;
    auto evaluate = [&](Point& p) {
        ++res.evaluations;
        p.value =
            cptObjective(general, domain, scenarioOf(p), options.lambda1, res.generalRef, res.domainRef);
        if (!std::isfinite(p.value))
            p.value = std::numeric_limits<double>::infinity();
        if (p.value < best.value)
            best = p;
    };

    // Coarse grid.
    const int g = std::max(options.gridPerAxis, 1);
    auto axis = [&](int d) {
        std::vector<double> v;
        if (hi[d] <= lo[d] || g == 1)
            v.push_back(hi[d] <= lo[d] ? lo[d] : 0.5 * (lo[d] + hi[d]));
        else
            for (int k = 0; k < g; ++k)
                v.push_back(lo[d] + (hi[d] - lo[d]) * k / (g - 1));
        return v;
    };
    const auto a0 = axis(0), a1 = axis(1), a2 = axis(2), a3 = axis(3);
    std::vector<Point> grid;
    bool stopped = false;
    for (int shape = 0; shape < static_cast<int>(bounds.shapes.size()) && !stopped; ++shape)
        for (double x0 : a0)
            for (double x1 : a1)
                for (double x2 : a2)
                    for (double x3 : a3) {
                        if (stopped || (stopped = stop()))
                            break;
                        Point p;
                        p.shape = shape;
                        p.x = {x0, x1, x2, x3};
                        evaluate(p);
                        grid.push_back(p);
                    }
    // Compass search from the three best grid points, steps halving down to 1e-3 of each range.
    std::sort(grid.begin(), grid.end(), [](const Point& a, const Point& b) { return a.value < b.value; });
    for (std::size_t s = 0; s < std::min<std::size_t>(3, grid.size()) && !stopped; ++s) {
        Point cur = grid[s];
        std::array<double, 4> step;
        for (int d = 0; d < 4; ++d)
            step[d] = (hi[d] - lo[d]) / std::max(g - 1, 1) / 2.0;
        while (!stopped) {
            bool improved = false, anyStep = false;
            for (int d = 0; d < 4 && !stopped; ++d) {
                if (step[d] <= 1e-3 * (hi[d] - lo[d]) || hi[d] <= lo[d])
                    continue;
                anyStep = true;
                for (double sign : {1.0, -1.0}) {
                    if ((stopped = stop()))
                        break;
                    Point q = cur;
                    q.x[d] = std::clamp(cur.x[d] + sign * step[d], lo[d], hi[d]);
                    if (q.x[d] == cur.x[d])
                        continue;
                    evaluate(q);
                    if (q.value < cur.value) {
                        cur = q;
                        improved = true;
                        break;
                    }
                }
            }
            if (!anyStep)
                break;
            if (!improved)
                for (double& st : step)
                    st /= 2.0;
        }
    }
    if (!std::isfinite(best.value)) {
        // Nothing evaluated (stopped at once) or nothing finite: the base scenario stands.
        if (res.status == fit::Status::Converged) {
            res.status = fit::Status::Failed;
            res.message = "no scenario in the bounds could be evaluated";
        }
        res.best = base;
        res.objective = res.baseObjective;
    } else {
        res.best = scenarioOf(best);
        res.objective = cptObjective(general, domain, res.best, options.lambda1, res.generalRef,
                                     res.domainRef, &res.generalEnd, &res.domainEnd);
    }
    res.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (res.message.empty())
        res.message = std::to_string(res.evaluations) + " scenarios evaluated in " +
                      std::to_string(res.seconds) + " s (" + fit::toString(res.status) + ")";
    return res;
}

std::vector<std::vector<double>> tradeoffGrid(const CptFit& general, const CptFit& domain,
                                              const CptScenario& base, double lambda1,
                                              const std::vector<double>& replays,
                                              const std::vector<double>& peakLrs)
{
    const std::vector<std::int64_t> sw = {base.switchStep()};
    const double gRef =
        predictCpt(general, base.schedule(), base.switchStep(), sw, base.replay, base.modelSizeMillions)[0];
    const double dRef =
        predictCpt(domain, base.schedule(), base.switchStep(), sw, base.replay, base.modelSizeMillions)[0];
    std::vector<std::vector<double>> out(replays.size(), std::vector<double>(peakLrs.size()));
    for (std::size_t i = 0; i < replays.size(); ++i)
        for (std::size_t j = 0; j < peakLrs.size(); ++j) {
            CptScenario s = base;
            s.replay = replays[i];
            s.cpt.peakLr = peakLrs[j];
            out[i][j] = cptObjective(general, domain, s, lambda1, gRef, dRef);
        }
    return out;
}

} // namespace losscast::core::cpt
