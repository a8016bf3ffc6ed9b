// Reading the registry CSV: a good file with and without districts, and one table row per
// kind of mistake, each reported with its line and column and nothing returned.
#include <doctest/doctest.h>

#include "core/io/interchange.hpp"
#include "support/temp_dir.hpp"

namespace {

const std::string kHeader = "level,code,name,parent_code,households_registered\n";
const std::string kGood = kHeader +
                          "province,01,Thành phố Hà Nội,,\n"
                          "district,001,Quận Ba Đình,01,\n"
                          "ward,00001,Phường Phúc Xá,001,\n"
                          "group,01,Tổ 1,00001,120\n"
                          "group,02,Tổ 2,00001,80\n";

std::string codes_of(const c5::Registry& registry) {
    std::string out;
    for (const c5::Unit& unit : registry.units()) {
        out += std::string(c5::unit_level_name(unit.level)) + ":" + unit.code + " ";
    }
    return out;
}

}  // namespace

TEST_CASE("a good registry file loads in file order with its counts") {
    c5::test::TempDir folder;
    const auto file = folder.write("registry.csv", kGood);
    const auto registry = c5::read_registry_csv(file);
    REQUIRE(registry);
    CHECK(codes_of(*registry) == "province:01 district:001 ward:00001 group:01 group:02 ");
    const c5::Unit* ward = registry->find("00001");
    REQUIRE(ward != nullptr);
    CHECK(ward->name == "Phường Phúc Xá");
    CHECK(ward->parent_code == "001");
    CHECK_FALSE(ward->households_registered);
    CHECK(registry->registered_households("00001") == 200);
}

TEST_CASE("a registry loads without a district level, in any row and column order") {
    SUBCASE("wards directly under their province") {
        const auto registry = c5::parse_registry_csv(kHeader +
                                                         "province,01,Thành phố Hà Nội,,\n"
                                                         "ward,00004,Phường Trúc Bạch,01,300\n",
                                                     "registry.csv");
        REQUIRE(registry);
        CHECK(registry->registered_households("00004") == 300);
    }
    SUBCASE("children before their parents") {
        const auto registry = c5::parse_registry_csv(kHeader +
                                                         "group,01,Tổ 1,00004,10\n"
                                                         "ward,00004,Phường Trúc Bạch,01,\n"
                                                         "province,01,Thành phố Hà Nội,,\n",
                                                     "registry.csv");
        REQUIRE(registry);
        CHECK(codes_of(*registry) == "group:01 ward:00004 province:01 ");
    }
    SUBCASE("columns in another order, CRLF and a byte-order mark") {
        const auto registry = c5::parse_registry_csv(
            "\xEF\xBB\xBF"
            "code,level,households_registered,parent_code,name\r\n"
            "01,province,,,Hà Nội\r\n"
            "00004,ward,300,01,Trúc Bạch\r\n",
            "registry.csv");
        REQUIRE(registry);
        CHECK(codes_of(*registry) == "province:01 ward:00004 ");
        CHECK(registry->find("00004")->name == "Trúc Bạch");
    }
}

TEST_CASE("registry names are stored in NFC whatever form they arrive in") {
    // "Phường" with its horn and grave as combining marks (NFD).
    const std::string nfd_name = "Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng";
    const auto registry = c5::parse_registry_csv(
        kHeader + "province,01,Hà Nội,,\n" + "ward,00004," + nfd_name + ",01,\n", "registry.csv");
    REQUIRE(registry);
    CHECK(registry->find("00004")->name == "Phường");
}

