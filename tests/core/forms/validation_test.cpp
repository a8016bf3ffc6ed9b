// A record is checked against its form: types, choices, ranges, questions that do not apply,
// and the cross-field rules of the household survey.
#include "core/forms/validation.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/forms/form.hpp"

using namespace c5;

namespace {

const Form& household_form() {
    static const Form form = *load_form(std::string(C5_SOURCE_DIR) + "/forms/household.json");
    return form;
}

std::map<std::string, Value> interviewed_household() {
    std::map<std::string, Value> v = {
        {"ward_code", std::string("00001")},
        {"group", std::string("01")},
        {"household_code", std::string("01-0001")},
        {"head_name", std::string("Nguyễn Văn An")},
        {"visit_outcome", std::string("interviewed")},
        {"consent", true},
        {"adults_15plus", std::int64_t{3}},
        {"adults_smartphone", std::int64_t{2}},
        {"visited_at", std::string("2024-10-05T09:12:00+07:00")},
        {"surveyor", std::string("ĐTV 1")},
    };
    for (const char* f :
         {"smart_tv", "smart_tv_box", "smart_projector", "smart_audio", "tablet", "smart_camera",
          "ereader", "smart_entertainment", "broadband_fixed", "broadband_mobile"})
        v[f] = false;
    return v;
}

std::vector<std::string> fields_of(const std::vector<FieldIssue>& issues) {
    std::vector<std::string> out;
    for (const auto& i : issues) out.push_back(i.field);
    return out;
}

}  // namespace

TEST_CASE("a complete interviewed household is valid") {
    CHECK(
        validate_values(household_form(), interviewed_household(), Completeness::Complete).empty());
}

TEST_CASE("household cross-field rules are enforced") {
    auto v = interviewed_household();

    SUBCASE("more smartphone users than adults") {
        v["adults_smartphone"] = std::int64_t{4};
        auto issues = validate_values(household_form(), v, Completeness::Draft);
        REQUIRE(fields_of(issues) == std::vector<std::string>{"adults_smartphone"});
        CHECK(issues[0].message.en.find("Must not exceed") == 0);
        CHECK(issues[0].message.vi.find("(3)") != std::string::npos);
    }
    SUBCASE("an interview without consent") {
        v["consent"] = false;
        auto issues = validate_values(household_form(), v, Completeness::Draft);
        REQUIRE(fields_of(issues) == std::vector<std::string>{"consent"});
        CHECK(issues[0].message.en == "An interview needs the household's consent");
    }
    SUBCASE("device answers for a household that was not interviewed") {
        v["visit_outcome"] = std::string("absent");
        v.erase("consent");
        v.erase("adults_15plus");
        v.erase("adults_smartphone");
        auto issues = validate_values(household_form(), v, Completeness::Complete);
        CHECK(issues.size() == 10);  // the eight devices and the two broadband answers
        CHECK(issues[0].message.en == "Only answered when \"Visit outcome\" is \"Interviewed\"");
    }
    SUBCASE("a household not interviewed needs no device answers") {
        std::map<std::string, Value> absent = {{"ward_code", std::string("00001")},
                                               {"group", std::string("01")},
                                               {"household_code", std::string("01-0002")},
                                               {"visit_outcome", std::string("vacant")},
                                               {"visited_at", std::string("2024-10-05T09:12:00Z")},
                                               {"surveyor", std::string("A")}};
        CHECK(validate_values(household_form(), absent, Completeness::Complete).empty());
    }
}

TEST_CASE("values are checked against their field types") {
    struct Case {
        const char* field;
        Value value;
        const char* expected_en;
    };
    const Case cases[] = {
        {"visit_outcome", std::string("moved"), "Not one of the choices"},
        {"adults_smartphone", std::int64_t{-1}, "Must be at least 0"},
        {"adults_15plus", std::int64_t{100}, "Must be at most 99"},
        {"adults_15plus", std::string("3"), "Must be a whole number"},
        {"smart_tv", std::int64_t{1}, "Must be yes or no"},
        {"visited_at", std::string("2024-10-05 09:12"),
         "A time must look like 2024-10-05T09:12:00+07:00"},
        {"visited_at", std::string("2024-10-05T09:12:00"),
         "A time must look like 2024-10-05T09:12:00+07:00"},
        {"nickname", std::string("x"), "Not a field of this form"},
    };
    for (const auto& c : cases) {
        const std::string field = c.field;
        CAPTURE(field);
        auto v = interviewed_household();
        v[c.field] = c.value;
        auto issues = validate_values(household_form(), v, Completeness::Draft);
        REQUIRE_FALSE(issues.empty());
        // An unknown outcome also makes every interview-only answer out of place.
        if (field != "visit_outcome") CHECK(issues.size() == 1);
        CHECK(issues[0].field == c.field);
        CHECK(issues[0].message.en == c.expected_en);
    }
}

TEST_CASE("a draft may leave required questions open, a completed record may not") {
    std::map<std::string, Value> v = {{"ward_code", std::string("00001")},
                                      {"visit_outcome", std::string("interviewed")}};
    CHECK(validate_values(household_form(), v, Completeness::Draft).empty());
    auto issues = validate_values(household_form(), v, Completeness::Complete);
    auto fields = fields_of(issues);
    CHECK(std::find(fields.begin(), fields.end(), "consent") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "smart_tv") != fields.end());
    CHECK(std::count(fields.begin(), fields.end(), "consent") == 1);
    CHECK(std::find(fields.begin(), fields.end(), "notes") == fields.end());
}
