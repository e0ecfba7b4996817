#pragma once
/// \file
/// \brief SHA-256 (FIPS 180-4) of bytes and files, so exported fits name exactly the data they were fitted
/// on.

#include <optional>
#include <string>
#include <string_view>

namespace losscast::core {

/// Lower-case hex digest of `bytes`.
std::string sha256Hex(std::string_view bytes);
/// Lower-case hex digest of the file's bytes, or nothing when it cannot be read.
std::optional<std::string> sha256File(const std::string& path);

} // namespace losscast::core
