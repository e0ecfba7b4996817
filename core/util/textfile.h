#pragma once
/// \file
/// \brief Reading and writing whole text files with messages that name the file.

#include "core/util/diagnostic.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// \brief The bytes of a file. Fails with a message naming the file when it cannot be opened or read, is a
/// directory, or is larger than `maxBytes`.
Result<std::string> readTextFile(const std::string& path, std::uint64_t maxBytes = std::uint64_t(1) << 31);

/// \brief Writes `text` to `path` through writeFileAtomically() (core/util/atomicfile.h): a temporary in the
/// same folder renamed over the target only once everything is on disk; refused when `path` is one of
/// `inputs`. On failure returns an error Diagnostic naming the file and the previous file is unchanged.
Result<bool> writeTextFile(const std::string& path, std::string_view text,
                           const std::vector<std::string>& inputs = {});

/// \brief The file name without directories and without the last extension ("a/25M_cosine.csv" →
/// "25M_cosine").
std::string fileStem(const std::string& path);

} // namespace losscast::core
