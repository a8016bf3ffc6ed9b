// Scoring of the checklist contents: every item rule, and how items combine into a
// content's and the criterion's status.
#include <doctest/doctest.h>

#include "core/scoring/checklist_content.hpp"
#include "scoring_fixture.hpp"

using namespace c5;
using namespace c5::testing;

namespace {

const Unit& ward(const Registry& r) {
    return *r.find("00001");
}

UnitResult score(const FormRecord* checklist, const std::vector<FormRecord>& households) {
    const Registry reg = small_registry(3, 0);
    return evaluate_ward(shipped_criteria(), reg, ward(reg), checklist, pointers(households),
                         {"2024-10-06T00:00:00Z", "test"});
}

}  // namespace

TEST_CASE("each item rule gives pass, fail or incomplete") {
    struct Case {
        const char* name;
        ItemRule rule;
        std::map<std::string, Value> values;
        Status expected;
    };
    const ItemRule is_true{"r", {}, ItemRuleKind::IsTrue, "a"};
    const ItemRule not_in{"r", {}, ItemRuleKind::NotIn, "a", "", {"none"}};
    const ItemRule equal_positive{"r", {}, ItemRuleKind::EqualPositive, "a", "b"};
    const ItemRule at_least{"r", {}, ItemRuleKind::AtLeast, "a", "", {}, 1};
    const std::int64_t zero = 0, one = 1, eight = 8, ten = 10;
    const Case cases[] = {
        {"true holds", is_true, {{"a", true}}, Status::Pass},
        {"false fails", is_true, {{"a", false}}, Status::Fail},
        {"unanswered is incomplete", is_true, {}, Status::Incomplete},
        {"a listed technology passes", not_in, {{"a", std::string("wired_fm")}}, Status::Pass},
        {"no radio fails", not_in, {{"a", std::string("none")}}, Status::Fail},
        {"no technology answer", not_in, {}, Status::Incomplete},
        {"all machines protected", equal_positive, {{"a", ten}, {"b", ten}}, Status::Pass},
        {"some machines unprotected", equal_positive, {{"a", eight}, {"b", ten}}, Status::Fail},
        {"no machines at all", equal_positive, {{"a", zero}, {"b", zero}}, Status::Fail},
        {"total unanswered", equal_positive, {{"a", ten}}, Status::Incomplete},
        {"one Wi-Fi point", at_least, {{"a", one}}, Status::Pass},
        {"no Wi-Fi point", at_least, {{"a", zero}}, Status::Fail},
        {"Wi-Fi unanswered", at_least, {}, Status::Incomplete},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        FormRecord record;
        record.values = c.values;
        CHECK(evaluate_item(c.rule, record).status == c.expected);
    }
}

TEST_CASE("content 3 passes only when every e-government item is true") {
    FormRecord checklist = passing_ward_checklist();
    auto households = good_households(3);

    SUBCASE("all true") {
        CHECK(content(score(&checklist, households), "c3").status == Status::Pass);
    }
    SUBCASE("one false fails and names the item") {
        checklist.values["sw_assets"] = false;
        const auto r = score(&checklist, households);
        CHECK(content(r, "c3").status == Status::Fail);
        CHECK(mentions(content(r, "c3"), "không đạt \"phần mềm quản lý tài sản\""));
        CHECK(r.criterion == Status::Fail);
    }
    SUBCASE("one unanswered is incomplete") {
        checklist.values.erase("official_email");
        const auto r = score(&checklist, households);
        CHECK(content(r, "c3").status == Status::Incomplete);
        CHECK(mentions(content(r, "c3"), "chưa trả lời \"thư điện tử chính thức\""));
        CHECK(r.criterion == Status::Incomplete);
    }
    SUBCASE("a false item outweighs an unanswered one, and both are reported") {
        checklist.values["sw_finance"] = false;
        checklist.values.erase("online_meeting");
        const auto r = score(&checklist, households);
        CHECK(content(r, "c3").status == Status::Fail);
        CHECK(content(r, "c3").reasons.size() == 2);
    }
}

TEST_CASE("content 5 needs a verified official channel") {
    FormRecord checklist = passing_ward_checklist();
    checklist.values["social_channel_verified"] = false;
    const auto r = score(&checklist, good_households(3));
    CHECK(content(r, "c5").status == Status::Fail);
    CHECK(content(r, "c1").status == Status::Pass);
    CHECK(content(r, "c2").status == Status::Pass);
}

TEST_CASE("content 2 counts protected machines and equipped staff") {
    FormRecord checklist = passing_ward_checklist();
    checklist.values["lan_machines_protected"] = std::int64_t{11};
    const auto r = score(&checklist, good_households(3));
    CHECK(content(r, "c2").status == Status::Fail);
    CHECK(mentions(content(r, "c2"), "(11/12)"));
}

TEST_CASE("a missing ward checklist leaves its contents incomplete") {
    const auto r = score(nullptr, good_households(3));
    for (const char* id : {"c1", "c2", "c3", "c5"}) {
        CAPTURE(std::string(id));
        CHECK(content(r, id).status == Status::Incomplete);
        CHECK(mentions(content(r, id), "chưa có bảng đánh giá của phường"));
    }
    CHECK(content(r, "c4").status == Status::Pass);
    CHECK(r.criterion == Status::Incomplete);
}

TEST_CASE("the criterion passes only when every content passes") {
    FormRecord checklist = passing_ward_checklist();
    const auto r = score(&checklist, good_households(3));
    CHECK(r.criterion == Status::Pass);
    CHECK(r.reasons_text().empty());
    CHECK(r.computed_at == "2024-10-06T00:00:00Z");
    CHECK(r.data_version == "test");
}

TEST_CASE("a district is scored from its Annex II checklist") {
    const Registry reg = small_registry(3, 0);
    FormRecord checklist;
    checklist.form = "district_checklist";
    checklist.unit_code = "001";
    checklist.values = {{"lan_wan", true},
                        {"lan_machines_total", std::int64_t{50}},
                        {"lan_machines_protected", std::int64_t{50}},
                        {"staff_total", std::int64_t{80}},
                        {"staff_with_computer_broadband", std::int64_t{80}},
                        {"portal_component", true}};
    for (const char* f :
         {"one_stop_system", "sw_documents_esign", "sw_reporting", "sw_assets", "sw_finance",
          "sw_complaints", "official_email", "online_meeting", "satisfaction_app"})
        checklist.values[f] = true;
    const EvaluationStamp stamp{"t", "v"};

    auto r = evaluate_district(shipped_criteria(), *reg.find("001"), &checklist, stamp);
    CHECK(r.contents.size() == 3);
    CHECK(r.criterion == Status::Pass);

    checklist.values["portal_component"] = false;
    r = evaluate_district(shipped_criteria(), *reg.find("001"), &checklist, stamp);
    CHECK(content(r, "c3").status == Status::Fail);
    CHECK(r.criterion == Status::Fail);

    r = evaluate_district(shipped_criteria(), *reg.find("001"), nullptr, stamp);
    CHECK(r.criterion == Status::Incomplete);
}
