#pragma once
/// \file
/// \brief A small, strict command-line parser: `--name value`, `--name=value`, repeated options, flags,
/// and positionals. Unknown options are errors that name the option.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace losscast::cli {

class Args
{
public:
    Args(std::string command, std::vector<std::string> raw);

    const std::string& command() const { return m_command; }
    /// The arguments as given (for commands with verbs, e.g. `mix fit ...`, that re-parse the rest).
    const std::vector<std::string>& raw() const { return m_raw; }

    /// Declares the options this subcommand takes; must be called before any accessor.
    /// `multi` options take one or more values until the next `--option` (e.g. `--train A.csv B.csv`).
    void declare(std::set<std::string> valued, std::set<std::string> multi = {},
                 std::set<std::string> flags = {});
    /// Parses; on failure returns false and sets error(). Accepts --help as a flag always.
    bool parse();
    const std::string& error() const { return m_error; }

    bool has(const std::string& name) const;
    bool flag(const std::string& name) const { return has(name); }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

    /// Number parsing with a message that names the option: "--every: expected an integer, got 'x'".
    bool intValue(const std::string& name, long long& out, long long fallback);
    bool doubleValue(const std::string& name, double& out, double fallback);

private:
    std::string m_command;
    std::vector<std::string> m_raw;
    std::set<std::string> m_valued, m_multi, m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
    std::string m_error;
};

} // namespace losscast::cli
