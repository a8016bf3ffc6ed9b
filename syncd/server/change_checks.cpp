// Validating a batch's values against the forms, record by record.
#include "syncd/server/change_checks.hpp"

#include <map>
#include <set>

#include "core/forms/validation.hpp"

namespace c5::syncd {
namespace {

std::string where(const FieldChange& c) {
    return "record " + to_string(c.record_id) + " field " + c.field;
}

// _status a known status, _deleted a boolean, _review_comment text; each may be cleared.
std::optional<std::string> reserved_problem(const FieldChange& c) {
    if (is_empty(c.value)) return std::nullopt;
    if (c.field == kStatusField) {
        const auto* text = std::get_if<std::string>(&c.value);
        if (!text || !parse_review_status(*text)) return where(c) + ": not a review status";
    } else if (c.field == kDeletedField) {
        if (!std::holds_alternative<bool>(c.value)) return where(c) + ": must be a boolean";
    } else if (!std::holds_alternative<std::string>(c.value)) {
        return where(c) + ": must be text";
    }
    return std::nullopt;
}

std::optional<std::string> unit_problem(const FieldChange& c, const Form& form,
                                        const Registry* registry) {
    if (!registry) return std::nullopt;
    const Unit* unit = registry->find(c.unit_code);
    if (!unit) return "record " + to_string(c.record_id) + ": unknown unit " + c.unit_code;
    if (!form.unit_level.empty() && unit_level_name(unit->level) != form.unit_level) {
        return "record " + to_string(c.record_id) + ": unit " + c.unit_code + " is not a " +
               form.unit_level;
    }
    return std::nullopt;
}

// Whether a field applies cannot be told when the answer it depends on is not in the batch;
// the merged record decides that. Such a field is still checked for type and range, by
// validating it once more with the answer it depends on set so that it applies.
std::optional<std::string> first_issue(const Form& form, const RecordId& id,
                                       const std::map<std::string, Value>& values) {
    std::map<std::string, Value> applying = values;
    std::set<std::string> undecided;
    for (const auto& [field, value] : values) {
        const FieldDef* def = form.find(field);
        if (!def || !def->relevant || values.count(def->relevant->field)) continue;
        if (def->relevant->any_of.empty()) continue;
        undecided.insert(field);
        applying[def->relevant->field] = def->relevant->any_of.front();
    }
    const auto report = [&](const FieldIssue& issue) {
        return "record " + to_string(id) + " field " + issue.field + ": " + issue.message.en;
    };
    for (const FieldIssue& issue : validate_values(form, values, Completeness::Draft)) {
        if (!undecided.count(issue.field)) return report(issue);
    }
    if (undecided.empty()) return std::nullopt;
    for (const FieldIssue& issue : validate_values(form, applying, Completeness::Draft)) {
        if (undecided.count(issue.field)) return report(issue);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> invalid_values(std::span<const FieldChange> changes,
                                          const Definitions& defs, const Registry* registry) {
    // The newest value the batch gives each field of each record.
    std::map<RecordId, std::map<std::string, const FieldChange*>> latest;
    for (const FieldChange& c : changes) {
        auto form = defs.forms.find(c.form);
        if (form == defs.forms.end()) {
            return "record " + to_string(c.record_id) + ": unknown form " + c.form;
        }
        if (auto problem = unit_problem(c, form->second, registry)) return problem;
        if (is_reserved_field(c.field)) {
            if (auto problem = reserved_problem(c)) return problem;
            continue;
        }
        if (!form->second.find(c.field)) return where(c) + ": not a field of form " + c.form;
        const FieldChange*& slot = latest[c.record_id][c.field];
        if (!slot || slot->version() < c.version()) slot = &c;
    }
    for (const auto& [id, fields] : latest) {
        const Form& form = defs.forms.at(fields.begin()->second->form);
        std::map<std::string, Value> values;
        for (const auto& [field, change] : fields) {
            if (!is_empty(change->value)) values[field] = change->value;
        }
        if (auto problem = first_issue(form, id, values)) return problem;
    }
    return std::nullopt;
}

}  // namespace c5::syncd
