// Content 4 of Annex I: shares, coverage, the best-case fail rule, and duplicates.
#include <doctest/doctest.h>

#include "core/scoring/household_content.hpp"
#include "scoring_fixture.hpp"

using namespace c5;
using namespace c5::testing;

namespace {

struct Setup {
    std::optional<std::int64_t> group1 = 0;
    std::optional<std::int64_t> group2 = 0;
    double device = 1.0;
    double broadband = 1.0;
    double phones = 1.0;
    double min_coverage = 1.0;
};

UnitResult score_households(const Setup& s, const std::vector<FormRecord>& households) {
    CriteriaDef def = shipped_criteria();
    share_rule(def, "device_share").threshold = s.device;
    share_rule(def, "broadband_share").threshold = s.broadband;
    share_rule(def, "smartphone_share").threshold = s.phones;
    def.min_coverage = s.min_coverage;
    const Registry reg = small_registry(s.group1, s.group2);
    const FormRecord checklist = passing_ward_checklist();
    return evaluate_ward(def, reg, *reg.find("00001"), &checklist, pointers(households),
                         {"t", "v"});
}

std::vector<FormRecord> with(std::vector<FormRecord> base,
                             const std::vector<HouseholdSpec>& extra) {
    for (const auto& s : extra) base.push_back(household(s));
    return base;
}

Status share_status(const UnitResult& r, const char* id) {
    return r.share(id)->status;
}

}  // namespace

TEST_CASE("content 4 statuses over every path to pass, fail and incomplete") {
    struct Case {
        const char* name;
        Setup setup;
        std::vector<FormRecord> households;
        Status expected;
    };
    const Case cases[] = {
        {"every registered household interviewed and equipped",
         {10, 0},
         good_households(10),
         Status::Pass},
        {"vacant homes leave the denominator",
         {10, 0},
         with(good_households(8),
              {{.code = "v1", .outcome = "vacant"}, {.code = "v2", .outcome = "vacant"}}),
         Status::Pass},
        {"one household without broadband fails at 100 % even with low coverage",
         {50, 0},
         with(good_households(5), {{.code = "x", .broadband = false}}),
         Status::Fail},
        {"one adult without a smartphone fails at 100 %",
         {50, 0},
         with(good_households(5), {{.code = "x", .adults = 3, .smartphones = 2}}),
         Status::Fail},
        {"coverage below the minimum is incomplete",
         {12, 0},
         good_households(10),
         Status::Incomplete},
        {"absent and refused households do not count as covered",
         {12, 0},
         with(good_households(10),
              {{.code = "a", .outcome = "absent"}, {.code = "r", .outcome = "refused"}}),
         Status::Incomplete},
        {"a lower minimum coverage lets a partial survey pass",
         {12, 0, 1, 1, 1, 0.8},
         good_households(10),
         Status::Pass},
        {"an unknown registered count is incomplete",
         {std::nullopt, std::nullopt},
         good_households(10),
         Status::Incomplete},
        {"an unknown count still fails on a household lacking at 100 %",
         {std::nullopt, std::nullopt},
         with(good_households(5), {{.code = "x", .device = false}}),
         Status::Fail},
        {"an unknown count never fails below 100 %",
         {std::nullopt, std::nullopt, 0.9},
         with(good_households(1), {{.code = "x", .device = false}}),
         Status::Incomplete},
        {"best case can still reach 90 %: incomplete",
         {15, 0, 0.9},
         with(good_households(9), {{.code = "x", .device = false}}),
         Status::Incomplete},
        {"best case cannot reach 90 %: fail",
         {12, 0, 0.9},
         with(good_households(5), {{.code = "x1", .device = false},
                                   {.code = "x2", .device = false},
                                   {.code = "x3", .device = false},
                                   {.code = "x4", .device = false},
                                   {.code = "x5", .device = false}}),
         Status::Fail},
        {"90 % reached with full coverage passes",
         {10, 0, 0.9},
         with(good_households(9), {{.code = "x", .device = false}}),
         Status::Pass},
        {"smartphones below 80 % with households left: incomplete",
         {20, 0, 1, 1, 0.8},
         with(good_households(1), {{.code = "x", .adults = 4, .smartphones = 1}}),
         Status::Incomplete},
        {"smartphones below 80 % with nobody left: fail",
         {2, 0, 1, 1, 0.8},
         with(good_households(1), {{.code = "x", .adults = 4, .smartphones = 1}}),
         Status::Fail},
        {"extra records in one group do not hide unvisited households in another",
         {10, 5},
         [] {
             auto hs = good_households(8, "01");
             for (auto& h : good_households(7, "02")) hs.push_back(h);
             return hs;
         }(),
         Status::Incomplete},
        {"no interviewed household yet", {10, 0}, {}, Status::Incomplete},
        {"only absent households so far",
         {10, 0},
         {household({.code = "a", .outcome = "absent"})},
         Status::Incomplete},
        {"every registered household vacant",
         {2, 0},
         {household({.code = "v1", .outcome = "vacant"}),
          household({.code = "v2", .outcome = "vacant"})},
         Status::Incomplete},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        const auto r = score_households(c.setup, c.households);
        CHECK(content(r, "c4").status == c.expected);
        if (c.expected != Status::Pass) CHECK_FALSE(content(r, "c4").reasons.empty());
        if (c.expected == Status::Pass) CHECK(content(r, "c4").reasons.empty());
    }
}

