// Pushing and pulling through a real syncd: what one surveyor saves reaches another of the
// same ward, in numbered batches of at most the batch size, with the status the app shows
// before and after, and progress reported as it goes.
#include <atomic>
#include <chrono>
#include <set>

#include "sync/sync_fixture.hpp"

using namespace sync_test;

TEST_CASE("changes saved on one laptop reach another laptop of the same ward") {
    SyncServer server;
    Laptop a(server, "surveyor", kWardA);
    Laptop b(server, "surveyor", kWardA);

    for (int i = 0; i < 3; ++i) a.household(kWardA, "01-000" + std::to_string(i));
    const std::size_t changes = a.waiting();
    CHECK(changes == 3 * kHouseholdChanges);

    const sync::SyncReport pushed = a.sync_ok();
    CHECK(pushed.sent == changes);
    CHECK(pushed.applied == changes);
    CHECK(pushed.batches == 1);
    CHECK(pushed.repeats == 0);
    CHECK(pushed.rejected.empty());
    CHECK(a.waiting() == 0);
    auto status = sync::sync_status(a.store());
    REQUIRE(status);
    CHECK(status->last_sync_ms.has_value());
    CHECK(status->last_error.empty());
    CHECK_FALSE(status->push_pending);

    const sync::SyncReport pulled = b.sync_ok();
    CHECK(pulled.received == changes);
    CHECK(pulled.merged == changes);
    CHECK(pulled.sent == 0);
    CHECK(pulled.cursor > 0);
    CHECK(snapshot(b.store()) == snapshot(a.store()));
    CHECK(record_count(b.store()) == 3);
    // Received changes are not sent back.
    CHECK(b.waiting() == 0);

    SUBCASE("a second sync with nothing new moves nothing") {
        const sync::SyncReport again = b.sync_ok();
        CHECK(again.received == 0);
        CHECK(again.sent == 0);
        CHECK(again.cursor == pulled.cursor);
        // The sender does not get its own changes back.
        CHECK(a.sync_ok().received == 0);
    }
    SUBCASE("edits travel back the other way") {
        const RecordId id = *parse_record_id(b.store().list().records.front().record.record_id);
        b.save(kWardA, {{"smart_tv", Value{false}}, {"notes", Value{std::string("đã sửa")}}}, id);
        CHECK(b.sync_ok().sent == 2);
        CHECK(a.sync_ok().received == 2);
        CHECK(snapshot(b.store()) == snapshot(a.store()));
    }
}

TEST_CASE("a large push goes in chained batches of at most the batch size") {
    SyncServer server;
    Laptop a(server, "surveyor", kWardA);
    Laptop b(server, "surveyor", kWardA);
    for (int i = 0; i < 60; ++i) a.household(kWardA, "02-" + std::to_string(1000 + i));
    const std::size_t changes = a.waiting();
    CHECK(changes == 60 * kHouseholdChanges);

    std::vector<sync::SyncProgress> seen;
    sync::SyncOptions options;
    options.batch_changes = 100;
    options.pull_limit = 70;
    options.progress = [&](const sync::SyncProgress& p) { seen.push_back(p); };
    const sync::SyncReport pushed = a.sync_ok(options);
    CHECK(pushed.sent == changes);
    // Records are not split across batches: 11 households of 9 changes fit in 100.
    CHECK(pushed.batches == 6);
    REQUIRE(!seen.empty());
    CHECK(seen.front().to_send == changes);
    CHECK(seen.back().sent == changes);
    std::size_t last = 0;
    for (const auto& p : seen) {
        CHECK(p.sent >= last);
        last = p.sent;
    }

    const sync::SyncReport pulled = b.sync_ok(options);
    CHECK(pulled.received == changes);
    CHECK(snapshot(b.store()) == snapshot(a.store()));

    // The server counted five batches for the device.
    const auto devices = server.process.run("devices");
    REQUIRE(devices.exit_code == 0);
    CHECK(devices.out.find(a.device_id()) != std::string::npos);
}

