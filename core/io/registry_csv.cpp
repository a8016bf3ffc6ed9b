// Reading the registry CSV (level,code,name,parent_code,households_registered): every row is
// checked on its own, then the hierarchy as a whole, and the file is refused on any issue.
#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/io/import_support.hpp"
#include "core/io/interchange.hpp"
#include "core/text/unicode.hpp"

namespace c5 {
namespace {

enum Column { kLevel, kCode, kName, kParent, kHouseholds, kColumnCount };
constexpr std::array<const char*, kColumnCount> kColumnNames = {
    "level", "code", "name", "parent_code", "households_registered"};

// Where each column sits in the file; the columns may come in any order.
using ColumnPositions = std::array<std::size_t, kColumnCount>;

const char* level_name_vi(UnitLevel level) {
    switch (level) {
        case UnitLevel::Province:
            return "tỉnh";
        case UnitLevel::District:
            return "huyện";
        case UnitLevel::Ward:
            return "xã/phường";
        case UnitLevel::Group:
            return "tổ dân phố";
    }
    return "";
}

// A row as read, kept even when part of it is wrong so that the hierarchy checks do not
// repeat a row's own problem as "parent not found" in its children.
struct RegistryRow {
    int line = 0;
    std::optional<UnitLevel> level;
    Unit unit;
};

std::optional<ColumnPositions> map_header(const CsvRow& header, const std::string& file,
                                          ImportIssues& issues) {
    constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    ColumnPositions positions;
    positions.fill(kAbsent);
    const std::size_t before = issues.size();
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string name = to_nfc(trim_blanks(header.cells[i]));
        std::size_t column = 0;
        while (column < kColumnCount && name != kColumnNames[column]) ++column;
        if (column == kColumnCount) {
            issues.push_back(
                {file, header.line, name, bilingual("Cột không xác định", "Unknown column")});
        } else if (positions[column] != kAbsent) {
            issues.push_back(
                {file, header.line, name, bilingual("Cột bị lặp", "Duplicate column")});
        } else {
            positions[column] = i;
        }
    }
    for (std::size_t column = 0; column < kColumnCount; ++column) {
        if (positions[column] == kAbsent) {
            issues.push_back({file, header.line, kColumnNames[column],
                              bilingual("Thiếu cột", "Missing column")});
        }
    }
    if (issues.size() != before) return std::nullopt;
    return positions;
}

bool all_digits(const std::string& text) {
    return text.find_first_not_of("0123456789") == std::string::npos;
}

// National codes: 2 digits for a province, 3 for a district, 5 for a ward. A group's code is
// local to its ward and only has to be present.
std::optional<std::string> code_problem(UnitLevel level, const std::string& code) {
    if (level == UnitLevel::Group) {
        if (code.empty())
            return bilingual("Mã tổ không được để trống", "A group code must not be empty");
        return std::nullopt;
    }
    const std::size_t digits = level == UnitLevel::Province   ? 2
                               : level == UnitLevel::District ? 3
                                                              : 5;
    if (code.size() == digits && all_digits(code)) return std::nullopt;
    const std::string count = std::to_string(digits);
    return bilingual(
        std::string("Mã ") + level_name_vi(level) + " gồm đúng " + count + " chữ số",
        std::string("A ") + unit_level_name(level) + " code is exactly " + count + " digits");
}

RegistryRow read_row(const CsvRow& row, const ColumnPositions& at, const std::string& file,
                     ImportIssues& issues) {
    RegistryRow out;
    out.line = row.line;
    auto cell = [&](Column c) { return to_nfc(trim_blanks(row.cells[at[c]])); };

    const std::string level_text = cell(kLevel);
    out.level = parse_unit_level(level_text);
    if (!out.level) {
        issues.push_back({file, row.line, "level",
                          bilingual("Cấp phải là province, district, ward hoặc group",
                                    "Level must be province, district, ward or group, not \"" +
                                        level_text + "\"")});
    } else {
        out.unit.level = *out.level;
    }
    out.unit.code = cell(kCode);
    out.unit.name = cell(kName);
    out.unit.parent_code = cell(kParent);
    if (out.level) {
        if (auto problem = code_problem(*out.level, out.unit.code)) {
            issues.push_back({file, row.line, "code", *problem});
        }
        // Results list units by name; a group may go by its code alone.
        if (out.unit.name.empty() && *out.level != UnitLevel::Group) {
            issues.push_back({file, row.line, "name",
                              bilingual("Tên không được để trống", "The name is empty")});
        }
    }
    const std::string households = cell(kHouseholds);
    if (!households.empty()) {
        const auto count = parse_whole_number(households);
        if (!count || *count < 0 || households.front() == '-') {
            issues.push_back(
                {file, row.line, "households_registered",
                 bilingual("Số hộ đăng ký phải là số nguyên không âm",
                           "Must be a whole number of at least 0, not \"" + households + "\"")});
        } else {
            out.unit.households_registered = count;
        }
    }
    return out;
}

bool parent_level_allowed(UnitLevel child, UnitLevel parent) {
    switch (child) {
        case UnitLevel::Province:
            return false;
        case UnitLevel::District:
            return parent == UnitLevel::Province;
        // Where the district level does not exist (abolished in 2025), wards hang directly
        // under their province.
        case UnitLevel::Ward:
            return parent == UnitLevel::District || parent == UnitLevel::Province;
        case UnitLevel::Group:
            return parent == UnitLevel::Ward;
    }
    return false;
}

std::string expected_parent(UnitLevel child) {
    switch (child) {
        case UnitLevel::District:
            return bilingual("Cấp trên của huyện là tỉnh", "A district's parent is a province");
        case UnitLevel::Ward:
            return bilingual("Cấp trên của xã/phường là huyện hoặc tỉnh",
                             "A ward's parent is a district or a province");
        case UnitLevel::Group:
            return bilingual("Cấp trên của tổ dân phố là xã/phường", "A group's parent is a ward");
        case UnitLevel::Province:
            break;
    }
    return bilingual("Tỉnh không có cấp trên", "A province has no parent");
}

// Codes must be unique (group codes within their ward), and every parent must be in the file
// at the right level; parents may come before or after their children.
void check_hierarchy(const std::vector<RegistryRow>& rows, const std::string& file,
                     ImportIssues& issues) {
    std::map<std::string, const RegistryRow*> units;
    std::map<std::pair<std::string, std::string>, const RegistryRow*> groups;
    for (const RegistryRow& row : rows) {
        if (!row.level || row.unit.code.empty()) continue;
        const RegistryRow* earlier = nullptr;
        if (*row.level == UnitLevel::Group) {
            auto [it, added] = groups.try_emplace({row.unit.parent_code, row.unit.code}, &row);
            if (!added) earlier = it->second;
        } else {
            auto [it, added] = units.try_emplace(row.unit.code, &row);
            if (!added) earlier = it->second;
        }
        if (earlier != nullptr) {
            const std::string at = std::to_string(earlier->line);
            issues.push_back(
                {file, row.line, "code",
                 bilingual("Mã " + row.unit.code + " đã có ở dòng " + at,
                           "Code " + row.unit.code + " is already used on line " + at)});
        }
    }

    for (const RegistryRow& row : rows) {
        if (!row.level) continue;
        const std::string& parent = row.unit.parent_code;
        if (*row.level == UnitLevel::Province) {
            if (!parent.empty()) {
                issues.push_back({file, row.line, "parent_code", expected_parent(*row.level)});
            }
            continue;
        }
        if (parent.empty()) {
            issues.push_back({file, row.line, "parent_code",
                              bilingual("Thiếu mã đơn vị cấp trên", "The parent code is missing")});
            continue;
        }
        auto it = units.find(parent);
        if (it == units.end()) {
            issues.push_back({file, row.line, "parent_code",
                              bilingual("Không có đơn vị mã " + parent + " trong tệp",
                                        "No unit with code " + parent + " in the file")});
        } else if (!parent_level_allowed(*row.level, *it->second->level)) {
            issues.push_back({file, row.line, "parent_code",
                              expected_parent(*row.level) + " (" + parent + ": " +
                                  unit_level_name(*it->second->level) + ")"});
        }
    }
}

}  // namespace

