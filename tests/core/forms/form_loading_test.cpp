// Form and criteria definitions load from forms/, and malformed ones are refused with the
// file, the JSON path and what is wrong.
#include <doctest/doctest.h>

#include "core/forms/form.hpp"
#include "core/scoring/criteria.hpp"

using namespace c5;

namespace {

const std::string kForms = std::string(C5_SOURCE_DIR) + "/forms";

std::string minimal_form(const std::string& fields) {
    return R"({"form": "f", "version": 1, "unit_level": "ward",
               "title": {"vi": "Phiếu", "en": "Form"}, "fields": [)" +
           fields + "]}";
}

}  // namespace

TEST_CASE("the shipped forms load and the criteria match them") {
    auto forms = load_forms(kForms);
    REQUIRE_MESSAGE(forms.has_value(), (forms ? "" : forms.error().message));
    CHECK(forms->size() == 3);
    const Form& household = forms->at("household");
    CHECK(household.find("adults_smartphone")->max_field == "adults_15plus");
    CHECK(household.find("head_name")->personal);
    CHECK(household.find("visit_outcome")->choices.size() == 4);
    CHECK(forms->at("ward_checklist").find("radio_technology")->find_choice("wired_fm"));

    auto criteria = load_criteria(kForms + "/criteria/criterion5-2024.json");
    REQUIRE_MESSAGE(criteria.has_value(), (criteria ? "" : criteria.error().message));
    CHECK(criteria->annex_for(UnitLevel::Ward)->contents.size() == 5);
    CHECK(criteria->annex_for(UnitLevel::District)->contents.size() == 3);
    CHECK(criteria->min_coverage == doctest::Approx(1.0));
    CHECK(check_criteria_against_forms(*criteria, *forms).has_value());
}

TEST_CASE("a malformed form definition is refused with the JSON path of the problem") {
    struct Case {
        const char* name;
        std::string json;
        const char* expected;
    };
    const Case cases[] = {
        {"unknown type", minimal_form(R"({"id": "a", "type": "boolean", "label": {"vi": "A"}})"),
         "f.json: /fields/0/type: unknown type \"boolean\""},
        {"missing label", minimal_form(R"({"id": "a", "type": "bool"})"),
         "f.json: /fields/0: missing \"label\""},
        {"misspelt key", minimal_form(R"({"id": "a", "type": "bool", "requird": true,
                                           "label": {"vi": "A"}})"),
         "f.json: /fields/0/requird: unknown key"},
        {"duplicate field", minimal_form(R"({"id": "a", "type": "bool", "label": {"vi": "A"}},
                         {"id": "a", "type": "int", "label": {"vi": "B"}})"),
         "f.json: /fields/1/id: duplicate field \"a\""},
        {"choice without choices",
         minimal_form(R"({"id": "a", "type": "choice", "label": {"vi": "A"}})"),
         "f.json: /fields/0: missing \"choices\""},
        {"relevant on an unknown field",
         minimal_form(R"({"id": "a", "type": "bool", "label": {"vi": "A"},
                          "relevant": {"field": "zz", "any_of": [true]}})"),
         "f.json: /fields/0/relevant/field: no field \"zz\""},
        {"relevant value of the wrong type",
         minimal_form(R"({"id": "a", "type": "bool", "label": {"vi": "A"}},
                         {"id": "b", "type": "int", "label": {"vi": "B"},
                          "relevant": {"field": "a", "any_of": ["yes"]}})"),
         "f.json: /fields/1/relevant/any_of/0: a value of type bool is expected"},
        {"max_field naming a text field",
         minimal_form(R"({"id": "a", "type": "text", "label": {"vi": "A"}},
                         {"id": "b", "type": "int", "max_field": "a", "label": {"vi": "B"}})"),
         "f.json: /fields/1/max_field: must name an int field"},
        {"empty Vietnamese label",
         minimal_form(R"({"id": "a", "type": "bool", "label": {"vi": ""}})"),
         "f.json: /fields/0/label/vi: must not be empty"},
        {"no version", R"({"form": "f", "unit_level": "ward", "title": {"vi": "P"}, "fields": []})",
         "f.json: /version: a version >= 1 is required"},
        {"broken JSON", "{\n  \"form\": \"f\",\n  \"version\": 1,,\n}",
         "f.json:3:16: malformed JSON"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        auto form = parse_form(c.json, "f.json");
        REQUIRE_FALSE(form.has_value());
        CHECK(form.error().kind == ErrorKind::InvalidInput);
        CHECK_MESSAGE(form.error().message.find(c.expected) == 0, form.error().message);
    }
}

TEST_CASE("a malformed criteria definition is refused with the JSON path of the problem") {
    const std::string base = R"({"criterion": "c5", "version": "x", "title": {"vi": "T"},
        "legal_basis": {"vi": "L"}, "effective_from": "2024-06-01", "household_form": "household",
        "min_coverage": %COV%, "annexes": [{"id": "a1", "level": "ward",
        "checklist_form": "ward_checklist", "title": {"vi": "A"}, "contents": [
        {"id": "c1", "title": {"vi": "C"}, "items": [%ITEM%]}]}]})";
    auto make = [&](const std::string& cov, const std::string& item) {
        std::string s = base;
        s.replace(s.find("%COV%"), 5, cov);
        s.replace(s.find("%ITEM%"), 6, item);
        return s;
    };
    const std::string good_item =
        R"({"id": "i", "rule": "is_true", "field": "lan", "label": {"vi": "L"}})";

    SUBCASE("a good one loads") {
        CHECK(parse_criteria(make("1.0", good_item), "k.json").has_value());
    }
    SUBCASE("coverage above 1") {
        auto r = parse_criteria(make("100", good_item), "k.json");
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("k.json: /min_coverage: must be a fraction") == 0);
    }
    SUBCASE("an unknown rule") {
        auto r = parse_criteria(
            make("1", R"({"id": "i", "rule": "is_truthy", "field": "lan", "label": {"vi": "L"}})"),
            "k.json");
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("k.json: /annexes/0/contents/0/items/0/rule: unknown rule") ==
              0);
    }
    SUBCASE("a field the checklist form does not have") {
        auto crit = parse_criteria(
            make("1", R"({"id": "i", "rule": "is_true", "field": "lann", "label": {"vi": "L"}})"),
            "k.json");
        REQUIRE(crit);
        auto forms = load_forms(kForms);
        REQUIRE(forms);
        auto checked = check_criteria_against_forms(*crit, *forms);
        REQUIRE_FALSE(checked);
        CHECK(checked.error().message.find("has no field \"lann\"") != std::string::npos);
    }
}
