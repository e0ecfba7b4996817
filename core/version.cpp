#include "core/version.h"

namespace losscast::core {
std::string version()
{
    return LOSSCAST_VERSION;
}
} // namespace losscast::core
