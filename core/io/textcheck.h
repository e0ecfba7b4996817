#pragma once
/// \file
/// \brief Telling text input from binary data before parsing it, so that a wrong file gets one clear message
/// instead of a "parsed, 0 runs" report or raw bytes echoed into the terminal.

#include "core/util/diagnostic.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace losscast::core {

/// How many leading bytes binaryDataOffset() looks at.
inline constexpr std::size_t kTextCheckBytes = 1024;

/// \brief The offset of the first byte in the first kTextCheckBytes of `head` that text does not contain: a
/// NUL byte or a byte that is not part of valid UTF-8. A multi-byte sequence that starts inside the window is
/// checked to its end; one cut off by the end of the input is not counted against it. Nothing when the window
/// looks like text.
std::optional<std::size_t> binaryDataOffset(std::string_view head);

/// \brief `text` safe to print to a terminal: control bytes (other than tab) and bytes that are not valid
/// UTF-8 are written as \xNN; valid UTF-8 text is kept as it is.
std::string printableText(std::string_view text);

/// \brief A whole text file (readTextFile()), refused with notTextMessage() when it is not text.
Result<std::string> readCheckedTextFile(const std::string& path, std::uint64_t maxBytes = std::uint64_t(1)
                                                                                          << 31);

/// \brief "not a text file (binary data at byte N)" for the offset from binaryDataOffset(), or, for `head`
/// in UTF-16 or UTF-32 (with a byte-order mark, or ASCII text without one, either byte order), that the file
/// is in that encoding and should be saved as UTF-8.
std::string notTextMessage(std::string_view head, std::size_t offset);

} // namespace losscast::core
