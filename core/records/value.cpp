// Rendering of field values for messages, tables and CSV cells.
#include "core/records/value.hpp"

namespace c5 {

std::string to_display(const Value& v) {
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "1" : "0";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
}

}  // namespace c5
