// The push endpoint in-process: a batch is applied whole, a repeat is acknowledged and not
// applied twice, the chain is enforced, and each refusal has its status and changes nothing.
#include <doctest/doctest.h>

#include <thread>

#include "syncd/server/merge_engine.hpp"
#include "tests/syncd/server_fixture.hpp"

using namespace c5;
using namespace c5::test;

namespace {

std::vector<FieldChange> household(ServerFixture& server, TestDevice& device, const RecordId& id,
                                   const std::string& ward, const std::string& code) {
    std::vector<FieldChange> changes;
    for (auto& [field, value] : household_values(ward, "01", code)) {
        changes.push_back(server.change(device, id, ward, field, value));
    }
    return changes;
}

const std::string& error_of(const syncd::Reply& reply) {
    return reply.body["error"].get_ref<const std::string&>();
}

}  // namespace

TEST_CASE("a batch is applied whole: change log, merged record and acknowledgement") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    const auto changes = household(server, laptop, id, "00001", "01-9001");

    const syncd::Reply reply = server.push(laptop, changes);
    REQUIRE(reply.status == 200);
    CHECK(reply.body["ack"] == 1);
    CHECK(reply.body["duplicate"] == false);
    CHECK(reply.body["applied"] == changes.size());
    CHECK(reply.body["held"] == 0);
    CHECK(server.count("SELECT count(*) FROM change_log") == std::int64_t(changes.size()));
    CHECK(server.count("SELECT count(*) FROM audit WHERE action = 'push'") == 1);

    auto db = server.db();
    auto record = syncd::load_record(db, server.ctx->keys.data_key, id);
    REQUIRE(record);
    REQUIRE(*record);
    CHECK((*record)->value("household_code") == Value{std::string("01-9001")});
    CHECK((*record)->unit_code() == "00001");
}

TEST_CASE("a repeated batch is acknowledged as a repeat and not applied twice") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const auto changes = household(server, laptop, mint_record_id(server.now_ms), "00001", "x1");
    const sync::PushRequest request = server.next_push(laptop, changes);
    const std::string body = sync::to_json(request).dump();

    const syncd::Reply first = server.service->push(body);
    REQUIRE(first.status == 200);
    const syncd::Reply again = server.service->push(body);
    REQUIRE(again.status == 200);
    CHECK(again.body["duplicate"] == true);
    CHECK(again.body["ack"] == 1);
    CHECK(again.body["applied"] == first.body["applied"]);

    // Both answers carry the server's signature for this very batch.
    const auto pinned = server.ctx->keys.identity.sign.public_key;
    for (const auto* reply : {&first, &again}) {
        auto ack = sync::push_ack_from_json(reply->body);
        REQUIRE(ack);
        CHECK(sync::verify_push_ack(*ack, request.device_id, request.seq, request.hash(), pinned));
    }
    auto other = server.next_push(laptop, changes, 2);
    CHECK_FALSE(sync::verify_push_ack(*sync::push_ack_from_json(first.body), other.device_id,
                                      other.seq, other.hash(), pinned));
    CHECK(server.count("SELECT count(*) FROM change_log") == std::int64_t(changes.size()));
    CHECK(server.count("SELECT count(*) FROM batches") == 1);
}

TEST_CASE("five identical pushes sent at once store one copy") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const auto changes = household(server, laptop, mint_record_id(server.now_ms), "00001", "x2");
    const std::string body = sync::to_json(server.next_push(laptop, changes)).dump();

    std::vector<syncd::Reply> replies(5);
    std::vector<std::thread> threads;
    for (auto& reply : replies) {
        threads.emplace_back([&server, &body, &reply] { reply = server.service->push(body); });
    }
    for (auto& t : threads) t.join();
    int fresh = 0;
    for (const auto& reply : replies) {
        CHECK(reply.status == 200);
        if (reply.body["duplicate"] == false) ++fresh;
    }
    CHECK(fresh == 1);
    CHECK(server.count("SELECT count(*) FROM change_log") == std::int64_t(changes.size()));
}

TEST_CASE("the push chain refuses gaps, forks and broken links with 409") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    REQUIRE(server.push(laptop, {server.change(laptop, id, "00001", "notes", std::string("a"))})
                .status == 200);

    SUBCASE("a batch number past the next one") {
        const auto skipped = server.next_push(
            laptop, {server.change(laptop, id, "00001", "notes", std::string("b"))}, 3);
        const syncd::Reply reply = server.service->push(sync::to_json(skipped).dump());
        CHECK(reply.status == 409);
        CHECK(error_of(reply) == "out_of_order");
        CHECK(reply.body["expected_seq"] == 2);
    }
    SUBCASE("the next number chained to the wrong batch") {
        TestDevice forked = laptop;
        forked.prev = sync::batch_hash("something else");
        const auto request = server.next_push(
            forked, {server.change(laptop, id, "00001", "notes", std::string("b"))});
        const syncd::Reply reply = server.service->push(sync::to_json(request).dump());
        CHECK(reply.status == 409);
        CHECK(error_of(reply) == "out_of_order");
    }
    SUBCASE("an accepted number with other content") {
        TestDevice replay = laptop;
        replay.seq = 0;
        replay.prev = sync::kZeroHash;
        const auto request = server.next_push(
            replay, {server.change(laptop, id, "00001", "notes", std::string("c"))});
        const syncd::Reply reply = server.service->push(sync::to_json(request).dump());
        CHECK(reply.status == 409);
        CHECK(error_of(reply) == "fork");
    }
    CHECK(server.count("SELECT count(*) FROM change_log") == 1);
}

