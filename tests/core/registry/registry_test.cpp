// Look-ups on the registry: by code, by level, groups of a ward, and which household count a
// ward's coverage is measured against.
#include "core/registry/registry.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace {

c5::Unit unit(c5::UnitLevel level, std::string code, std::string parent,
              std::optional<std::int64_t> households = std::nullopt) {
    return c5::Unit{level, std::move(code), "Tên " + code, std::move(parent), households};
}

}  // namespace

TEST_CASE("unit level names read back to the same level") {
    for (c5::UnitLevel level : {c5::UnitLevel::Province, c5::UnitLevel::District,
                                c5::UnitLevel::Ward, c5::UnitLevel::Group}) {
        CHECK(c5::parse_unit_level(c5::unit_level_name(level)) == level);
    }
    CHECK(std::string(c5::unit_level_name(c5::UnitLevel::Ward)) == "ward");
    CHECK_FALSE(c5::parse_unit_level("Ward"));
    CHECK_FALSE(c5::parse_unit_level("commune"));
}

TEST_CASE("find looks up provinces, districts and wards but not groups") {
    c5::Registry registry;
    registry.add(unit(c5::UnitLevel::Province, "01", ""));
    registry.add(unit(c5::UnitLevel::District, "001", "01"));
    registry.add(unit(c5::UnitLevel::Ward, "00001", "001"));
    registry.add(unit(c5::UnitLevel::Group, "01", "00001"));

    REQUIRE(registry.find("00001") != nullptr);
    CHECK(registry.find("00001")->level == c5::UnitLevel::Ward);
    // The group "01" shares its code with the province; find means the province.
    REQUIRE(registry.find("01") != nullptr);
    CHECK(registry.find("01")->level == c5::UnitLevel::Province);
    CHECK(registry.find("99999") == nullptr);

    REQUIRE(registry.find_group("00001", "01") != nullptr);
    CHECK(registry.find_group("00001", "01")->level == c5::UnitLevel::Group);
    CHECK(registry.find_group("00001", "02") == nullptr);
    CHECK(registry.find_group("00002", "01") == nullptr);
}

TEST_CASE("of_level and groups_of keep registry order") {
    c5::Registry registry;
    registry.add(unit(c5::UnitLevel::Province, "01", ""));
    registry.add(unit(c5::UnitLevel::Ward, "00007", "01"));
    registry.add(unit(c5::UnitLevel::Group, "02", "00007"));
    registry.add(unit(c5::UnitLevel::Ward, "00004", "01"));
    registry.add(unit(c5::UnitLevel::Group, "01", "00007"));
    registry.add(unit(c5::UnitLevel::Group, "01", "00004"));

    std::vector<std::string> wards;
    for (const c5::Unit* ward : registry.of_level(c5::UnitLevel::Ward)) wards.push_back(ward->code);
    CHECK(wards == std::vector<std::string>{"00007", "00004"});

    std::vector<std::string> groups;
    for (const c5::Unit* group : registry.groups_of("00007")) groups.push_back(group->code);
    CHECK(groups == std::vector<std::string>{"02", "01"});
    CHECK(registry.of_level(c5::UnitLevel::District).empty());
}

TEST_CASE("registered_households sums the groups only when every group has a count") {
    struct Case {
        const char* name;
        std::optional<std::int64_t> ward_count;
        std::vector<std::optional<std::int64_t>> group_counts;
        std::optional<std::int64_t> expected;
    };
    const Case cases[] = {
        {"every group counted", std::nullopt, {120, 80}, 200},
        {"groups win over the ward's own figure", 999, {120, 80}, 200},
        {"a group without a count falls back to the ward", 150, {120, std::nullopt}, 150},
        {"no counts anywhere", std::nullopt, {120, std::nullopt}, std::nullopt},
        {"no groups: the ward's own figure", 300, {}, 300},
        {"no groups and no figure", std::nullopt, {}, std::nullopt},
        {"groups counted zero", std::nullopt, {0, 0}, 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        c5::Registry registry;
        registry.add(unit(c5::UnitLevel::Province, "01", ""));
        registry.add(unit(c5::UnitLevel::Ward, "00004", "01", c.ward_count));
        int n = 0;
        for (const auto& count : c.group_counts) {
            registry.add(unit(c5::UnitLevel::Group, "0" + std::to_string(++n), "00004", count));
        }
        CHECK(registry.registered_households("00004") == c.expected);
    }
    CHECK_FALSE(c5::Registry().registered_households("00004"));
}

TEST_CASE("a copied registry looks up its own units") {
    // The look-ups keep positions, not pointers: a copy must answer from its own units.
    auto copy = std::make_unique<c5::Registry>();
    {
        c5::Registry original;
        original.add(unit(c5::UnitLevel::Ward, "00001", "001"));
        original.add(unit(c5::UnitLevel::Group, "01", "00001", 10));
        *copy = original;
    }
    REQUIRE(copy->find("00001") != nullptr);
    CHECK(copy->find("00001") == &copy->units()[0]);
    CHECK(copy->find_group("00001", "01") == &copy->units()[1]);
    CHECK(copy->groups_of("00001") == std::vector<const c5::Unit*>{&copy->units()[1]});
    CHECK(copy->find_group("0000", "101") == nullptr);  // the key's two parts stay apart
}
