#include "core/util/json.h"

#include "core/util/numtext.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace losscast::core {

// ---------------------------------------------------------------------------------------------- value

JsonValue JsonValue::array()
{
    return JsonValue(JsonArray{});
}
JsonValue JsonValue::object()
{
    return JsonValue(JsonObject{});
}

bool JsonValue::toBool(bool fallback) const
{
    const bool* b = std::get_if<bool>(&m_value);
    return b ? *b : fallback;
}

double JsonValue::toNumber(double fallback) const
{
    const double* d = std::get_if<double>(&m_value);
    return d ? *d : fallback;
}

const std::string& JsonValue::toString() const
{
    static const std::string empty;
    const std::string* s = std::get_if<std::string>(&m_value);
    return s ? *s : empty;
}

const JsonArray& JsonValue::toArray() const
{
    static const JsonArray empty;
    const JsonArray* a = std::get_if<JsonArray>(&m_value);
    return a ? *a : empty;
}

const JsonObject& JsonValue::toObject() const
{
    static const JsonObject empty;
    const JsonObject* o = std::get_if<JsonObject>(&m_value);
    return o ? *o : empty;
}

JsonArray& JsonValue::asArray()
{
    if (isNull())
        m_value = JsonArray{};
    if (!isArray())
        throw std::logic_error("JsonValue::asArray() on a value that is not an array");
    return std::get<JsonArray>(m_value);
}

JsonObject& JsonValue::asObject()
{
    if (isNull())
        m_value = JsonObject{};
    if (!isObject())
        throw std::logic_error("JsonValue::asObject() on a value that is not an object");
    return std::get<JsonObject>(m_value);
}

std::size_t JsonValue::size() const
{
    if (const JsonArray* a = std::get_if<JsonArray>(&m_value))
        return a->size();
    if (const JsonObject* o = std::get_if<JsonObject>(&m_value))
        return o->size();
    return 0;
}

const JsonValue* JsonValue::find(std::string_view key) const
{
    const JsonObject* o = std::get_if<JsonObject>(&m_value);
    if (!o)
        return nullptr;
    for (auto it = o->rbegin(); it != o->rend(); ++it)
        if (it->key == key)
            return &it->value;
    return nullptr;
}

JsonValue* JsonValue::find(std::string_view key)
{
    return const_cast<JsonValue*>(static_cast<const JsonValue*>(this)->find(key));
}

double JsonValue::number(std::string_view key, double fallback) const
{
    const JsonValue* v = find(key);
    return v ? v->toNumber(fallback) : fallback;
}

std::int64_t JsonValue::integer(std::string_view key, std::int64_t fallback) const
{
    const JsonValue* v = find(key);
    if (!v || !v->isNumber())
        return fallback;
    const double d = v->toNumber();
    // Outside this range the conversion is undefined behaviour.
    if (!(d > -9.2e18 && d < 9.2e18))
        return fallback;
    return static_cast<std::int64_t>(d);
}

bool JsonValue::boolean(std::string_view key, bool fallback) const
{
    const JsonValue* v = find(key);
    return v ? v->toBool(fallback) : fallback;
}

std::string JsonValue::string(std::string_view key, std::string_view fallback) const
{
    const JsonValue* v = find(key);
    return v && v->isString() ? v->toString() : std::string(fallback);
}

JsonValue& JsonValue::set(std::string_view key, JsonValue value)
{
    if (JsonValue* existing = find(key)) {
        *existing = std::move(value);
        return *existing;
    }
    JsonObject& o = asObject();
    o.push_back(JsonMember{std::string(key), std::move(value)});
    return o.back().value;
}

JsonValue& JsonValue::push(JsonValue value)
{
    JsonArray& a = asArray();
    a.push_back(std::move(value));
    return a.back();
}

bool operator==(const JsonValue& a, const JsonValue& b)
{
    return a.m_value == b.m_value;
}

// ---------------------------------------------------------------------------------------------- parser

namespace {

class Parser
{
public:
    Parser(std::string_view text, const JsonParseOptions& options, std::size_t lineOffset = 0)
        : m_text(text), m_options(options), m_lineOffset(lineOffset)
    {
    }

