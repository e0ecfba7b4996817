#pragma once
/// \file
/// \brief The JSON of a Chinchilla fit as `losscast-cli scale fit` prints it, and intervals of quantities
/// derived from a fit (bootstrap percentiles or the delta method). Shared by the CLI and the Scaling view, so
/// that File → Export of the view writes what `scale fit` writes and the view's bands are `scale optimal`'s.

#include "core/scaling/chinchilla.h"
#include "core/util/json.h"

#include <functional>
#include <utility>
#include <vector>

namespace losscast::core::scaling {

/// \brief `{"law":"chinchilla","formula",..,"params":{"E","A","B","alpha","beta"},"stderr":{..},
/// "derived":{"a","b"},"covariance":[[..]],"fit":{"seconds",..,"grid_starts","runs","huber_delta"},
/// "table":{"path","runs","n_column","d_column"|"flops_column","loss_column"}}` and, with a bootstrap,
/// `"bootstrap":{"requested","succeeded","seconds","level","intervals":{..,"a","b"},"samples":[[..]]}`.
/// (`losscast_version` is the caller's to add.)
JsonValue chinchillaFitToJson(const ChinchillaFit& fit, const RunsTable& table, double huberDelta,
                              const ChinchillaBootstrap* bootstrap = nullptr, double level = 0.95);

/// \brief The interval at `level` of g(params): percentiles of g over `samples` (a bootstrap) when there are
/// at least two, else the delta method with the 5 × 5 `covariance` of (E, A, B, alpha, beta) and a
/// central-difference gradient; NaN bounds when neither is available.
std::pair<double, double> chinchillaInterval(const ChinchillaParams& params,
                                             const std::vector<double>& covariance,
                                             const std::vector<ChinchillaParams>& samples, double level,
                                             const std::function<double(const ChinchillaParams&)>& g);

/// \brief The bootstrap samples of `boot` as parameter sets (those with A, B, alpha, beta > 0).
std::vector<ChinchillaParams> bootstrapParams(const ChinchillaBootstrap& boot);

} // namespace losscast::core::scaling
