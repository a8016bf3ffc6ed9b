// The hostile-requests suite (docs/reliability.md): requests without credentials, from a
// stranger, a revoked device and another ward's device; replayed, reordered, truncated,
// oversized, bit-flipped and deeply nested bodies; path traversal and wrong methods; enrolment
// codes guessed over and over (throttled per address). Each is
// refused with its status, nothing of it is stored, and syncd keeps answering. The totals
// are printed for the table in the docs.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <set>

#include "sync/raw_device.hpp"

using namespace sync_test;

namespace {

// What a laptop of the ward that only pulls receives from the server: the applied changes.
std::size_t changes_on_server(SyncServer& server, const std::string& unit = kWardA) {
    Laptop reader(server, "surveyor", unit);
    return reader.sync_ok().received;
}

// Counts what was tried and what was refused as expected, for the printed figures.
struct Tally {
    std::string suite;
    int tried = 0;
    int refused = 0;

    // Sends a body and requires a refusal with a status from `allowed`.
    void refuse(sync::Transport& transport, const std::string& path, const std::string& body,
                const std::set<int>& allowed, const std::string& what) {
        ++tried;
        auto response = transport.post(path, body);
        REQUIRE_MESSAGE(response, what << ": no answer: " << response.error().message);
        const auto json = nlohmann::json::parse(response->body, nullptr, false);
        const bool ok =
            allowed.contains(response->status) && json.is_object() && json.contains("error");
        CHECK_MESSAGE(ok, what << ": status " << response->status << " " << response->body);
        if (ok) ++refused;
    }

    ~Tally() {
        std::printf("hostile requests (%s): %d tried, %d refused as expected\n", suite.c_str(),
                    tried, refused);
    }
};

void require_healthy(sync::Transport& transport) {
    auto health = transport.get("/v1/health");
    REQUIRE_MESSAGE(health, (health ? std::string() : health.error().message));
    CHECK(health->status == 200);
}

// A copy of `body` with one bit of byte `at` flipped.
std::string flipped(std::string body, std::size_t at) {
    body[at] = static_cast<char>(body[at] ^ (1 << (at % 8)));
    return body;
}

// POSTs `body` to 127.0.0.1:port from the loopback address `from` ("127.0.0.2"), as a
// second laptop behind another address would, and returns the answer's status (0: none).
int post_from(const char* from, int port, const std::string& path, const std::string& body) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, from, &local.sin_addr);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    const timeval limit{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
        close(fd);
        return 0;
    }
    const std::string request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                "Connection: close\r\nContent-Type: application/json\r\n" +
                                "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                                body;
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) {
        reply.append(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    return reply.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(reply.substr(9, 3)) : 0;
}

}  // namespace

