// The sync codec both sides share: changes round-trip through JSON exactly as documented,
// payloads open only with the right keys, and signed bytes and hashes are stable.
#include "core/sync/wire.hpp"

#include <doctest/doctest.h>

#include "core/sync/wire_messages.hpp"

using namespace c5;
using namespace c5::sync;
using nlohmann::json;

namespace {

FieldChange sample_change() {
    FieldChange c;
    c.record_id = *parse_record_id("0192648a-6e73-7353-adac-c87f8f5c289f");
    c.form = "household";
    c.form_version = 1;
    c.unit_code = "00004";
    c.field = "smart_tv";
    c.value = true;
    c.stamp = Stamp{1728096000000, 0};
    c.device_id = "dev-3f2a";
    c.base = Version{Stamp{1728000000000, 2}, "dev-77c1"};
    return c;
}

}  // namespace

TEST_CASE("a change encodes as the documented JSON and decodes back") {
    const FieldChange c = sample_change();
    const json expected = json::parse(R"({"r": "0192648a-6e73-7353-adac-c87f8f5c289f",
        "f": "household", "fv": 1, "u": "00004", "k": "smart_tv", "v": true,
        "s": [1728096000000, 0], "d": "dev-3f2a", "b": [1728000000000, 2, "dev-77c1"]})");
    CHECK(change_to_json(c) == expected);
    auto back = change_from_json(expected);
    REQUIRE(back);
    CHECK(*back == c);

    SUBCASE("every kind of value round-trips") {
        for (const Value& v : {Value{}, Value{false}, Value{std::int64_t{-42}},
                               Value{std::string("Nguyễn Văn An")}}) {
            FieldChange other = c;
            other.value = v;
            auto decoded = change_from_json(json::parse(change_to_json(other).dump()));
            REQUIRE(decoded);
            CHECK(decoded->value == v);
        }
    }
    SUBCASE("no base is [0, 0, \"\"]") {
        FieldChange first = c;
        first.base = Version{};
        CHECK(change_to_json(first)["b"] == json::array({0, 0, ""}));
    }
}

TEST_CASE("a malformed change is refused naming the member") {
    const json good = change_to_json(sample_change());
    const auto message_for = [](json j) {
        auto r = change_from_json(j);
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ErrorKind::InvalidInput);
        return r.error().message;
    };
    json j = good;
    j.erase("k");
    CHECK(message_for(j).find("'k' is missing") != std::string::npos);
    j = good;
    j["v"] = 1.5;
    CHECK(message_for(j).find("'v'") != std::string::npos);
    j = good;
    j["r"] = "not-a-uuid";
    CHECK(message_for(j).find("'r'") != std::string::npos);
    j = good;
    j["s"] = json::array({1, -1});
    CHECK(message_for(j).find("'s'") != std::string::npos);
    j = good;
    j["b"] = json::array({1, 2});
    CHECK(message_for(j).find("'b'") != std::string::npos);
    auto list = changes_from_json(json::array({good, 7}));
    REQUIRE_FALSE(list);
    CHECK(list.error().message.find("changes[1]") != std::string::npos);
}

TEST_CASE("base64 is standard and padded, and refuses other text") {
    const Bytes bytes{0xfb, 0xff, 0x01};
    CHECK(to_base64(bytes) == "+/8B");
    CHECK(to_base64(Bytes{0x61}) == "YQ==");
    CHECK(*from_base64("+/8B") == bytes);
    CHECK_FALSE(from_base64("-_8B"));
    CHECK_FALSE(from_base64("YQ"));
    CHECK_FALSE(from_base64_exact("+/8B", 4));
}

TEST_CASE("a boxed payload opens only for its recipient from its sender") {
    const IdentityKeys device = generate_identity_keys();
    const IdentityKeys server = generate_identity_keys();
    const IdentityKeys stranger = generate_identity_keys();
    const json payload{{"changes", json::array({change_to_json(sample_change())})}};
    const BoxedPayload boxed = seal_payload(payload, server.box.public_key, device.box.secret_key);

    auto opened =
        open_payload(boxed.nonce, boxed.box, device.box.public_key, server.box.secret_key);
    REQUIRE(opened);
    CHECK(*opened == payload);
    CHECK_FALSE(
        open_payload(boxed.nonce, boxed.box, stranger.box.public_key, server.box.secret_key));
    CHECK_FALSE(
        open_payload(boxed.nonce, boxed.box, device.box.public_key, stranger.box.secret_key));
    std::string changed = boxed.box;
    changed[5] = changed[5] == 'A' ? 'B' : 'A';
    CHECK_FALSE(open_payload(boxed.nonce, changed, device.box.public_key, server.box.secret_key));
}

TEST_CASE("zlib inflation stops at the limit") {
    const std::string big(100000, 'a');
    const Bytes packed = zlib_compress(big);
    CHECK(packed.size() < 1000);
    CHECK(*zlib_inflate(packed, big.size()) == big);
    CHECK_FALSE(zlib_inflate(packed, big.size() - 1));
    CHECK_FALSE(zlib_inflate(Bytes{1, 2, 3}, 100));
}

