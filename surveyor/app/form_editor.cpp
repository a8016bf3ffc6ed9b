// Parsing what is typed in a form, and the inline checks.
#include "surveyor/app/form_editor.hpp"

#include <charconv>

#include "core/text/unicode.hpp"

namespace c5::surveyor {

std::string format_value(const FieldDef& field, const Value& value) {
    if (is_empty(value)) return {};
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "1" : "0";
    if (field.type == FieldType::Choice) {
        if (const auto* s = std::get_if<std::string>(&value)) {
            for (std::size_t i = 0; i < field.choices.size(); ++i)
                if (field.choices[i].id == *s) return std::to_string(i + 1);
        }
    }
    return to_display(value);
}

std::optional<std::string> yes_no_key(char key) {
    switch (key) {
        case 'c':
        case 'C':
        case 'y':
        case 'Y':
        case '1':
        case 't':
        case 'T':
            return "1";
        case 'k':
        case 'K':
        case 'n':
        case 'N':
        case '0':
        case 'f':
        case 'F':
            return "0";
        default:
            return std::nullopt;
    }
}

std::optional<Value> parse_text(const FieldDef& field, const std::string& raw) {
    const auto first = raw.find_first_not_of(" \t");
    if (first == std::string::npos) return Value{};
    const std::string text = raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
    switch (field.type) {
        case FieldType::Bool: {
            if (text.size() != 1) return std::nullopt;
            auto key = yes_no_key(text[0]);
            if (!key) return std::nullopt;
            return Value{*key == "1"};
        }
        case FieldType::Int: {
            std::int64_t n = 0;
            const char* end = text.data() + text.size();
            auto [p, ec] = std::from_chars(text.data(), end, n);
            if (ec != std::errc() || p != end) return std::nullopt;
            return Value{n};
        }
        case FieldType::Choice: {
            std::size_t n = 0;
            const char* end = text.data() + text.size();
            auto [p, ec] = std::from_chars(text.data(), end, n);
            if (ec == std::errc() && p == end && n >= 1 && n <= field.choices.size())
                return Value{field.choices[n - 1].id};
            if (field.find_choice(text)) return Value{text};
            return std::nullopt;
        }
        default:
            return Value{to_nfc(text)};
    }
}

FormEditor new_editor(const Form& form, const std::string& unit_code,
                      const std::map<std::string, Value>& defaults) {
    FormEditor editor;
    editor.form_id = form.id;
    editor.unit_code = unit_code;
    for (const FieldDef& f : form.fields) {
        auto it = defaults.find(f.id);
        editor.text[f.id] = it == defaults.end() ? std::string() : format_value(f, it->second);
    }
    refresh_issues(form, editor);
    return editor;
}

FormEditor editor_for(const Form& form, const StoredRecord& stored) {
    FormEditor editor = new_editor(form, stored.record.unit_code, stored.record.values);
    if (auto id = parse_record_id(stored.record.record_id)) editor.record_id = *id;
    editor.status = stored.status;
    editor.review_comment = stored.review_comment;
    editor.conflicts = stored.conflicts;
    return editor;
}

std::map<std::string, Value> editor_values(const Form& form, const FormEditor& editor) {
    std::map<std::string, Value> values;
    for (const FieldDef& f : form.fields) {
        auto it = editor.text.find(f.id);
        if (it == editor.text.end()) continue;
        auto value = parse_text(f, it->second);
        if (value && !is_empty(*value)) values[f.id] = *value;
    }
    return values;
}

void refresh_issues(const Form& form, FormEditor& editor) {
    editor.issues.clear();
    const auto values = editor_values(form, editor);
    for (const FieldDef& f : form.fields) {
        auto it = editor.text.find(f.id);
        if (it == editor.text.end() || !is_relevant(f, values)) continue;
        if (parse_text(f, it->second)) continue;
        switch (f.type) {
            case FieldType::Bool:
                editor.issues.push_back(
                    {f.id, {"Gõ c (có) hoặc k (không)", "Type y (yes) or n (no)"}});
                break;
            case FieldType::Int:
                editor.issues.push_back({f.id, {"Phải là số nguyên", "Must be a whole number"}});
                break;
            default:
                editor.issues.push_back(
                    {f.id, {"Gõ số thứ tự của một lựa chọn", "Type the number of a choice"}});
        }
    }
    // Answers to hidden questions are not part of the record, so they raise no message.
    std::map<std::string, Value> applicable = values;
    for (const FieldDef& f : form.fields)
        if (!is_relevant(f, values)) applicable.erase(f.id);
    const auto completeness = editor.tried_complete ? Completeness::Complete : Completeness::Draft;
    for (FieldIssue& issue : validate_values(form, applicable, completeness)) {
        if (!issue_for(editor, issue.field)) editor.issues.push_back(std::move(issue));
    }
}

void set_answer(const Form& form, FormEditor& editor, const std::string& field, std::string text) {
    std::string& slot = editor.text[field];
    if (slot == text) return;
    slot = std::move(text);
    editor.dirty = true;
    ++editor.edits;
    refresh_issues(form, editor);
}

const FieldIssue* issue_for(const FormEditor& editor, const std::string& field) {
    for (const FieldIssue& issue : editor.issues)
        if (issue.field == field) return &issue;
    return nullptr;
}

std::vector<const FieldDef*> visible_fields(const Form& form, const FormEditor& editor) {
    const auto values = editor_values(form, editor);
    std::vector<const FieldDef*> out;
    for (const FieldDef& f : form.fields)
        if (is_relevant(f, values)) out.push_back(&f);
    return out;
}

}  // namespace c5::surveyor
