#pragma once
/// \file
/// \brief The LR of every step rebuilt from an LR logged at some steps only (every importer uses it).

#include <cstdint>
#include <span>
#include <vector>

namespace losscast::core {

/// \brief The LR at every integer step 0..lastStep from logged points (steps ascending, same length).
///
/// Before the first point the first value holds, after the last point the last value. Between two points the
/// LR is interpolated linearly, except for a step change between two flat stretches: when the LR changes
/// between points i and i+1 while point i−1 logged the same LR as point i and point i+2 the same as i+1, the
/// old LR is held up to (not including) step i+1 and the new one starts there. Logged LRs are the LRs in use
/// at their step, so a schedule that drops between two logging steps is seen at the first step logging the
/// new LR; a linear ramp would smear the drop over the logging interval. On the MPL paper's wsdcon runs
/// (drop 3e-4 → 1.8e-4 at step 8000, logged at 7936 and 8000) this rebuilds the authors' per-step LR
/// exactly, where the ramp put up to 64 steps of intermediate LRs before the drop.
std::vector<double> rebuildLoggedLr(std::span<const double> steps, std::span<const double> values,
                                    std::int64_t lastStep);

/// \brief The warmup a run was trained with, read from its LR of every step 0..N: the first step at which an
/// LR that rises from the start reaches its peak (within 1e-6; float logs round 6e-4 to 5.99999e-4).
///
/// 0 when lr[0] is already the peak, when nothing is positive, or when the LR falls on the way up (then the
/// start is not a warmup ramp). The fit and every scenario use this one warmup (the MPL's S_W and the first
/// step of LD, Luo et al. 2025 Eq. 1–2): a run logged from step 0 through its ramp, fitted with warmup 0,
/// counts the ramp's LR rises as negative loss drops while a scenario of the same schedule with its warmup
/// does not, and the two then predict different losses for the same schedule.
std::int64_t detectWarmup(std::span<const double> lr);

} // namespace losscast::core
