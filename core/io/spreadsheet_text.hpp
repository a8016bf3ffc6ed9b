// Text cells that spreadsheets would run as formulas. A CSV opened in Excel runs a cell that
// starts with = + - or @ (and some programs also a tab or carriage return): a household head
// named "=HYPERLINK(...)" must stay a name. The writers put an apostrophe in front, which
// Excel and LibreOffice show as plain text; the readers take it off again, so a file written
// here and imported again gives back what was written.
#pragma once

#include <string>
#include <string_view>

namespace c5 {

// The text with a leading apostrophe when a spreadsheet would read it as a formula.
std::string guard_formula(std::string text);

// The cell without the apostrophe guard_formula put there; any other cell as it is.
std::string_view unguard_formula(std::string_view cell);

}  // namespace c5
