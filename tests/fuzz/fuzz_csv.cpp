// Fuzzes the CSV family (generic, W&B chart/history/runs table, TensorBoard, Lightning) through detection.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace losscast::core::import;
    if (size == 0)
        return 0;
    // The first byte picks the file name, so name-based detection is exercised too.
    static const char* names[] = {"x.csv", "x.tsv", "metrics.csv", "run-a-tag-loss.csv"};
    const std::string name = names[data[0] % 4];
    ImportOptions o;
    o.format = Format::Csv;
    if (data[0] & 0x10)
        o.format = Format::Auto;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto r = importBytes(bytes, name, o);
    fuzz::check(r, name);
    return 0;
}
