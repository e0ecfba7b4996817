#include "app/cli/registry.h"

namespace losscast::cli {
std::vector<Command>& commands()
{
    static std::vector<Command> all;
    return all;
}
} // namespace losscast::cli
