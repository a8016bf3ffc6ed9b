// The household CSV: a header of the household form's field ids (optionally led by
// record_id), one visit per row. Reading turns cells into typed values, checks each row as a
// completed record and against the registry, and refuses the file on any issue.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <chrono>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>

#include "core/io/import_support.hpp"
#include "core/io/interchange.hpp"
#include "core/io/spreadsheet_text.hpp"
#include "core/records/record_id.hpp"
#include "core/text/timestamp.hpp"
#include "core/text/unicode.hpp"

namespace c5 {
namespace {

constexpr const char* kRecordIdColumn = "record_id";
// The residential group a household belongs to; checked against the groups of its ward.
constexpr const char* kGroupField = "group";

std::string lower_case(const std::string& utf8) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    text.toLower(icu::Locale::getRoot());
    std::string out;
    text.toUTF8String(out);
    return out;
}

// The ward (or other unit) codes and residential groups of a registry, looked up per row.
struct UnitIndex {
    std::unordered_map<std::string, UnitLevel> units;
    std::set<std::pair<std::string, std::string>> groups;  // (ward code, group code)

    explicit UnitIndex(const Registry& registry) {
        for (const Unit& unit : registry.units()) {
            if (unit.level == UnitLevel::Group) {
                groups.emplace(unit.parent_code, unit.code);
            } else {
                units.emplace(unit.code, unit.level);
            }
        }
    }
};

// Whether the header names the form's fields in order, optionally after record_id. Reports
// missing and unknown columns by name, or the expected order when only that is wrong.
std::optional<bool> read_header(const CsvRow& header, const Form& form, const std::string& file,
                                ImportIssues& issues) {
    std::vector<std::string> names;
    for (const std::string& cell : header.cells) names.push_back(to_nfc(trim_blanks(cell)));
    const bool has_record_id = !names.empty() && names.front() == kRecordIdColumn;
    if (has_record_id) names.erase(names.begin());

    std::vector<std::string> expected;
    for (const FieldDef& field : form.fields) expected.push_back(field.id);
    if (names == expected) return has_record_id;

    const std::size_t before = issues.size();
    std::set<std::string> seen;
    for (const std::string& name : names) {
        if (!seen.insert(name).second) {
            issues.push_back(
                {file, header.line, name, bilingual("Cột bị lặp", "Duplicate column")});
        } else if (form.find(name) == nullptr) {
            issues.push_back(
                {file, header.line, name, bilingual("Cột không có trong phiếu", "Unknown column")});
        }
    }
    for (const std::string& id : expected) {
        if (!seen.contains(id)) {
            issues.push_back({file, header.line, id, bilingual("Thiếu cột", "Missing column")});
        }
    }
    if (issues.size() == before) {
        std::string order = "record_id (optional)";
        for (const std::string& id : expected) order += "," + id;
        issues.push_back({file, header.line, "",
                          bilingual("Thứ tự cột phải là: " + order,
                                    "The columns must come in this order: " + order)});
    }
    return std::nullopt;
}

// A visit time from a laptop with a wrong date would win every "latest visit" choice; such
// times are refused at import. Text that is not a timestamp at all is left to validation.
bool is_plausible_time(const std::string& text) {
    constexpr std::int64_t kYear2000 = 946684800;
    constexpr std::int64_t kOneDay = 24 * 60 * 60;
    const auto when = parse_timestamp_utc(text);
    if (!when) return true;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return *when >= kYear2000 && *when <= now + kOneDay;
}

// The value of one non-empty cell for its field, or the reason it is not one. Timestamps stay
// text as written; validate_values checks their shape. Surrounding blanks are dropped from
// every cell, so " 01-0002 " and "01-0002" are the same household. Messages never repeat
// the cell: a name typed into the wrong column must not end up on a screen or in a log.
std::expected<Value, std::string> parse_cell(const FieldDef& field, const std::string& cell) {
    const std::string text = to_nfc(unguard_formula(trim_blanks(cell)));
    if (field.type == FieldType::Text) return Value(text);
    switch (field.type) {
        case FieldType::Bool: {
            const std::string word = lower_case(text);
            if (word == "1" || word == "true" || word == "có") return Value(true);
            if (word == "0" || word == "false" || word == "không") return Value(false);
            return std::unexpected(bilingual("Phải là 1/0, true/false hoặc có/không",
                                             "Must be 1/0, true/false or có/không"));
        }
        case FieldType::Int:
            if (const auto number = parse_whole_number(text)) return Value(*number);
            return std::unexpected(bilingual("Phải là số nguyên", "Must be a whole number"));
        case FieldType::Choice:
            // Checked here rather than left to validation so that the questions depending on
            // this answer are not all reported as well.
            if (field.find_choice(text) == nullptr) return std::unexpected(not_a_choice(field));
            return Value(text);
        case FieldType::Timestamp:
            if (!is_plausible_time(text))
                return std::unexpected(
                    bilingual("Thời điểm không hợp lý: trước năm 2000 hoặc sau ngày mai",
                              "Implausible time: before 2000 or after tomorrow"));
            return Value(text);
        default:
            return Value(text);
    }
}

UnitLevel level_of(const FieldDef& field, const Form& form) {
    const auto level =
        parse_unit_level(field.unit_level.empty() ? form.unit_level : field.unit_level);
    return level.value_or(UnitLevel::Ward);
}

// Unit codes must name a unit of the field's level, and the group one of that ward's groups.
void check_against_registry(const FormRecord& record, const Form& form, const UnitIndex& index,
                            const std::string& file, int line, ImportIssues& issues) {
    bool ward_known = false;
    for (const FieldDef& field : form.fields) {
        if (field.type != FieldType::UnitCode) continue;
        const auto* code = std::get_if<std::string>(&record.get(field.id));
        if (code == nullptr) continue;
        const UnitLevel level = level_of(field, form);
        auto it = index.units.find(*code);
        if (it != index.units.end() && it->second == level) {
            ward_known = ward_known || *code == record.unit_code;
            continue;
        }
        issues.push_back(
            {file, line, field.id,
             bilingual("Không có mã " + *code + " (" + unit_level_name(level) + ") trong danh mục",
                       "No " + std::string(unit_level_name(level)) + " with code " + *code +
                           " in the registry")});
    }
    const auto* group = std::get_if<std::string>(&record.get(kGroupField));
    if (ward_known && group != nullptr && !index.groups.contains({record.unit_code, *group})) {
        issues.push_back(
            {file, line, kGroupField,
             bilingual(
                 "Phường " + record.unit_code + " không có tổ " + *group + " trong danh mục",
                 "Ward " + record.unit_code + " has no group " + *group + " in the registry")});
    }
}

struct RowContext {
    const Form& form;
    const UnitIndex* index;  // nullptr without a registry
    const std::string& file;
    bool has_record_id;
};

// One data row as a record; its issues go to `issues`.
FormRecord read_row(const CsvRow& row, const RowContext& ctx, ImportIssues& issues) {
    FormRecord record;
    record.form = ctx.form.id;
    record.source = source_of(ctx.file, row.line);
    const std::size_t offset = ctx.has_record_id ? 1 : 0;
    if (ctx.has_record_id) {
        const std::string_view id_text = trim_blanks(row.cells[0]);
        if (!id_text.empty()) {
            if (auto id = parse_record_id(id_text)) {
                record.record_id = to_string(*id);
            } else {
                issues.push_back(
                    {ctx.file, row.line, kRecordIdColumn,
                     bilingual("Không phải UUID", "Not a UUID (8-4-4-4-12 hex digits)")});
            }
        }
    }

    // A cell that did not parse is reported once, not again by validation as unanswered.
    std::set<std::string> unreadable;
    for (std::size_t i = 0; i < ctx.form.fields.size(); ++i) {
        const FieldDef& field = ctx.form.fields[i];
        const std::string& cell = row.cells[offset + i];
        if (trim_blanks(cell).empty()) continue;
        auto value = parse_cell(field, cell);
        if (value) {
            record.values[field.id] = std::move(*value);
        } else {
            issues.push_back({ctx.file, row.line, field.id, value.error()});
            unreadable.insert(field.id);
        }
    }
    for (const FieldDef& field : ctx.form.fields) {
        if (field.type != FieldType::UnitCode) continue;
        if (const auto* code = std::get_if<std::string>(&record.get(field.id))) {
            record.unit_code = *code;
        }
        break;
    }

    for (const FieldIssue& issue :
         validate_readable(ctx.form, record.values, Completeness::Complete, unreadable)) {
        issues.push_back({ctx.file, row.line, issue.field, bilingual(issue.message)});
    }
    if (ctx.index != nullptr) {
        check_against_registry(record, ctx.form, *ctx.index, ctx.file, row.line, issues);
    }
    return record;
}

}  // namespace

