#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strutil {

// Splits on every occurrence of delim. Empty fields are kept unless skip_empty is set.
std::vector<std::string> split(std::string_view s, std::string_view delim, bool skip_empty = false);

std::string join(const std::vector<std::string>& parts, std::string_view sep);

std::string_view trim(std::string_view s);

std::string to_lower(std::string_view s);

bool starts_with_icase(std::string_view s, std::string_view prefix);

std::string replace_all(std::string_view s, std::string_view from, std::string_view to);

// Parses a signed 64-bit integer; returns nullopt on junk, empty input or overflow.
std::optional<long long> parse_int(std::string_view s);

// Splits a command line into words, honouring single and double quotes and backslash escapes.
// Returns nullopt if a quote is left open.
std::optional<std::vector<std::string>> shell_split(std::string_view s);

}  // namespace strutil
