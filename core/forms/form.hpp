// The model of a form definition loaded from forms/*.json: its fields, their types and
// limits, which questions apply when, and the cross-field rules a record must satisfy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/forms/label.hpp"
#include "core/records/value.hpp"
#include "core/util/result.hpp"

namespace c5 {

enum class FieldType { Bool, Int, Text, Choice, UnitCode, Timestamp };

// "bool", "int", "text", "choice", "unit_code", "timestamp".
const char* field_type_name(FieldType type);

struct Choice {
    std::string id;
    Label label;
};

// True when the named field holds one of the listed values. Used for "relevant" (the
// question applies) and for the "when" of a cross-field rule.
struct Condition {
    std::string field;
    std::vector<Value> any_of;
};

struct FieldDef {
    std::string id;
    FieldType type = FieldType::Text;
    Label label;
    Label hint;
    std::string section;          // groups questions on screen; "" for the first section
    bool required = false;        // must be answered (when relevant) for a completed record
    bool personal = false;        // names, addresses, phones: encrypted, never logged
    std::vector<Choice> choices;  // for FieldType::Choice
    std::optional<std::int64_t> min;
    std::optional<std::int64_t> max;
    std::string max_field;              // an Int field whose value bounds this one from above
    std::optional<Condition> relevant;  // absent: always asked
    std::string unit_level;             // for UnitCode: "ward", "district", ...

    const Choice* find_choice(const std::string& id) const;
};

// "When <when> holds, <field> must equal <equals>", with the message shown otherwise.
struct CrossRule {
    std::string id;
    Condition when;
    std::string field;
    Value equals;
    Label message;
};

struct Section {
    std::string id;
    Label title;
};

struct Form {
    std::string id;
    int version = 0;
    Label title;
    std::string unit_level;  // the level of unit one record is about: "ward", "district"
    std::vector<Section> sections;
    std::vector<FieldDef> fields;
    std::vector<CrossRule> rules;

    const FieldDef* find(const std::string& field_id) const;
};

// Parses one form definition. On error the message names the file, the JSON path
// ("/fields/3/type") and what is wrong.
[[nodiscard]] Result<Form> load_form(const std::filesystem::path& file);

// Parses a form from JSON text; source_name stands for the file in messages.
[[nodiscard]] Result<Form> parse_form(const std::string& json_text, const std::string& source_name);

// Every form in a folder (*.json directly inside it), by form id.
[[nodiscard]] Result<std::map<std::string, Form>> load_forms(const std::filesystem::path& dir);

}  // namespace c5
