// A device whose date is wrong: its changes stamped far ahead are held and reported, not
// merged, and do not drag the receiving clock forward; they merge once time catches up.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

constexpr std::int64_t kHour = 60LL * 60 * 1000;

}  // namespace

TEST_CASE("store: a change stamped more than a day ahead is held, reported, and cannot win") {
    StoreFixture here;   // this device, with the right date
    StoreFixture wrong;  // a laptop whose date is three days ahead
    wrong.advance_ms(72 * kHour);
    c5::Store store = here.create("office");
    c5::Store skewed = wrong.create("laptop-wrong-date");

    const c5::RecordId id = store.save(household("An", "Tổ 1", "0911"))->record_id;
    REQUIRE(skewed.apply_remote(*store.unsynced_changes()));
    c5::RecordEdit edit;
    edit.record_id = id;
    edit.values = {{"phone", std::string("0000")}};
    REQUIRE(skewed.save(edit));

    auto report = store.apply_remote(*skewed.unsynced_changes());
    REQUIRE(report);
    REQUIRE(report->held.size() == 1);
    CHECK(report->added == 0);
    CHECK(report->held[0].change.field == "phone");
    CHECK(report->held[0].change.device_id == "laptop-wrong-date");
    CHECK(report->held[0].held_since_ms == here.now_ms());
    CHECK(store.get(id)->record.get("phone") == c5::Value{std::string("0911")});
    REQUIRE(store.held_changes()->size() == 1);

    // This device's next edit is stamped by its own clock, not three days ahead, and wins.
    here.advance_ms(1000);
    edit.values = {{"phone", std::string("0922")}};
    REQUIRE(store.save(edit));
    const auto mine = store.unsynced_changes()->back();
    CHECK(mine.stamp.wall_ms == here.now_ms());
    CHECK(store.get(id)->record.get("phone") == c5::Value{std::string("0922")});

    SUBCASE("the held change merges once the clock is within the bound of it") {
        // The stamp is 72 h after the start: held until the clock reaches 48 h.
        here.advance_ms(47 * kHour);
        CHECK(store.release_held()->released == 0);
        here.advance_ms(kHour);
        auto released = store.release_held();
        REQUIRE(released);
        CHECK(released->released == 1);
        CHECK(store.held_changes()->empty());
        // By now it is a genuine later edit; it was based on 0911, so 0922 shows as conflict.
        auto got = store.get(id);
        CHECK(got->record.get("phone") == c5::Value{std::string("0000")});
        CHECK(got->conflicts.size() == 1);
    }
    SUBCASE("held changes survive reopening, and merge at an open once they are due") {
        CHECK(here.open().held_changes()->size() == 1);
        here.advance_ms(48 * kHour);
        c5::Store reopened = here.open();
        CHECK(reopened.held_changes()->empty());
        CHECK(reopened.get(id)->record.get("phone") == c5::Value{std::string("0000")});
    }
}

TEST_CASE("store: a change a little ahead is merged and moves the clock past it") {
    StoreFixture here;
    StoreFixture ahead;
    ahead.advance_ms(2 * kHour);
    c5::Store store = here.create("office");
    c5::Store other = ahead.create("laptop");
    const c5::RecordId id = other.save(household("An", "Tổ 1", "0911"))->record_id;
    const auto changes = *other.unsynced_changes();
    auto report = store.apply_remote(changes);
    REQUIRE(report);
    CHECK(report->held.empty());
    CHECK(report->added == changes.size());

    c5::RecordEdit edit;
    edit.record_id = id;
    edit.values = {{"phone", std::string("0922")}};
    REQUIRE(store.save(edit));
    const auto mine = store.unsynced_changes()->back();
    CHECK(mine.stamp > changes.back().stamp);  // causality holds despite the slower clock
    CHECK(store.get(id)->record.get("phone") == c5::Value{std::string("0922")});
}

TEST_CASE("store: the skew bound is a setting") {
    StoreFixture here;
    StoreFixture ahead;
    ahead.advance_ms(2 * kHour);
    c5::StoreOptions strict = here.options();
    strict.max_clock_skew_ms = kHour;
    auto store = c5::Store::create(here.path(), store_test::kPassphrase, here.recovery.public_key,
                                   "office", strict);
    REQUIRE(store);
    c5::Store other = ahead.create("laptop");
    other.save(household("An", "Tổ 1", "0911")).value();
    auto report = store->apply_remote(*other.unsynced_changes());
    REQUIRE(report);
    CHECK(report->held.size() == 8);
    CHECK(store->list().records.empty());
}
