#pragma once
/// \file
/// \brief The one JSON form of a fitted mixing law (CLI `mix fit --out`, `mix predict/optimize --fit`, the
/// session file).
///
///     {"law":"data_mixing_ye2024","formula":..,"domains":[..],
///      "targets":[{"name":..,"weight":w,"c":..,"k":..,"t":{domain:..},
///                  "stderr":{"c":..,"k":..,"t":{domain:..}},"theta":[c,u_1..u_D],"covariance":[..],
///                  "fit":{summary}}],
///      "fit":{"seconds":s},"losscast_version":..}
/// `theta` (c, u_j = t_j + log k) and `covariance` are what a reader uses; c/k/t are for people.

#include "core/mixing/mixinglaw.h"
#include "core/util/json.h"

namespace losscast::core::mixing {

inline constexpr const char* kMixingLawId = "data_mixing_ye2024";

JsonValue toJson(const MixingLawFit& fit);
/// \brief Reads a fit written by toJson. Errors name the file and the JSON member. Files are read by
/// readMixtureModels (mixmodels.h), which takes this form and the implicit model's; predictions are written
/// by its predictionToJson.
Result<MixingLawFit> mixingFitFromJson(const JsonValue& value, const std::string& name);

/// \brief The fit file's "domains": a non-empty array of strings (the law's and the implicit model's form);
/// an error names `name` and the member.
Result<std::vector<std::string>> domainsFromJson(const JsonValue& fit, const std::string& name);

/// \brief Index of domain `name` in `domains`: an exact match, else the unique domain ending in "_" + name
/// (so "pile_cc" finds "train_the_pile_pile_cc"); -1 when none, -2 when ambiguous.
int findDomain(const std::vector<std::string>& domains, const std::string& name);

} // namespace losscast::core::mixing
