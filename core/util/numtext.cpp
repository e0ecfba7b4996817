#include "core/util/numtext.h"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <limits>
#include <locale>
#include <sstream>
#include <version>

// libstdc++ ≥ 11 and MSVC define this when from_chars/to_chars support double; libc++ defines it only once
// its support is complete. LOSSCAST_NO_CHARCONV_FP forces the fallback (to test it on Linux).
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L && !defined(LOSSCAST_NO_CHARCONV_FP)
#define LOSSCAST_CHARCONV_FP 1
#else
#define LOSSCAST_CHARCONV_FP 0
#endif

namespace losscast::core {

#if !LOSSCAST_CHARCONV_FP
namespace {

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != b[i])
            return false;
    }
    return true;
}

} // namespace
#endif

NumberParse parseDouble(std::string_view text, double& out)
{
    if (text.empty())
        return NumberParse::Invalid;
#if LOSSCAST_CHARCONV_FP
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (p != text.data() + text.size())
        return NumberParse::Invalid;
    if (ec == std::errc::result_out_of_range)
        return NumberParse::OutOfRange;
    return ec == std::errc() ? NumberParse::Ok : NumberParse::Invalid;
#else
    std::string_view body = text;
    const bool negative = body.front() == '-';
    if (negative)
        body.remove_prefix(1);
    if (equalsNoCase(body, "nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return NumberParse::Ok;
    }
    if (equalsNoCase(body, "inf") || equalsNoCase(body, "infinity")) {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return NumberParse::Ok;
    }
    // Only a plain decimal number is accepted: digits, one '.', an exponent.
    bool digits = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c >= '0' && c <= '9')
            digits = true;
        else if (c == '.' || c == 'e' || c == 'E' ||
                 ((c == '-' || c == '+') && i > 0 && (body[i - 1] == 'e' || body[i - 1] == 'E')))
            continue;
        else
            return NumberParse::Invalid;
    }
    if (!digits)
        return NumberParse::Invalid;
    std::istringstream in{std::string(text)};
    in.imbue(std::locale::classic());
    double v = 0.0;
    in >> v;
    if (in.fail())
        return NumberParse::OutOfRange; // the text is a well-formed number, so the stream failed on its range
    in.peek();
    if (!in.eof())
        return NumberParse::Invalid;
    out = v;
    return NumberParse::Ok;
#endif
}

std::string shortestDouble(double v, bool scientific)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
#if LOSSCAST_CHARCONV_FP
    char buf[64];
    const auto [p, ec] = scientific ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific)
                                    : std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
#else
    // The fewest significant digits that read back exactly (at most 17 for a double).
    std::string text;
    for (int precision = 1; precision <= 17; ++precision) {
        std::ostringstream os;
        os.imbue(std::locale::classic());
        if (scientific)
            os << std::scientific << std::setprecision(precision - 1) << v;
        else
            os << std::setprecision(precision) << v;
        text = os.str();
        double back = 0.0;
        if (parseDouble(text, back) == NumberParse::Ok && back == v)
            break;
    }
    return text;
#endif
}

} // namespace losscast::core
