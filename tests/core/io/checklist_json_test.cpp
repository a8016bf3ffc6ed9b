// Checklist JSON against the real ward and district checklist forms: typed values, units
// checked in the registry, and every issue located by JSON pointer and line.
#include <doctest/doctest.h>

#include <sstream>

#include "core/io/interchange.hpp"
#include "support/temp_dir.hpp"

namespace {

const std::map<std::string, c5::Form>& forms() {
    static const std::map<std::string, c5::Form> loaded = [] {
        auto all = c5::load_forms(C5_SOURCE_DIR "/forms");
        REQUIRE_MESSAGE(all, (all ? "" : all.error().message));
        return *all;
    }();
    return loaded;
}

const c5::Registry& registry() {
    static const c5::Registry loaded = [] {
        auto parsed = c5::parse_registry_csv(
            "level,code,name,parent_code,households_registered\n"
            "province,01,Thành phố Hà Nội,,\n"
            "district,001,Quận Ba Đình,01,\n"
            "ward,00001,Phường Phúc Xá,001,\n"
            "ward,00004,Phường Trúc Bạch,001,\n",
            "registry.csv");
        REQUIRE(parsed);
        return *parsed;
    }();
    return loaded;
}

auto parse(const std::string& text) {
    return c5::parse_checklists_json(text, "checklists.json", forms(), &registry());
}

// "line field" of each issue, joined by "; ".
std::string where(const c5::ImportIssues& issues) {
    std::string out;
    for (const c5::ImportIssue& issue : issues) {
        out += (out.empty() ? "" : "; ") + std::to_string(issue.line) + " " + issue.field;
    }
    return out;
}

const std::string kGood = R"([
  {"form": "ward_checklist", "unit_code": "00001",
   "values": {"radio_operating": true, "radio_technology": "ict",
              "lan_machines_total": 12, "social_channel": true,
              "social_platform": "zalo", "social_channel_link": "https://zalo.me/phucxa",
              "online_meeting": null}},
  {"form": "district_checklist", "unit_code": "001",
   "values": {"lan_wan": false, "staff_total": 40}}
]
)";

}  // namespace

TEST_CASE("a good checklist file gives typed draft records with their source line") {
    const auto records = parse(kGood);
    REQUIRE_MESSAGE(records, (records ? "" : records.error().front().to_string()));
    REQUIRE(records->size() == 2);
    const c5::FormRecord& ward = (*records)[0];
    CHECK(ward.form == "ward_checklist");
    CHECK(ward.unit_code == "00001");
    CHECK(ward.source == "checklists.json:2");
    CHECK(ward.get("radio_operating") == c5::Value(true));
    CHECK(ward.get("radio_technology") == c5::Value(std::string("ict")));
    CHECK(ward.get("lan_machines_total") == c5::Value(std::int64_t{12}));
    CHECK(c5::is_empty(ward.get("online_meeting")));  // null: not answered
    CHECK_FALSE(ward.values.contains("online_meeting"));
    const c5::FormRecord& district = (*records)[1];
    CHECK(district.form == "district_checklist");
    CHECK(district.source == "checklists.json:7");
    CHECK(district.get("lan_wan") == c5::Value(false));
}

