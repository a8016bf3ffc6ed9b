// An in-process syncd for tests of the server logic: a fresh database with keys made at the
// weakest key derivation, the sample registry, a clock the test moves, and enrolled devices
// that build real signed, boxed pushes and pulls with the shared wire codec.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/sync/wire_messages.hpp"
#include "support/temp_dir.hpp"
#include "syncd/server/devices.hpp"
#include "syncd/server/imports.hpp"
#include "syncd/server/sync_service.hpp"

namespace c5::test {

inline const std::string kSamplesDir = std::string(C5_SOURCE_DIR) + "/samples/";

struct TestDevice {
    std::string id;
    sync::IdentityKeys keys;
    std::int64_t seq = 0;
    sync::Hash32 prev = sync::kZeroHash;
    std::uint32_t counter = 0;
};

class ServerFixture {
public:
    explicit ServerFixture(bool with_registry = true) {
        syncd::ServerOptions options;
        options.data_dir = dir.path();
        options.forms_dir = std::string(C5_SOURCE_DIR) + "/forms";
        options.criteria_file = options.forms_dir + "/criteria/criterion5-2024.json";
        options.clock = [this] { return now_ms; };
        auto db = syncd::Database::open(syncd::database_file_in(dir.path()), true);
        REQUIRE(db);
        auto keys = syncd::create_server_keys(
            *db, {"server pass", "recovery pass", KdfStrength::Minimum}, now_ms);
        REQUIRE(keys);
        auto defs = syncd::load_definitions(options.forms_dir, options.criteria_file);
        REQUIRE(defs);
        ctx = std::make_unique<syncd::ServerContext>(
            syncd::ServerContext{options, std::move(*keys), std::move(*defs)});
        service = std::make_unique<syncd::SyncService>(*ctx);
        if (with_registry) {
            auto imported = syncd::import_registry(*db, *ctx, kSamplesDir + "registry-hanoi.csv");
            REQUIRE(imported);
            REQUIRE(*imported);
        }
    }

    syncd::Database db() const {
        auto db = ctx->connect();
        REQUIRE(db);
        return std::move(*db);
    }

    std::int64_t count(const std::string& sql) const {
        auto connection = db();
        auto n = connection.query_int(sql);
        REQUIRE(n);
        return *n;
    }

    // Enrols a device through the endpoint, as a laptop would.
    TestDevice enrol(syncd::Role role, const std::string& unit) {
        auto connection = db();
        auto code = syncd::create_enrolment(connection, *ctx, role, unit, "Nguyễn Thị Lan", 72);
        REQUIRE(code);
        TestDevice device{{}, sync::generate_identity_keys()};
        const sync::EnrollRequest request{code->code, "Laptop", device.keys.sign.public_key,
                                          device.keys.box.public_key};
        const syncd::Reply reply = service->enroll(sync::to_json(request).dump());
        REQUIRE(reply.status == 200);
        device.id = reply.body["device_id"];
        return device;
    }

    // A change by `device` to one field of a household record of `ward`.
    FieldChange change(TestDevice& device, const RecordId& id, const std::string& ward,
                       const std::string& field, Value value,
                       const std::string& form = "household") {
        return FieldChange{
            id,        form,     1, ward, field, std::move(value), Stamp{now_ms, ++device.counter},
            device.id, Version{}};
    }

    // The request for the device's next batch (not yet sent).
    sync::PushRequest next_push(const TestDevice& device, const std::vector<FieldChange>& changes,
                                std::int64_t seq = 0) const {
        return sync::make_push_request(device.id, seq ? seq : device.seq + 1, device.prev, changes,
                                       device.keys, ctx->keys.identity.box.public_key);
    }

    // Sends a batch; on 200 the device moves its chain on, as the client does.
    syncd::Reply push(TestDevice& device, const std::vector<FieldChange>& changes) {
        const sync::PushRequest request = next_push(device, changes);
        const syncd::Reply reply = service->push(sync::to_json(request).dump());
        if (reply.status == 200) {
            device.seq = request.seq;
            device.prev = request.hash();
        }
        return reply;
    }

    // One pull page for the device, opened.
    sync::PullPage pull(const TestDevice& device, std::int64_t cursor, std::int64_t limit = 2000) {
        const auto request = sync::make_pull_request(device.id, cursor, limit, now_ms, device.keys);
        const syncd::Reply reply = service->pull(sync::to_json(request).dump());
        INFO(reply.body.dump(), " ", reply.summary);
        REQUIRE(reply.status == 200);
        auto page = sync::open_pull_response(reply.body, ctx->keys.identity.box.public_key,
                                             device.keys.box.secret_key);
        REQUIRE(page);
        return *page;
    }

    TempDir dir;
    std::int64_t now_ms = 1733230000000;  // 2024-12-03
    std::unique_ptr<syncd::ServerContext> ctx;
    std::unique_ptr<syncd::SyncService> service;
};

// A full, valid interviewed household of `ward` group `group`.
inline std::vector<std::pair<std::string, Value>> household_values(const std::string& ward,
                                                                   const std::string& group,
                                                                   const std::string& code) {
    return {{"ward_code", ward},
            {"group", group},
            {"household_code", code},
            {"head_name", std::string("Trần Văn Bí Mật")},
            {"address", std::string("số 7 ngõ Bí Mật")},
            {"phone", std::string("0912345678")},
            {"visit_outcome", std::string("interviewed")},
            {"consent", true},
            {"smart_tv", true},
            {"broadband_fixed", true},
            {"adults_15plus", std::int64_t{2}},
            {"adults_smartphone", std::int64_t{2}},
            {"visited_at", std::string("2024-12-03T09:00:00+07:00")},
            {"surveyor", std::string("Lan")}};
}

}  // namespace c5::test
