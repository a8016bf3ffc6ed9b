// RFC 4180 splitting of any bytes; rows that split are written back and must split again
// into the same cells.
#include <sstream>

#include "core/io/csv.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto rows = c5::parse_csv(c5::fuzz::as_text(data, size));
    if (!rows) return 0;

    // A row of one empty cell is written as a blank line, which reading skips.
    std::ostringstream out;
    std::vector<std::vector<std::string>> written;
    for (const auto& row : *rows) {
        if (row.cells.size() == 1 && row.cells[0].empty()) continue;
        c5::write_csv_row(out, row.cells);
        written.push_back(row.cells);
    }
    const std::string text = out.str();
    if (text.starts_with("\xEF\xBB\xBF")) return 0;  // a leading BOM is dropped on reading

    auto again = c5::parse_csv(text);
    c5::fuzz::require(again.has_value(), "written CSV reads back");
    c5::fuzz::require(again->size() == written.size(), "written CSV has as many rows");
    for (std::size_t i = 0; i < written.size(); ++i) {
        c5::fuzz::require((*again)[i].cells == written[i], "written CSV has the same cells");
    }
    return 0;
}
