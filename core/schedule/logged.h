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

} // namespace losscast::core
