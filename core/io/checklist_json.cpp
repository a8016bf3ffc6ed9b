// Checklist JSON: [{"form": ..., "unit_code": ..., "values": {...}}] for the ward and district
// checklists. Values are checked as drafts, units against the registry, and every issue is
// located by JSON pointer and line.
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "core/io/import_support.hpp"
#include "core/io/interchange.hpp"
#include "core/io/json_lines.hpp"
#include "core/text/unicode.hpp"
#include "core/util/json_depth.hpp"

namespace c5 {
namespace {

using nlohmann::json;

// nlohmann's message without its "[json.exception...] parse error at line L, column C: "
// prefix: the line is reported in the issue's own field, counted the same way as elsewhere.
std::string parse_error_text(const json::parse_error& error) {
    const std::string what = error.what();
    const std::size_t column = what.find("column ");
    const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

class ChecklistReader {
public:
    ChecklistReader(std::string_view text, const std::string& file,
                    const std::map<std::string, Form>& forms, const Registry* registry)
        : text_(text), file_(file), forms_(forms), registry_(registry) {}

    ImportResult<std::vector<FormRecord>> run() {
        json document;
        // Known shortcoming: a key given twice in one object keeps its last value without an
        // issue, because nlohmann::json merges duplicates while parsing.
        if (!json_nesting_within(text_)) {
            return std::unexpected(
                ImportIssues{{file_, 0, "",
                              bilingual("JSON lồng nhau quá sâu",
                                        "JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                                            " levels")}});
        }
        try {
            document = json::parse(text_);
        } catch (const json::parse_error& error) {
            // `byte` counts from 1 and points just past what was read last.
            const std::size_t at = error.byte > 0 ? error.byte - 1 : 0;
            return std::unexpected(ImportIssues{
                {file_, line_at_offset(text_, at), "", "JSON: " + parse_error_text(error)}});
        } catch (const json::exception& error) {
            // A number too large for a double, for one; nlohmann gives no position for it.
            return std::unexpected(
                ImportIssues{{file_, 0, "", std::string("JSON: ") + error.what()}});
        }
        lines_ = json_value_lines(text_);
        if (!document.is_array()) {
            issue("", bilingual("Tệp phải là một mảng các bảng đánh giá",
                                "The file must be an array of checklists"));
        } else {
            for (std::size_t i = 0; i < document.size(); ++i) {
                read_checklist(document[i], "/" + std::to_string(i));
            }
        }
        if (!issues_.empty()) return std::unexpected(std::move(issues_));
        return std::move(records_);
    }

private:
    int line_of(const std::string& pointer) const {
        auto it = lines_.find(pointer);
        return it == lines_.end() ? 0 : it->second;
    }

    void issue(const std::string& pointer, std::string message) {
        issues_.push_back({file_, line_of(pointer), pointer, std::move(message)});
    }

    // The text of a string member, or an issue and nullopt.
    std::optional<std::string> string_member(const json& object, const char* key,
                                             const std::string& pointer) {
        auto it = object.find(key);
        if (it == object.end()) {
            issue(pointer, bilingual(std::string("Thiếu khoá \"") + key + "\"",
                                     std::string("\"") + key + "\" is missing"));
            return std::nullopt;
        }
        if (!it->is_string()) {
            issue(pointer + "/" + key, bilingual("Phải là chuỗi", "Must be a string"));
            return std::nullopt;
        }
        return to_nfc(it->get<std::string>());
    }

    const Form* checklist_form(const json& object, const std::string& pointer) {
        const auto id = string_member(object, "form", pointer);
        if (!id) return nullptr;
        auto it = forms_.find(*id);
        // Only checklists come in this file; households have their own CSV.
        if (it == forms_.end() || !id->ends_with("_checklist")) {
            issue(pointer + "/form", bilingual("Không có bảng đánh giá \"" + *id + "\"",
                                               "\"" + *id + "\" is not a known checklist form"));
            return nullptr;
        }
        return &it->second;
    }

    void check_unit(const Form& form, const std::string& code, const std::string& pointer) {
        if (registry_ == nullptr) return;
        const auto level = parse_unit_level(form.unit_level);
        const Unit* unit = registry_->find(code);
        if (unit != nullptr && (!level || unit->level == *level)) return;
        const std::string level_name = level ? unit_level_name(*level) : "unit";
        issue(pointer + "/unit_code",
              bilingual("Không có mã " + code + " (" + level_name + ") trong danh mục",
                        "No " + level_name + " with code " + code + " in the registry"));
    }

    // The value of one answer for its field, or an issue and nullopt. null is unanswered.
    std::optional<Value> read_value(const FieldDef& field, const json& j,
                                    const std::string& pointer) {
        if (j.is_null()) return Value();
        switch (field.type) {
            case FieldType::Bool:
                if (j.is_boolean()) return Value(j.get<bool>());
                issue(pointer, bilingual("Phải là true hoặc false", "Must be true or false"));
                return std::nullopt;
            case FieldType::Int:
                if (j.is_number_integer() &&
                    (!j.is_number_unsigned() ||
                     j.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))) {
                    return Value(j.get<std::int64_t>());
                }
                issue(pointer, bilingual("Phải là số nguyên", "Must be a whole number"));
                return std::nullopt;
            case FieldType::Choice:
                if (j.is_string()) {
                    std::string text = to_nfc(j.get<std::string>());
                    if (field.find_choice(text) != nullptr) return Value(std::move(text));
                    issue(pointer, not_a_choice(field));
                    return std::nullopt;
                }
                break;
            default:
                if (j.is_string()) return Value(to_nfc(j.get<std::string>()));
                break;
        }
        issue(pointer, bilingual("Phải là chuỗi", "Must be a string"));
        return std::nullopt;
    }

    void read_checklist(const json& object, const std::string& pointer) {
        if (!object.is_object()) {
            issue(pointer, bilingual("Phải là một đối tượng {form, unit_code, values}",
                                     "Must be an object {form, unit_code, values}"));
            return;
        }
        const std::size_t before = issues_.size();
        for (const auto& [key, value] : object.items()) {
            if (key != "form" && key != "unit_code" && key != "values") {
                issue(pointer + "/" + json_pointer_token(key),
                      bilingual("Khoá không xác định", "Unknown key"));
            }
        }
        const Form* form = checklist_form(object, pointer);
        const auto unit_code = string_member(object, "unit_code", pointer);
        if (form != nullptr && unit_code) check_unit(*form, *unit_code, pointer);

        FormRecord record;
        record.unit_code = unit_code.value_or("");
        record.source = source_of(file_, line_of(pointer));
        auto values = object.find("values");
        if (values == object.end() || !values->is_object()) {
            issue(values == object.end() ? pointer : pointer + "/values",
                  bilingual("\"values\" phải là một đối tượng", "\"values\" must be an object"));
        } else if (form != nullptr) {
            record.form = form->id;
            read_values(*form, *values, pointer + "/values", record);
        }
        if (issues_.size() != before) return;

        auto [it, added] = seen_.try_emplace({record.form, record.unit_code}, line_of(pointer));
        if (!added) {
            const std::string first = std::to_string(it->second);
            issue(pointer, bilingual("Đơn vị " + record.unit_code + " đã có bảng " + record.form +
                                         " ở dòng " + first,
                                     "Unit " + record.unit_code + " already has a " + record.form +
                                         " on line " + first));
            return;
        }
        records_.push_back(std::move(record));
    }

    void read_values(const Form& form, const json& values, const std::string& pointer,
                     FormRecord& record) {
        // A value of the wrong type is reported once, not again by validation.
        std::set<std::string> unreadable;
        for (const auto& [key, j] : values.items()) {
            const std::string at = pointer + "/" + json_pointer_token(key);
            const FieldDef* field = form.find(key);
            if (field == nullptr) {
                issue(at,
                      bilingual("Không có câu hỏi này trong phiếu", "Not a field of this form"));
                unreadable.insert(key);
                continue;
            }
            auto value = read_value(*field, j, at);
            if (!value) {
                unreadable.insert(key);
            } else if (!is_empty(*value)) {
                record.values[key] = std::move(*value);
            }
        }
        for (const FieldIssue& problem :
             validate_readable(form, record.values, Completeness::Draft, unreadable)) {
            issue(pointer + "/" + json_pointer_token(problem.field), bilingual(problem.message));
        }
    }

    std::string_view text_;
    const std::string& file_;
    const std::map<std::string, Form>& forms_;
    const Registry* registry_;
    std::unordered_map<std::string, int> lines_;
    std::map<std::pair<std::string, std::string>, int> seen_;  // (form, unit) -> line
    ImportIssues issues_;
    std::vector<FormRecord> records_;
};

nlohmann::ordered_json to_json(const Value& value) {
    if (const auto* b = std::get_if<bool>(&value)) return *b;
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    return nullptr;
}

}  // namespace

ImportResult<std::vector<FormRecord>> read_checklists_json(const std::filesystem::path& file,
                                                           const std::map<std::string, Form>& forms,
                                                           const Registry* registry) {
    auto text = read_import_file(file);
    if (!text) return std::unexpected(std::move(text.error()));
    return parse_checklists_json(*text, file.string(), forms, registry);
}

ImportResult<std::vector<FormRecord>> parse_checklists_json(
    std::string_view text, const std::string& file_name, const std::map<std::string, Form>& forms,
    const Registry* registry) {
    return ChecklistReader(text, file_name, forms, registry).run();
}

void write_checklists_json(std::ostream& out, const std::vector<FormRecord>& checklists) {
    nlohmann::ordered_json document = nlohmann::ordered_json::array();
    for (const FormRecord& record : checklists) {
        nlohmann::ordered_json values = nlohmann::ordered_json::object();
        for (const auto& [field, value] : record.values) {
            if (!is_empty(value)) values[field] = to_json(value);
        }
        document.push_back({{"form", record.form},
                            {"unit_code", record.unit_code},
                            {"values", std::move(values)}});
    }
    // Stored text is valid UTF-8; replacing rather than throwing keeps exceptions out of
    // core's API should a caller hand in something else.
    out << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace c5