    Result<JsonValue> parseDocument()
    {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
            m_pos = 3;
        skipSpace();
        JsonValue v;
        if (!parseValue(v, 0))
            return Result<JsonValue>::failure(m_error);
        skipSpace();
        if (m_pos < m_text.size()) {
            fail("unexpected " + describe(m_pos) + " after the JSON value");
            return Result<JsonValue>::failure(m_error);
        }
        return Result<JsonValue>::success(std::move(v));
    }

private:
    std::string_view m_text;
    const JsonParseOptions& m_options;
    std::size_t m_lineOffset;
    std::size_t m_pos = 0;
    Diagnostic m_error;

    bool fail(const std::string& message) { return failAt(m_pos, message); }

    bool failAt(std::size_t pos, const std::string& message)
    {
        std::int64_t line = 1;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < pos && i < m_text.size(); ++i)
            if (m_text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        m_error.severity = Diagnostic::Severity::Error;
        m_error.file = m_options.name;
        m_error.line = line + static_cast<std::int64_t>(m_lineOffset);
        m_error.where = "column " + std::to_string(pos - lineStart + 1);
        m_error.message = message;
        return false;
    }

    /// "end of input", "'x'" or "byte 0x1F" for the character at pos.
    std::string describe(std::size_t pos) const
    {
        if (pos >= m_text.size())
            return "end of input";
        const unsigned char c = static_cast<unsigned char>(m_text[pos]);
        if (c < 0x20 || c >= 0x7F) {
            static const char* hex = "0123456789ABCDEF";
            return std::string("byte 0x") + hex[c >> 4] + hex[c & 15];
        }
        return std::string("'") + static_cast<char>(c) + "'";
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                ++m_pos;
            else
                break;
        }
    }

