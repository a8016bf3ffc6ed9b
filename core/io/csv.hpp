// RFC 4180 CSV reading and writing: quoted fields, doubled quotes, line breaks inside
// quotes, CRLF or LF, an optional UTF-8 byte-order mark at the start.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace c5 {

struct CsvRow {
    int line = 0;  // 1-based physical line where the row starts
    std::vector<std::string> cells;
};

// Splits CSV text into rows. Fails on an unterminated quote or a stray quote inside an
// unquoted cell, naming the line. Blank lines are skipped.
[[nodiscard]] Result<std::vector<CsvRow>> parse_csv(std::string_view text);

// Quotes a cell when it holds a comma, quote, CR or LF.
std::string csv_escape(std::string_view cell);

// Writes one row ending in CRLF.
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

}  // namespace c5
