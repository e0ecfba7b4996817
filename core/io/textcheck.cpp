#include "core/io/textcheck.h"

#include "core/util/textfile.h"

#include <algorithm>
#include <utility>

namespace losscast::core {

std::optional<std::size_t> binaryDataOffset(std::string_view head)
{
    const std::size_t n = head.size() < kTextCheckBytes ? head.size() : kTextCheckBytes;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = byte(i);
        if (c == 0)
            return i;
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte (RFC 3629)
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const std::size_t j = i + k;
            if (j >= head.size())
                return std::nullopt; // the input ends inside the sequence (e.g. a file still being written)
            const unsigned char b = byte(j);
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
                return i;
        }
        i += len;
    }
    return std::nullopt;
}

std::string printableText(std::string_view text)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    auto escaped = [&](unsigned char c) {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F)
                escaped(c);
            else
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        // A valid UTF-8 sequence is kept whole; anything else is escaped byte by byte.
        const auto bad = binaryDataOffset(text.substr(i, 4));
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (c < 0xC2 || c > 0xF4 || (bad && *bad == 0) || i + len > text.size()) {
            escaped(c);
            ++i;
            continue;
        }
        out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

namespace {

/// Text without a byte-order mark in a wide encoding: NUL bytes exactly where ASCII characters' high bytes
/// go. Returns the width (2 or 4) and whether big-endian, or width 0.
std::pair<int, bool> wideTextWithoutBom(std::string_view head)
{
    const std::size_t n = std::min<std::size_t>(head.size(), 512) & ~std::size_t(3);
    if (n < 4)
        return {0, false};
    std::size_t zero[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < n; ++i)
        zero[i % 4] += head[i] == '\0';
    const std::size_t per = n / 4;
    // ASCII in UTF-32: three NULs per character; the character byte itself is never NUL.
    if (zero[1] == per && zero[2] == per && zero[3] == per && zero[0] == 0)
        return {4, false};
    if (zero[0] == per && zero[1] == per && zero[2] == per && zero[3] == 0)
        return {4, true};
    // UTF-16: one NUL per character (characters outside Latin-1 may have both bytes set: allow a few).
    const std::size_t odd = zero[1] + zero[3], even = zero[0] + zero[2];
    if (odd * 10 >= n / 2 * 9 && even == 0)
        return {2, false};
    if (even * 10 >= n / 2 * 9 && odd == 0)
        return {2, true};
    return {0, false};
}

} // namespace

std::string notTextMessage(std::string_view head, std::size_t offset)
{
    const std::string advice = ", which LossCast does not read: save the file as UTF-8";
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    // Byte-order marks (Windows tools, PowerShell's default redirection); UTF-32's LE mark starts like
    // UTF-16's.
    if (head.size() >= 4 && ((at(0) == 0xFF && at(1) == 0xFE && at(2) == 0 && at(3) == 0) ||
                             (at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF)))
        return "UTF-32 text" + advice;
    if (head.size() >= 2 && ((at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF)))
        return "UTF-16 text" + advice;
    switch (const auto [width, bigEndian] = wideTextWithoutBom(head); width) {
    case 4:
        return std::string("UTF-32") + (bigEndian ? "BE" : "LE") + " text" + advice;
    case 2:
        return std::string("UTF-16") + (bigEndian ? "BE" : "LE") + " text" + advice;
    default:
        break;
    }
    return "not a text file (binary data at byte " + std::to_string(offset) + ")";
}

Result<std::string> readCheckedTextFile(const std::string& path, std::uint64_t maxBytes)
{
    auto text = readTextFile(path, maxBytes);
    if (!text)
        return text;
    if (const auto at = binaryDataOffset(*text)) {
        Diagnostic d;
        d.file = path;
        d.message = notTextMessage(*text, *at);
        return Result<std::string>::failure(std::move(d));
    }
    return text;
}

} // namespace losscast::core
