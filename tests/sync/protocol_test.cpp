// Requests built by hand with the codec and sent as raw bytes: a batch delivered twice or five
// times at once is applied once; replayed, reordered, forged and tampered requests, bodies over
// the limit and malformed JSON are refused with the documented status and code, and nothing
// of them is applied.
#include <latch>
#include <thread>

#include "sync/raw_device.hpp"

using namespace sync_test;

namespace {

// What a laptop of the ward that only pulls receives from the server: the applied changes.
std::size_t changes_on_server(SyncServer& server) {
    Laptop reader(server, "surveyor", kWardA);
    return reader.sync_ok().received;
}

}  // namespace

TEST_CASE("a batch delivered twice is applied once") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);
    const std::string body = body_of(device.push(1, sync::kZeroHash, device.changes(30)));

    const Answer first = post(laptop.transport(), "/v1/push", body);
    REQUIRE(first.status == 200);
    CHECK(first.body["ack"] == 1);
    CHECK(first.body["duplicate"] == false);
    CHECK(first.body["applied"] == 30);
    const Answer second = post(laptop.transport(), "/v1/push", body);
    REQUIRE(second.status == 200);
    CHECK(second.body["duplicate"] == true);
    CHECK(second.body["applied"] == 30);  // the same counts as the first time
    CHECK(changes_on_server(server) == 30);
}

TEST_CASE("five identical uploads at once store one copy") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);
    const std::string body = body_of(device.push(1, sync::kZeroHash, device.changes(1500)));

    std::vector<int> statuses(5);
    std::vector<char> duplicates(5);  // not vector<bool>: threads write apart
    std::latch start(5);
    std::vector<std::thread> senders;
    for (int i = 0; i < 5; ++i) {
        senders.emplace_back([&, i] {
            auto transport = net::HttpTransport::create(server.url());
            start.arrive_and_wait();
            auto response = transport->post("/v1/push", body);
            if (!response) return;
            statuses[i] = response->status;
            auto json = nlohmann::json::parse(response->body, nullptr, false);
            duplicates[i] = json.value("duplicate", false);
        });
    }
    for (auto& t : senders) t.join();
    CHECK(statuses == std::vector<int>(5, 200));
    CHECK(std::count(duplicates.begin(), duplicates.end(), 0) == 1);
    CHECK(changes_on_server(server) == 1500);
}

TEST_CASE("reordered, forked and forged pushes are refused and change nothing") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);
    const sync::PushRequest one = device.push(1, sync::kZeroHash, device.changes(3));
    const sync::PushRequest two = device.push(2, one.hash(), device.changes(4));

    SUBCASE("batch 2 before batch 1") {
        const Answer early = post(laptop.transport(), "/v1/push", body_of(two));
        CHECK(early.status == 409);
        CHECK(early.body["error"] == "out_of_order");
        CHECK(early.body["expected_seq"] == 1);
        CHECK(post(laptop.transport(), "/v1/push", body_of(one)).status == 200);
        CHECK(post(laptop.transport(), "/v1/push", body_of(two)).status == 200);
        CHECK(changes_on_server(server) == 7);
    }
    SUBCASE("a batch chained to the wrong hash") {
        CHECK(post(laptop.transport(), "/v1/push", body_of(one)).status == 200);
        const Answer wrong = post(laptop.transport(), "/v1/push",
                                  body_of(device.push(2, sync::kZeroHash, device.changes(4))));
        CHECK(wrong.status == 409);
        CHECK(wrong.body["error"] == "out_of_order");
        CHECK(changes_on_server(server) == 3);
    }
    SUBCASE("another batch under a number already accepted") {
        CHECK(post(laptop.transport(), "/v1/push", body_of(one)).status == 200);
        const Answer fork = post(laptop.transport(), "/v1/push",
                                 body_of(device.push(1, sync::kZeroHash, device.changes(5))));
        CHECK(fork.status == 409);
        CHECK(fork.body["error"] == "fork");
        CHECK(changes_on_server(server) == 3);
    }
    SUBCASE("signed with another key") {
        RawDevice forger = device;
        forger.keys = sync::generate_identity_keys();
        const Answer forged = post(laptop.transport(), "/v1/push",
                                   body_of(forger.push(1, sync::kZeroHash, device.changes(3))));
        CHECK(forged.status == 401);
        CHECK(forged.body["error"] == "bad_signature");
        CHECK(changes_on_server(server) == 0);
    }
    SUBCASE("from a device the server does not know") {
        RawDevice stranger = device;
        stranger.id = "dev-stranger";
        const Answer unknown = post(laptop.transport(), "/v1/push",
                                    body_of(stranger.push(1, sync::kZeroHash, device.changes(3))));
        CHECK(unknown.status == 401);
        CHECK(unknown.body["error"] == "unknown_device");
    }
    SUBCASE("changes written in another device's name") {
        Laptop other(server, "surveyor", kWardA);
        std::vector<FieldChange> changes = device.changes(3);
        changes[1].device_id = other.device_id();
        const Answer impostor =
            post(laptop.transport(), "/v1/push", body_of(device.push(1, sync::kZeroHash, changes)));
        CHECK(impostor.status == 403);
        CHECK(impostor.body["error"] == "outside_role");
        CHECK(changes_on_server(server) == 0);
    }
}

