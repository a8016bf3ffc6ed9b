// Hybrid logical clock stamps, the skew bound, and record ids (minted next to the stamps
// they are ordered with; record_id.hpp lives in core/records).
#include "core/merge/stamp.hpp"

#include <doctest/doctest.h>

#include "core/records/record_id.hpp"

namespace {

c5::Clock frozen_at(const std::int64_t* now) {
    return [now] { return *now; };
}

}  // namespace

TEST_CASE("merge: a hybrid clock's ticks always increase, even when the wall clock stalls") {
    std::int64_t now = 1000;
    c5::HybridClock clock(frozen_at(&now));
    const c5::Stamp a = clock.tick();
    const c5::Stamp b = clock.tick();
    CHECK(a == c5::Stamp{1000, 0});
    CHECK(b == c5::Stamp{1000, 1});
    now = 900;  // the wall clock went back
    CHECK(clock.tick() > b);
    now = 2000;
    CHECK(clock.tick() == c5::Stamp{2000, 0});
}

TEST_CASE("merge: a hybrid clock ticks after every stamp it has observed") {
    std::int64_t now = 1000;
    c5::HybridClock clock(frozen_at(&now));
    clock.observe(c5::Stamp{5000, 7});
    CHECK(clock.tick() == c5::Stamp{5000, 8});
    clock.observe(c5::Stamp{10, 0});  // an old stamp changes nothing
    CHECK(clock.tick() == c5::Stamp{5000, 9});
}

TEST_CASE("merge: a stamp more than the bound ahead of the clock is too far ahead") {
    const std::int64_t day = c5::kDefaultMaxClockSkewMs;
    CHECK_FALSE(c5::is_too_far_ahead(c5::Stamp{1000 + day, 5}, 1000, day));
    CHECK(c5::is_too_far_ahead(c5::Stamp{1001 + day, 0}, 1000, day));
    CHECK_FALSE(c5::is_too_far_ahead(c5::Stamp{0, 0}, 1000, day));
}

TEST_CASE("merge: versions order by stamp, then by device id") {
    const c5::Version a{{10, 0}, "laptop-a"};
    const c5::Version b{{10, 0}, "laptop-b"};
    const c5::Version later{{10, 1}, "laptop-a"};
    CHECK(a < b);
    CHECK(b < later);
    CHECK(c5::Version{}.is_none());
    CHECK(c5::Version{} < a);
    CHECK(c5::to_string(a) == "10.0@laptop-a");
}

TEST_CASE("merge: record ids are version 7 UUIDs ordered by minting time") {
    const c5::RecordId early = c5::mint_record_id(1718000000000);
    const c5::RecordId late = c5::mint_record_id(1718000000001);
    CHECK(early < late);
    CHECK(c5::record_id_time_ms(early) == 1718000000000);
    const std::string text = c5::to_string(early);
    CHECK(text.size() == 36);
    CHECK(text[14] == '7');
    CHECK(std::string("89ab").find(text[19]) != std::string::npos);
    CHECK(c5::mint_record_id(1) != c5::mint_record_id(1));
    CHECK(c5::mint_record_id(5, 1) < c5::mint_record_id(5, 2));
    CHECK(c5::mint_record_id(5, 4095) < c5::mint_record_id(6, 0));
    CHECK(c5::to_string(c5::mint_record_id(5, 2))[14] == '7');
}

TEST_CASE("merge: record ids read back from their text, in either case") {
    const c5::RecordId id = c5::mint_record_id(1718000000000);
    auto parsed = c5::parse_record_id(c5::to_string(id));
    REQUIRE(parsed);
    CHECK(*parsed == id);
    std::string upper = c5::to_string(id);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(c5::parse_record_id(upper) == parsed);

    for (const char* bad :
         {"", "0190a5c2-0000-7000-8000-00000000000", "0190a5c2x0000-7000-8000-000000000000",
          "0190a5c2-0000-7000-8000-00000000000g"}) {
        CAPTURE(bad);
        auto refused = c5::parse_record_id(bad);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == c5::ErrorKind::InvalidInput);
    }
}
