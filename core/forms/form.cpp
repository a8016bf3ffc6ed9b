// Loading form definitions from JSON, refusing anything malformed with the JSON path of the
// problem, so a typo in forms/ never reaches a surveyor's screen.
#include "core/forms/form.hpp"

#include <set>

#include "core/forms/definition_reader.hpp"

namespace c5 {

using nlohmann::json;
using namespace definition;

const char* field_type_name(FieldType type) {
    switch (type) {
        case FieldType::Bool:
            return "bool";
        case FieldType::Int:
            return "int";
        case FieldType::Text:
            return "text";
        case FieldType::Choice:
            return "choice";
        case FieldType::UnitCode:
            return "unit_code";
        case FieldType::Timestamp:
            return "timestamp";
    }
    return "?";
}

const Choice* FieldDef::find_choice(const std::string& choice_id) const {
    for (const auto& c : choices)
        if (c.id == choice_id) return &c;
    return nullptr;
}

const FieldDef* Form::find(const std::string& field_id) const {
    for (const auto& f : fields)
        if (f.id == field_id) return &f;
    return nullptr;
}

namespace {

FieldType parse_field_type(const json& obj, const std::string& path) {
    const std::string name = require_string(obj, "type", path);
    for (FieldType t : {FieldType::Bool, FieldType::Int, FieldType::Text, FieldType::Choice,
                        FieldType::UnitCode, FieldType::Timestamp}) {
        if (name == field_type_name(t)) return t;
    }
    throw DefinitionError(
        child(path, "type"),
        "unknown type \"" + name + "\" (expected bool, int, text, choice, unit_code or timestamp)");
}

// A JSON literal as the value of the given field, checked against the field's type.
Value literal_for(const FieldDef& field, const json& j, const std::string& path) {
    switch (field.type) {
        case FieldType::Bool:
            if (j.is_boolean()) return j.get<bool>();
            break;
        case FieldType::Int:
            if (j.is_number_integer()) return j.get<std::int64_t>();
            break;
        case FieldType::Choice:
            if (j.is_string() && field.find_choice(j.get<std::string>()))
                return j.get<std::string>();
            throw DefinitionError(path, "not a choice of field \"" + field.id + "\"");
        default:
            if (j.is_string()) return j.get<std::string>();
            break;
    }
    throw DefinitionError(path, std::string("a value of type ") + field_type_name(field.type) +
                                    " is expected for field \"" + field.id + "\"");
}

// The referenced field must already be parsed; conditions only look backwards or sideways.
const FieldDef& referenced_field(const Form& form, const std::string& id, const std::string& path) {
    const FieldDef* f = form.find(id);
    if (!f) throw DefinitionError(path, "no field \"" + id + "\" in this form");
    return *f;
}

Condition parse_condition(const Form& form, const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j, {"field", "any_of"}, path);
    Condition cond;
    cond.field = require_string(j, "field", path);
    const FieldDef& ref = referenced_field(form, cond.field, child(path, "field"));
    const std::string list_path = child(path, "any_of");
    const json& list = require_array(require_member(j, "any_of", path), list_path);
    if (list.empty()) throw DefinitionError(list_path, "must list at least one value");
    for (std::size_t i = 0; i < list.size(); ++i)
        cond.any_of.push_back(literal_for(ref, list[i], child(list_path, i)));
    return cond;
}

std::vector<Choice> parse_choices(const json& obj, const std::string& path) {
    std::vector<Choice> choices;
    const std::string list_path = child(path, "choices");
    const json& list = require_array(require_member(obj, "choices", path), list_path);
    if (list.empty()) throw DefinitionError(list_path, "a choice field needs choices");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = child(list_path, i);
        require_object(list[i], p);
        refuse_unknown_keys(list[i], {"id", "label"}, p);
        Choice c{require_string(list[i], "id", p), require_label(list[i], "label", p)};
        if (!seen.insert(c.id).second)
            throw DefinitionError(child(p, "id"), "duplicate choice \"" + c.id + "\"");
        choices.push_back(std::move(c));
    }
    return choices;
}

