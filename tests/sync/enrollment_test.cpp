// Enrolment against a real syncd: a fresh code makes an enrolled store with the server's
// device id, role, units, keys and definitions; a used, expired or unknown code is refused
// with its own reason, and nothing is left behind on the laptop.
#include <filesystem>

#include "sync/sync_fixture.hpp"

using namespace sync_test;

TEST_CASE("a fresh code enrols the laptop and creates its store") {
    SyncServer server;
    c5::test::TempDir dir;
    auto transport = transport_to(server.url());
    StoreOptions options;
    options.kdf_strength = KdfStrength::Minimum;
    auto store = sync::enroll(dir / "survey.c5store", kPassphrase, transport,
                              server.code("surveyor", kWardA), "Laptop 3", options);
    REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));

    auto record = sync::load_enrollment(*store);
    REQUIRE(record);
    REQUIRE(record->has_value());
    const sync::DeviceEnrollment& e = **record;
    CHECK(e.device_id == store->device_id());
    CHECK(e.role == "surveyor");
    CHECK(e.user_name == "Nguyễn Thị Lan");
    CHECK(e.device_name == "Laptop 3");
    CHECK(e.units == std::vector<std::string>{kWardA});
    CHECK(e.registry_csv.find("Phường Trúc Bạch") != std::string::npos);
    CHECK(e.forms.contains("household"));
    CHECK(!e.criteria.empty());
    CHECK(decode_recovery_public_key(e.recovery_pk).has_value());

    auto keys = sync::load_device_keys(*store);
    REQUIRE(keys);
    CHECK(keys->has_value());
    auto status = sync::sync_status(*store);
    REQUIRE(status);
    CHECK(status->enrolled);
    CHECK(status->waiting == 0);
    CHECK(!status->last_sync_ms);

    SUBCASE("the identity survives closing and reopening the store") {
        const std::string id = store->device_id();
        store = std::unexpected(sync::SyncError{});  // closes the store
        auto reopened = Store::open(dir / "survey.c5store", kPassphrase, options);
        REQUIRE(reopened);
        auto again = sync::load_enrollment(*reopened);
        REQUIRE(again);
        REQUIRE(again->has_value());
        CHECK(**again == e);
        CHECK(reopened->device_id() == id);
    }
}

TEST_CASE("a code works once, and expired or unknown codes are refused") {
    SyncServer server;
    c5::test::TempDir dir;
    auto transport = transport_to(server.url());
    StoreOptions options;
    options.kdf_strength = KdfStrength::Minimum;
    const auto refused = [&](const std::string& code, const std::string& file) {
        auto store = sync::enroll(dir / file, kPassphrase, transport, code, "Laptop", options);
        REQUIRE_FALSE(store);
        CHECK_FALSE(std::filesystem::exists(dir / file));
        return store.error();
    };

    SUBCASE("reused") {
        const std::string code = server.code("surveyor", kWardA);
        auto first =
            sync::enroll(dir / "first.c5store", kPassphrase, transport, code, "Laptop", options);
        REQUIRE_MESSAGE(first, (first ? std::string() : first.error().message));
        const sync::SyncError error = refused(code, "second.c5store");
        CHECK(error.kind == sync::SyncErrorKind::Unauthorized);
        CHECK(error.status == 401);
        CHECK(error.code == "code_used");
        CHECK(error.message.find("already used") != std::string::npos);
    }
    SUBCASE("expired") {
        const std::string code = server.code("surveyor", kWardA);
        server.expire_unused_codes();
        const sync::SyncError error = refused(code, "late.c5store");
        CHECK(error.kind == sync::SyncErrorKind::Unauthorized);
        CHECK(error.code == "code_expired");
        CHECK(error.message.find("expired") != std::string::npos);
    }
    SUBCASE("unknown") {
        const sync::SyncError error = refused("AAAA-BBBB", "guess.c5store");
        CHECK(error.kind == sync::SyncErrorKind::Unauthorized);
        CHECK(error.code == "bad_code");
    }
    SUBCASE("a code is accepted whatever its case and dash") {
        std::string code = server.code("surveyor", kWardA);
        code.erase(code.find('-'), 1);
        for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto store =
            sync::enroll(dir / "lower.c5store", kPassphrase, transport, code, "Laptop", options);
        CHECK_MESSAGE(store, (store ? std::string() : store.error().message));
    }
}

TEST_CASE("enrolment spends no code when the store cannot be made, and reports no server") {
    SyncServer server;
    c5::test::TempDir dir;
    auto transport = transport_to(server.url());
    StoreOptions options;
    options.kdf_strength = KdfStrength::Minimum;
    const std::string code = server.code("surveyor", kWardA);

    dir.write("taken.c5store", "not a store");
    auto taken = sync::enroll(dir / "taken.c5store", kPassphrase, transport, code, "L", options);
    REQUIRE_FALSE(taken);
    CHECK(taken.error().kind == sync::SyncErrorKind::Store);
    // The code was not sent, so it still works.
    auto good = sync::enroll(dir / "good.c5store", kPassphrase, transport, code, "L", options);
    CHECK_MESSAGE(good, (good ? std::string() : good.error().message));

    server.process.stop();
    auto offline =
        sync::enroll(dir / "off.c5store", kPassphrase, transport, "AAAA-BBBB", "L", options);
    REQUIRE_FALSE(offline);
    CHECK(offline.error().kind == sync::SyncErrorKind::Offline);
    CHECK(offline.error().status == 0);
}
