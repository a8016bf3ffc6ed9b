// Reads the cell values of one sheet of an XLSX file, for checking downloads: `unzip -p`
// extracts the shared strings and the sheet XML, and each cell becomes text (a shared
// string's text, or a number as written).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace c5::test {

// (row, column), both from 0.
using SheetCells = std::map<std::pair<int, int>, std::string>;

// The cells of xl/worksheets/sheet<number>.xml; empty when the file does not unzip.
SheetCells read_xlsx_sheet(const std::filesystem::path& xlsx, int number);

// The names of the sheets, in order, from xl/workbook.xml.
std::vector<std::string> read_xlsx_sheet_names(const std::filesystem::path& xlsx);

}  // namespace c5::test
