#pragma once
/// \file
/// \brief The rows of the Model dock's parameter table, built from a fit: name, description, value ± standard
/// error, the Fixed tick, and "at bound" for a free parameter that ended on a bound of its box.

#include "core/fit/fitter.h"
#include "core/laws/law.h"
#include "widgets/parametertable.h"

#include <vector>

namespace losscast::app {

/// One row per fitted parameter of `fit` (names from the fit, else from `law`); `fixed[i]` ticks Fixed and
/// suppresses the bound note (a held parameter does not "end" on a bound).
std::vector<widgets::ParameterTable::Row>
parameterRows(const core::CurveLaw& law, const core::fit::CurveFit& fit, const std::vector<bool>& fixed);

} // namespace losscast::app
