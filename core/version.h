#pragma once
#include <string>

namespace losscast::core {
/// \brief The LossCast version, as written into exported files.
std::string version();
} // namespace losscast::core