FieldDef parse_field(const Form& form, const std::set<std::string>& sections, const json& j,
                     const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j,
                        {"id", "type", "label", "hint", "section", "required", "personal",
                         "choices", "min", "max", "max_field", "relevant", "unit_level"},
                        path);
    FieldDef f;
    f.id = require_string(j, "id", path);
    if (form.find(f.id))
        throw DefinitionError(child(path, "id"), "duplicate field \"" + f.id + "\"");
    f.type = parse_field_type(j, path);
    f.label = require_label(j, "label", path);
    f.hint = optional_label(j, "hint", path);
    f.section = optional_string(j, "section", path);
    if (!f.section.empty() && !sections.count(f.section))
        throw DefinitionError(child(path, "section"), "no section \"" + f.section + "\"");
    f.required = optional_bool(j, "required", path, false);
    f.personal = optional_bool(j, "personal", path, false);
    f.unit_level = optional_string(j, "unit_level", path);

    if (f.type == FieldType::Choice) {
        f.choices = parse_choices(j, path);
    } else if (j.contains("choices")) {
        throw DefinitionError(child(path, "choices"), "only a choice field has choices");
    }

    f.min = optional_int(j, "min", path);
    f.max = optional_int(j, "max", path);
    f.max_field = optional_string(j, "max_field", path);
    const bool has_bounds = f.min || f.max || !f.max_field.empty();
    if (has_bounds && f.type != FieldType::Int)
        throw DefinitionError(path, "min, max and max_field apply to int fields only");
    if (f.min && f.max && *f.min > *f.max) throw DefinitionError(child(path, "max"), "below min");
    if (!f.max_field.empty()) {
        const FieldDef& bound = referenced_field(form, f.max_field, child(path, "max_field"));
        if (bound.type != FieldType::Int)
            throw DefinitionError(child(path, "max_field"), "must name an int field");
    }

    if (j.contains("relevant"))
        f.relevant = parse_condition(form, j["relevant"], child(path, "relevant"));
    return f;
}

CrossRule parse_rule(const Form& form, const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j, {"id", "when", "field", "equals", "message"}, path);
    CrossRule rule;
    rule.id = require_string(j, "id", path);
    rule.when = parse_condition(form, require_member(j, "when", path), child(path, "when"));
    rule.field = require_string(j, "field", path);
    const FieldDef& target = referenced_field(form, rule.field, child(path, "field"));
    rule.equals = literal_for(target, require_member(j, "equals", path), child(path, "equals"));
    rule.message = require_label(j, "message", path);
    return rule;
}

Form parse_form_json(const json& root) {
    require_object(root, "");
    refuse_unknown_keys(
        root, {"form", "version", "title", "unit_level", "sections", "fields", "rules"}, "");
    Form form;
    form.id = require_string(root, "form", "");
    auto version = optional_int(root, "version", "");
    if (!version || *version < 1) throw DefinitionError("/version", "a version >= 1 is required");
    form.version = static_cast<int>(*version);
    form.title = require_label(root, "title", "");
    form.unit_level = require_string(root, "unit_level", "");

    std::set<std::string> section_ids;
    if (root.contains("sections")) {
        const json& list = require_array(root["sections"], "/sections");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string p = child("/sections", i);
            require_object(list[i], p);
            refuse_unknown_keys(list[i], {"id", "title"}, p);
            Section s{require_string(list[i], "id", p), require_label(list[i], "title", p)};
            if (!section_ids.insert(s.id).second)
                throw DefinitionError(child(p, "id"), "duplicate section \"" + s.id + "\"");
            form.sections.push_back(std::move(s));
        }
    }

    const json& fields = require_array(require_member(root, "fields", ""), "/fields");
    if (fields.empty()) throw DefinitionError("/fields", "a form needs at least one field");
    for (std::size_t i = 0; i < fields.size(); ++i)
        form.fields.push_back(parse_field(form, section_ids, fields[i], child("/fields", i)));

    if (root.contains("rules")) {
        const json& rules = require_array(root["rules"], "/rules");
        for (std::size_t i = 0; i < rules.size(); ++i)
            form.rules.push_back(parse_rule(form, rules[i], child("/rules", i)));
    }
    return form;
}

}  // namespace

Result<Form> parse_form(const std::string& json_text, const std::string& source_name) {
    auto root = parse_json(json_text, source_name);
    if (!root) return std::unexpected(root.error());
    return load_with_paths<Form>(source_name, [&] { return parse_form_json(*root); });
}

Result<Form> load_form(const std::filesystem::path& file) {
    auto text = read_text_file(file);
    if (!text) return std::unexpected(text.error());
    return parse_form(*text, file.string());
}

Result<std::map<std::string, Form>> load_forms(const std::filesystem::path& dir) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    if (ec) return fail(ErrorKind::NotFound, dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());

    std::map<std::string, Form> forms;
    for (const auto& file : files) {
        auto form = load_form(file);
        if (!form) return std::unexpected(form.error());
        if (forms.count(form->id))
            return fail(ErrorKind::InvalidInput,
                        file.string() + ": /form: a second definition of \"" + form->id + "\"");
        forms.emplace(form->id, std::move(*form));
    }
    return forms;
}

}  // namespace c5