TEST_CASE("signatures verify only for the signer and the same bytes") {
    const IdentityKeys keys = generate_identity_keys();
    const Signature sig = sign_detached(keys.sign, "hello");
    CHECK(verify_detached(keys.sign.public_key, "hello", sig));
    CHECK_FALSE(verify_detached(keys.sign.public_key, "hellO", sig));
    CHECK_FALSE(verify_detached(generate_identity_keys().sign.public_key, "hello", sig));
    CHECK(signing_key_pair_from_seed(keys.sign.seed).public_key == keys.sign.public_key);
    CHECK(box_key_pair_from_secret(keys.box.secret_key).public_key == keys.box.public_key);
}

TEST_CASE("push and pull signed bytes follow the documented layout") {
    CHECK(push_signed_bytes("dev-1", 12, "UA==", "Tg==", "Qg==") ==
          "c5-push-v1\ndev-1\n12\nUA==\nTg==\nQg==");
    CHECK(pull_signed_bytes("dev-1", 4180, 2000, 1733230000000, "Tg==") ==
          "c5-pull-v1\ndev-1\n4180\n2000\n1733230000000\nTg==");
    CHECK(push_ack_signed_bytes("dev-1", 3, kZeroHash) ==
          "c5-push-ack-v1\ndev-1\n3\n"
          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    // BLAKE2b-256 of the empty string.
    CHECK(to_base64(batch_hash("")) == "DldRwCblQ7Loqy6wYJnaodHl30d3j3eH+qtFzfEv46g=");
}

TEST_CASE("a push request built for the server verifies, chains and opens there") {
    const IdentityKeys device = generate_identity_keys();
    const IdentityKeys server = generate_identity_keys();
    const std::vector<FieldChange> changes{sample_change()};
    const PushRequest first =
        make_push_request("dev-3f2a", 1, kZeroHash, changes, device, server.box.public_key);
    CHECK(first.prev == to_base64(kZeroHash));
    CHECK(verify_detached(device.sign.public_key, first.signed_bytes(), *from_base64(first.sig)));

    auto parsed = push_request_from_json(json::parse(to_json(first).dump()));
    REQUIRE(parsed);
    CHECK(parsed->hash() == first.hash());
    auto payload =
        open_payload(parsed->nonce, parsed->box, device.box.public_key, server.box.secret_key);
    REQUIRE(payload);
    CHECK(*changes_from_json((*payload)["changes"]) == changes);

    const PushRequest second =
        make_push_request("dev-3f2a", 2, first.hash(), changes, device, server.box.public_key);
    const Hash32 first_hash = first.hash();
    CHECK(*from_base64(second.prev) == Bytes(first_hash.begin(), first_hash.end()));

    json missing = to_json(first);
    missing.erase("sig");
    CHECK_FALSE(push_request_from_json(missing));
    CHECK_FALSE(push_request_from_json(json::array()));
}

TEST_CASE("pull requests, pages and acknowledgements round-trip") {
    const IdentityKeys device = generate_identity_keys();
    const IdentityKeys server = generate_identity_keys();
    const PullRequest pull = make_pull_request("dev-1", 10, 500, 1733230000000, device);
    CHECK(from_base64_exact(pull.nonce, 16));
    CHECK(verify_detached(device.sign.public_key, pull.signed_bytes(), *from_base64(pull.sig)));
    auto pull_back = pull_request_from_json(to_json(pull));
    REQUIRE(pull_back);
    CHECK(pull_back->signed_bytes() == pull.signed_bytes());

    PullPage page{{sample_change()}, 42, true, 1733230000123};
    const BoxedPayload boxed =
        seal_payload(to_json(page), device.box.public_key, server.box.secret_key);
    auto opened = open_pull_response(json{{"nonce", boxed.nonce}, {"box", boxed.box}},
                                     server.box.public_key, device.box.secret_key);
    REQUIRE(opened);
    CHECK(opened->changes == page.changes);
    CHECK(opened->next_cursor == 42);
    CHECK(opened->more);

    const PushAck ack{12, false, 140, 0, 1};
    auto ack_back = push_ack_from_json(to_json(ack));
    REQUIRE(ack_back);
    CHECK(ack_back->applied == 140);
    CHECK(ack_back->conflicts == 1);

    auto error = error_body_from_json(to_json(ErrorBody{"out_of_order", "expected 3", 3}));
    REQUIRE(error);
    CHECK(error->expected_seq == 3);
}

TEST_CASE("enrolment bodies round-trip and refuse keys of the wrong length") {
    const IdentityKeys device = generate_identity_keys();
    const EnrollRequest request{"K7QF-9M2X", "Laptop 3", device.sign.public_key,
                                device.box.public_key};
    auto back = enroll_request_from_json(to_json(request));
    REQUIRE(back);
    CHECK(back->sign_pk == device.sign.public_key);
    json bad = to_json(request);
    bad["box_pk"] = "AAAA";
    auto refused = enroll_request_from_json(bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("box_pk") != std::string::npos);

    EnrollResponse response;
    response.device_id = "dev-1";
    response.role = "surveyor";
    response.user_name = "Nguyễn Thị Lan";
    response.units = {"00004"};
    response.server_sign_pk = device.sign.public_key;
    response.server_box_pk = device.box.public_key;
    response.recovery_pk = "c5rpk1:x";
    auto response_back = enroll_response_from_json(json::parse(to_json(response).dump()));
    REQUIRE(response_back);
    CHECK(response_back->units == response.units);
    CHECK(response_back->user_name == response.user_name);
}
