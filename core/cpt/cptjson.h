#pragma once
/// \file
/// \brief The JSON form of a CPT fit (both validation sets), written by `losscast-cli cpt fit` and read by
/// `cpt predict` / `cpt optimize` and the CPT view:
///
///     {"law":"cpt","settings":{"lambda":0.999,"warmup_as_peak":false,"open_source":false,"model_size":false},
///      "general":{"formula":"..","replay":false,"replay_range":[0,0.5],"params":{"L0":..},"stderr":{..},"held":["C1"],
///                 "covariance":[[..]],"fit":{"seconds":..,"status":..}},
///      "domain":{..same..},"losscast_version":".."}
///
/// Either set may be absent. Reading needs "law" = "cpt" and every parameter of each present set.

#include "core/cpt/cptfit.h"
#include "core/util/diagnostic.h"
#include "core/util/json.h"

#include <optional>
#include <string>

namespace losscast::core::cpt {

struct CptFitPair
{
    std::optional<CptFit> general, domain;
    const std::optional<CptFit>& get(ValidationSet s) const
    {
        return s == ValidationSet::General ? general : domain;
    }
};

/// The member for one set ({"formula","replay","params","stderr","held","covariance","fit"}).
JsonValue toJson(const CptFit& fit);
/// The whole file value.
JsonValue toJson(const CptFitPair& pair);
Result<CptFitPair> parseCptFitFile(std::string_view text, const std::string& name);
Result<CptFitPair> readCptFitFile(const std::string& path);

} // namespace losscast::core::cpt