TEST_CASE("hostile: no credentials, strangers, revoked and other wards' devices are refused") {
    SyncServer server;
    Laptop owner(server, "surveyor", kWardA);
    Laptop other_ward(server, "surveyor", kWardB);
    Laptop revoked(server, "surveyor", kWardA);
    owner.household(kWardA, "H-01");
    owner.sync_ok();
    const std::size_t before = changes_on_server(server);
    REQUIRE(before == kHouseholdChanges);

    const RawDevice device(owner);
    const RawDevice outsider(other_ward);
    const RawDevice gone(revoked);
    server.revoke(gone.id);
    Tally tally{"credentials"};
    auto& http = owner.transport();

    // Bodies with every member present and no valid signature.
    sync::PushRequest unsigned_push = device.push(2, sync::kZeroHash, device.changes(1));
    unsigned_push.sig = sync::to_base64(sync::Signature{});
    nlohmann::json unsigned_pull = nlohmann::json::parse(device.pull_body(0, now_ms()));
    unsigned_pull["sig"] = sync::to_base64(sync::Signature{});
    tally.refuse(http, "/v1/push", body_of(unsigned_push), {401}, "push without a signature");
    tally.refuse(http, "/v1/pull", unsigned_pull.dump(), {401}, "pull without a signature");
    tally.refuse(http, "/v1/push", "{}", {400}, "push of an empty object");
    tally.refuse(http, "/v1/pull", "{}", {400}, "pull of an empty object");
    tally.refuse(http, "/v1/enroll", "{}", {400}, "enrolment of an empty object");
    tally.refuse(http, "/v1/push", "", {400}, "push without a body");
    tally.refuse(http, "/v1/pull", "", {400}, "pull without a body");

    // A stranger: a device id the server never enrolled, with its own fresh keys.
    RawDevice stranger = device;
    stranger.id = "dev-stranger";
    stranger.keys = sync::generate_identity_keys();
    tally.refuse(http, "/v1/push", body_of(stranger.push(1, sync::kZeroHash, device.changes(2))),
                 {401}, "push from a stranger");
    tally.refuse(http, "/v1/pull", stranger.pull_body(0, now_ms()), {401}, "pull from a stranger");

    // An enrolled device's id with a stranger's keys.
    RawDevice forger = device;
    forger.keys = sync::generate_identity_keys();
    tally.refuse(http, "/v1/push", body_of(forger.push(2, sync::kZeroHash, device.changes(2))),
                 {401}, "push with another device's id");
    tally.refuse(http, "/v1/pull", forger.pull_body(0, now_ms()), {401},
                 "pull with another device's id");

    // Enrolment codes guessed, reused, or wrong in form.
    for (const std::string code : {"AAAA-AAAA", "K7QF-9M2X", "", "../../etc", "' OR 1=1 --"}) {
        const sync::EnrollRequest guess{code, "Máy lạ", stranger.keys.sign.public_key,
                                        stranger.keys.box.public_key};
        tally.refuse(http, "/v1/enroll", sync::to_json(guess).dump(), {400, 401},
                     "enrolment with code '" + code + "'");
    }

    // A revoked device, with its real keys.
    tally.refuse(http, "/v1/push", body_of(gone.push(1, sync::kZeroHash, gone.changes(2))), {401},
                 "push from a revoked device");
    tally.refuse(http, "/v1/pull", gone.pull_body(0, now_ms()), {401},
                 "pull from a revoked device");

    // Another ward's surveyor writing into ward A, or into a ward that does not exist.
    tally.refuse(http, "/v1/push",
                 body_of(outsider.push(1, sync::kZeroHash, outsider.changes(2, kWardA))), {403},
                 "push into another ward");
    tally.refuse(http, "/v1/push",
                 body_of(outsider.push(1, sync::kZeroHash, outsider.changes(2, "../00004"))),
                 {403, 422}, "push into a unit code with a path in it");

    // Another ward's device pulls: it is answered, but with nothing of ward A.
    CHECK(other_ward.sync_ok().received == 0);

    CHECK(changes_on_server(server) == before);
    CHECK(changes_on_server(server, kWardB) == 0);
    require_healthy(http);
    CHECK(tally.refused == tally.tried);
}

TEST_CASE("hostile: replayed, reordered, truncated, oversized, flipped and nested bodies") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    const RawDevice device(laptop);
    Tally tally{"bodies"};
    auto& http = laptop.transport();

    const sync::PushRequest one = device.push(1, sync::kZeroHash, device.changes(5));
    const sync::PushRequest two = device.push(2, one.hash(), device.changes(3));
    const std::string push_body = body_of(one);
    const std::string pull_body = device.pull_body(0, now_ms());

    // Cut short at 64 places, and one bit flipped at 256 places, of a push and of a pull.
    for (const std::string* body : {&push_body, &pull_body}) {
        const std::string path = body == &push_body ? "/v1/push" : "/v1/pull";
        for (std::size_t i = 0; i < 64; ++i) {
            const std::size_t cut = body->size() * i / 64;
            tally.refuse(http, path, body->substr(0, cut), {400},
                         path + " cut to " + std::to_string(cut) + " bytes");
        }
        for (std::size_t i = 0; i < 256; ++i) {
            const std::size_t at = body->size() * i / 256;
            tally.refuse(http, path, flipped(*body, at), {400, 401, 409},
                         path + " with a bit of byte " + std::to_string(at) + " flipped");
        }
    }

    // Far too deep: nlohmann would spend memory on every level; refused before parsing.
    const std::string deep(1u << 20, '[');
    for (const char* path : {"/v1/push", "/v1/pull", "/v1/enroll"}) {
        tally.refuse(http, path, deep, {400}, std::string(path) + " nested a million deep");
    }
    const Answer too_deep = post(http, "/v1/push", deep);
    CHECK(too_deep.body["message"].get<std::string>().find("nests deeper") != std::string::npos);
    tally.refuse(http, "/v1/push", std::string(sync::kMaxBodyBytes + 1, ' '), {413},
                 "push over 16 MiB");
    tally.refuse(http, "/v1/push", body_of(two), {409}, "batch 2 before batch 1");
    CHECK(changes_on_server(server) == 0);

    // The untouched bodies still work, once: a repeat is recognised, a replayed pull refused.
    const Answer applied = post(http, "/v1/push", push_body);
    CHECK(applied.status == 200);
    const Answer repeat = post(http, "/v1/push", push_body);
    CHECK(repeat.status == 200);
    CHECK(repeat.body["duplicate"] == true);
    CHECK(post(http, "/v1/pull", pull_body).status == 200);
    tally.refuse(http, "/v1/pull", pull_body, {401}, "a replayed pull");
    tally.refuse(http, "/v1/push", body_of(device.push(1, sync::kZeroHash, device.changes(2))),
                 {409}, "another batch under number 1");

    CHECK(changes_on_server(server) == 5);
    require_healthy(http);
    CHECK(tally.refused == tally.tried);
}

