#pragma once
/// \file
/// \brief The one JSON form of a fitted curve law, written by `losscast-cli fit` and the window's export and
/// read by `losscast-cli predict` and the window.
///
///     {"law":"mtl","formula":"...","params":{"L0":..},"stderr":{"L0":..},"settings":{"lambda":0.999},
///      "at_bound":{"L0":false,..},"stderr_note":{"gamma":"gamma rests on its upper bound .."},
///      "covariance":[[..],..],"fit":{"seconds":s,"status":"converged","iterations":n,"final_cost":c,
///      "starts":k,"message":"..."},"warnings":[{"code":..,"message":..}],"band":{"rel_sigma":..,"method":..},
///      "files":[{"path":..,"sha256":..,"points":n}],"losscast_version":"0.1.0"}
///
/// Only "law" and "params" are required when reading; everything else is optional.

#include "core/fit/fitter.h"
#include "core/fit/forecast.h"
#include "core/fit/metrics.h"
#include "core/util/diagnostic.h"
#include "core/util/json.h"

#include <string>
#include <vector>

namespace losscast::core {

/// \brief A data file a fit was made from.
struct FittedFile
{
    std::string path;
    std::string sha256; ///< empty when the file could not be read again
    std::size_t points = 0;
};

/// \brief A fitted law as stored in files.
struct FitFile
{
    fit::CurveFit fit; ///< law id, names, params, stderrs, covariance, settings, summary
    std::string formula;
    std::vector<FittedFile> files;
    std::string version; ///< LossCast version that wrote it
    /// Degeneracy warnings (fit::fitWarnings), JSON "warnings":[{"code","message"}].
    std::vector<fit::FitWarning> warnings;
    /// The calibrated band (forecast.h), JSON "band":{"rel_sigma","method"}; rel_sigma 0 = the plain delta
    /// band of the covariance.
    double bandRelSigma = 0.0;
    std::string bandMethod;
};

/// \brief [{"code":..,"message":..}, ..]
JsonValue warningsToJson(const std::vector<fit::FitWarning>& warnings);

/// \brief Builds the file value for a fit of `law` on `curves` (hashes each curve's source file; adds the
/// fit's degeneracy warnings).
FitFile makeFitFile(const CurveLaw& law, const fit::CurveFit& fit, const std::vector<Curve>& curves);

/// \brief The JSON value of a fit summary: {"seconds","status","iterations","final_cost","starts","message"}.
JsonValue summaryToJson(const fit::Summary& summary);
/// \brief {name: value} for parallel names and values.
JsonValue namedNumbers(const std::vector<std::string>& names, const std::vector<double>& values);

/// \brief Adds the bound markers to a fit's JSON object `v`: "at_bound" {name: true|false} for every
/// parameter, and when any is true "stderr_note" {name: sentence} saying that its "stderr" comes from the
/// unconstrained curvature and is not a meaningful uncertainty (see fit::boundsReached). Parameters marked
/// in `held` (may be empty) are never at a bound: they were not fitted.
void addBoundMarkers(JsonValue& v, const std::vector<std::string>& names, const std::vector<double>& params,
                     const std::vector<ParamInfo>& infos, const std::vector<bool>& held = {});

/// \brief {"r2","mae","rmse","pred_e","worst_e","points"} — the MPL protocol's metrics as every command
/// prints them.
JsonValue metricsToJson(const fit::Metrics& metrics);

JsonValue toJson(const FitFile& file);

/// \brief Reads a fit file. The law must be registered and every one of its parameters present and finite;
/// settings missing from the file take the law's defaults. Errors name the file and the JSON member.
Result<FitFile> parseFitFile(std::string_view text, const std::string& name);
Result<FitFile> readFitFile(const std::string& path);

} // namespace losscast::core
