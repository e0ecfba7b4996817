#include "core/fit/fitter.h"

#include "core/laws/startsearch.h"

#include "core/fit/fixedlaw.h"

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

// Curve-law fits on top of the generic solver (core/solve/leastsquares.h).

namespace losscast::core::fit {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string fmt(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------

std::string validateCurve(const Curve& c)
{
    const std::string name = "curve '" + c.name + "'" + (c.source.empty() ? "" : " (" + c.source + ")");
    if (c.steps.empty())
        return name + ": no points";
    if (c.steps.size() != c.loss.size())
        return name + ": " + std::to_string(c.steps.size()) + " steps but " + std::to_string(c.loss.size()) +
               " losses";
    const auto n = static_cast<std::int64_t>(c.schedule.lr.size());
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
        if (c.steps[i] < 1 || c.steps[i] >= n)
            return name + ": point " + std::to_string(i) + " has step " + std::to_string(c.steps[i]) +
                   " outside the schedule (1.." + std::to_string(n - 1) + ")";
        if (i > 0 && c.steps[i] <= c.steps[i - 1])
            return name + ": steps must be strictly ascending (point " + std::to_string(i) + ", step " +
                   std::to_string(c.steps[i]) + ")";
        if (!std::isfinite(c.loss[i]) || c.loss[i] <= 0.0)
            return name + ": point " + std::to_string(i) + " (step " + std::to_string(c.steps[i]) +
                   ") has loss " + fmt(c.loss[i]) + "; losses must be finite and > 0";
    }
    for (std::size_t s = 0; s < c.schedule.lr.size(); ++s)
        if (!std::isfinite(c.schedule.lr[s]))
            return name + ": the learning rate at step " + std::to_string(s) + " is not finite";
    return {};
}

namespace {

CurveFit failedCurveFit(const CurveLaw& law, const LawSettings& settings, const std::string& why,
                        double seconds)
{
    CurveFit f;
    f.law = law.id();
    for (const auto& pi : law.parameters())
        f.names.push_back(pi.name);
    f.settings = settings;
    f.summary.status = Status::Failed;
    f.summary.message = why;
    f.summary.seconds = seconds;
    return f;
}

} // namespace

CurveFit fitOverSettings(const CurveLaw& law, const std::vector<Curve>& curves,
                         const std::vector<LawSettings>& grid, const Options& options, const Control& control)
{
    const auto t0 = Clock::now();
    std::string why;
    if (!options.isValid(&why))
        return failedCurveFit(law, grid.empty() ? LawSettings{} : grid.front(), "invalid options: " + why,
                              0.0);
    if (grid.empty())
        return failedCurveFit(law, {}, "empty settings grid", 0.0);
    if (curves.empty())
        return failedCurveFit(law, grid.front(), "no curves to fit", 0.0);
    for (const auto& c : curves)
        if (auto msg = validateCurve(c); !msg.empty())
            return failedCurveFit(law, grid.front(), msg, 0.0);

    // Grid points that hold different parameters (e.g. MPL's β, γ held or fitted) are fitted one by one;
    // the lowest training cost wins (ties: the first).
    if (grid.size() > 1) {
        auto key = [&](const LawSettings& s) {
            std::vector<std::pair<std::size_t, double>> k;
            for (const auto& h : law.heldParameters(s))
                k.emplace_back(h.index, h.value);
            return k;
        };
        const auto first = key(grid.front());
        bool same = true;
        for (const auto& g : grid)
            same = same && key(g) == first;
        if (!same) {
            CurveFit best;
            for (const auto& g : grid) {
                CurveFit f = fitOverSettings(law, curves, {g}, options, control);
                if (best.law.empty() ||
                    (f.summary.isUsable() &&
                     (!best.summary.isUsable() || f.summary.finalCost < best.summary.finalCost)))
                    best = std::move(f);
                if (control.isCancelled && control.isCancelled())
                    break;
            }
            best.summary.seconds = secondsSince(t0);
            return best;
        }
    }
    const auto info = law.parameters();
    const std::size_t p = info.size();
    // Parameters the law holds under these settings: fit the others through the FixedParamsLaw adapter (the
    // adapter itself holds nothing, so this recurses once) and report the held ones without an error.
    if (const auto held = law.heldParameters(grid.front()); !held.empty()) {
        std::vector<double> values;
        for (const auto& pi : info)
            values.push_back(pi.initial);
        std::vector<bool> fixed(p, false);
        for (const auto& h : held) {
            if (h.index >= p || !(h.value >= info[h.index].lower && h.value <= info[h.index].upper))
                return failedCurveFit(law, grid.front(), "law '" + law.id() + "' holds an invalid parameter",
                                      0.0);
            values[h.index] = h.value;
            fixed[h.index] = true;
        }
        if (std::count(fixed.begin(), fixed.end(), false) == 0)
            return failedCurveFit(law, grid.front(), "every parameter is held: nothing to fit", 0.0);
        // Non-owning: `law` outlives this call.
        const FixedParamsLaw reduced(std::shared_ptr<const CurveLaw>(std::shared_ptr<const CurveLaw>(), &law),
                                     std::move(values), std::move(fixed));
        CurveFit f = reduced.expand(fitOverSettings(reduced, curves, grid, options, control));
        f.summary.seconds = secondsSince(t0);
        return f;
    }
    auto observed = std::make_shared<std::vector<double>>();
    auto offsets = std::make_shared<std::vector<std::size_t>>();
    for (const auto& c : curves) {
        offsets->push_back(observed->size());
        observed->insert(observed->end(), c.loss.begin(), c.loss.end());
    }
    // Starting points from the data of the first grid point (laws such as MPL initialise from the schedule).
    std::vector<std::vector<double>> starts;
    // The time limit and the cancel check hold from here on, through every curve and the law's start search.
    auto stopNow = [&] {
        return (control.isCancelled && control.isCancelled()) || secondsSince(t0) > options.timeLimitSeconds;
    };
    auto stopped = [&] {
        const bool cancelled = control.isCancelled && control.isCancelled();
        CurveFit f = failedCurveFit(law, grid.front(),
                                    cancelled ? "cancelled before any start was evaluated"
                                              : "time limit of " + fmt(options.timeLimitSeconds) +
                                                    " s reached before any start was evaluated",
                                    secondsSince(t0));
        f.summary.status = cancelled ? Status::Cancelled : Status::TimeLimit;
        f.summary.initialCost = f.summary.finalCost = kInf; // no result: not usable
        return f;
    };
    try {
        const StartSearchGuard guard(stopNow);
        std::vector<std::shared_ptr<const LawFeatures>> features;
        std::vector<const LawFeatures*> fs;
        std::vector<std::span<const double>> obs;
        for (const auto& c : curves) {
            // A law that rejects a curve's schedule (e.g. an LR of 0 throughout) says so; name the file.
            try {
                features.push_back(law.prepare(c.schedule, c.steps, grid.front()));
            } catch (const std::exception& e) {
                throw std::runtime_error((c.source.empty() ? c.name : c.source) + ": " + e.what());
            }
            if (!features.back() || features.back()->size() != c.steps.size())
                throw std::runtime_error("could not prepare curve '" + c.name + "'");
            fs.push_back(features.back().get());
            obs.emplace_back(c.loss);
            if (stopNow())
                return stopped();
        }
        starts = law.initialGuessesFromData(fs, obs);
    } catch (const std::exception& e) {
        return failedCurveFit(law, grid.front(), "law '" + law.id() + "': " + e.what(), secondsSince(t0));
    }
    if (stopNow())
        return stopped();

    // One model per grid point: the schedule features depend on the settings (e.g. S2 on MTL's λ).
    auto makeModel = [&](std::size_t gi) {
        auto features = std::make_shared<std::vector<std::shared_ptr<const LawFeatures>>>();
        try {
            for (const auto& c : curves) {
                features->push_back(law.prepare(c.schedule, c.steps, grid[gi]));
                if (!features->back() || features->back()->size() != c.steps.size())
                    throw std::runtime_error("could not prepare curve '" + c.name + "'");
            }
        } catch (const std::exception& e) {
            throw std::runtime_error("law '" + law.id() + "': " + e.what());
        }
        ResidualModel model;
        model.numParams = p;
        model.observed = *observed;
        for (const auto& pi : info) {
            model.lower.push_back(pi.lower);
            model.upper.push_back(pi.upper);
            model.names.push_back(pi.name);
        }
        model.evaluate = [&law, features, offsets, p](std::span<const double> params,
                                                      std::span<double> predicted, double* jac) {
            for (std::size_t c = 0; c < features->size(); ++c) {
                const std::size_t off = (*offsets)[c];
                const std::size_t m = (*features)[c]->size();
                law.evaluate(*(*features)[c], params, predicted.subspan(off, m),
                             jac ? jac + off * p : nullptr);
            }
        };
        return model;
    };

    GridFit g = fitModelOverGrid(grid.size(), makeModel, starts, options, control);
    CurveFit f;
    f.law = law.id();
    for (const auto& pi : info)
        f.names.push_back(pi.name);
    f.params = std::move(g.fit.params);
    f.stderrs = std::move(g.fit.stderrs);
    f.covariance = std::move(g.fit.covariance);
    f.settings = grid[std::min(g.index, grid.size() - 1)];
    f.summary = g.fit.summary;
    f.summary.residuals = observed->size();
    f.summary.seconds = secondsSince(t0);
    return f;
}

CurveFit fitCurves(const CurveLaw& law, const std::vector<Curve>& curves, const LawSettings& settings,
                   const Options& options, const Control& control)
{
    return fitOverSettings(law, curves, law.settingsGrid(settings), options, control);
}

std::vector<double> predict(const CurveLaw& law, std::span<const double> params,
                            const ScheduleInput& schedule, std::span<const std::int64_t> steps,
                            const LawSettings& settings)
{
    const std::size_t p = law.parameters().size();
    if (params.size() != p)
        throw std::invalid_argument("predict: law '" + law.id() + "' takes " + std::to_string(p) +
                                    " parameters, got " + std::to_string(params.size()));
    const auto n = static_cast<std::int64_t>(schedule.lr.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i] < 1 || steps[i] >= n)
            throw std::invalid_argument("predict: step " + std::to_string(steps[i]) +
                                        " is outside the schedule (1.." + std::to_string(n - 1) + ")");
        if (i > 0 && steps[i] <= steps[i - 1])
            throw std::invalid_argument("predict: steps must be strictly ascending");
    }
    std::vector<double> out(steps.size());
    if (steps.empty())
        return out;
    const auto features = law.prepare(schedule, steps, settings);
    law.evaluate(*features, params, out, nullptr);
    return out;
}

