// Differential fuzzing of the streaming CSV and text readers: feeding the bytes in pieces (as a growing file
// is read) must give exactly what one read of the whole gives.
#include "fuzz_common.h"

#include "core/import/csv.h"
#include "core/import/textlog.h"

#include <algorithm>
#include <vector>

namespace {
template <class Importer>
losscast::core::import::ImportResult chunked(std::string_view bytes, std::size_t cut1, std::size_t cut2)
{
    using namespace losscast::core::import;
    Importer imp("x.csv", ImportOptions{});
    std::string buf;
    std::size_t pos = 0;
    const std::size_t cuts[] = {cut1, cut2, bytes.size()};
    for (std::size_t c : cuts) {
        c = std::clamp(c, pos, bytes.size());
        buf.append(bytes.substr(pos, c - pos));
        pos = c;
        const std::size_t used = imp.feed(buf.data(), buf.size(), false);
        buf.erase(0, used);
    }
    imp.feed(buf.data(), buf.size(), true);
    return imp.finish();
}

/// The sample the chunked reader sniffs its dialect from (mirrors CsvImporter::feed): the first buffer with
/// a complete line, cut after its last newline; or everything at the end.
std::string_view chunkedSample(std::string_view bytes, std::size_t c1, std::size_t c2)
{
    // chunked() feeds bytes[0:c1], [0:c2] and [0:size] without `final`, then the rest with it.
    bool bomDone = false;
    std::size_t start = 0;
    const std::size_t ends[] = {c1, c2, bytes.size(), bytes.size()};
    for (std::size_t i = 0; i < 4; ++i) {
        const bool final = i == 3;
        std::string_view buf = bytes.substr(0, ends[i]);
        if (!bomDone) {
            if (buf.size() < 3 && !final)
                continue;
            bomDone = true;
            if (buf.size() >= 3 && buf.substr(0, 3) == "\xEF\xBB\xBF")
                start = 3;
        }
        std::string_view rest = buf.substr(std::min(start, buf.size()));
        if (final)
            return rest.substr(0, 1 << 16);
        const auto nl = rest.rfind('\n');
        if (nl != std::string_view::npos)
            return rest.substr(0, nl + 1);
    }
    return {};
}

bool same(const losscast::core::import::ImportResult& a, const losscast::core::import::ImportResult& b)
{
    if (a.runs.size() != b.runs.size() || a.format != b.format ||
        a.diagnostics.size() != b.diagnostics.size())
        return false;
    for (std::size_t i = 0; i < a.runs.size(); ++i) {
        if (a.runs[i].name != b.runs[i].name || a.runs[i].series.size() != b.runs[i].series.size())
            return false;
        for (std::size_t k = 0; k < a.runs[i].series.size(); ++k) {
            const auto& x = a.runs[i].series[k];
            const auto& y = b.runs[i].series[k];
            if (x.name != y.name || x.steps != y.steps || x.values != y.values)
                return false;
        }
    }
    for (std::size_t i = 0; i < a.diagnostics.size(); ++i)
        if (a.diagnostics[i].line != b.diagnostics[i].line ||
            a.diagnostics[i].message != b.diagnostics[i].message)
            return false;
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace losscast::core::import;
    if (size < 3)
        return 0;
    // Sniffing looks at the first 64 KiB or the whole input; keep inputs below that so that both reads sniff
    // the same bytes.
    if (size > 60000)
        return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::size_t c1 = data[0] % (bytes.size() + 1);
    const std::size_t c2 = c1 + data[1] % (bytes.size() - c1 + 1);
    std::string_view wholeSample = bytes;
    if (wholeSample.substr(0, 3) == "\xEF\xBB\xBF")
        wholeSample.remove_prefix(3);
    const auto dw = detail::sniffDialect(wholeSample.substr(0, 1 << 16), "x.csv");
    const auto dc = detail::sniffDialect(chunkedSample(bytes, c1, c2), "x.csv");
    // A growing file is sniffed on its first complete lines; compare only when that gives the same dialect.
    if (dw.delimiter == dc.delimiter && dw.hasHeader == dc.hasHeader && dw.decimalComma == dc.decimalComma) {
        detail::CsvImporter whole("x.csv", ImportOptions{});
        whole.feed(bytes.data(), bytes.size(), true);
        auto a = whole.finish();
        auto b = chunked<detail::CsvImporter>(bytes, c1, c2);
        if (!same(a, b))
            std::abort();
    }
    {
        detail::TextLogImporter whole("x.csv", ImportOptions{});
        whole.feed(bytes.data(), bytes.size(), true);
        auto a = whole.finish();
        auto b = chunked<detail::TextLogImporter>(bytes, c1, c2);
        if (!same(a, b))
            std::abort();
    }
    return 0;
}