TEST_CASE("a tampered push is refused") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);
    sync::PushRequest request = device.push(1, sync::kZeroHash, device.changes(3));

    SUBCASE("a byte of the box changed after signing") {
        request.box[10] = request.box[10] == 'A' ? 'B' : 'A';
        const Answer tampered = post(laptop.transport(), "/v1/push", body_of(request));
        CHECK(tampered.status == 401);
        CHECK(tampered.body["error"] == "bad_signature");
    }
    SUBCASE("a box the server cannot open, signed by the device") {
        const sync::BoxedPayload wrong = sync::seal_payload(
            nlohmann::json{{"changes", nlohmann::json::array()}},
            sync::generate_identity_keys().box.public_key, device.keys.box.secret_key);
        request.nonce = wrong.nonce;
        request.box = wrong.box;
        request.sig =
            sync::to_base64(sync::sign_detached(device.keys.sign, request.signed_bytes()));
        const Answer unopened = post(laptop.transport(), "/v1/push", body_of(request));
        CHECK(unopened.status == 400);
        CHECK(unopened.body["error"] == "malformed");
    }
    CHECK(changes_on_server(server) == 0);
    // The untouched batch 1 is still welcome: nothing was recorded for the refused ones.
    const Answer clean = post(laptop.transport(), "/v1/push",
                              body_of(device.push(1, sync::kZeroHash, device.changes(2))));
    CHECK(clean.status == 200);
}

TEST_CASE("replayed and stale pulls are refused") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);

    const std::string body = device.pull_body(0, now_ms());
    CHECK(post(laptop.transport(), "/v1/pull", body).status == 200);
    const Answer replayed = post(laptop.transport(), "/v1/pull", body);
    CHECK(replayed.status == 401);
    CHECK(replayed.body["error"] == "replayed");

    const Answer stale =
        post(laptop.transport(), "/v1/pull", device.pull_body(0, now_ms() - 10 * 60 * 1000));
    CHECK(stale.status == 401);
    CHECK(stale.body["error"] == "stale_request");

    // The client says what to do about its clock.
    sync::SyncOptions options;
    options.clock = [] { return now_ms() + 10 * 60 * 1000; };
    auto skewed = laptop.sync(options);
    REQUIRE_FALSE(skewed);
    CHECK(skewed.error().kind == sync::SyncErrorKind::ClockSkew);
    CHECK(skewed.error().message.find("clock") != std::string::npos);
}

