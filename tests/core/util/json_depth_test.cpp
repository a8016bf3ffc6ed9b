// Deeply nested JSON is refused before parsing, and brackets inside strings do not count.
#include "core/util/json_depth.hpp"

#include <doctest/doctest.h>

#include <string>

#include "core/forms/form.hpp"
#include "core/io/interchange.hpp"

using namespace c5;

TEST_CASE("nesting depth is counted outside strings only") {
    CHECK(json_nesting_within("[[[]]]", 3));
    CHECK_FALSE(json_nesting_within("[[[[]]]]", 3));
    CHECK(json_nesting_within(R"({"a": "[[[[[[\"[[[["})", 1));
    CHECK(json_nesting_within(std::string(64, '[') + std::string(64, ']')));
    CHECK_FALSE(json_nesting_within(std::string(65, '[') + std::string(65, ']')));
}

TEST_CASE("a checklist file nested a hundred thousand levels deep is refused at once") {
    const std::string hostile = std::string(100000, '[') + std::string(100000, ']');
    auto forms = load_forms(std::string(C5_SOURCE_DIR) + "/forms");
    REQUIRE(forms);
    auto read = parse_checklists_json(hostile, "deep.json", *forms, nullptr);
    REQUIRE_FALSE(read);
    CHECK(read.error().front().message.find("JSON nested deeper than 64 levels") !=
          std::string::npos);

    auto form = parse_form(hostile, "deep-form.json");
    REQUIRE_FALSE(form);
    CHECK(form.error().message == "deep-form.json: JSON nested deeper than 64 levels");
}
