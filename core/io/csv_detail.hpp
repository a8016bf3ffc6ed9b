// The CSV parser with its failure located by line, for the interchange readers that report
// every problem as file, line and field (parse_csv folds the line into its message).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/csv.hpp"

namespace c5 {

struct CsvFailure {
    int line = 0;  // 1-based physical line of the offending quote
    std::string message;
};

// Splits CSV text into rows as parse_csv does; on failure says where.
[[nodiscard]] std::expected<std::vector<CsvRow>, CsvFailure> split_csv(std::string_view text);

}  // namespace c5