ImportResult<std::vector<FormRecord>> read_household_csv(const std::filesystem::path& file,
                                                         const Form& household_form,
                                                         const Registry* registry) {
    auto text = read_import_file(file);
    if (!text) return std::unexpected(std::move(text.error()));
    return parse_household_csv(*text, file.string(), household_form, registry);
}

ImportResult<std::vector<FormRecord>> parse_household_csv(std::string_view text,
                                                          const std::string& file_name,
                                                          const Form& household_form,
                                                          const Registry* registry) {
    auto rows = split_csv_for_import(text, file_name);
    if (!rows) return std::unexpected(std::move(rows.error()));

    ImportIssues issues;
    const auto has_record_id = read_header(rows->front(), household_form, file_name, issues);
    if (!has_record_id) return std::unexpected(std::move(issues));

    std::optional<UnitIndex> index;
    if (registry != nullptr) index.emplace(*registry);
    const RowContext ctx{household_form, index ? &*index : nullptr, file_name, *has_record_id};
    const std::size_t columns = rows->front().cells.size();

    std::vector<FormRecord> records;
    std::map<std::string, int> id_lines;
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
        FormRecord record = read_row(row, ctx, issues);
        if (!record.record_id.empty()) {
            auto [it, added] = id_lines.try_emplace(record.record_id, row.line);
            if (!added) {
                const std::string at = std::to_string(it->second);
                issues.push_back({file_name, row.line, kRecordIdColumn,
                                  bilingual("record_id đã có ở dòng " + at,
                                            "The record_id is already used on line " + at)});
            }
        }
        records.push_back(std::move(record));
    }
    if (!issues.empty()) return std::unexpected(std::move(issues));
    return records;
}

void write_household_csv(std::ostream& out, const std::vector<FormRecord>& records,
                         const Form& household_form, bool with_bom) {
    if (with_bom) out << "\xEF\xBB\xBF";
    std::vector<std::string> cells{kRecordIdColumn};
    for (const FieldDef& field : household_form.fields) cells.push_back(field.id);
    write_csv_row(out, cells);
    for (const FormRecord& record : records) {
        cells.clear();
        cells.push_back(record.record_id);
        for (const FieldDef& field : household_form.fields) {
            const std::string shown = to_display(record.get(field.id));
            cells.push_back(field.type == FieldType::Text ? guard_formula(shown) : shown);
        }
        write_csv_row(out, cells);
    }
}

}  // namespace c5
