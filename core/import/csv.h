#pragma once
/// \file
/// \brief RFC 4180 tokenizer, dialect sniffing and the CSV-family importers (generic CSV/TSV, W&B chart
/// export, W&B API history, W&B runs table, TensorBoard scalar CSV, Lightning metrics.csv). Internal header.

#include "core/import/common.h"
#include "core/import/run.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core::import::detail {

struct CsvDialect
{
    char delimiter = ',';
    bool decimalComma = false; ///< "3,14" is 3.14 (only with ';' or tab delimiters)
    bool hasHeader = true;
};

/// \brief Splits bytes into records. Handles quotes (with "" escapes and embedded newlines), CRLF, blank
/// lines and '#' comment lines. Fields point into the input or into an internal buffer (for unescaped
/// quotes); they are valid until the next call.
class CsvTokenizer
{
public:
    explicit CsvTokenizer(char delimiter) : m_delim(delimiter) {}

    /// Reads one record starting at `p`. Returns the position after it, or nullptr when the record is not
    /// complete before `end` and `final` is false (the caller feeds more bytes). On return `line` is the
    /// 1-based line where the record started. `fields` is empty for blank and comment lines.
    const char* next(const char* p, const char* end, bool final, std::vector<std::string_view>& fields,
                     std::int64_t& line, bool* unterminatedQuote = nullptr);

    std::int64_t currentLine() const { return m_line; }
    void setCurrentLine(std::int64_t l) { m_line = l; }

private:
    char m_delim;
    std::int64_t m_line = 1;
    std::deque<std::string> m_scratch; // a deque never moves its elements, so field views stay valid
};

/// Guesses delimiter, header and decimal comma from the first bytes of a file.
CsvDialect sniffDialect(std::string_view sample, const std::string& fileName);

/// \brief Streaming importer for the CSV family: feed bytes (in any chunks), then snapshot() or finish().
class CsvImporter
{
public:
    CsvImporter(std::string file, const ImportOptions& options);
    ~CsvImporter();

    /// Parses the complete records in [data, data+size); returns how many bytes were consumed. With
    /// `final`, a last record without a newline is parsed too.
    std::size_t feed(const char* data, std::size_t size, bool final);

    /// A cleaned copy of what was read so far (sorted, deduplicated, roles detected).
    ImportResult snapshot() const;
    /// Same, moving the data out (the importer is spent afterwards).
    ImportResult finish();

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace losscast::core::import::detail
