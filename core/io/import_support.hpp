// Pieces every interchange reader shares: reading the file, finding bad UTF-8 by line,
// splitting CSV into located rows, and the small cell parsers and message helpers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/forms/label.hpp"
#include "core/forms/validation.hpp"
#include "core/io/csv.hpp"
#include "core/io/import_issue.hpp"

namespace c5 {

// The whole file as bytes; the issue names the file when it cannot be read.
[[nodiscard]] ImportResult<std::string> read_import_file(const std::filesystem::path& file);

// One issue per physical line that holds bytes which are not UTF-8; empty when all are.
ImportIssues find_invalid_utf8_lines(std::string_view text, const std::string& file_name);

// CSV rows with their lines, header first; or the issues that stop a read: lines that are
// not UTF-8, a quoting error (file and line), or an empty file.
[[nodiscard]] ImportResult<std::vector<CsvRow>> split_csv_for_import(std::string_view text,
                                                                     const std::string& file_name);

// The text without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view text);

// A whole number written as optional '-' and ASCII digits that fits in 64 bits; nullopt for
// anything else ("3.5", "1e3", "+3", "", overflow).
std::optional<std::int64_t> parse_whole_number(std::string_view text);

// "file:line", where a record came from.
std::string source_of(const std::string& file_name, int line);

// validate_values on a record whose unreadable cells were left out, minus the issues that
// would only repeat those: about the unreadable fields themselves (now "unanswered"), and
// about questions whose relevance hangs on one of them.
std::vector<FieldIssue> validate_readable(const Form& form,
                                          const std::map<std::string, Value>& values,
                                          Completeness completeness,
                                          const std::set<std::string>& unreadable);

// "not one of the choices" for a Choice field, listing them.
std::string not_a_choice(const FieldDef& field);

// A message for an import report: Vietnamese, then " / " and English when there is one
// ("Chưa trả lời / Not answered").
std::string bilingual(const Label& message);
std::string bilingual(std::string vi, std::string en);

}  // namespace c5