TEST_CASE("role rules refuse with 403 and apply nothing of the batch") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    const FieldChange fine = server.change(laptop, id, "00001", "notes", std::string("ok"));

    SUBCASE("a unit outside the device's units") {
        const RecordId other = mint_record_id(server.now_ms);
        const auto reply = server.push(
            laptop, {fine, server.change(laptop, other, "00004", "notes", std::string("x"))});
        CHECK(reply.status == 403);
        CHECK(error_of(reply) == "outside_role");
        CHECK(reply.body["message"].get<std::string>().find("00004") != std::string::npos);
    }
    SUBCASE("a surveyor approving") {
        const auto reply = server.push(
            laptop, {fine, server.change(laptop, id, "00001", "_status", std::string("approved"))});
        CHECK(reply.status == 403);
    }
    SUBCASE("a change signed as another device") {
        FieldChange forged = fine;
        forged.device_id = "dev-someone-else";
        CHECK(server.push(laptop, {forged}).status == 403);
    }
    SUBCASE("a surveyor writing a district checklist") {
        const auto reply = server.push(
            laptop, {server.change(laptop, id, "001", "lan_wan", true, "district_checklist")});
        CHECK(reply.status == 403);
    }
    CHECK(server.count("SELECT count(*) FROM change_log") == 0);
    CHECK(laptop.seq == 0);

    SUBCASE("a supervisor of the district may approve in its wards") {
        TestDevice supervisor = server.enrol(syncd::Role::Supervisor, "001");
        const auto reply = server.push(
            supervisor, {server.change(supervisor, id, "00001", "_status", std::string("approved")),
                         server.change(supervisor, id, "00001", "_review_comment",
                                       std::string("đã kiểm tra"))});
        CHECK(reply.status == 200);
    }
}

TEST_CASE("values that do not fit their form are refused with 422 naming record and field") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    const auto refused = [&](std::vector<FieldChange> changes, const std::string& field) {
        const auto reply = server.push(laptop, changes);
        CHECK(reply.status == 422);
        CHECK(error_of(reply) == "invalid_values");
        const std::string message = reply.body["message"];
        CHECK(message.find(to_string(id)) != std::string::npos);
        CHECK(message.find(field) != std::string::npos);
    };
    refused({server.change(laptop, id, "00001", "adults_15plus", std::string("two"))},
            "adults_15plus");
    refused({server.change(laptop, id, "00001", "visit_outcome", std::string("asleep"))},
            "visit_outcome");
    refused({server.change(laptop, id, "00001", "adults_15plus", std::int64_t{-1})},
            "adults_15plus");
    refused({server.change(laptop, id, "00001", "adults_15plus", std::int64_t{1}),
             server.change(laptop, id, "00001", "adults_smartphone", std::int64_t{3})},
            "adults_smartphone");
    refused({server.change(laptop, id, "00001", "favourite_colour", std::string("red"))},
            "favourite_colour");
    CHECK(server.count("SELECT count(*) FROM change_log") == 0);

    // A draft may leave questions unanswered.
    CHECK(
        server.push(laptop, {server.change(laptop, id, "00001", "adults_15plus", std::int64_t{1})})
            .status == 200);
}

TEST_CASE("unknown, revoked and badly signed devices are refused with 401") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    const auto changes = std::vector{server.change(laptop, id, "00001", "notes", std::string("x"))};

    TestDevice stranger = laptop;
    stranger.id = "dev-0000000000000000";
    CHECK(error_of(server.push(stranger, changes)) == "unknown_device");

    TestDevice impostor = laptop;
    impostor.keys = sync::generate_identity_keys();
    CHECK(error_of(server.push(impostor, changes)) == "bad_signature");

    auto db = server.db();
    REQUIRE(syncd::revoke_device(db, *server.ctx, laptop.id));
    const auto reply = server.push(laptop, changes);
    CHECK(reply.status == 401);
    CHECK(error_of(reply) == "revoked");
    CHECK(server.count("SELECT count(*) FROM change_log") == 0);
}

TEST_CASE("malformed pushes are refused with 400") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    CHECK(server.service->push("{not json").status == 400);
    CHECK(server.service->push("{}").status == 400);
    auto request = server.next_push(laptop, {});
    request.box = "AAAA" + request.box.substr(4);
    request.sig = sync::to_base64(sync::sign_detached(laptop.keys.sign, request.signed_bytes()));
    const auto reply = server.service->push(sync::to_json(request).dump());
    CHECK(reply.status == 400);
    CHECK(error_of(reply) == "malformed");
}
