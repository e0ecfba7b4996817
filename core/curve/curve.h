#pragma once
/// \file
/// \brief A measured loss curve with the learning rate of every step: what importers and curve files produce
/// and the fitter consumes. Its own folder so that readers (io, import) do not depend on the fitter.

#include "core/schedule/input.h"

#include <cstdint>
#include <string>
#include <vector>

namespace losscast::core {

struct Curve
{
    std::string name;                ///< display name (file stem or run name)
    std::string source;              ///< file it was read from, for messages and exports
    ScheduleInput schedule;          ///< LR of every step 0..N (N ≥ last step)
    std::vector<std::int64_t> steps; ///< ascending, each in 1..N
    std::vector<double> loss;        ///< same length as steps, finite and > 0
};

} // namespace losscast::core
