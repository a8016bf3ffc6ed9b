// The readable table of unit results printed on a terminal.
#pragma once

#include <iosfwd>
#include <vector>

#include "core/scoring/unit_result.hpp"

namespace c5::syncd {

// One line per unit: code, name, c1..c5, criterion, shares, coverage; then duplicate flags.
void print_results_table(std::ostream& out, const std::vector<UnitResult>& results);

}  // namespace c5::syncd
