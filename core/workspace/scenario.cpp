// Predicted curves of "what if" schedules (see scenario.h).
#include "core/workspace/scenario.h"

#include "core/fit/uncertainty.h"

#include <algorithm>
#include <cmath>

namespace losscast::core::workspace {

std::vector<std::int64_t> predictionSteps(std::int64_t first, std::int64_t last, bool live)
{
    std::vector<std::int64_t> steps;
    first = std::max<std::int64_t>(1, first);
    if (last < first)
        return steps;
    // While a point is dragged the curve is drawn from fewer points (still smooth at plot width); the full
    // resolution and the band return when the drag ends.
    const int linear = live ? 160 : 500, logarithmic = live ? 40 : 120;
    for (int i = 0; i <= linear; ++i)
        steps.push_back(first + (last - first) * i / linear);
    const double a = std::log(double(first)), b = std::log(double(last));
    for (int i = 0; i <= logarithmic; ++i)
        steps.push_back(std::int64_t(std::llround(std::exp(a + (b - a) * i / logarithmic))));
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    steps.erase(std::remove_if(steps.begin(), steps.end(), [&](auto s) { return s < first || s > last; }),
                steps.end());
    return steps;
}

ScenarioPrediction predictSchedule(const CurveLaw& law, const fit::CurveFit& f, const Schedule& s, bool live)
{
    ScenarioPrediction p;
    p.finalLoss = std::nan("");
    const ScheduleInput input = s.toInput();
    const auto steps = predictionSteps(std::max<std::int64_t>(1, input.warmupSteps), s.totalSteps(), live);
    if (steps.empty())
        return p;
    p.steps.assign(steps.begin(), steps.end());
    if (!live && f.covariance.size() == f.params.size() * f.params.size() && !f.params.empty()) {
        const auto band = fit::deltaBand(law, f.params, f.covariance, input, steps, f.settings);
        p.loss = band.loss;
        p.lower = band.lower;
        p.upper = band.upper;
        const bool finite =
            std::all_of(p.lower.begin(), p.lower.end(), [](double v) { return std::isfinite(v); });
        if (!finite)
            p.lower.clear(), p.upper.clear();
    } else {
        p.loss = fit::predict(law, f.params, input, steps, f.settings);
    }
    if (!p.loss.empty())
        p.finalLoss = p.loss.back();
    return p;
}

} // namespace losscast::core::workspace
