#pragma once
/// \file
/// \brief Small helpers for line-based readers: trimming, lower-casing, splitting delimited fields, strict
/// locale-independent numbers, and quoting a cell for a message.

#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// Spaces, tabs and carriage returns removed from both ends.
std::string_view trimSpace(std::string_view s);
/// As trimSpace, then one pair of surrounding double quotes removed.
std::string_view trimField(std::string_view s);
/// ASCII lower case.
std::string lowerAscii(std::string_view s);
/// Splits `line` at every `delimiter` into trimmed fields (no quoting rules: for simple numeric tables).
void splitFields(std::string_view line, char delimiter, std::vector<std::string_view>& fields);
/// The whole of `s` as a finite or non-finite double in the C locale; a leading '+' is allowed.
bool parseNumberField(std::string_view s, double& out);
/// `s` in single quotes for a message, cut to 40 characters.
std::string quotedForMessage(std::string_view s);

} // namespace losscast::core
