#pragma once
/// \file
/// \brief Shared pieces of `losscast-cli mix` (cmd_mix.cpp: mixing law; cmd_mix_scale.cpp: AutoScale,
/// Domain2Vec, the practice heuristic).

#include "app/cli/args.h"
#include "core/util/diagnostic.h"

#include <string>
#include <utility>
#include <vector>

namespace losscast::cli {

void printDiagnostics(const Args& args, const std::vector<core::Diagnostic>& diags);
/// The non-empty items of `option`, comma-separated and/or repeated, trimmed, in order.
std::vector<std::string> commaItems(const Args& args, const std::string& option);

/// NAME=NUMBER items, comma-separated and/or repeated; false after printing a usage error.
bool parseKeyValues(Args& args, const std::string& option, std::vector<std::pair<std::string, double>>& out);
/// As parseKeyValues, placed by domain (core::mixing::findDomain); unnamed domains get `fallback`.
bool valuesByDomain(Args& args, const std::string& option, const std::vector<std::string>& domains,
                    double fallback, std::vector<double>& out);

int runAutoScale(Args& args);
int runAlign(Args& args);
int runHeuristic(Args& args);

} // namespace losscast::cli
