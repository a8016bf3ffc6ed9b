// Two laptops editing the same household while apart converge through syncd to the same
// record, with the disagreement kept as a conflict, whichever laptop syncs first; and a
// stale clear of a field does not erase a value its writer had not seen.
#include <chrono>

#include "sync/sync_fixture.hpp"

using namespace sync_test;

namespace {

std::int64_t hour_ago_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() - 3600000;
}

struct Outcome {
    std::string records;  // the snapshot both laptops agree on
    std::string results;  // syncd results, as CSV
};

// One world: laptop A creates the household, both get it, then they edit it apart (A at
// t0 + 1 s, B at t0 + 2 s) and sync in the given order.
Outcome edit_apart_then_sync(bool a_first, const RecordId& id, std::int64_t t0) {
    SyncServer server;
    Laptop a(server, "surveyor", kWardA, true);
    Laptop b(server, "surveyor", kWardA, true);
    a.set_clock(t0);
    b.set_clock(t0);
    a.save(kWardA,
           {{"ward_code", Value{std::string(kWardA)}},
            {"group", Value{std::string("01")}},
            {"household_code", Value{std::string("01-0042")}},
            {"head_name", Value{std::string("Lê Thị Hoa")}},
            {"visit_outcome", Value{std::string("interviewed")}},
            {"notes", Value{std::string("lần đầu")}}},
           id);
    a.sync_ok();
    CHECK(b.sync_ok().received == 7);

    a.set_clock(t0 + 1000);
    a.save(kWardA,
           {{"notes", Value{std::string("ghi chú của A")}},
            {"phone", Value{std::string("0912000001")}}},
           id);
    b.set_clock(t0 + 2000);
    b.save(kWardA,
           {{"notes", Value{std::string("ghi chú của B")}}, {"broadband_fixed", Value{true}}}, id);

    Laptop& first = a_first ? a : b;
    Laptop& second = a_first ? b : a;
    CHECK(first.sync_ok().server_conflicts == 0);
    const sync::SyncReport later = second.sync_ok();
    CHECK(later.server_conflicts == 1);
    CHECK(later.received == 2);
    CHECK(later.conflicted_records == std::vector<RecordId>{id});
    const sync::SyncReport last = first.sync_ok();
    CHECK(last.received == 2);
    CHECK(last.conflicted_records == std::vector<RecordId>{id});

    const std::string records = snapshot(a.store());
    CHECK(snapshot(b.store()) == records);
    auto stored = a.store().get(id);
    REQUIRE(stored);
    CHECK(stored->record.get("notes") == Value{std::string("ghi chú của B")});
    CHECK(stored->record.get("phone") == Value{std::string("0912000001")});
    CHECK(stored->record.get("broadband_fixed") == Value{true});
    REQUIRE(stored->conflicts.size() == 1);
    CHECK(stored->conflicts.front().field == "notes");
    REQUIRE(stored->conflicts.front().losers.size() == 1);
    CHECK(stored->conflicts.front().losers.front().value == Value{std::string("ghi chú của A")});
    return Outcome{records, server.results_csv()};
}

}  // namespace

TEST_CASE("two laptops editing one household converge with a conflict, in either order") {
    const std::int64_t t0 = hour_ago_ms();
    const RecordId id = mint_record_id(t0);
    const Outcome a_first = edit_apart_then_sync(true, id, t0);
    const Outcome b_first = edit_apart_then_sync(false, id, t0);
    CHECK(a_first.records == b_first.records);
    CHECK(a_first.results == b_first.results);
    CHECK(a_first.results.find("00004") != std::string::npos);
}

TEST_CASE("a stale clear of a field does not erase a newer value") {
    const std::int64_t t0 = hour_ago_ms();
    SyncServer server;
    Laptop a(server, "surveyor", kWardA, true);
    Laptop b(server, "surveyor", kWardA, true);
    a.set_clock(t0);
    b.set_clock(t0);
    const RecordId id = a.save(kWardA, {{"household_code", Value{std::string("01-0007")}},
                                        {"phone", Value{std::string("0912345678")}}});
    a.sync_ok();
    b.sync_ok();

    // A corrects the phone; B, not having seen that, clears it (before or after A's edit).
    std::int64_t clear_at = 0;
    SUBCASE("the clear is older") {
        clear_at = t0 + 500;
    }
    SUBCASE("the clear is newer") {
        clear_at = t0 + 2000;
    }
    a.set_clock(t0 + 1000);
    a.save(kWardA, {{"phone", Value{std::string("0987654321")}}}, id);
    b.set_clock(clear_at);
    b.save(kWardA, {{"phone", Value{}}}, id);

    b.sync_ok();
    a.sync_ok();
    b.sync_ok();
    for (Laptop* laptop : {&a, &b}) {
        auto stored = laptop->store().get(id);
        REQUIRE(stored);
        CHECK(stored->record.get("phone") == Value{std::string("0987654321")});
    }
    CHECK(snapshot(a.store()) == snapshot(b.store()));

    // A third laptop that only pulls agrees too.
    Laptop c(server, "surveyor", kWardA);
    c.sync_ok();
    CHECK(snapshot(c.store()) == snapshot(a.store()));
}
