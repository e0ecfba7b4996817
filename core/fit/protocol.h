#pragma once
/// \file
/// \brief The MPL evaluation protocol (Luo et al. 2025, arXiv 2503.12811, Sec. 5 / Table 1): fit a law on
/// training curves, predict held-out curves, report R², MAE, RMSE, PredE and WorstE per curve and averaged.
///
/// The CLI's `eval` and `bench` and the tests call these; nothing here knows about Qt.

#include "core/fit/fitter.h"
#include "core/fit/metrics.h"
#include "core/util/diagnostic.h"

#include <string>
#include <vector>

namespace losscast::core::fit {

/// \brief Training and test curves of one model size.
struct CurveSplit
{
    std::vector<Curve> train;
    std::vector<Curve> test;
};

/// \brief Run names of the MPL protocol split (the file stems after "<size>_").
std::vector<std::string> mplTrainRuns(); ///< constant_24000, cosine_24000, wsdcon_9
std::vector<std::string>
mplTestRuns(); ///< constant_72000, cosine_72000, wsd_20000_24000, wsdld_…, wsdcon_3, wsdcon_18

/// \brief Reads `<dir>/<size>_<run>.csv` for the protocol's train and test runs (warmup 0 → peak over
/// `warmupSteps`, 2160 for the bundled files). Errors name the file and line.
Result<CurveSplit> loadMplSplit(const std::string& dir, const std::string& size,
                                std::int64_t warmupSteps = 2160);

struct CurveEvaluation
{
    std::string name;
    Metrics metrics;
    std::vector<double> predicted; ///< at the curve's steps
};

struct ProtocolResult
{
    CurveFit fit;                      ///< the fit on the training curves (fit.summary.seconds = fit time)
    std::vector<CurveEvaluation> test; ///< per test curve
    Metrics averaged;                  ///< plain mean over the test curves (the protocol's figure)
};

/// \brief Fits `law` jointly on `split.train` and evaluates the prediction on every `split.test` curve.
/// When the fit is not usable, `test` is empty and fit.summary says why.
ProtocolResult evaluateProtocol(const CurveLaw& law, const CurveSplit& split, const LawSettings& settings,
                                const Options& options = {}, const Control& control = {});

/// \brief Timing of repeated fits on the same curves (for `losscast-cli bench`).
struct BenchResult
{
    int repeats = 0;
    double minSeconds = 0.0, medianSeconds = 0.0, maxSeconds = 0.0;
    Summary lastSummary;
};

/// \brief Fits `law` on `curves` `repeats` times (≥ 1) and reports the wall time of each fit.
BenchResult benchmarkFit(const CurveLaw& law, const std::vector<Curve>& curves, const LawSettings& settings,
                         int repeats, const Options& options = {});

} // namespace losscast::core::fit
