#pragma once
/// \file
/// \brief Locale-independent number ⇄ text conversion (std::from_chars / std::to_chars where the standard
/// library has them for double, a classic-locale stream fallback otherwise, e.g. older libc++ on macOS).
///
/// Never use strtod/printf for data files: Qt applications switch LC_NUMERIC to the user's locale, where
/// "3.5" may be read as 3 and written as "3,5".

#include <string>
#include <string_view>

namespace losscast::core {

/// \brief Outcome of parseDouble.
enum class NumberParse
{
    Ok,
    Invalid,   ///< not a number
    OutOfRange ///< a number whose magnitude a double cannot hold (overflow, or underflow to zero)
};

/// \brief Parses the whole of `text` as a decimal floating-point number in the C locale (as std::from_chars:
/// no leading whitespace or '+', "nan", "inf" and "infinity" accepted in any case, optional '-').
NumberParse parseDouble(std::string_view text, double& out);

/// \brief The shortest text that reads back as `v` (std::to_chars' shortest form), in general (`scientific`
/// false) or scientific notation. Non-finite values give "nan", "inf", "-inf".
std::string shortestDouble(double v, bool scientific = false);

} // namespace losscast::core
