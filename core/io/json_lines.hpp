// Line numbers for JSON values: nlohmann::json keeps none once parsed, so import issues about
// a value ("/3/values/lan") would otherwise not say where in the file it is.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace c5 {

// The 1-based line on which each value of well-formed JSON text starts, by JSON pointer
// ("" for the root, "/0/values/lan"). Text that is not well-formed gives a partial map.
std::unordered_map<std::string, int> json_value_lines(std::string_view json_text);

// The 1-based line holding the byte at `offset` (CR, LF and CRLF each end a line).
int line_at_offset(std::string_view text, std::size_t offset);

// `key` escaped for use in a JSON pointer ("~" as "~0", "/" as "~1").
std::string json_pointer_token(std::string_view key);

}  // namespace c5