TEST_CASE("checklist values of the wrong kind are refused at their JSON path and line") {
    struct Case {
        const char* name;
        std::string values;  // the "values" object, on line 3
        std::string expected;
    };
    const Case cases[] = {
        {"unknown field", R"({"radio": true})", "3 /0/values/radio"},
        {"boolean as a string", R"({"lan": "true"})", "3 /0/values/lan"},
        {"boolean as a number", R"({"lan": 1})", "3 /0/values/lan"},
        {"count with a fraction", R"({"staff_total": 3.5})", "3 /0/values/staff_total"},
        {"count as a string", R"({"staff_total": "3"})", "3 /0/values/staff_total"},
        {"count beyond 64 bits", R"({"staff_total": 18446744073709551615})",
         "3 /0/values/staff_total"},
        {"choice not in the list", R"({"radio_technology": "satellite"})",
         "3 /0/values/radio_technology"},
        {"text as a number", R"({"social_channel": true, "social_channel_link": 5})",
         "3 /0/values/social_channel_link"},
        {"answer to a question that does not apply",
         R"({"social_channel": false, "social_platform": "zalo"})", "3 /0/values/social_platform"},
        {"values not an object", R"([true])", "3 /0/values"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto records = parse(
            "[\n  {\"form\": \"ward_checklist\", \"unit_code\": \"00001\",\n"
            "   \"values\": " +
            c.values + "}\n]\n");
        REQUIRE_FALSE(records);
        CHECK(where(records.error()) == c.expected);
    }
}

TEST_CASE("a checklist for a unit missing from the registry or of the wrong level is refused") {
    struct Case {
        const char* name;
        std::string element;
        std::string expected;
    };
    const Case cases[] = {
        {"unknown ward", R"({"form": "ward_checklist", "unit_code": "00009", "values": {}})",
         "2 /0/unit_code"},
        {"a district given a ward checklist",
         R"({"form": "ward_checklist", "unit_code": "001", "values": {}})", "2 /0/unit_code"},
        {"a ward given a district checklist",
         R"({"form": "district_checklist", "unit_code": "00001", "values": {}})", "2 /0/unit_code"},
        {"unknown form", R"({"form": "radio_checklist", "unit_code": "00001", "values": {}})",
         "2 /0/form"},
        {"the household form", R"({"form": "household", "unit_code": "00001", "values": {}})",
         "2 /0/form"},
        {"missing unit code", R"({"form": "ward_checklist", "values": {}})", "2 /0"},
        {"unit code as a number", R"({"form": "ward_checklist", "unit_code": 1, "values": {}})",
         "2 /0/unit_code"},
        {"unknown key",
         R"({"form": "ward_checklist", "unit_code": "00001", "values": {}, "by": "x"})", "2 /0/by"},
        {"not an object", R"("ward_checklist")", "2 /0"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto records = parse("[\n" + c.element + "\n]");
        REQUIRE_FALSE(records);
        CHECK(where(records.error()) == c.expected);
    }
}

TEST_CASE("two checklists of the same form for the same unit are refused") {
    const auto records = parse(R"([
{"form": "ward_checklist", "unit_code": "00001", "values": {}},
{"form": "ward_checklist", "unit_code": "00004", "values": {}},
{"form": "ward_checklist", "unit_code": "00001", "values": {"lan": true}}
])");
    REQUIRE_FALSE(records);
    CHECK(where(records.error()) == "4 /2");
    CHECK(records.error()[0].message.find("2") != std::string::npos);
}

TEST_CASE("malformed checklist JSON is refused with the line of the error") {
    struct Case {
        const char* name;
        std::string text;
        int line;
    };
    const Case cases[] = {
        {"missing comma", "[\n  {\"form\": \"ward_checklist\"\n   \"unit_code\": \"00001\"}\n]", 3},
        {"unclosed array",
         "[\n{\"form\": \"ward_checklist\", \"unit_code\": \"00001\",\n"
         "\"values\": {}}\n",
         4},
        {"CRLF line ends", "[\r\n{\"form\": \"x\",\r\n\"values\": {\"lan\": tru}}\r\n]", 3},
        {"empty file", "", 1},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto records = parse(c.text);
        REQUIRE_FALSE(records);
        REQUIRE(records.error().size() == 1);
        CHECK(records.error()[0].line == c.line);
        CHECK(records.error()[0].message.starts_with("JSON: "));
    }
}

TEST_CASE("a checklist file that is not an array is refused") {
    const auto records = parse(R"({"form": "ward_checklist"})");
    REQUIRE_FALSE(records);
    CHECK(where(records.error()) == "1 ");
}

TEST_CASE("checklists written as JSON read back equal") {
    auto original = parse(kGood);
    REQUIRE(original);
    std::ostringstream out;
    c5::write_checklists_json(out, *original);
    CHECK(
        out.str().starts_with("[\n  {\n    \"form\": \"ward_checklist\",\n"
                              "    \"unit_code\": \"00001\",\n    \"values\": {"));

    c5::test::TempDir folder;
    const auto file = folder.write("checklists.json", out.str());
    const auto again = c5::read_checklists_json(file, forms(), &registry());
    REQUIRE_MESSAGE(again, (again ? "" : again.error().front().to_string()));
    REQUIRE(again->size() == original->size());
    for (std::size_t i = 0; i < original->size(); ++i) {
        CAPTURE(i);
        CHECK((*again)[i].form == (*original)[i].form);
        CHECK((*again)[i].unit_code == (*original)[i].unit_code);
        CHECK((*again)[i].values == (*original)[i].values);
    }
}
