#pragma once
/// \file
/// \brief Subcommands of losscast-cli register themselves here (one cmd_<name>.cpp each).

#include "app/cli/args.h"

#include <functional>
#include <string>
#include <vector>

namespace losscast::cli {

struct Command
{
    std::string name;
    std::string summary;           ///< one line for `losscast-cli --help`
    std::string usage;             ///< full text for `losscast-cli NAME --help`
    std::function<int(Args&)> run; ///< returns the process exit code
    /// For commands with verbs (`mix fit`): the usage of one verb, "" when there is no such verb. Unset for
    /// commands without verbs.
    std::function<std::string(const std::string& verb)> verbUsage = {};
};

std::vector<Command>& commands();

struct Registrar
{
    explicit Registrar(Command c) { commands().push_back(std::move(c)); }
};

/// Exit codes: 0 ok, 1 runtime failure (bad file, fit failed), 2 usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

} // namespace losscast::cli
