// Record validation against a form definition. Each message says in plain words what is
// wrong with which question, in Vietnamese and English.
#include "core/forms/validation.hpp"

#include <algorithm>

#include "core/text/timestamp.hpp"

namespace c5 {

namespace {

const Value& value_of(const std::map<std::string, Value>& values, const std::string& field) {
    static const Value kEmpty;
    auto it = values.find(field);
    return it == values.end() ? kEmpty : it->second;
}

bool holds(const Condition& cond, const std::map<std::string, Value>& values) {
    const Value& v = value_of(values, cond.field);
    return std::find(cond.any_of.begin(), cond.any_of.end(), v) != cond.any_of.end();
}

// How a condition's value reads to a person: the choice label, or yes/no.
Label describe(const Form& form, const std::string& field_id, const Value& v) {
    const FieldDef* f = form.find(field_id);
    if (const auto* s = std::get_if<std::string>(&v); f && s) {
        if (const Choice* c = f->find_choice(*s)) return c->label;
    }
    if (const auto* b = std::get_if<bool>(&v))
        return *b ? Label{"Có", "Yes"} : Label{"Không", "No"};
    return Label{to_display(v), to_display(v)};
}

Label does_not_apply(const Form& form, const Condition& cond) {
    const FieldDef* f = form.find(cond.field);
    const Label when = f ? f->label : Label{cond.field, cond.field};
    const Label is = describe(form, cond.field, cond.any_of.front());
    return {
        "Chỉ trả lời khi \"" + when.vi + "\" là \"" + is.vi + "\"",
        "Only answered when \"" + when.in(Language::En) + "\" is \"" + is.in(Language::En) + "\""};
}

// The type, choice and range check of one answered field; empty label when it is fine.
std::optional<Label> check_value(const FieldDef& f, const Value& v,
                                 const std::map<std::string, Value>& values, const Form& form) {
    switch (f.type) {
        case FieldType::Bool:
            if (!std::holds_alternative<bool>(v))
                return Label{"Phải là Có hoặc Không", "Must be yes or no"};
            return std::nullopt;
        case FieldType::Int: {
            const auto* n = std::get_if<std::int64_t>(&v);
            if (!n) return Label{"Phải là số nguyên", "Must be a whole number"};
            if (f.min && *n < *f.min)
                return Label{"Không được nhỏ hơn " + std::to_string(*f.min),
                             "Must be at least " + std::to_string(*f.min)};
            if (f.max && *n > *f.max)
                return Label{"Không được lớn hơn " + std::to_string(*f.max),
                             "Must be at most " + std::to_string(*f.max)};
            if (!f.max_field.empty()) {
                const auto* bound = std::get_if<std::int64_t>(&value_of(values, f.max_field));
                const FieldDef* bf = form.find(f.max_field);
                if (bound && bf && *n > *bound)
                    return Label{"Không được lớn hơn \"" + bf->label.vi + "\" (" +
                                     std::to_string(*bound) + ")",
                                 "Must not exceed \"" + bf->label.in(Language::En) + "\" (" +
                                     std::to_string(*bound) + ")"};
            }
            return std::nullopt;
        }
        default:
            break;
    }
    const auto* s = std::get_if<std::string>(&v);
    if (!s) return Label{"Phải là văn bản", "Must be text"};
    // The message does not repeat the text: it may be a name typed into the wrong question.
    if (f.type == FieldType::Choice && !f.find_choice(*s))
        return Label{"Không phải một lựa chọn của câu hỏi này", "Not one of the choices"};
    if (f.type == FieldType::Timestamp && !parse_timestamp_utc(*s))
        return Label{"Thời điểm phải có dạng 2024-10-05T09:12:00+07:00",
                     "A time must look like 2024-10-05T09:12:00+07:00"};
    if (f.type == FieldType::UnitCode && s->empty())
        return Label{"Mã đơn vị trống", "Empty unit code"};
    return std::nullopt;
}

}  // namespace

bool is_relevant(const FieldDef& field, const std::map<std::string, Value>& values) {
    return !field.relevant || holds(*field.relevant, values);
}

std::vector<FieldIssue> validate_values(const Form& form,
                                        const std::map<std::string, Value>& values,
                                        Completeness completeness) {
    std::vector<FieldIssue> issues;

    for (const auto& [id, value] : values) {
        if (!form.find(id))
            issues.push_back(
                {id, {"Không có câu hỏi này trong phiếu", "Not a field of this form"}});
    }

    for (const FieldDef& f : form.fields) {
        const Value& v = value_of(values, f.id);

        if (!is_relevant(f, values)) {
            if (!is_empty(v)) issues.push_back({f.id, does_not_apply(form, *f.relevant)});
            continue;
        }
        if (is_empty(v)) {
            if (f.required && completeness == Completeness::Complete)
                issues.push_back({f.id, {"Chưa trả lời", "Not answered"}});
            continue;
        }
        if (auto problem = check_value(f, v, values, form)) issues.push_back({f.id, *problem});
    }

    for (const CrossRule& rule : form.rules) {
        if (!holds(rule.when, values)) continue;
        const Value& v = value_of(values, rule.field);
        if (is_empty(v)) {
            // A draft may leave it open; a required field was already reported unanswered.
            const FieldDef* target = form.find(rule.field);
            if (completeness == Completeness::Draft || (target && target->required)) continue;
        }
        if (v != rule.equals) issues.push_back({rule.field, rule.message});
    }
    return issues;
}

}  // namespace c5