ImportResult<Registry> read_registry_csv(const std::filesystem::path& file) {
    auto text = read_import_file(file);
    if (!text) return std::unexpected(std::move(text.error()));
    return parse_registry_csv(*text, file.string());
}

ImportResult<Registry> parse_registry_csv(std::string_view text, const std::string& file_name) {
    auto rows = split_csv_for_import(text, file_name);
    if (!rows) return std::unexpected(std::move(rows.error()));

    ImportIssues issues;
    const auto positions = map_header(rows->front(), file_name, issues);
    if (!positions) return std::unexpected(std::move(issues));

    const std::size_t columns = rows->front().cells.size();
    std::vector<RegistryRow> read;
    for (std::size_t i = 1; i < rows->size(); ++i) {
        const CsvRow& row = (*rows)[i];
        if (row.cells.size() != columns) {
            issues.push_back({file_name, row.line, "",
                              bilingual("Dòng có " + std::to_string(row.cells.size()) +
                                            " ô, tiêu đề có " + std::to_string(columns),
                                        "The row has " + std::to_string(row.cells.size()) +
                                            " cells, the header " + std::to_string(columns))});
            continue;
        }
        read.push_back(read_row(row, *positions, file_name, issues));
    }
    check_hierarchy(read, file_name, issues);
    if (!issues.empty()) {
        // Row checks and hierarchy checks run in two passes; report in file order.
        std::stable_sort(
            issues.begin(), issues.end(),
            [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
        return std::unexpected(std::move(issues));
    }

    Registry registry;
    for (RegistryRow& row : read) registry.add(std::move(row.unit));
    return registry;
}

}  // namespace c5