TEST_CASE("hostile: path traversal and wrong methods are answered without any file") {
    SyncServer server;
    httplib::Client client(server.process.host(), server.process.port());
    client.set_connection_timeout(std::chrono::seconds(5));
    client.set_read_timeout(std::chrono::seconds(10));
    int tried = 0;
    int refused = 0;
    const auto refuse = [&](const httplib::Result& res, const std::string& what) {
        ++tried;
        REQUIRE_MESSAGE(res, what << ": no answer");
        const bool ok = res->status >= 400 && res->status < 500 &&
                        res->body.find("root:") == std::string::npos &&
                        res->body.find("SQLite format") == std::string::npos &&
                        res->body.find("BEGIN") == std::string::npos;
        CHECK_MESSAGE(ok, what << ": status " << res->status << " " << res->body.substr(0, 200));
        if (ok) ++refused;
    };

    const std::vector<std::string> paths = {
        "/v1/../../../../etc/passwd",
        "/v1/health/../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/v1/push/..%2f..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/v1/health%00/../../etc/passwd",
        "/web/static/../../../../etc/passwd",
        "/web/static/..%2f..%2fsyncd.db",
        "/web/static/%2e%2e%2f%2e%2e%2fsyncd.db",
        "/web/static/....//....//etc/passwd",
        "/web/download/results.csv/../../../etc/passwd",
        "/web/api/unit?code=../../../../etc/passwd",
        "/web/api/unit?code=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/syncd.db",
        "/server.key",
    };
    for (const std::string& path : paths) refuse(client.Get(path.c_str()), "GET " + path);
    for (const char* path : {"/v1/push", "/v1/pull", "/v1/enroll"}) {
        refuse(client.Get(path), std::string("GET ") + path);
        refuse(client.Put(path, "{}", "application/json"), std::string("PUT ") + path);
        refuse(client.Delete(path), std::string("DELETE ") + path);
    }
    refuse(client.Post("/v1/health", "{}", "application/json"), "POST /v1/health");

    std::printf("hostile requests (paths and methods): %d tried, %d refused as expected\n", tried,
                refused);
    auto health = client.Get("/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(refused == tried);
}

TEST_CASE("hostile: guessing enrolment codes is throttled per address and spends no code") {
    SyncServer server;
    const std::string real_code = server.code("surveyor", kWardA);
    auto transport = transport_to(server.url());
    const auto devices_before = server.process.run("devices", {}).out;
    const sync::IdentityKeys keys = sync::generate_identity_keys();
    const auto enrol_body = [&](const std::string& code) {
        return sync::to_json(
                   sync::EnrollRequest{code, "Máy lạ", keys.sign.public_key, keys.box.public_key})
            .dump();
    };
    Tally tally{"enrolment codes guessed"};

    // Ten wrong codes are each refused as wrong; from then on this address waits, whatever
    // it sends, the real code included, which stays unspent.
    for (int i = 0; i < 10; ++i) {
        tally.refuse(transport, "/v1/enroll", enrol_body("ZZZZ-" + std::to_string(1000 + i)), {401},
                     "guess " + std::to_string(i));
    }
    for (int i = 0; i < 200; ++i) {
        tally.refuse(transport, "/v1/enroll", enrol_body("YYYY-" + std::to_string(1000 + i)), {429},
                     "guess after the limit " + std::to_string(i));
    }
    auto throttled = sync::request_enrollment(transport, real_code, "Máy thật");
    REQUIRE_FALSE(throttled);
    CHECK(throttled.error().status == 429);
    CHECK(throttled.error().message.find("too many wrong enrolment codes") != std::string::npos);
    auto retry = httplib::Client("127.0.0.1", server.process.port())
                     .Post("/v1/enroll", enrol_body("XXXX-0000"), "application/json");
    REQUIRE(retry);
    CHECK(retry->status == 429);
    CHECK(std::stoi(retry->get_header_value("Retry-After")) > 14 * 60);
    CHECK(server.process.run("devices", {}).out == devices_before);

    // A laptop at another address is not held back: the real code still enrols it once.
    CHECK(post_from("127.0.0.2", server.process.port(), "/v1/enroll", enrol_body(real_code)) ==
          200);
    CHECK(post_from("127.0.0.2", server.process.port(), "/v1/enroll", enrol_body(real_code)) ==
          401);
    CHECK(server.process.run("devices", {}).out != devices_before);
    require_healthy(transport);
    CHECK(tally.refused == tally.tried);
}
