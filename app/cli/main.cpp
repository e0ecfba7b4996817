// losscast-cli: the headless face of the LossCast engine.
#include "app/cli/registry.h"
#include "core/version.h"

#include <algorithm>
#include <iostream>

using namespace losscast;

static void printHelp(std::ostream& os)
{
    os << "losscast-cli " << core::version() << " — scaling laws for LM training runs, headless\n\n"
       << "usage: losscast-cli COMMAND [options]   (losscast-cli COMMAND --help for details)\n\ncommands:\n";
    auto cmds = cli::commands();
    std::sort(cmds.begin(), cmds.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& c : cmds)
        os << "  " << c.name << std::string(c.name.size() < 18 ? 18 - c.name.size() : 1, ' ') << c.summary
           << '\n';
}

int main(int argc, char** argv)
{
    std::vector<std::string> raw(argv + 1, argv + argc);
    // `losscast-cli help fit` is `losscast-cli fit --help`.
    if (raw.size() > 1 && raw[0] == "help") {
        raw.erase(raw.begin());
        raw.push_back("--help");
    }
    if (raw.empty() || raw[0] == "--help" || raw[0] == "-h" || raw[0] == "help") {
        printHelp(std::cout);
        return raw.empty() ? cli::kExitUsage : cli::kExitOk;
    }
    if (raw[0] == "--version") {
        std::cout << "losscast-cli " << core::version() << '\n';
        return cli::kExitOk;
    }
    const std::string name = raw[0];
    raw.erase(raw.begin());
    for (const auto& c : cli::commands()) {
        if (c.name != name)
            continue;
        if (std::find(raw.begin(), raw.end(), "--help") != raw.end() ||
            std::find(raw.begin(), raw.end(), "-h") != raw.end()) {
            // `mix fit --help`: the verb's own usage when the command has verbs and knows this one.
            if (c.verbUsage && !raw.empty() && !raw[0].empty() && raw[0][0] != '-') {
                const std::string verb = c.verbUsage(raw[0]);
                if (!verb.empty()) {
                    std::cout << verb;
                    return cli::kExitOk;
                }
            }
            std::cout << c.usage;
            return cli::kExitOk;
        }
        cli::Args args(name, raw);
        try {
            return c.run(args);
        } catch (const std::exception& e) {
            std::cerr << "losscast-cli " << name << ": error: " << e.what() << '\n';
            return cli::kExitFailure;
        }
    }
    std::cerr << "losscast-cli: unknown command '" << name << "'\n\n";
    printHelp(std::cerr);
    return cli::kExitUsage;
}
