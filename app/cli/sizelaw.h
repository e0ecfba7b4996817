#pragma once
/// \file
/// \brief `fit --size-law` and `eval --size-law`: size-aware curve laws over files given as PATH@size=N.

#include "app/cli/args.h"

namespace losscast::cli {

/// True when the raw arguments ask for a size-aware law (`--size-law`).
bool wantsSizeLaw(const Args& args);

/// `losscast-cli fit --size-law ...` (declares and parses its own options).
int runSizeLawFit(Args& args);
/// `losscast-cli eval --size-law ...`.
int runSizeLawEval(Args& args);

/// Help text of the size-aware options, appended to the fit and eval usage.
extern const char* const kSizeLawUsage;

} // namespace losscast::cli
