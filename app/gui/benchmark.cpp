#include "app/gui/benchmark.h"

namespace losscast::app {

int runDragBenchmark(std::FILE* out)
{
    std::fprintf(out, "benchmark-drag: not available yet\n");
    return 1;
}

} // namespace losscast::app
