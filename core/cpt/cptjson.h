#pragma once
/// \file
/// \brief The JSON form of a CPT fit (both validation sets), written by `losscast-cli cpt fit` and read by
/// `cpt predict` / `cpt optimize` and the CPT view:
///
///     {"law":"cpt","settings":{"lambda":0.999,"warmup_as_peak":false,"open_source":false,"model_size":false},
///      "general":{"formula":"..","replay":false,"replay_range":[0,0.5],"params":{"L0":..},"stderr":{..},"held":["C1"],
///                 "covariance":[[..]],"fit":{"seconds":..,"status":..}},
///      "domain":{..same..},"pt_schedule":{..},"losscast_version":".."}
///
/// Either set may be absent. Reading needs "law" = "cpt" and every parameter of each present set.
/// "at_bound" / "stderr_note" per set mark parameters resting on a bound (see addBoundMarkers in fitfile.h).
///
/// "pt_schedule" (optional) is the PT schedule the fit goes with when it is not the parametric one: the LR
/// of PT steps 0..N taken from a run (View → CPT: PT Schedule from Selected Run, or the PT shared by the runs
/// of `cpt fit`). `cpt predict` / `cpt optimize` use it unless --pt-* options are given. Compact forms:
///     {"steps":N,"warmup_steps":W,"spec":"cosine:peak=..,steps=N,.."}   a schedule reproducing every LR
///     {"steps":N,"warmup_steps":W,"lr_runs":[[0,0],[1,1e-5],..]}       else: [step, LR] where the LR
///                                                                        changes, step ascending from 0

#include "core/cpt/cptfit.h"
#include "core/util/diagnostic.h"
#include "core/util/json.h"

#include <optional>
#include <span>
#include <string>

namespace losscast::core::cpt {

struct CptFitPair
{
    std::optional<CptFit> general, domain;
    /// The PT schedule carried with the fit: LR of PT steps 0..N (CptScenario::ptSchedule()); empty: none.
    std::vector<double> ptSchedule;
    std::int64_t ptWarmupSteps = 0;
    const std::optional<CptFit>& get(ValidationSet s) const
    {
        return s == ValidationSet::General ? general : domain;
    }
};

/// The member for one set ({"formula","replay","params","stderr","held","covariance","fit"}).
JsonValue toJson(const CptFit& fit);
/// The whole file value.
JsonValue toJson(const CptFitPair& pair);
/// \brief The compact "pt_schedule" value for the LRs of PT steps 0..N (see the file comment): a schedule
/// spec when one reproduces every LR within 1e-12 of the largest, else the LR runs.
JsonValue ptScheduleToJson(std::span<const double> lr, std::int64_t warmupSteps);
/// \brief Expands a "pt_schedule" value to the LRs of steps 0..N; errors name `where` and the member.
Result<std::vector<double>> ptScheduleFromJson(const JsonValue& v, std::int64_t& warmupSteps,
                                               const std::string& where = "pt_schedule");

Result<CptFitPair> parseCptFitFile(std::string_view text, const std::string& name);
Result<CptFitPair> readCptFitFile(const std::string& path);

} // namespace losscast::core::cpt
