// Cross-checks a criteria definition against the form definitions it scores, so a field
// renamed in one file and not the other is refused at load instead of scoring as unanswered.
#include "core/scoring/criteria.hpp"

namespace c5 {

namespace {

Result<void> expect_field(const Form& form, const std::string& field, FieldType type,
                          const std::string& where) {
    const FieldDef* f = form.find(field);
    if (!f)
        return fail(ErrorKind::InvalidInput,
                    where + ": form \"" + form.id + "\" has no field \"" + field + "\"");
    if (f->type != type)
        return fail(ErrorKind::InvalidInput, where + ": field \"" + field + "\" of form \"" +
                                                 form.id + "\" is " + field_type_name(f->type) +
                                                 ", expected " + field_type_name(type));
    return {};
}

Result<void> check_item(const Form& form, const ItemRule& item, const std::string& where) {
    switch (item.kind) {
        case ItemRuleKind::IsTrue:
            return expect_field(form, item.field, FieldType::Bool, where);
        case ItemRuleKind::NotIn:
            return expect_field(form, item.field, FieldType::Choice, where);
        case ItemRuleKind::AtLeast:
            return expect_field(form, item.field, FieldType::Int, where);
        case ItemRuleKind::EqualPositive: {
            auto r = expect_field(form, item.field, FieldType::Int, where);
            if (!r) return r;
            return expect_field(form, item.other_field, FieldType::Int, where);
        }
    }
    return {};
}

Result<void> check_share(const Form& form, const ShareRule& share, const std::string& where) {
    if (share.kind == ShareKind::AnyTrue) {
        for (const auto& f : share.fields) {
            auto r = expect_field(form, f, FieldType::Bool, where);
            if (!r) return r;
        }
        return {};
    }
    auto r = expect_field(form, share.numerator, FieldType::Int, where);
    if (!r) return r;
    return expect_field(form, share.denominator, FieldType::Int, where);
}

}  // namespace

Result<void> check_criteria_against_forms(const CriteriaDef& criteria,
                                          const std::map<std::string, Form>& forms) {
    auto household = forms.find(criteria.household_form);
    if (household == forms.end())
        return fail(ErrorKind::InvalidInput,
                    "criteria: no form \"" + criteria.household_form + "\"");

    for (const AnnexDef& annex : criteria.annexes) {
        auto checklist = forms.find(annex.checklist_form);
        if (checklist == forms.end())
            return fail(ErrorKind::InvalidInput,
                        "criteria " + annex.id + ": no form \"" + annex.checklist_form + "\"");
        for (const ContentDef& content : annex.contents) {
            const std::string where = "criteria " + annex.id + "/" + content.id;
            for (const ItemRule& item : content.items) {
                auto r = check_item(checklist->second, item, where + "/" + item.id);
                if (!r) return r;
            }
            for (const ShareRule& share : content.shares) {
                auto r = check_share(household->second, share, where + "/" + share.id);
                if (!r) return r;
            }
            for (const std::string& shown : content.shown) {
                if (!checklist->second.find(shown))
                    return fail(ErrorKind::InvalidInput, where + ": form \"" +
                                                             annex.checklist_form +
                                                             "\" has no field \"" + shown + "\"");
            }
        }
    }
    return {};
}

}  // namespace c5