TEST_CASE("households with no adults leave the smartphone share without a denominator") {
    auto households = good_households(0);
    households.push_back(household({.code = "01-0001", .adults = 0, .smartphones = 0}));
    households.push_back(household({.code = "01-0002", .adults = 0, .smartphones = 0}));
    const auto r = score_households({2, 0}, households);
    const ShareFigure* phones = r.share("smartphone_share");
    CHECK(phones->denominator == 0);
    CHECK_FALSE(phones->value.has_value());
    CHECK(phones->status == Status::Incomplete);
    CHECK(share_status(r, "device_share") == Status::Pass);
    CHECK(content(r, "c4").status == Status::Incomplete);
    CHECK(mentions(content(r, "c4"), "chưa tính được"));
}

TEST_CASE("a household with more smartphone adults than adults cannot lift the share") {
    auto households = with(good_households(8),
                           {{.code = "short", .adults = 3, .smartphones = 1},
                            {.code = "typo", .adults = 4, .smartphones = 99}});
    const auto r = score_households({10, 0}, households);
    const ShareFigure* phones = r.share("smartphone_share");
    CHECK(phones->numerator == 8 * 2 + 1 + 4);
    CHECK(phones->denominator == 8 * 2 + 3 + 4);
    REQUIRE(phones->value);
    CHECK(*phones->value < 1.0);
    CHECK(phones->status == Status::Fail);
    CHECK(mentions(content(r, "c4"), "typo"));
}

TEST_CASE("content 4 figures are the ones defined in the spec") {
    auto households =
        with(good_households(6),
             {
                 {.code = "d", .device = false, .adults = 3, .smartphones = 1, .group = "02"},
                 {.code = "b", .broadband = false, .adults = 1, .smartphones = 1, .group = "02"},
                 {.code = "v", .outcome = "vacant", .group = "02"},
                 {.code = "a", .outcome = "absent", .group = "02"},
             });
    const auto r = score_households({6, 6}, households);
    CHECK(r.households_interviewed == 8);
    CHECK(r.households_vacant == 1);
    CHECK(r.households_visited == 10);
    CHECK(r.households_registered == 12);
    REQUIRE(r.coverage);
    CHECK(*r.coverage == doctest::Approx(8.0 / 11.0));
    CHECK(r.share("device_share")->numerator == 7);
    CHECK(r.share("device_share")->denominator == 8);
    CHECK(r.share("broadband_share")->numerator == 7);
    CHECK(r.share("smartphone_share")->numerator == 6 * 2 + 1 + 1);
    CHECK(r.share("smartphone_share")->denominator == 6 * 2 + 3 + 1);

    const auto& c4 = content(r, "c4");
    CHECK(c4.status == Status::Fail);
    CHECK(mentions(c4, "Tỷ lệ hộ có thiết bị nghe nhìn thông minh 87,50% (7/8), yêu cầu 100%"));
    CHECK(mentions(c4, "hộ không có thiết bị nghe nhìn thông minh: Tổ dân phố 02 (1 hộ: d)"));
    CHECK(mentions(c4, "hộ không có Internet băng rộng: Tổ dân phố 02 (1 hộ: b)"));
    CHECK(mentions(c4, "độ bao phủ khảo sát 72,73% (8/11 hộ)"));
    CHECK(*r.coverage == doctest::Approx(8.0 / 11.0));
    CHECK(mentions(c4, "còn chưa phỏng vấn: Tổ dân phố 02 (3 hộ)"));
}

TEST_CASE("one record per household: interviewed first, then the latest visit in UTC") {
    SUBCASE("an interviewed record wins over a later absent one") {
        std::vector<FormRecord> hs = {
            household({.code = "h", .visited_at = "2024-10-05T09:00:00+07:00"}),
            household(
                {.code = "h", .outcome = "absent", .visited_at = "2024-10-09T09:00:00+07:00"})};
        std::vector<DuplicateHousehold> dups;
        auto kept = pick_one_per_household(pointers(hs), dups);
        REQUIRE(kept.size() == 1);
        CHECK(kept[0] == &hs[0]);
        REQUIRE(dups.size() == 1);
        CHECK(dups[0].household_code == "h");
        CHECK(dups[0].other_records == std::vector<std::string>{hs[1].record_id});
    }
    SUBCASE("visit times in different UTC offsets compare as instants") {
        // 09:30+07:00 is 02:30Z, earlier than 03:00Z although its wall-clock time is later.
        std::vector<FormRecord> hs = {
            household({.code = "h", .device = false, .visited_at = "2024-10-05T09:30:00+07:00"}),
            household({.code = "h", .device = true, .visited_at = "2024-10-05T03:00:00Z"})};
        std::vector<DuplicateHousehold> dups;
        auto kept = pick_one_per_household(pointers(hs), dups);
        REQUIRE(kept.size() == 1);
        CHECK(kept[0] == &hs[1]);

        const auto r = score_households({1, 0}, hs);
        CHECK(r.households_interviewed == 1);
        CHECK(content(r, "c4").status == Status::Pass);
        CHECK(r.duplicates.size() == 1);
    }
    SUBCASE("deleted records do not count") {
        std::vector<FormRecord> hs = good_households(3);
        hs[2].deleted = true;
        hs.push_back(household({.code = "x", .broadband = false}));
        hs.back().deleted = true;
        const auto r = score_households({2, 0}, hs);
        CHECK(r.households_interviewed == 2);
        CHECK(content(r, "c4").status == Status::Pass);
        CHECK(r.duplicates.empty());
    }
}
