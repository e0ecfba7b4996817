#pragma once
/// \file
/// \brief A small JSON value, parser (RFC 8259, optionally Python's NaN/Infinity tokens) and writer.
///
/// Used for session files, schedule/fit exports and importers of trainer_state.json / JSON Lines logs.
/// Numbers are doubles; objects keep insertion order. The parser reports errors as Diagnostic with a 1-based
/// line and column, limits nesting depth, and allocates only in proportion to its input.

#include "core/util/diagnostic.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace losscast::core {

class JsonValue;
struct JsonMember;
/// \brief A JSON array.
using JsonArray = std::vector<JsonValue>;
/// \brief A JSON object: members in insertion order (duplicates are kept; lookups return the last one).
using JsonObject = std::vector<JsonMember>;

/// \brief One JSON value: null, bool, number (double), string, array or object.
class JsonValue
{
public:
    enum class Type
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };

    // The constructors are defined below JsonMember: clang instantiates the variant's destructor where a
    // constructor body appears, which needs JsonMember complete (GCC defers; clang/Apple clang do not).
    JsonValue() noexcept;
    JsonValue(std::nullptr_t) noexcept;
    JsonValue(bool b);
    JsonValue(double d);
    JsonValue(int i);
    JsonValue(long i);
    JsonValue(long long i);
    JsonValue(unsigned i);
    JsonValue(unsigned long i);
    JsonValue(unsigned long long i);
    JsonValue(const char* s);
    JsonValue(std::string s);
    JsonValue(std::string_view s);
    JsonValue(JsonArray a);
    JsonValue(JsonObject o);

    /// \brief An empty array.
    static JsonValue array();
    /// \brief An empty object.
    static JsonValue object();

    Type type() const { return static_cast<Type>(m_value.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    /// \brief The bool, or `fallback` when this is not a bool.
    bool toBool(bool fallback = false) const;
    /// \brief The number, or `fallback` when this is not a number.
    double toNumber(double fallback = 0.0) const;
    /// \brief The string, or an empty string when this is not a string.
    const std::string& toString() const;
    /// \brief The elements (empty when this is not an array).
    const JsonArray& toArray() const;
    /// \brief The members in order (empty when this is not an object).
    const JsonObject& toObject() const;
    /// \brief Mutable elements; turns a null into an empty array first. Throws std::logic_error otherwise.
    JsonArray& asArray();
    /// \brief Mutable members; turns a null into an empty object first. Throws std::logic_error otherwise.
    JsonObject& asObject();

    /// \brief Number of elements or members (0 for scalars).
    std::size_t size() const;

    /// \brief The member `key` (the last one if repeated), or null when absent or not an object.
    const JsonValue* find(std::string_view key) const;
    JsonValue* find(std::string_view key);
    /// \brief True when this is an object with member `key`.
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    /// \brief Member `key` as a number, or `fallback` when absent or not a number.
    double number(std::string_view key, double fallback = 0.0) const;
    /// \brief Member `key` as an integer (numbers are rounded toward zero), or `fallback`.
    std::int64_t integer(std::string_view key, std::int64_t fallback = 0) const;
    /// \brief Member `key` as a bool, or `fallback` when absent or not a bool.
    bool boolean(std::string_view key, bool fallback = false) const;
    /// \brief Member `key` as a string, or `fallback` when absent or not a string.
    std::string string(std::string_view key, std::string_view fallback = {}) const;

    /// \brief Sets member `key` (replacing an existing one in place, else appending). Null becomes an object.
    JsonValue& set(std::string_view key, JsonValue value);
    /// \brief Appends an element. Null becomes an array.
    JsonValue& push(JsonValue value);

    /// \brief Deep equality (numbers compare with ==, so NaN != NaN; member order matters).
    friend bool operator==(const JsonValue& a, const JsonValue& b);

private:
    std::variant<std::nullptr_t, bool, double, std::string, JsonArray, JsonObject> m_value;
};

/// \brief One member of a JSON object.
struct JsonMember
{
    std::string key;
    JsonValue value;
    friend bool operator==(const JsonMember& a, const JsonMember& b)
    {
        return a.key == b.key && a.value == b.value;
    }
};

inline JsonValue::JsonValue() noexcept = default;
inline JsonValue::JsonValue(std::nullptr_t) noexcept {}
inline JsonValue::JsonValue(bool b) : m_value(b) {}
inline JsonValue::JsonValue(double d) : m_value(d) {}
inline JsonValue::JsonValue(int i) : m_value(static_cast<double>(i)) {}
inline JsonValue::JsonValue(long i) : m_value(static_cast<double>(i)) {}
inline JsonValue::JsonValue(long long i) : m_value(static_cast<double>(i)) {}
inline JsonValue::JsonValue(unsigned i) : m_value(static_cast<double>(i)) {}
inline JsonValue::JsonValue(unsigned long i) : m_value(static_cast<double>(i)) {}
inline JsonValue::JsonValue(unsigned long long i) : m_value(static_cast<double>(i)) {}
inline JsonValue::JsonValue(const char* s) : m_value(std::string(s)) {}
inline JsonValue::JsonValue(std::string s) : m_value(std::move(s)) {}
inline JsonValue::JsonValue(std::string_view s) : m_value(std::string(s)) {}
inline JsonValue::JsonValue(JsonArray a) : m_value(std::move(a)) {}
inline JsonValue::JsonValue(JsonObject o) : m_value(std::move(o)) {}

/// \brief Parser settings.
struct JsonParseOptions
{
    /// Accept Python's bare `NaN`, `Infinity` and `-Infinity` (json.dumps writes them; HF trainer_state.json
    /// contains them). RFC 8259 does not allow them.
    bool allowNanTokens = false;
    /// Arrays/objects nested deeper than this are rejected (protects the stack).
    int maxDepth = 256;
    /// Name of the input for diagnostics (a path, or e.g. "session").
    std::string name;
};

/// \brief Parses one JSON text (surrounding whitespace allowed, a leading UTF-8 BOM skipped).
///
/// On failure the single error Diagnostic has `line` (1-based), `where` = "column C" (1-based, in bytes) and
/// a message such as "expected ',' or '}' after object member, got 'x'".
Result<JsonValue> parseJson(std::string_view text, const JsonParseOptions& options = {});

/// \brief One value of a JSON Lines text with the (1-based) line it came from.
struct JsonLine
{
    std::int64_t line = 0;
    JsonValue value;
};

/// \brief The values of a JSON Lines text plus one error Diagnostic per bad line.
struct JsonLinesResult
{
    std::vector<JsonLine> values;
    std::vector<Diagnostic> diagnostics;
};

/// \brief Parses JSON Lines: one value per line, blank lines skipped; a bad line is reported and skipped.
/// Line and column of each error refer to the whole text.
JsonLinesResult parseJsonLines(std::string_view text, const JsonParseOptions& options = {});

/// \brief Writer settings.
struct JsonWriteOptions
{
    bool pretty = false;    ///< newlines and 2-space indentation
    bool nanTokens = false; ///< write NaN / Infinity / -Infinity instead of null for non-finite numbers
};

/// \brief Serialises a value. Numbers use the shortest text that reads back to the same double (integers
/// below 2^53 without exponent); non-finite numbers become null unless `nanTokens`.
std::string writeJson(const JsonValue& value, const JsonWriteOptions& options = {});

/// \brief Formats a double as the shortest round-trip text (as the writer does; "nan", "inf" for non-finite).
std::string formatDouble(double v);

} // namespace losscast::core
