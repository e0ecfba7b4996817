// Fuzzes the text-log parser (nanoGPT, llm.c, modded-nanogpt, Megatron lines, resumes).
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace losscast::core::import;
    ImportOptions o;
    o.format = Format::Text;
    auto r = importBytes(std::string_view(reinterpret_cast<const char*>(data), size), "train.log", o);
    fuzz::check(r, "train.log");
    return 0;
}
