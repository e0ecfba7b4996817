#pragma once
/// \file
/// \brief The window's "Fixed" column uses the core adapter (core/laws/fixedlaw.h).

#include "core/laws/fixedlaw.h"

namespace losscast::app {
using core::FixedParamsLaw;
} // namespace losscast::app
