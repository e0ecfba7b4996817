#include "core/util/csvtext.h"

#include "core/util/textfields.h"

#include <cstring>
#include <functional>

namespace losscast::core {

const char* CsvTokenizer::next(const char* p, const char* end, bool final,
                               std::vector<std::string_view>& fields, std::int64_t& line,
                               bool* unterminatedQuote)
{
    fields.clear();
    line = m_line;
    if (p >= end)
        return final ? end : nullptr;

    // Blank lines and '#' comment lines give an empty record.
    if (*p == '#') {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl) {
            if (!final)
                return nullptr;
            return end;
        }
        ++m_line;
        return nl + 1;
    }
    if (*p == '\n') {
        ++m_line;
        return p + 1;
    }
    if (*p == '\r') {
        if (p + 1 == end) {
            if (!final)
                return nullptr;
            ++m_line;
            return end;
        }
        ++m_line;
        return p[1] == '\n' ? p + 2 : p + 1;
    }

    std::size_t scratchUsed = 0;
    std::int64_t innerLines = 0;
    const char delim = m_delim;
    for (;;) {
        std::string_view field;
        if (*p == '"') {
            const char* q = p + 1;
            bool escaped = false;
            const char* close = nullptr;
            for (;;) {
                const char* r =
                    static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
                if (!r) {
                    if (!final)
                        return nullptr;
                    if (unterminatedQuote)
                        *unterminatedQuote = true;
                    close = end;
                    break;
                }
                if (r + 1 == end && !final)
                    return nullptr; // cannot tell a closing quote from the first half of ""
                if (r + 1 < end && r[1] == '"') {
                    escaped = true;
                    q = r + 2;
                    continue;
                }
                close = r;
                break;
            }
            field = std::string_view(p + 1, static_cast<std::size_t>(close - (p + 1)));
            for (char c : field)
                innerLines += c == '\n';
            if (escaped) {
                if (scratchUsed == m_scratch.size())
                    m_scratch.emplace_back();
                std::string& s = m_scratch[scratchUsed++];
                s.clear();
                for (std::size_t i = 0; i < field.size(); ++i) {
                    s.push_back(field[i]);
                    if (field[i] == '"' && i + 1 < field.size() && field[i + 1] == '"')
                        ++i;
                }
                field = s;
            }
            p = close == end ? end : close + 1;
            // Text after the closing quote (`"a"b`) is not RFC 4180; it is ignored up to the delimiter.
            while (p < end && *p != delim && *p != '\n' && *p != '\r')
                ++p;
        } else {
            const char* s = p;
            while (p < end && *p != delim && *p != '\n' && *p != '\r')
                ++p;
            field = std::string_view(s, static_cast<std::size_t>(p - s));
        }
        fields.push_back(field);
        if (p == end) {
            if (!final)
                return nullptr;
            m_line += 1 + innerLines;
            return end;
        }
        if (*p == delim) {
            ++p;
            if (p == end) {
                if (!final)
                    return nullptr;
                fields.emplace_back();
                m_line += 1 + innerLines;
                return end;
            }
            continue;
        }
        if (*p == '\r') {
            ++p;
            if (p == end && !final)
                return nullptr;
            if (p < end && *p == '\n')
                ++p;
        } else {
            ++p;
        }
        m_line += 1 + innerLines;
        return p;
    }
}

CsvText::CsvText(std::string_view text) : m_text(text)
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_text.remove_prefix(3); // UTF-8 byte-order mark
    m_pos = m_text.data();
}

bool CsvText::next()
{
    const char* const begin = m_text.data();
    const char* const end = begin + m_text.size();
    m_fields.clear();
    m_unterminated = false;
    while (m_pos < end) {
        // Blank lines, lines of spaces and comment lines (also after spaces) are skipped whole.
        const char* nl =
            static_cast<const char*>(std::memchr(m_pos, '\n', static_cast<std::size_t>(end - m_pos)));
        const std::string_view trimmed =
            trimSpace(std::string_view(m_pos, static_cast<std::size_t>((nl ? nl : end) - m_pos)));
        if (trimmed.empty() || trimmed.front() == '#') {
            m_pos = nl ? nl + 1 : end;
            m_tok.setCurrentLine(m_tok.currentLine() + 1);
            continue;
        }
        if (!m_started) {
            m_started = true;
            if (trimmed.find(',') == std::string_view::npos && trimmed.find('\t') != std::string_view::npos)
                m_delim = '\t';
            const std::int64_t line = m_tok.currentLine();
            m_tok = CsvTokenizer(m_delim);
            m_tok.setCurrentLine(line);
        }
        std::int64_t line = 0;
        bool unterminated = false;
        m_pos = m_tok.next(m_pos, end, true, m_raw, line, &unterminated);
        if (m_raw.empty())
            continue; // a line ended by a lone CR inside what looked like a line
        m_line = line;
        m_unterminated = unterminated;
        for (std::string_view f : m_raw) {
            // A quoted field starts just after its quote in the text, or (with "" escapes) in the
            // tokenizer's buffer; an unquoted one at the text's start or after a delimiter or line end.
            const char* d = f.data();
            const bool inText = d && !std::less<const char*>()(d, begin) && !std::less<const char*>()(end, d);
            const bool quoted = d && (!inText || (d > begin && d[-1] == '"'));
            m_fields.push_back(quoted ? f : trimField(f));
        }
        return true;
    }
    return false;
}

} // namespace losscast::core
