// Fractions and percentages as people read them in results: rounded, except that a value
// short of 1 never shows as 1 (a failing 99.996 % must not read "100 %"), and a value above
// 0 never shows as 0.
#pragma once

#include <string>

namespace c5 {

// `fraction` (0 to 1) with `decimals` digits after the point: 0.99996 -> "0.9999" (4).
std::string fraction_text(double fraction, int decimals);

// `fraction` as a percentage with `decimals` digits and the given decimal mark, no sign:
// 0.9524 -> "95.24", or "95,24" with mark ','.
std::string percent_text(double fraction, int decimals, char mark = '.');

}  // namespace c5
