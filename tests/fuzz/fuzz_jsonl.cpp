// Fuzzes W&B history JSON Lines.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace losscast::core::import;
    auto r = importBytes(std::string_view(reinterpret_cast<const char*>(data), size), "wandb-history.jsonl");
    fuzz::check(r, "wandb-history.jsonl");
    return 0;
}
