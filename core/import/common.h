#pragma once
/// \file
/// \brief Helpers shared by the importers (not part of the public API): number cells, warning caps,
/// series clean-up.

#include "core/import/run.h"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core::import::detail {

enum class Cell
{
    Number,
    Missing,
    Text
};

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

/// Parses one cell. Non-finite numbers and the missing tokens are Missing (a gap), never zero.
inline Cell parseCell(const char* b, const char* e, double& out)
{
    // The common case (a plain number without spaces) goes straight to from_chars.
    if (b != e && *b != '+' && !isSpace(*b)) {
        auto [p, ec] = std::from_chars(b, e, out);
        if (ec == std::errc() && p == e) {
            if (out - out == 0.0) // finite
                return Cell::Number;
            return Cell::Missing;
        }
    }
    while (b != e && isSpace(*b))
        ++b;
    while (e != b && isSpace(e[-1]))
        --e;
    if (isMissingToken(b, e))
        return Cell::Missing;
    if (*b == '+')
        ++b;
    auto [p, ec] = std::from_chars(b, e, out);
    if (p == e && ec == std::errc())
        return out - out == 0.0 ? Cell::Number : Cell::Missing;
    if (ec == std::errc::result_out_of_range && p == e)
        return Cell::Missing; // 1e999: not representable, treat as no value (with the caller's warning)
    return Cell::Text;
}

/// At most the first 16 bytes of a cell for a message (whole UTF-8 characters, "…" when cut): a file
/// that is not a training log (a session may point at /etc/shadow) must not be echoed back.
inline std::string excerpt(std::string_view s)
{
    s = trim(s);
    if (s.size() <= 16)
        return std::string(s);
    std::size_t n = 16;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n; // not inside a multi-byte character
    return std::string(s.substr(0, n)) + "…";
}

/// True for a cell that holds NaN or ±Inf (written as such, or a number too large for a double): a value
/// that was logged but is not finite, as opposed to an empty or "null" cell.
inline bool isNonFiniteText(std::string_view s)
{
    s = trim(s);
    if (!s.empty() && (s.front() == '+' || s.front() == '-'))
        s.remove_prefix(1);
    if (s.empty() || s.size() > 400)
        return false;
    if (s.size() <= 8) {
        char l[8];
        for (std::size_t i = 0; i < s.size(); ++i)
            l[i] = static_cast<char>(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
        const std::string_view v(l, s.size());
        if (v == "nan" || v == "inf" || v == "infinity")
            return true;
    }
    double v;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return p == s.data() + s.size() &&
           (ec == std::errc::result_out_of_range || (ec == std::errc() && v - v != 0.0));
}

inline Cell parseCell(std::string_view s, double& out)
{
    return parseCell(s.data(), s.data() + s.size(), out);
}

/// \brief Collects diagnostics for one file; repeated warnings of one kind are capped so that a broken
/// million-line file gives a readable report ("... and 99995 more like this").
class DiagnosticLog
{
public:
    explicit DiagnosticLog(std::string file, std::size_t capPerKind = 5)
        : m_file(std::move(file)), m_cap(capPerKind)
    {
    }
    void warn(const std::string& kind, std::int64_t line, std::string message, std::string where = {});
    void error(std::int64_t line, std::string message, std::string where = {});
    /// Appends the "more like this" summaries; returns everything collected.
    std::vector<Diagnostic> take();
    bool hasError() const { return m_hasError; }
    const std::string& file() const { return m_file; }

private:
    std::string m_file;
    std::size_t m_cap;
    std::vector<Diagnostic> m_out;
    std::map<std::string, std::size_t> m_counts;
    std::map<std::string, std::size_t> m_firstIndex;
    bool m_hasError = false;
};

/// \brief How to reconcile out-of-order or repeated steps within one series.
enum class StepPolicy
{
    SortKeepLast,   ///< tables: sort by step (stable), a repeated step keeps the value written last
    ResumeTruncate, ///< logs: a step that goes back starts a new segment; older points at ≥ that step are
                    ///< dropped
};

/// Sorts/dedupes a series in place by the policy, warning with what was done. `firstBadLine` is the source
/// line where the order first broke (0 when unknown), for the message.
void normalizeSeries(Series& s, StepPolicy policy, DiagnosticLog& log, std::int64_t firstBadLine,
                     const std::string& runName);

/// Reads flat "key: value" YAML (Lightning hparams.yaml; W&B config.yaml with its "value:" children) into
/// `out` with keys prefixed by `prefix`. Missing or unreadable files add nothing.
void readSimpleYaml(const std::string& path, const std::string& prefix,
                    std::map<std::string, std::string>& out);

/// Lower-case ASCII copy.
std::string lower(std::string_view s);

/// File name without directories.
std::string baseName(const std::string& path);

} // namespace losscast::core::import::detail
