// The typed value of one form field: empty, a boolean, an integer, or text (NFC UTF-8).
// Choices, unit codes and timestamps are held as text and checked against the form.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace c5 {

using Value = std::variant<std::monostate, bool, std::int64_t, std::string>;

inline bool is_empty(const Value& v) {
    return std::holds_alternative<std::monostate>(v);
}

// A short human rendering: "" for empty, "1"/"0" for booleans, digits, or the text.
std::string to_display(const Value& v);

}  // namespace c5
