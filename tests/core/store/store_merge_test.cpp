// Two stores exchanging changes the way the app and syncd will: conflicts from a shared
// base, settling, duplicates, stale clears, and refusal of malformed changes.
#include <doctest/doctest.h>

#include <algorithm>

#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

// Sends a store's unsynced changes to another, as a push then an acknowledgement.
c5::ApplyReport push(c5::Store& from, c5::Store& to) {
    auto changes = from.unsynced_changes();
    REQUIRE(changes);
    auto report = to.apply_remote(*changes);
    REQUIRE_MESSAGE(report, (report ? std::string() : report.error().message));
    REQUIRE(from.mark_synced(*changes, "peer"));
    return *report;
}

c5::RecordEdit set_field(const c5::RecordId& id, const std::string& field, c5::Value value) {
    c5::RecordEdit edit;
    edit.record_id = id;
    edit.values = {{field, std::move(value)}};
    return edit;
}

}  // namespace

TEST_CASE("store: two devices editing the same field see the same winner and the conflict") {
    StoreFixture f;
    c5::Store laptop = f.create("laptop-01", "laptop.c5store");
    c5::Store supervisor = f.create("supervisor", "supervisor.c5store");
    const c5::RecordId id = laptop.save(household("An", "Tổ 1", "0911"))->record_id;
    const c5::ApplyReport first = push(laptop, supervisor);
    CHECK(first.added == 8);
    CHECK(first.changed_records == std::vector{id});
    CHECK(supervisor.get(id)->record.values == laptop.get(id)->record.values);
    CHECK(supervisor.get(id)->synced);  // received changes are not the supervisor's to send

    f.advance_ms(10);
    REQUIRE(laptop.save(set_field(id, "adults_15plus", std::int64_t{4})));
    f.advance_ms(10);
    REQUIRE(supervisor.save(set_field(id, "adults_15plus", std::int64_t{5})));
    const c5::ApplyReport to_sup = push(laptop, supervisor);
    const c5::ApplyReport to_laptop = push(supervisor, laptop);
    CHECK(to_sup.conflicted_records == std::vector{id});
    CHECK(to_laptop.conflicted_records == std::vector{id});

    for (c5::Store* store : {&laptop, &supervisor}) {
        auto got = store->get(id);
        REQUIRE(got);
        CHECK(got->record.get("adults_15plus") == c5::Value{std::int64_t{5}});  // later stamp
        REQUIRE(got->conflicts.size() == 1);
        CHECK(got->conflicts[0].field == "adults_15plus");
        CHECK(got->conflicts[0].losers.at(0).value == c5::Value{std::int64_t{4}});
    }

    // The supervisor settles for the laptop's value; the conflict ends everywhere.
    f.advance_ms(10);
    REQUIRE(supervisor.settle_conflict(id, "adults_15plus", std::int64_t{4}));
    push(supervisor, laptop);
    for (c5::Store* store : {&laptop, &supervisor}) {
        auto got = store->get(id);
        CHECK(got->record.get("adults_15plus") == c5::Value{std::int64_t{4}});
        CHECK(got->conflicts.empty());
    }
    auto log = supervisor.audit_log();
    REQUIRE(log);
    const auto settled = std::find_if(log->entries.begin(), log->entries.end(),
                                      [](auto& e) { return e.action == c5::AuditAction::Review; });
    REQUIRE(settled != log->entries.end());
    CHECK(settled->detail == "settled conflict on field adults_15plus");
    CHECK(settled->device_id == "supervisor");
}

TEST_CASE("store: receiving the same changes again changes nothing") {
    StoreFixture f;
    c5::Store a = f.create("a", "a.c5store");
    c5::Store b = f.create("b", "b.c5store");
    const c5::RecordId id = a.save(household("An", "Tổ 1", "0911"))->record_id;
    const auto changes = *a.unsynced_changes();
    REQUIRE(b.apply_remote(changes));
    const auto before = b.get(id)->record.values;
    auto again = b.apply_remote(changes);
    REQUIRE(again);
    CHECK(again->added == 0);
    CHECK(again->duplicates == changes.size());
    CHECK(again->changed_records.empty());
    CHECK(b.get(id)->record.values == before);
}

TEST_CASE("store: an empty stale field never erases a newer value written elsewhere") {
    StoreFixture f;
    c5::Store laptop = f.create("laptop-01", "laptop.c5store");
    c5::Store office = f.create("office", "office.c5store");
    const c5::RecordId id = laptop.save(household("An", "Tổ 1", "0911"))->record_id;
    push(laptop, office);

    f.advance_ms(10);
    REQUIRE(office.save(set_field(id, "phone", std::string("0988"))));
    f.advance_ms(10);
    // The laptop never saw 0988 and clears the phone it still shows.
    REQUIRE(laptop.save(set_field(id, "phone", c5::Value{})));
    push(laptop, office);
    push(office, laptop);
    for (c5::Store* store : {&laptop, &office}) {
        auto got = store->get(id);
        CHECK(got->record.get("phone") == c5::Value{std::string("0988")});
        REQUIRE(got->conflicts.size() == 1);  // the clear is shown, not applied
    }

    SUBCASE("a form saved whole with a field it never had writes nothing for that field") {
        c5::RecordEdit whole = household("An", "Tổ 1", "0988");
        whole.record_id = id;
        whole.values["notes"] = c5::Value{};
        auto saved = laptop.save(whole);
        REQUIRE(saved);
        CHECK(std::ranges::find(saved->changed_fields, "notes") == saved->changed_fields.end());
    }
}

TEST_CASE("store: a malformed change refuses the whole batch") {
    StoreFixture f;
    c5::Store a = f.create("a", "a.c5store");
    c5::Store b = f.create("b", "b.c5store");
    a.save(household("An", "Tổ 1", "0911")).value();
    auto changes = *a.unsynced_changes();
    changes[3].base = c5::Version{c5::Stamp{changes[3].stamp.wall_ms + 1, 0}, "a"};
    auto refused = b.apply_remote(changes);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == c5::ErrorKind::InvalidInput);
    CHECK(refused.error().message.find("change 3") != std::string::npos);
    CHECK(b.list().records.empty());
}

TEST_CASE("store: merged records survive reopening with their conflicts") {
    StoreFixture f;
    c5::RecordId id;
    {
        c5::Store a = f.create("a", "a.c5store");
        c5::Store b = f.create("b", "b.c5store");
        id = a.save(household("An", "Tổ 1", "0911"))->record_id;
        push(a, b);
        f.advance_ms(5);
        REQUIRE(a.save(set_field(id, "address", std::string("Tổ 7"))));
        REQUIRE(b.save(set_field(id, "address", std::string("Tổ 8"))));
        push(a, b);
    }
    c5::Store b = f.open("b.c5store");
    auto got = b.get(id);
    REQUIRE(got);
    CHECK(got->record.get("address") == c5::Value{std::string("Tổ 8")});  // "b" > "a"
    CHECK(got->conflicts.size() == 1);
}