TEST_CASE("sync before enrolment and without a server fail with their own kinds") {
    SyncServer server;
    Laptop a(server, "surveyor", kWardA);
    a.household(kWardA, "03-0001");

    server.process.stop();
    auto offline = a.sync();
    REQUIRE_FALSE(offline);
    CHECK(offline.error().kind == sync::SyncErrorKind::Offline);
    CHECK(offline.error().message.find("could not reach the server") != std::string::npos);
    auto status = sync::sync_status(a.store());
    REQUIRE(status);
    CHECK(status->waiting == kHouseholdChanges);
    CHECK(status->push_pending);  // the batch was stored before it was sent
    CHECK(!status->last_sync_ms);
    CHECK(status->last_attempt_ms.has_value());
    CHECK(!status->last_error.empty());

    REQUIRE(server.process.start());
    a.use_url(server.url());
    const sync::SyncReport report = a.sync_ok();
    CHECK(report.sent == kHouseholdChanges);
    CHECK(report.batches == 1);
    status = sync::sync_status(a.store());
    REQUIRE(status);
    CHECK(status->waiting == 0);
    CHECK(status->last_error.empty());

    c5::test::TempDir dir;
    StoreOptions options;
    options.kdf_strength = KdfStrength::Minimum;
    auto plain = Store::create(dir / "plain.c5store", kPassphrase,
                               generate_recovery_key_pair().public_key, "local-1", options);
    REQUIRE(plain);
    auto transport = transport_to(server.url());
    auto not_enrolled = sync::sync(*plain, transport);
    REQUIRE_FALSE(not_enrolled);
    CHECK(not_enrolled.error().kind == sync::SyncErrorKind::NotEnrolled);
}

TEST_CASE("a connection check tells a syncd from no server") {
    SyncServer server;
    auto transport = transport_to(server.url());
    CHECK(sync::check_server(transport).has_value());
    server.process.stop();
    auto offline = sync::check_server(transport);
    REQUIRE_FALSE(offline);
    CHECK(offline.error().kind == sync::SyncErrorKind::Offline);
}

TEST_CASE("a cancelled sync stops between requests and keeps what was done") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    for (int i = 0; i < 30; ++i) laptop.household(kWardA, "04-" + std::to_string(1000 + i));
    std::atomic<bool> cancel{false};
    sync::SyncOptions options;
    options.batch_changes = 100;
    options.cancel = &cancel;
    options.progress = [&](const sync::SyncProgress& p) {
        if (p.sent > 0) cancel = true;  // after the first acknowledged batch
    };
    auto cancelled = laptop.sync(options);
    REQUIRE_FALSE(cancelled);
    CHECK(cancelled.error().kind == sync::SyncErrorKind::Cancelled);
    CHECK(cancelled.error().progress.sent == 99);
    CHECK(cancelled.error().progress.batches == 1);
    CHECK(laptop.waiting() == 30 * kHouseholdChanges - 99);
    auto status = sync::sync_status(laptop.store());
    REQUIRE(status);
    CHECK_FALSE(status->push_pending);

    CHECK(laptop.sync_ok().sent == 30 * kHouseholdChanges - 99);
}

TEST_CASE("changes stamped a day ahead are held by the server and by the receiving laptop") {
    SyncServer server;
    Laptop ahead(server, "surveyor", kWardA, true);
    Laptop reader(server, "surveyor", kWardA);
    using namespace std::chrono;
    const std::int64_t now =
        duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    ahead.set_clock(now + 48LL * 3600 * 1000);
    ahead.household(kWardA, "06-0001");

    const sync::SyncReport pushed = ahead.sync_ok();
    CHECK(pushed.sent == kHouseholdChanges);
    CHECK(pushed.server_held == kHouseholdChanges);
    const sync::SyncReport pulled = reader.sync_ok();
    CHECK(pulled.received == kHouseholdChanges);
    CHECK(pulled.held == kHouseholdChanges);
    CHECK(record_count(reader.store()) == 0);
}