TEST_CASE("each kind of bad registry row is refused with its line and column") {
    struct Case {
        const char* name;
        std::string row;  // appended as line 7 to the good file
        std::string field;
    };
    const Case cases[] = {
        {"unknown level", "commune,00002,Phúc Xá 2,001,", "level"},
        {"province code of one digit", "province,1,Hà Nam,,", "code"},
        {"district code with a letter", "district,00a,Quận X,01,", "code"},
        {"ward code of four digits", "ward,0002,Phường X,001,", "code"},
        {"ward code of six digits", "ward,000002,Phường X,001,", "code"},
        {"group without a code", "group,,Tổ 3,00001,10", "code"},
        {"ward without a name", "ward,00002,,001,", "name"},
        {"negative household count", "group,03,Tổ 3,00001,-3", "households_registered"},
        {"fractional household count", "group,03,Tổ 3,00001,3.5", "households_registered"},
        {"household count in words", "group,03,Tổ 3,00001,ten", "households_registered"},
        {"parent not in the file", "ward,00002,Phường X,009,", "parent_code"},
        {"ward without a parent", "ward,00002,Phường X,,", "parent_code"},
        {"district under a ward", "district,002,Quận X,00001,", "parent_code"},
        {"group under a district", "group,03,Tổ 3,001,10", "parent_code"},
        {"province with a parent", "province,02,Hà Giang,01,", "parent_code"},
        {"duplicate ward code", "ward,00001,Phường Phúc Xá,001,", "code"},
        {"duplicate group within its ward", "group,02,Tổ 2 bis,00001,5", "code"},
        {"too few cells", "ward,00002,Phường X,001", ""},
        {"too many cells", "ward,00002,Phường X,001,,extra", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto registry = c5::parse_registry_csv(kGood + c.row + "\n", "registry.csv");
        REQUIRE_FALSE(registry);
        REQUIRE(registry.error().size() == 1);
        const c5::ImportIssue& issue = registry.error().front();
        CHECK(issue.file == "registry.csv");
        CHECK(issue.line == 7);
        CHECK(issue.field == c.field);
        CHECK_FALSE(issue.message.empty());
    }
}

TEST_CASE("the same group code may be used in two wards") {
    const auto registry = c5::parse_registry_csv(
        kGood + "ward,00004,Phường Trúc Bạch,001,\ngroup,01,Tổ 1,00004,50\n", "registry.csv");
    REQUIRE(registry);
    CHECK(registry->groups_of("00004").size() == 1);
}

TEST_CASE("every bad registry row is listed, in file order") {
    const auto registry = c5::parse_registry_csv(kHeader +
                                                     "group,01,Tổ 1,00002,x\n"  // 2: count, parent
                                                     "province,01,Hà Nội,,\n"
                                                     "ward,123,Phường X,01,\n",  // 4: code
                                                 "registry.csv");
    REQUIRE_FALSE(registry);
    std::vector<std::string> found;
    for (const c5::ImportIssue& issue : registry.error()) {
        found.push_back(std::to_string(issue.line) + " " + issue.field);
    }
    CHECK(found == std::vector<std::string>{"2 households_registered", "2 parent_code", "4 code"});
}

TEST_CASE("a registry header with a missing or unknown column is refused naming the column") {
    SUBCASE("missing column") {
        const auto registry = c5::parse_registry_csv(
            "level,code,name,parent_code\n"
            "province,01,Hà Nội,\n",
            "registry.csv");
        REQUIRE_FALSE(registry);
        REQUIRE(registry.error().size() == 1);
        CHECK(registry.error()[0].line == 1);
        CHECK(registry.error()[0].field == "households_registered");
    }
    SUBCASE("unknown column") {
        const auto registry = c5::parse_registry_csv(
            "level,code,name,parent_code,households_registered,note\n"
            "province,01,Hà Nội,,,x\n",
            "registry.csv");
        REQUIRE_FALSE(registry);
        REQUIRE(registry.error().size() == 1);
        CHECK(registry.error()[0].field == "note");
    }
    SUBCASE("empty file") {
        const auto registry = c5::parse_registry_csv("", "registry.csv");
        REQUIRE_FALSE(registry);
        CHECK(registry.error()[0].line == 0);
    }
}

TEST_CASE("a registry file that cannot be read is one issue naming the file") {
    c5::test::TempDir folder;
    const auto missing = folder.path() / "nope.csv";
    const auto registry = c5::read_registry_csv(missing);
    REQUIRE_FALSE(registry);
    REQUIRE(registry.error().size() == 1);
    CHECK(registry.error()[0].file == missing.string());
    CHECK(registry.error()[0].line == 0);
}

TEST_CASE("an import issue reads as file, line, field and message") {
    CHECK(c5::ImportIssue{"households.csv", 12, "adults_smartphone", "too many"}.to_string() ==
          "households.csv:12: field adults_smartphone: too many");
    CHECK(c5::ImportIssue{"households.csv", 3, "", "bad row"}.to_string() ==
          "households.csv:3: bad row");
    CHECK(c5::ImportIssue{"households.csv", 0, "", "cannot open"}.to_string() ==
          "households.csv: cannot open");
}