    bool consumeWord(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) == word) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    bool parseValue(JsonValue& out, int depth)
    {
        if (m_pos >= m_text.size())
            return fail("unexpected end of input, expected a value");
        const char c = m_text[m_pos];
        switch (c) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"': {
            std::string s;
            if (!parseString(s))
                return false;
            out = JsonValue(std::move(s));
            return true;
        }
        case 't':
            if (consumeWord("true")) {
                out = JsonValue(true);
                return true;
            }
            break;
        case 'f':
            if (consumeWord("false")) {
                out = JsonValue(false);
                return true;
            }
            break;
        case 'n':
            if (consumeWord("null")) {
                out = JsonValue();
                return true;
            }
            break;
        case 'N':
        case 'I':
            return parseNanToken(out, c == 'N' ? "NaN" : "Infinity",
                                 c == 'N' ? std::numeric_limits<double>::quiet_NaN()
                                          : std::numeric_limits<double>::infinity());
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber(out);
            break;
        }
        return fail("unexpected " + describe(m_pos) + ", expected a value");
    }

    bool parseNanToken(JsonValue& out, std::string_view word, double value)
    {
        const std::size_t start = m_pos;
        if (!consumeWord(word))
            return fail("unexpected " + describe(m_pos) + ", expected a value");
        if (!m_options.allowNanTokens)
            return failAt(start,
                          "'" + std::string(word) +
                              "' is not valid JSON (enable NaN tokens to accept Python's NaN/Infinity)");
        out = JsonValue(value);
        return true;
    }

    bool parseNumber(JsonValue& out)
    {
        const std::size_t start = m_pos;
        std::size_t p = m_pos;
        auto digit = [&](std::size_t i) { return i < m_text.size() && m_text[i] >= '0' && m_text[i] <= '9'; };
        if (m_text[p] == '-') {
            ++p;
            if (m_text.substr(p, 8) == "Infinity") {
                if (!m_options.allowNanTokens)
                    return failAt(start,
                                  "'-Infinity' is not valid JSON (enable NaN tokens to accept Python's "
                                  "NaN/Infinity)");
                m_pos = p + 8;
                out = JsonValue(-std::numeric_limits<double>::infinity());
                return true;
            }
        }
        if (!digit(p))
            return failAt(p, "invalid number: expected a digit after '-', got " + describe(p));
        if (m_text[p] == '0') {
            ++p;
            if (digit(p))
                return failAt(p, "invalid number: leading zeros are not allowed");
        } else {
            while (digit(p))
                ++p;
        }
        if (p < m_text.size() && m_text[p] == '.') {
            ++p;
            if (!digit(p))
                return failAt(p, "invalid number: expected a digit after '.', got " + describe(p));
            while (digit(p))
                ++p;
        }
        if (p < m_text.size() && (m_text[p] == 'e' || m_text[p] == 'E')) {
            ++p;
            if (p < m_text.size() && (m_text[p] == '+' || m_text[p] == '-'))
                ++p;
            if (!digit(p))
                return failAt(p, "invalid number: expected a digit in the exponent, got " + describe(p));
            while (digit(p))
                ++p;
        }
        double v = 0.0;
        const std::string_view literal = m_text.substr(start, p - start);
        const NumberParse parsed = parseDouble(literal, v);
        if (parsed == NumberParse::OutOfRange) {
            // Underflow to zero is harmless; overflow is not representable.
            const std::size_t e = literal.find_first_of("eE");
            if (e == std::string_view::npos || e + 1 >= literal.size() || literal[e + 1] != '-')
                return failAt(start, "number out of range: " + std::string(literal));
            v = 0.0;
        } else if (parsed != NumberParse::Ok) {
            return failAt(start, "invalid number '" + std::string(literal) + "'");
        }
        m_pos = p;
        out = JsonValue(v);
        return true;
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool parseHex4(std::size_t at, unsigned& out)
    {
        out = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const int h = at + i < m_text.size() ? hexValue(m_text[at + i]) : -1;
            if (h < 0)
                return failAt(at + i, "invalid \\u escape: expected 4 hex digits, got " + describe(at + i));
            out = out * 16 + static_cast<unsigned>(h);
        }
        return true;
    }

    static void appendUtf8(std::string& s, unsigned cp)
    {
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            s += static_cast<char>(0xF0 | (cp >> 18));
            s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parseString(std::string& out)
    {
        const std::size_t open = m_pos;
        ++m_pos; // opening quote
        while (true) {
            if (m_pos >= m_text.size())
                return failAt(open, "unterminated string");
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("control character " + describe(m_pos) + " in string (escape it)");
            if (c != '\\') {
                // Copy a run of plain characters at once.
                std::size_t end = m_pos + 1;
                while (end < m_text.size() && m_text[end] != '"' && m_text[end] != '\\' &&
                       static_cast<unsigned char>(m_text[end]) >= 0x20)
                    ++end;
                out.append(m_text.substr(m_pos, end - m_pos));
                m_pos = end;
                continue;
            }
            const std::size_t escape = m_pos;
            ++m_pos;
            if (m_pos >= m_text.size())
                return failAt(open, "unterminated string");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                if (!parseHex4(m_pos, cp))
                    return false;
                m_pos += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return failAt(escape, "invalid \\u escape: lone low surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (m_text.substr(m_pos, 2) != "\\u")
                        return failAt(escape, "invalid \\u escape: high surrogate not followed by a low one");
                    unsigned low = 0;
                    if (!parseHex4(m_pos + 2, low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return failAt(m_pos, "invalid \\u escape: high surrogate not followed by a low one");
                    m_pos += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                return failAt(escape, "invalid escape '\\" + std::string(1, e) + "' in string");
            }
        }
    }

    bool checkDepth(int depth)
    {
        if (depth > m_options.maxDepth)
            return fail("nesting deeper than " + std::to_string(m_options.maxDepth) + " levels");
        return true;
    }

    bool parseArray(JsonValue& out, int depth)
    {
        if (!checkDepth(depth))
            return false;
        ++m_pos; // [
        JsonArray a;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            out = JsonValue(std::move(a));
            return true;
        }
        while (true) {
            skipSpace();
            JsonValue element;
            if (!parseValue(element, depth))
                return false;
            a.push_back(std::move(element));
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ']')
                    return fail("trailing comma before ']'");
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                out = JsonValue(std::move(a));
                return true;
            }
            return fail("expected ',' or ']' after array element, got " + describe(m_pos));
        }
    }

    bool parseObject(JsonValue& out, int depth)
    {
        if (!checkDepth(depth))
            return false;
        ++m_pos; // {
        JsonObject o;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            out = JsonValue(std::move(o));
            return true;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail("expected a string key in object, got " + describe(m_pos));
            JsonMember member;
            if (!parseString(member.key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail("expected ':' after object key \"" + member.key + "\", got " + describe(m_pos));
            ++m_pos;
            skipSpace();
            if (!parseValue(member.value, depth))
                return false;
            o.push_back(std::move(member));
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == '}')
                    return fail("trailing comma before '}'");
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                out = JsonValue(std::move(o));
                return true;
            }
            return fail("expected ',' or '}' after object member, got " + describe(m_pos));
        }
    }
};

} // namespace

