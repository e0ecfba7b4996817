#pragma once
/// \file
/// \brief The window's "Fixed" column uses the core adapter (core/fit/fixedlaw.h).

#include "core/fit/fixedlaw.h"

namespace losscast::app {
using core::FixedParamsLaw;
} // namespace losscast::app
