// losscast-cli: the headless face of the LossCast engine.
#include "app/cli/registry.h"
#include "core/version.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

using namespace losscast;

namespace {

/// std::cout through stdout's own buffer (so printf and << keep their order), remembering the first failed
/// write and its errno: by the time a command returns, errno has long been overwritten.
class CheckedStdout : public std::streambuf
{
public:
    bool failed() const { return m_failed; }
    int error() const { return m_errno; }
    /// Flushes stdout; false when anything written since the start was lost.
    bool finish()
    {
        errno = 0;
        if (std::fflush(stdout) != 0 || std::ferror(stdout))
            record();
        return !m_failed;
    }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        return put(&ch, 1) ? c : traits_type::eof();
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        return put(s, static_cast<std::size_t>(n)) ? n : 0;
    }
    int sync() override
    {
        errno = 0;
        if (std::fflush(stdout) != 0)
            record();
        return m_failed ? -1 : 0;
    }

private:
    bool put(const char* s, std::size_t n)
    {
        errno = 0;
        if (std::fwrite(s, 1, n, stdout) == n)
            return true;
        record();
        return false;
    }
    void record()
    {
        if (!m_failed)
            m_errno = errno;
        m_failed = true;
    }
    bool m_failed = false;
    int m_errno = 0;
};

CheckedStdout g_stdout;

} // namespace

/// A full disk or a closed pipe must not pass for success: flush stdout and turn a failed write into exit 1
/// with a message naming the reason (stderr usually still works when stdout does not).
static int checkedExit(const std::string& name, int code)
{
    if (g_stdout.finish())
        return code;
    const int err = g_stdout.error();
    std::cerr << "losscast-cli" << (name.empty() ? "" : " " + name) << ": cannot write to standard output"
              << (err ? std::string(": ") + std::strerror(err) : std::string())
              << " (the output is incomplete)\n";
    return code == cli::kExitOk ? cli::kExitFailure : code;
}

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
    // Restored before g_stdout is destroyed: the final flush of std::cout at exit must not reach it.
    struct RestoreCout
    {
        std::streambuf* previous;
        ~RestoreCout() { std::cout.rdbuf(previous); }
    } restore{std::cout.rdbuf(&g_stdout)};
    std::vector<std::string> raw(argv + 1, argv + argc);
    // `losscast-cli help fit` is `losscast-cli fit --help`.
    if (raw.size() > 1 && raw[0] == "help") {
        raw.erase(raw.begin());
        raw.push_back("--help");
    }
    if (raw.empty() || raw[0] == "--help" || raw[0] == "-h" || raw[0] == "help") {
        printHelp(std::cout);
        return checkedExit("", raw.empty() ? cli::kExitUsage : cli::kExitOk);
    }
    if (raw[0] == "--version") {
        std::cout << "losscast-cli " << core::version() << '\n';
        return checkedExit("", cli::kExitOk);
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
                    return checkedExit(name, cli::kExitOk);
                }
            }
            std::cout << c.usage;
            return checkedExit(name, cli::kExitOk);
        }
        cli::Args args(name, raw);
        try {
            return checkedExit(name, c.run(args));
        } catch (const std::exception& e) {
            std::cerr << "losscast-cli " << name << ": error: " << e.what() << '\n';
            return checkedExit(name, cli::kExitFailure);
        }
    }
    std::cerr << "losscast-cli: unknown command '" << name << "'\n\n";
    printHelp(std::cerr);
    return cli::kExitUsage;
}
