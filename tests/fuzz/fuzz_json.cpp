// Fuzzes JSON documents: trainer_state.json, TensorBoard JSON, wandb-summary.json.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace losscast::core::import;
    if (size == 0)
        return 0;
    static const char* names[] = {"trainer_state.json", "run-a-tag-b.json", "wandb-summary.json", "x.json"};
    const std::string name = names[data[0] % 4];
    ImportOptions o;
    o.format = (data[0] & 0x10) ? Format::HfTrainer : Format::Auto;
    auto r = importBytes(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), name, o);
    fuzz::check(r, name);
    return 0;
}