Result<JsonValue> parseJson(std::string_view text, const JsonParseOptions& options)
{
    Parser parser(text, options);
    return parser.parseDocument();
}

JsonLinesResult parseJsonLines(std::string_view text, const JsonParseOptions& options)
{
    JsonLinesResult result;
    std::size_t start = 0;
    std::size_t lineIndex = 0; // 0-based
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find_first_not_of(" \t") != std::string_view::npos) {
            Parser parser(line, options, lineIndex);
            Result<JsonValue> r = parser.parseDocument();
            if (r)
                result.values.push_back(JsonLine{static_cast<std::int64_t>(lineIndex + 1), std::move(*r)});
            else
                result.diagnostics.insert(result.diagnostics.end(), r.diagnostics.begin(),
                                          r.diagnostics.end());
        }
        if (end == text.size())
            break;
        start = end + 1;
        ++lineIndex;
    }
    return result;
}

// ---------------------------------------------------------------------------------------------- writer

std::string formatDouble(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    // Integers print without exponent up to 2^53, where doubles stop being exact integers.
    if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {
        char buf[32];
        const auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
        return std::string(buf, p);
    }
    // Shortest round-trip digits, in whichever of plain and scientific notation is shorter once the exponent
    // is tidied ("3e-04" → "3e-4", "1e+300" → "1e300"): still the same double, easier to read in specs.
    const std::string general = shortestDouble(v);
    std::string sci = shortestDouble(v, true);
    const std::size_t e = sci.find('e');
    if (e != std::string::npos) {
        std::size_t digits = e + 1;
        const std::string sign = sci[digits] == '-' ? "-" : "";
        if (sci[digits] == '-' || sci[digits] == '+')
            ++digits;
        while (digits + 1 < sci.size() && sci[digits] == '0')
            ++digits;
        sci = sci.substr(0, e + 1) + sign + sci.substr(digits);
    }
    if (general.find('e') != std::string::npos || sci.size() < general.size())
        return sci;
    return general;
}

namespace {

void writeString(std::string& out, const std::string& s)
{
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void newline(std::string& out, const JsonWriteOptions& options, int depth)
{
    if (!options.pretty)
        return;
    out += '\n';
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void writeValue(std::string& out, const JsonValue& v, const JsonWriteOptions& options, int depth)
{
    switch (v.type()) {
    case JsonValue::Type::Null:
        out += "null";
        break;
    case JsonValue::Type::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case JsonValue::Type::Number: {
        const double d = v.toNumber();
        if (std::isfinite(d))
            out += formatDouble(d);
        else if (!options.nanTokens)
            out += "null";
        else
            out += std::isnan(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
        break;
    }
    case JsonValue::Type::String:
        writeString(out, v.toString());
        break;
    case JsonValue::Type::Array: {
        const JsonArray& a = v.toArray();
        out += '[';
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (i)
                out += ',';
            newline(out, options, depth + 1);
            writeValue(out, a[i], options, depth + 1);
        }
        if (!a.empty())
            newline(out, options, depth);
        out += ']';
        break;
    }
    case JsonValue::Type::Object: {
        const JsonObject& o = v.toObject();
        out += '{';
        for (std::size_t i = 0; i < o.size(); ++i) {
            if (i)
                out += ',';
            newline(out, options, depth + 1);
            writeString(out, o[i].key);
            out += options.pretty ? ": " : ":";
            writeValue(out, o[i].value, options, depth + 1);
        }
        if (!o.empty())
            newline(out, options, depth);
        out += '}';
        break;
    }
    }
}

} // namespace

std::string writeJson(const JsonValue& value, const JsonWriteOptions& options)
{
    std::string out;
    writeValue(out, value, options, 0);
    return out;
}

} // namespace losscast::core
