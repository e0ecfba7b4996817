#pragma once
/// \file
/// \brief Dialect sniffing and the CSV-family importers (generic CSV/TSV, W&B chart export, W&B API history,
/// W&B runs table, TensorBoard scalar CSV, Lightning metrics.csv) on the RFC 4180 tokenizer of
/// core/util/csvtext.h. Internal header.

#include "core/import/common.h"
#include "core/import/run.h"
#include "core/util/csvtext.h"

#include <cstddef>
#include <cstdint>
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

/// The tokenizer of every CSV reader (core/util/csvtext.h).
using CsvTokenizer = core::CsvTokenizer;

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
