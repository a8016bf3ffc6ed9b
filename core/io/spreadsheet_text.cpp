// The formula guard of text cells and its inverse.
#include "core/io/spreadsheet_text.hpp"

namespace c5 {
namespace {

constexpr std::string_view kFormulaStarts = "=+-@\t\r";

// True for "=1", and also for "'=1" and "''=1": text that a reader removing one guard
// apostrophe would change must be guarded as well, or a surveyor's own apostrophe in front
// of a dash would be lost on the way back.
bool needs_guard(std::string_view text) {
    const std::size_t first = text.find_first_not_of('\'');
    return first != std::string_view::npos &&
           kFormulaStarts.find(text[first]) != std::string_view::npos;
}

}  // namespace

std::string guard_formula(std::string text) {
    if (needs_guard(text)) text.insert(text.begin(), '\'');
    return text;
}

std::string_view unguard_formula(std::string_view cell) {
    if (!cell.empty() && cell.front() == '\'' && needs_guard(cell.substr(1)))
        cell.remove_prefix(1);
    return cell;
}

}  // namespace c5