TEST_CASE("bodies over the limit and malformed JSON are refused with a JSON error") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);

    SUBCASE("a body over 16 MiB") {
        const std::string huge = "{\"pad\": \"" + std::string(sync::kMaxBodyBytes, 'x') + "\"}";
        const Answer answer = post(laptop.transport(), "/v1/push", huge);
        CHECK(answer.status == 413);
        CHECK(answer.body["error"] == "too_large");
    }
    SUBCASE("a batch of more than 5,000 changes") {
        const Answer answer = post(laptop.transport(), "/v1/push",
                                   body_of(device.push(1, sync::kZeroHash, device.changes(5001))));
        CHECK(answer.status == 413);
        CHECK(answer.body["error"] == "too_large");
    }
    SUBCASE("not JSON") {
        for (const char* path : {"/v1/push", "/v1/pull", "/v1/enroll"}) {
            const Answer answer = post(laptop.transport(), path, "{\"device_id\": ");
            CHECK(answer.status == 400);
            CHECK(answer.body["error"] == "malformed");
            CHECK(answer.body["message"].is_string());
        }
    }
    SUBCASE("a member of the wrong type") {
        nlohmann::json body = sync::to_json(device.push(1, sync::kZeroHash, device.changes(1)));
        body["seq"] = "1";
        const Answer answer = post(laptop.transport(), "/v1/push", body.dump());
        CHECK(answer.status == 400);
        CHECK(answer.body["message"].get<std::string>().find("seq") != std::string::npos);
    }
    SUBCASE("no such endpoint") {
        const Answer answer = post(laptop.transport(), "/v1/upload", "{}");
        CHECK(answer.status == 404);
        CHECK(answer.body["error"] == "not_found");
    }
    CHECK(changes_on_server(server) == 0);
}

namespace {

// Passes requests through, flipping one character of one text field in every 200 answer to
// one path: a pull's box changed on the way, or a push acknowledgement whose signature is
// not the server's (what a proxy that swallows batches would have to send).
class TamperingTransport final : public sync::Transport {
public:
    TamperingTransport(sync::Transport& inner, std::string path, std::string field)
        : inner_(inner), path_(std::move(path)), field_(std::move(field)) {}

    sync::TransportResult post(std::string_view path, std::string_view body) override {
        auto response = inner_.post(path, body);
        if (response && path == path_ && response->status == 200) {
            auto json = nlohmann::json::parse(response->body);
            std::string text = json[field_];
            text[text.size() / 2] = text[text.size() / 2] == 'A' ? 'B' : 'A';
            json[field_] = text;
            response->body = json.dump();
        }
        return response;
    }
    sync::TransportResult get(std::string_view path) override { return inner_.get(path); }

private:
    sync::Transport& inner_;
    std::string path_;
    std::string field_;
};

}  // namespace

TEST_CASE("a push acknowledgement not signed by the enrolled server marks nothing synced") {
    SyncServer server;
    Laptop writer(server, "surveyor", kWardA);
    writer.household(kWardA, "05-0001");

    TamperingTransport forging(writer.transport(), "/v1/push", "sig");
    auto refused = sync::sync(writer.store(), forging);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == sync::SyncErrorKind::BadResponse);
    auto waiting = writer.store().unsynced_changes();
    REQUIRE(waiting);
    CHECK(waiting->size() == kHouseholdChanges);

    // The real server did apply the batch; the next sync repeats it and it is stored once.
    writer.sync_ok();
    waiting = writer.store().unsynced_changes();
    REQUIRE(waiting);
    CHECK(waiting->empty());
    CHECK(changes_on_server(server) == kHouseholdChanges);
}

TEST_CASE("a pull answer changed on the way is refused and nothing of it is kept") {
    SyncServer server;
    Laptop writer(server, "surveyor", kWardA);
    Laptop reader(server, "surveyor", kWardA);
    writer.household(kWardA, "05-0001");
    writer.sync_ok();

    TamperingTransport tampering(reader.transport(), "/v1/pull", "box");
    auto refused = sync::sync(reader.store(), tampering);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == sync::SyncErrorKind::BadResponse);
    CHECK(record_count(reader.store()) == 0);
    auto cursor = reader.store().sync_cursor("syncd");
    REQUIRE(cursor);
    CHECK_FALSE(cursor->has_value());

    CHECK(reader.sync_ok().received == kHouseholdChanges);
    CHECK(snapshot(reader.store()) == snapshot(writer.store()));
}
