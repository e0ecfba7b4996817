#pragma once
/// \file
/// \brief The per-step learning-rate history a law is evaluated on (what a Schedule renders).

#include <cstdint>
#include <vector>

namespace losscast::core {

/// \brief A learning-rate history and the steps at which the law is evaluated.
///
/// `lr[s]` is the LR of the update that produces the model at step s (s = 1..N); `lr[0]` is the LR before the
/// first update (the warmup start). The loss at step s depends on lr[1..s]. `warmupSteps` tells the law where
/// the warmup ends (MPL's t = 1 is the first step after it; MTL can treat warmup LRs as η_max).
struct ScheduleInput
{
    std::vector<double> lr;
    std::int64_t warmupSteps = 0;
    /// Model size N in millions of parameters (the unit of `cpt --model-size`), for the size-aware laws
    /// (core/laws/sizelaw.h); 0 = unknown. Laws of one model size ignore it.
    double modelSize = 0.0;
};

} // namespace losscast::core
