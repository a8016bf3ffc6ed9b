// syncd over HTTP, as a laptop meets it: a real `syncd serve` on 127.0.0.1 (the fixture),
// raw httplib requests, and each refusal with its status and JSON body.
#include <doctest/doctest.h>
#include <httplib.h>

#include <thread>

#include "core/sync/wire_messages.hpp"
#include "support/syncd_process.hpp"

using namespace c5;
using namespace c5::test;
using nlohmann::json;

namespace {

const std::string kSamples = std::string(C5_SOURCE_DIR) + "/samples/";

struct Laptop {
    std::string id;
    sync::IdentityKeys keys = sync::generate_identity_keys();
    sync::BoxPublicKey server_box;
    std::int64_t seq = 0;
    sync::Hash32 prev = sync::kZeroHash;
};

// A served syncd with the sample registry and one enrolled surveyor of ward 00001.
struct ServedSyncd {
    SyncdProcess server;
    Laptop laptop;

    ServedSyncd() {
        REQUIRE_MESSAGE(server.init(), server.last_error());
        REQUIRE(server.run("import-registry", {kSamples + "registry-hanoi.csv"}).exit_code == 0);
        const std::string code = server.enroll("surveyor", "00001", "Nguyễn Thị Lan");
        REQUIRE(!code.empty());
        REQUIRE_MESSAGE(server.start(), server.last_error());
        auto res = client().Post(
            "/v1/enroll",
            sync::to_json(sync::EnrollRequest{code, "Laptop 1", laptop.keys.sign.public_key,
                                              laptop.keys.box.public_key})
                .dump(),
            "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        auto enrolled = sync::enroll_response_from_json(json::parse(res->body));
        REQUIRE(enrolled);
        laptop.id = enrolled->device_id;
        laptop.server_box = enrolled->server_box_pk;
    }

    httplib::Client client() const {
        httplib::Client cli(server.host(), server.port());
        cli.set_connection_timeout(std::chrono::seconds(5));
        cli.set_read_timeout(std::chrono::seconds(10));
        cli.set_write_timeout(std::chrono::seconds(10));
        return cli;
    }

    FieldChange change(const std::string& unit, const std::string& field, Value value,
                       RecordId id = mint_record_id(1733230000000)) const {
        return FieldChange{id,
                           "household",
                           1,
                           unit,
                           field,
                           std::move(value),
                           Stamp{1733230000000 + laptop.seq, 1},
                           laptop.id,
                           Version{}};
    }

    sync::PushRequest request(const std::vector<FieldChange>& changes, std::int64_t seq = 0) const {
        return sync::make_push_request(laptop.id, seq ? seq : laptop.seq + 1, laptop.prev, changes,
                                       laptop.keys, laptop.server_box);
    }

    // Posts a body to the endpoint; returns status and parsed JSON body.
    std::pair<int, json> post(const std::string& path, const std::string& body) const {
        auto res = client().Post(path.c_str(), body, "application/json");
        REQUIRE_MESSAGE(res, "no response from syncd: " << httplib::to_string(res.error()));
        auto parsed = json::parse(res->body, nullptr, false);
        CHECK_MESSAGE(!parsed.is_discarded(), "body is not JSON: " << res->body);
        return {res->status, parsed};
    }

    std::pair<int, json> push(const sync::PushRequest& r) {
        auto answer = post("/v1/push", sync::to_json(r).dump());
        if (answer.first == 200) {
            laptop.seq = r.seq;
            laptop.prev = r.hash();
        }
        return answer;
    }
};

void check_refusal(const std::pair<int, json>& answer, int status, const std::string& error) {
    CHECK(answer.first == status);
    CHECK(answer.second.value("error", "") == error);
    CHECK(answer.second.contains("message"));
}

}  // namespace

TEST_CASE("syncd serve answers health, unknown paths and every refusal with JSON") {
    ServedSyncd served;
    auto health = served.client().Get("/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(json::parse(health->body) == json{{"status", "ok"}, {"protocol", 1}});
    auto missing = served.client().Get("/v1/nothing");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(json::parse(missing->body)["error"] == "not_found");

    const RecordId id = mint_record_id(1733230000000);
    SUBCASE("400 for a body that is not JSON") {
        check_refusal(served.post("/v1/push", "{\"device_id\": "), 400, "malformed");
        check_refusal(served.post("/v1/pull", "[1, 2]"), 400, "malformed");
        check_refusal(served.post("/v1/enroll", "{}"), 400, "malformed");
    }
    SUBCASE("413 for a body over 16 MiB") {
        check_refusal(served.post("/v1/push", std::string(17u << 20, ' ')), 413, "too_large");
    }
    SUBCASE("401 for an unknown device, a bad signature, a bad code") {
        auto request = served.request({served.change("00001", "notes", std::string("x"), id)});
        request.device_id = "dev-unknown";
        check_refusal(served.post("/v1/push", sync::to_json(request).dump()), 401,
                      "unknown_device");
        auto forged = served.request({served.change("00001", "notes", std::string("y"), id)});
        forged.sig = sync::to_base64(
            sync::sign_detached(sync::generate_identity_keys().sign, forged.signed_bytes()));
        check_refusal(served.post("/v1/push", sync::to_json(forged).dump()), 401, "bad_signature");
        const auto keys = sync::generate_identity_keys();
        check_refusal(
            served.post("/v1/enroll",
                        sync::to_json(sync::EnrollRequest{"AAAA-AAAA", "x", keys.sign.public_key,
                                                          keys.box.public_key})
                            .dump()),
            401, "bad_code");
    }
    SUBCASE("409 for a batch number out of order") {
        auto answer =
            served.push(served.request({served.change("00001", "notes", std::string("x"), id)}, 2));
        check_refusal(answer, 409, "out_of_order");
        CHECK(answer.second["expected_seq"] == 1);
    }
    SUBCASE("403 for another unit") {
        check_refusal(
            served.push(served.request({served.change("00004", "notes", std::string("x"))})), 403,
            "outside_role");
    }
    SUBCASE("422 for values that do not fit the form") {
        auto answer = served.push(
            served.request({served.change("00001", "adults_15plus", std::int64_t{-3}, id)}));
        check_refusal(answer, 422, "invalid_values");
        CHECK(answer.second["message"].get<std::string>().find("adults_15plus") !=
              std::string::npos);
    }
    // None of the refusals applied anything: the first real batch is still number 1.
    auto applied =
        served.push(served.request({served.change("00001", "notes", std::string("ok"))}));
    CHECK(applied.first == 200);
    CHECK(applied.second["ack"] == 1);
    CHECK(served.server.stop());
}

TEST_CASE("a push is acknowledged once, repeats are recognised, and a pull is boxed") {
    ServedSyncd served;
    const RecordId id = mint_record_id(1733230000000);
    const auto request =
        served.request({served.change("00001", "head_name", std::string("Phạm Bí Danh"), id),
                        served.change("00001", "household_code", std::string("01-7777"), id)});
    const std::string body = sync::to_json(request).dump();
    auto first = served.post("/v1/push", body);
    REQUIRE(first.first == 200);
    CHECK(first.second["applied"] == 2);
    auto again = served.post("/v1/push", body);
    CHECK(again.first == 200);
    CHECK(again.second["duplicate"] == true);

    // A province device sees the surveyor's changes.
    const std::string code = served.server.enroll("province", "", "Tỉnh");
    Laptop province;
    auto enrolled = served.post(
        "/v1/enroll",
        sync::to_json(sync::EnrollRequest{code, "Province PC", province.keys.sign.public_key,
                                          province.keys.box.public_key})
            .dump());
    REQUIRE(enrolled.first == 200);
    province.id = enrolled.second["device_id"];
    const auto pull = sync::make_pull_request(province.id, 0, 100, system_clock()(), province.keys);
    auto pulled = served.post("/v1/pull", sync::to_json(pull).dump());
    REQUIRE(pulled.first == 200);
    auto page = sync::open_pull_response(pulled.second, served.laptop.server_box,
                                         province.keys.box.secret_key);
    REQUIRE(page);
    CHECK(page->changes.size() == 2);
    CHECK(page->next_cursor == 2);
    CHECK(pulled.second.dump().find("Phạm Bí Danh") == std::string::npos);
    CHECK(served.server.stop());

    // Every request was logged with its device; no value reached the log.
    const std::string log = read_all(served.server.data_dir() / "logs" / "syncd.log");
    CHECK(log.find("method=POST path=/v1/push status=200") != std::string::npos);
    CHECK(log.find("device=" + served.laptop.id) != std::string::npos);
    CHECK(log.find("Phạm Bí Danh") == std::string::npos);
    CHECK(log.find("Nguyễn Thị Lan") == std::string::npos);
}

TEST_CASE("five identical pushes sent at once over HTTP store one copy") {
    ServedSyncd served;
    const auto request =
        served.request({served.change("00001", "notes", std::string("once")),
                        served.change("00001", "household_code", std::string("01-5555"))});
    const std::string body = sync::to_json(request).dump();
    std::vector<std::pair<int, json>> answers(5);
    std::vector<std::thread> senders;
    for (auto& answer : answers) {
        senders.emplace_back([&served, &body, &answer] {
            auto res = served.client().Post("/v1/push", body, "application/json");
            if (res) answer = {res->status, json::parse(res->body, nullptr, false)};
        });
    }
    for (auto& t : senders) t.join();
    int fresh = 0;
    for (const auto& [status, reply] : answers) {
        CHECK(status == 200);
        if (status == 200 && reply["duplicate"] == false) ++fresh;
    }
    CHECK(fresh == 1);
    CHECK(served.server.stop());
    auto results = served.server.run("results", {"--format", "json"});
    CHECK(results.exit_code == 0);
}

TEST_CASE("a revoked device is refused with 401 while the server runs") {
    ServedSyncd served;
    REQUIRE(
        served.push(served.request({served.change("00001", "notes", std::string("a"))})).first ==
        200);
    REQUIRE(served.server.run("devices", {"--revoke", served.laptop.id}).exit_code == 0);
    check_refusal(served.push(served.request({served.change("00001", "notes", std::string("b"))})),
                  401, "revoked");
}

TEST_CASE("syncd stops on SIGTERM and restarts on the same data") {
    ServedSyncd served;
    REQUIRE(
        served.push(served.request({served.change("00001", "notes", std::string("a"))})).first ==
        200);
    CHECK(served.server.stop());
    CHECK_FALSE(std::filesystem::exists(served.server.data_dir() / "syncd.port"));
    REQUIRE_MESSAGE(served.server.restart(), served.server.last_error());
    auto second = served.push(served.request({served.change("00001", "notes", std::string("b"))}));
    CHECK(second.first == 200);
    CHECK(second.second["ack"] == 2);

    served.server.kill();
    REQUIRE_MESSAGE(served.server.start(), served.server.last_error());
    CHECK(served.server.healthy());
}

TEST_CASE("syncd serves HTTPS when given a certificate and key") {
    TempDir certs;
    const auto cert = certs / "cert.pem";
    const auto key = certs / "key.pem";
    auto made = run_process("/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                                 "-keyout", key.string(), "-out", cert.string(),
                                                 "-days", "1", "-subj", "/CN=127.0.0.1"});
    REQUIRE_MESSAGE(made.exit_code == 0, "openssl could not make a test certificate: " << made.err);

    SyncdProcess server(
        SyncdOptions{.serve_args = {"--cert", cert.string(), "--key", key.string()}});
    REQUIRE(server.init());
    REQUIRE_MESSAGE(server.start(), server.last_error());
    httplib::SSLClient tls(server.host(), server.port());
    tls.enable_server_certificate_verification(false);
    tls.set_connection_timeout(std::chrono::seconds(5));
    auto health = tls.Get("/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(raw_http(server.port(), "GET", "/v1/health").status == 0);  // no plain HTTP
    CHECK(server.stop());
}

TEST_CASE("a second syncd serve on the same data folder refuses and leaves the first alone") {
    SyncdProcess server;
    REQUIRE_MESSAGE(server.init(), server.last_error());
    REQUIRE_MESSAGE(server.start(), server.last_error());

    const ProcessResult second = server.run("serve", {"--listen", "127.0.0.1:0"});
    CHECK_FALSE(second.timed_out);
    CHECK(second.exit_code == 1);
    CHECK_MESSAGE(second.err.find("another syncd (process " + std::to_string(server.pid()) +
                                  ") is already serving") != std::string::npos,
                  second.err);
    // The first one still serves, with its port file.
    CHECK(std::filesystem::exists(server.data_dir() / "syncd.port"));
    CHECK(server.healthy());
}

TEST_CASE("syncd serve on an address this machine does not have says so") {
    SyncdProcess server;
    REQUIRE_MESSAGE(server.init(), server.last_error());
    // 192.0.2.1 is reserved for documentation (RFC 5737): no interface has it.
    const ProcessResult run = server.run("serve", {"--listen", "192.0.2.1:0"});
    CHECK(run.exit_code == 1);
    CHECK_MESSAGE(run.err.find("cannot listen on 192.0.2.1:0 (no network interface of this "
                               "machine has that address)") != std::string::npos,
                  run.err);
}
