#pragma once
/// \file
/// \brief The one CSV line and field reader of core: RFC 4180 records (quotes with `""` escapes and embedded
/// line breaks, CRLF, blank and `#` comment lines, 1-based line numbers) for every CSV reader — the streaming
/// CSV-family importer (core/import/csv.h) feeds CsvTokenizer chunk by chunk; the small strict readers of
/// whole files (core/io/curvecsv.h, core/cpt/cptcsv.h, core/mixing/table.h) walk a CsvText. Each reader keeps
/// its own columns, checks and messages.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// \brief Splits bytes into records. Handles quotes (with "" escapes and embedded newlines), CRLF (and a lone
/// CR) line ends, blank lines and '#' comment lines. Text after a closing quote (`"a"b`) is ignored up to the
/// delimiter. Fields are not trimmed; they point into the input or into an internal buffer (for unescaped
/// quotes) and are valid until the next call.
class CsvTokenizer
{
public:
    explicit CsvTokenizer(char delimiter) : m_delim(delimiter) {}

    /// Reads one record starting at `p`. Returns the position after it, or nullptr when the record is not
    /// complete before `end` and `final` is false (the caller feeds more bytes). On return `line` is the
    /// 1-based line where the record started. `fields` is empty for blank and comment lines. With `final`, a
    /// quote still open at `end` ends the field there and sets *unterminatedQuote.
    const char* next(const char* p, const char* end, bool final, std::vector<std::string_view>& fields,
                     std::int64_t& line, bool* unterminatedQuote = nullptr);

    std::int64_t currentLine() const { return m_line; }
    void setCurrentLine(std::int64_t l) { m_line = l; }

private:
    char m_delim;
    std::int64_t m_line = 1;
    std::deque<std::string> m_scratch; // a deque never moves its elements, so field views stay valid
};

/// \brief A whole CSV text read record by record, for the small strict readers: a UTF-8 byte-order mark is
/// skipped; blank lines, lines of spaces and lines whose first non-space character is `#` are skipped; the
/// delimiter is a comma, or a tab when the first record's line has a tab and no comma. Fields are
/// CsvTokenizer records with unquoted fields trimmed of spaces, tabs and CRs and then stripped of one pair of
/// surrounding double quotes (`"lr" ,` is `lr`); a quoted field keeps its inner text as it is (`" a,b "` is `
/// a,b `).
///
///     CsvText csv(text);
///     while (csv.next())
///         use(csv.line(), csv.fields());
class CsvText
{
public:
    explicit CsvText(std::string_view text);

    /// Reads the next record; false at the end of the text.
    bool next();
    /// The 1-based line where the current record starts (continuation lines of a quoted field count).
    std::int64_t line() const { return m_line; }
    /// The current record's fields, valid until the next call of next().
    const std::vector<std::string_view>& fields() const { return m_fields; }
    /// Whether the current record's last field opened a quote that the text never closes (the field then runs
    /// to the end of the text).
    bool unterminatedQuote() const { return m_unterminated; }
    /// The delimiter chosen from the first record's line (',' before the first next()).
    char delimiter() const { return m_delim; }

private:
    std::string_view m_text;
    const char* m_pos;
    char m_delim = ',';
    bool m_started = false;
    bool m_unterminated = false;
    std::int64_t m_line = 0;
    CsvTokenizer m_tok{','};
    std::vector<std::string_view> m_raw; ///< the tokenizer's fields, before trimming
    std::vector<std::string_view> m_fields;
};

} // namespace losscast::core
