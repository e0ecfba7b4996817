#pragma once
/// \file
/// \brief Forwarding header kept for existing includes: Curve lives in core/curve/curve.h (include that).
#include "core/curve/curve.h"
