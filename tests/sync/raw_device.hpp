// Hand-built protocol requests for the refusal tests: a device's real keys taken from its
// store, and pushes and pulls made with the shared codec, so a test can repeat, reorder,
// forge or tamper with them on purpose and send them as raw bytes.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sync/sync_fixture.hpp"

namespace sync_test {

inline std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A device as the wire sees it: its id, its keys and the server key it boxes to.
struct RawDevice {
    std::string id;
    sync::IdentityKeys keys;
    sync::BoxPublicKey server_box_pk;

    explicit RawDevice(Laptop& laptop) {
        auto keys_item = sync::load_device_keys(laptop.store());
        auto record = sync::load_enrollment(laptop.store());
        REQUIRE(keys_item);
        REQUIRE(keys_item->has_value());
        REQUIRE(record);
        REQUIRE(record->has_value());
        id = laptop.device_id();
        keys = **keys_item;
        server_box_pk = (*record)->server_box_pk;
    }

    // `count` new household records of `unit`, one change each, written by this device.
    std::vector<FieldChange> changes(std::size_t count, const std::string& unit = kWardA) const {
        const std::int64_t at = now_ms();
        std::vector<FieldChange> out;
        for (std::size_t i = 0; i < count; ++i) {
            FieldChange c;
            c.record_id = mint_record_id(at, static_cast<std::uint32_t>(i));
            c.form = "household";
            c.form_version = 1;
            c.unit_code = unit;
            c.field = "household_code";
            c.value = Value{"raw-" + std::to_string(i)};
            c.stamp = Stamp{at, static_cast<std::uint32_t>(i)};
            c.device_id = id;
            out.push_back(std::move(c));
        }
        return out;
    }

    sync::PushRequest push(std::int64_t seq, const sync::Hash32& prev,
                           const std::vector<FieldChange>& changes) const {
        return sync::make_push_request(id, seq, prev, changes, keys, server_box_pk);
    }

    std::string pull_body(std::int64_t cursor, std::int64_t at_ms) const {
        return sync::to_json(sync::make_pull_request(id, cursor, 1000, at_ms, keys)).dump();
    }
};

inline std::string body_of(const sync::PushRequest& request) {
    return sync::to_json(request).dump();
}

// Posts and requires an HTTP answer; returns the status and the parsed body.
struct Answer {
    int status = 0;
    nlohmann::json body;
};

inline Answer post(sync::Transport& transport, const std::string& path, const std::string& body) {
    auto response = transport.post(path, body);
    REQUIRE_MESSAGE(response, (response ? std::string() : response.error().message));
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    return Answer{response->status, json};
}

}  // namespace sync_test
