// What a device may read and write: a surveyor of one ward neither receives another ward's
// records nor gets its own records of another ward accepted (they are set aside as rejected
// while the rest is sent); values that do not fit the form are rejected the same way; and a
// revoked laptop is refused, keeping its unsent work.
#include "sync/raw_device.hpp"

using namespace sync_test;

TEST_CASE("a surveyor does not receive another ward's records") {
    SyncServer server;
    Laptop ward_a(server, "surveyor", kWardA);
    Laptop ward_b(server, "surveyor", kWardB);
    ward_a.household(kWardA, "01-0001");
    ward_b.household(kWardB, "01-0001");
    ward_a.sync_ok();
    ward_b.sync_ok();

    CHECK(ward_a.sync_ok().received == 0);
    CHECK(ward_b.sync_ok().received == 0);
    CHECK(record_count(ward_a.store()) == 1);
    CHECK(record_count(ward_b.store()) == 1);

    // A supervisor of their district (Quận Ba Đình) sees both.
    Laptop district(server, "supervisor", "001");
    CHECK(district.sync_ok().received == 2 * kHouseholdChanges);
    CHECK(record_count(district.store()) == 2);
}

TEST_CASE("records a surveyor may not write are set aside and the rest is sent") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    Laptop reader(server, "surveyor", kWardA);
    for (int i = 0; i < 5; ++i) laptop.household(kWardA, "01-010" + std::to_string(i));
    const RecordId foreign = laptop.household(kWardB, "01-0999");
    for (int i = 5; i < 9; ++i) laptop.household(kWardA, "01-010" + std::to_string(i));

    const sync::SyncReport report = laptop.sync_ok();
    CHECK(report.sent == 9 * kHouseholdChanges);
    REQUIRE(report.rejected.size() == kHouseholdChanges);
    for (const sync::RejectedChange& r : report.rejected) {
        CHECK(r.change.record_id == foreign);
        CHECK(r.status == 403);
        CHECK(r.code == "outside_role");
        CHECK(!r.message.empty());
    }
    auto status = sync::sync_status(laptop.store());
    REQUIRE(status);
    CHECK(status->waiting == 0);
    CHECK(status->rejected == kHouseholdChanges);
    CHECK_FALSE(status->push_pending);
    CHECK(reader.sync_ok().received == 9 * kHouseholdChanges);

    SUBCASE("a rejected record is not sent again on its own") {
        const sync::SyncReport again = laptop.sync_ok();
        CHECK(again.batches == 0);
        CHECK(again.rejected.empty());
        auto listed = sync::rejected_changes(laptop.store());
        REQUIRE(listed);
        CHECK(listed->size() == kHouseholdChanges);
    }
    SUBCASE("editing the record sends it again, whole") {
        laptop.save(kWardB, {{"notes", Value{std::string("sửa lại")}}}, foreign);
        auto before = sync::sync_status(laptop.store());
        REQUIRE(before);
        CHECK(before->waiting == kHouseholdChanges + 1);
        CHECK(before->rejected == 0);
        const sync::SyncReport again = laptop.sync_ok();
        CHECK(again.rejected.size() == kHouseholdChanges + 1);  // still another ward
    }
    SUBCASE("retry_rejected sends it again") {
        REQUIRE(sync::retry_rejected(laptop.store()));
        CHECK(laptop.sync_ok().rejected.size() == kHouseholdChanges);
    }
}

TEST_CASE("values that do not fit the form are rejected with the server's message") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    laptop.household(kWardA, "01-0001");
    const RecordId bad = laptop.save(kWardA, {{"household_code", Value{std::string("01-0002")}},
                                              {"adults_15plus", Value{std::int64_t{2}}},
                                              {"adults_smartphone", Value{std::int64_t{5}}}});
    laptop.household(kWardA, "01-0003");

    const sync::SyncReport report = laptop.sync_ok();
    CHECK(report.sent == 2 * kHouseholdChanges);
    REQUIRE(report.rejected.size() == 4);
    CHECK(report.rejected.front().change.record_id == bad);
    CHECK(report.rejected.front().status == 422);
    CHECK(report.rejected.front().code == "invalid_values");
    CHECK(report.rejected.front().message.find("adults_smartphone") != std::string::npos);

    // Corrected, the record goes through.
    laptop.save(kWardA, {{"adults_smartphone", Value{std::int64_t{1}}}}, bad);
    const sync::SyncReport fixed = laptop.sync_ok();
    CHECK(fixed.rejected.empty());
    CHECK(fixed.sent == 4);
    CHECK(laptop.waiting() == 0);
}

TEST_CASE("a revoked laptop is refused and keeps its unsent work") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    laptop.household(kWardA, "01-0001");
    laptop.sync_ok();
    laptop.household(kWardA, "01-0002");
    server.revoke(laptop.device_id());

    auto refused = laptop.sync();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == sync::SyncErrorKind::Unauthorized);
    CHECK(refused.error().code == "revoked");
    CHECK(refused.error().status == 401);
    CHECK(refused.error().message.find("revoked") != std::string::npos);
    CHECK(laptop.waiting() == kHouseholdChanges);
    auto status = sync::sync_status(laptop.store());
    REQUIRE(status);
    CHECK(status->push_pending);
    CHECK(status->last_error == refused.error().message);

    // Pulls are refused too.
    const RawDevice device(laptop);
    const Answer pull = post(laptop.transport(), "/v1/pull", device.pull_body(0, now_ms()));
    CHECK(pull.status == 401);
    CHECK(pull.body["error"] == "revoked");
}