Prediction predictWithUncertainty(const CurveLaw& law, std::span<const double> params,
                                  std::span<const double> covariance, const ScheduleInput& schedule,
                                  std::span<const std::int64_t> steps, const LawSettings& settings)
{
    Prediction out;
    out.steps.assign(steps.begin(), steps.end());
    out.loss = predict(law, params, schedule, steps, settings); // validates params and steps
    const std::size_t p = params.size(), n = steps.size();
    out.stderrs.assign(n, kNaN);
    if (covariance.empty() || n == 0)
        return out;
    if (covariance.size() != p * p)
        throw std::invalid_argument("predictWithUncertainty: covariance has " +
                                    std::to_string(covariance.size()) + " entries, expected " +
                                    std::to_string(p * p));
    const auto features = law.prepare(schedule, steps, settings);
    std::vector<double> y(n);
    RowMatrix jac(n, p);
    law.evaluate(*features, params, y, jac.data());
    const Eigen::Map<const RowMatrix> cov(covariance.data(), static_cast<Eigen::Index>(p),
                                          static_cast<Eigen::Index>(p));
    for (std::size_t i = 0; i < n; ++i) {
        const double v = jac.row(i).dot(cov * jac.row(i).transpose());
        out.stderrs[i] = std::isfinite(v) ? std::sqrt(std::max(0.0, v)) : kNaN;
    }
    return out;
}

} // namespace losscast::core::fit
