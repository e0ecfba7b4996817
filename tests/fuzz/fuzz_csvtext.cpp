// Fuzzes the one CSV line and field reader (core/util/csvtext.h) and the three small readers on it (curve,
// CPT and mixing-table CSVs): whatever the bytes, each returns; records come in ascending line order with at
// least one field; every error names its file and says something.
#include "core/cpt/cptcsv.h"
#include "core/io/curvecsv.h"
#include "core/mixing/table.h"
#include "core/util/csvtext.h"

#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void checkDiagnostics(const std::vector<losscast::core::Diagnostic>& diagnostics, const std::string& name)
{
    for (const auto& d : diagnostics)
        if (d.file != name || d.message.empty() || d.line < 0)
            std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace losscast::core;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    CsvText csv(bytes);
    std::int64_t last = 0;
    while (csv.next()) {
        if (csv.line() <= last || csv.fields().empty())
            std::abort();
        last = csv.line();
    }
    checkDiagnostics(parseCurveCsv(bytes, "x.csv", kAutoWarmup).diagnostics, "x.csv");
    cpt::CptCsvOptions options;
    options.switchStep = 10;
    checkDiagnostics(cpt::parseCptCsv(bytes, "c.csv", options).diagnostics, "c.csv");
    checkDiagnostics(mixing::parseTable(bytes, "m.csv").diagnostics, "m.csv");
    checkDiagnostics(mixing::parseExperiments(bytes, "e.csv").diagnostics, "e.csv");
    return 0;
}
