#include "core/util/textfields.h"

#include "core/util/numtext.h"

namespace losscast::core {

std::string_view trimSpace(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string_view trimField(std::string_view s)
{
    s = trimSpace(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}

std::string lowerAscii(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void splitFields(std::string_view line, char delimiter, std::vector<std::string_view>& fields)
{
    fields.clear();
    std::size_t start = 0;
    while (true) {
        const std::size_t end = line.find(delimiter, start);
        if (end == std::string_view::npos) {
            fields.push_back(trimField(line.substr(start)));
            return;
        }
        fields.push_back(trimField(line.substr(start, end - start)));
        start = end + 1;
    }
}

bool parseNumberField(std::string_view s, double& out)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    return parseDouble(s, out) == NumberParse::Ok;
}

std::string quotedForMessage(std::string_view s)
{
    // Control bytes are shown escaped (\x00), never written raw to the user's terminal.
    std::string shown;
    for (unsigned char c : s.substr(0, 40)) {
        if (c < 0x20 || c == 0x7F) {
            static const char* hex = "0123456789abcdef";
            shown += "\\x";
            shown += hex[c >> 4];
            shown += hex[c & 15];
        } else {
            shown += static_cast<char>(c);
        }
    }
    if (s.size() > 40)
        shown += "...";
    return "'" + shown + "'";
}

} // namespace losscast::core
