#include "core/fit/protocol.h"

#include "core/io/curvecsv.h"

#include <algorithm>

namespace losscast::core::fit {

std::vector<std::string> mplTrainRuns()
{
    return {"constant_24000", "cosine_24000", "wsdcon_9"};
}

std::vector<std::string> mplTestRuns()
{
    return {"constant_72000",    "cosine_72000", "wsd_20000_24000",
            "wsdld_20000_24000", "wsdcon_3",     "wsdcon_18"};
}

Result<CurveSplit> loadMplSplit(const std::string& dir, const std::string& size, std::int64_t warmupSteps)
{
    CurveSplit split;
    std::vector<Diagnostic> warnings;
    auto load = [&](const std::vector<std::string>& runs,
                    std::vector<Curve>& into) -> std::optional<Diagnostic> {
        for (const auto& run : runs) {
            auto r = readCurveCsv(dir + "/" + size + "_" + run + ".csv", warmupSteps);
            for (const auto& d : r.diagnostics)
                if (d.severity == Diagnostic::Severity::Warning)
                    warnings.push_back(d);
            if (!r.ok()) {
                for (const auto& d : r.diagnostics)
                    if (d.severity == Diagnostic::Severity::Error)
                        return d;
                return Diagnostic{Diagnostic::Severity::Error,
                                  dir + "/" + size + "_" + run + ".csv",
                                  0,
                                  {},
                                  "could not be read"};
            }
            into.push_back(std::move(*r.value));
        }
        return std::nullopt;
    };
    if (auto e = load(mplTrainRuns(), split.train))
        return Result<CurveSplit>::failure(*e);
    if (auto e = load(mplTestRuns(), split.test))
        return Result<CurveSplit>::failure(*e);
    return Result<CurveSplit>::success(std::move(split), std::move(warnings));
}

ProtocolResult evaluateProtocol(const CurveLaw& law, const CurveSplit& split, const LawSettings& settings,
                                const Options& options, const Control& control)
{
    ProtocolResult r;
    r.fit = fitCurves(law, split.train, settings, options, control);
    if (!r.fit.summary.isUsable())
        return r;
    std::vector<Metrics> all;
    for (const auto& c : split.test) {
        CurveEvaluation e;
        e.name = c.name;
        e.predicted = predict(law, r.fit.params, c.schedule, c.steps, r.fit.settings);
        e.metrics = computeMetrics(e.predicted, c.loss);
        all.push_back(e.metrics);
        r.test.push_back(std::move(e));
    }
    r.averaged = average(all);
    return r;
}

BenchResult benchmarkFit(const CurveLaw& law, const std::vector<Curve>& curves, const LawSettings& settings,
                         int repeats, const Options& options)
{
    BenchResult b;
    b.repeats = std::max(1, repeats);
    std::vector<double> t;
    for (int k = 0; k < b.repeats; ++k) {
        const CurveFit f = fitCurves(law, curves, settings, options);
        t.push_back(f.summary.seconds);
        b.lastSummary = f.summary;
    }
    std::sort(t.begin(), t.end());
    b.minSeconds = t.front();
    b.maxSeconds = t.back();
    b.medianSeconds = t[t.size() / 2];
    return b;
}

} // namespace losscast::core::fit
