// ISO 8601 timestamps with offsets: which spellings are accepted, and that instants written
// in different offsets compare equal once in UTC.
#include "core/text/timestamp.hpp"

#include <doctest/doctest.h>

TEST_CASE("parse_timestamp_utc reads the same instant from different offsets") {
    const auto hanoi = c5::parse_timestamp_utc("2024-10-05T09:12:00+07:00");
    const auto utc = c5::parse_timestamp_utc("2024-10-05T02:12:00Z");
    const auto west = c5::parse_timestamp_utc("2024-10-04T21:12:00-05:00");
    REQUIRE(hanoi);
    CHECK(*hanoi == 1728094320);
    CHECK(utc == hanoi);
    CHECK(west == hanoi);
}

TEST_CASE("parse_timestamp_utc accepts optional seconds and fractions") {
    CHECK(c5::parse_timestamp_utc("2024-10-05T09:12+07:00") ==
          c5::parse_timestamp_utc("2024-10-05T09:12:00+07:00"));
    CHECK(c5::parse_timestamp_utc("2024-10-05T09:12:00.750+07:00") ==
          c5::parse_timestamp_utc("2024-10-05T09:12:00+07:00"));
    CHECK(c5::parse_timestamp_utc("2024-02-29T00:00:00Z"));
}

TEST_CASE("parse_timestamp_utc refuses times without an offset and impossible dates") {
    const char* refused[] = {
        "",
        "2024-10-05T09:12:00",        // local time: ambiguous
        "2024-10-05",                 // a date alone
        "2024-10-05 09:12:00+07:00",  // space instead of T
        "2024-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z",  // not a leap year
        "2024-10-05T24:00:00Z",
        "2024-10-05T09:60:00Z",
        "2024-10-05T09:12:00+0700",  // offset without its colon
        "2024-10-05T09:12:00+07:00 ",
        "05/10/2024 09:12",
    };
    for (const char* text : refused) {
        CAPTURE(text);
        CHECK_FALSE(c5::parse_timestamp_utc(text));
    }
}

TEST_CASE("format_timestamp_utc writes UTC with a Z and round-trips through the parser") {
    CHECK(c5::format_timestamp_utc(0) == "1970-01-01T00:00:00Z");
    CHECK(c5::format_timestamp_utc(1728094320) == "2024-10-05T02:12:00Z");
    CHECK(c5::format_timestamp_utc(-1) == "1969-12-31T23:59:59Z");
    for (std::int64_t t : {std::int64_t{0}, std::int64_t{951782400}, std::int64_t{1728094320}}) {
        CHECK(c5::parse_timestamp_utc(c5::format_timestamp_utc(t)) == t);
    }
}
