// Shares print rounded, but never as 1 when short of it, nor as 0 when above it.
#include "core/util/fraction_text.hpp"

#include <doctest/doctest.h>

#include "core/scoring/wording.hpp"

using namespace c5;

TEST_CASE("fractions round to four digits without reaching an end they do not reach") {
    struct Case {
        double value;
        const char* expected;
    };
    const Case cases[] = {
        {1.0, "1.0000"},     {0.0, "0.0000"},      {0.95, "0.9500"},
        {0.96666, "0.9667"}, {0.99996, "0.9999"},  {19999.0 / 20000.0, "0.9999"},
        {0.00001, "0.0001"}, {0.123449, "0.1234"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        CHECK(fraction_text(c.value, 4) == c.expected);
    }
}

TEST_CASE("a failing share just short of 100 % never reads as 100 %") {
    CHECK(wording::percent(19999.0 / 20000.0) == "99,99%");
    CHECK(wording::percent(1.0) == "100%");
    CHECK(wording::percent(0.9524) == "95,24%");
    CHECK(wording::percent(0.5) == "50%");
    CHECK(percent_text(0.99996, 1) == "99.9");
}
