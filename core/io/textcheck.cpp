#include "core/io/textcheck.h"

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

std::string notTextMessage(std::string_view head, std::size_t offset)
{
    // UTF-16 text (Windows tools, PowerShell's default redirection) starts with a byte-order mark.
    if (head.size() >= 2 &&
        ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF')))
        return "UTF-16 text, which LossCast does not read: save the file as UTF-8";
    return "not a text file (binary data at byte " + std::to_string(offset) + ")";
}

} // namespace losscast::core
