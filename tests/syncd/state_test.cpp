// What the server keeps after pushes and imports: results recomputed in the same transaction
// and equal to evaluate_all on the same records, values sealed at rest, held changes
// released when the clock catches up, and pulls filtered by role and chunked.
#include <doctest/doctest.h>

#include <sstream>

#include "core/io/interchange.hpp"
#include "core/scoring/evaluate.hpp"
#include "syncd/server/merge_engine.hpp"
#include "syncd/server/results_store.hpp"
#include "tests/syncd/results_checks.hpp"
#include "tests/syncd/server_fixture.hpp"

using namespace c5;
using namespace c5::test;

namespace {

std::string file_bytes(const std::filesystem::path& dir) {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file()) all += read_all(entry.path());
    }
    return all;
}

}  // namespace

TEST_CASE("imported samples score exactly as syncd evaluate scores the files") {
    ServerFixture server;
    import_samples(server);
    auto db = server.db();
    auto stored = syncd::stored_results(db);
    REQUIRE(stored);
    CHECK(results_csv(*stored) ==
          read_all(std::string(C5_TEST_DATA_DIR) + "/golden/samples-results.csv"));
    CHECK((*stored)[0].data_version ==
          std::to_string(server.count("SELECT max(seq) FROM change_log")));
}

TEST_CASE("a push recomputes the touched ward in the same transaction") {
    ServerFixture server;
    import_samples(server);
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00004");
    const RecordId id = mint_record_id(server.now_ms);
    std::vector<FieldChange> changes;
    for (auto& [field, value] : household_values("00004", "01", "04-NEW1")) {
        changes.push_back(server.change(laptop, id, "00004", field, value));
    }
    changes.push_back(server.change(laptop, id, "00004", "broadband_fixed", false));
    REQUIRE(server.push(laptop, changes).status == 200);

    const std::int64_t version = server.count("SELECT max(seq) FROM change_log");
    CHECK(server.count("SELECT data_version FROM results WHERE unit_code = '00004'") == version);
    CHECK(server.count("SELECT data_version FROM results WHERE unit_code = '00001'") < version);
    auto db = server.db();
    auto stored = syncd::stored_results(db);
    REQUIRE(stored);
    CHECK(results_csv(*stored) == evaluated_from_merged(server));
}

TEST_CASE("personal values are sealed at rest: the database never holds them in clear") {
    ServerFixture server;
    import_samples(server);
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    std::vector<FieldChange> changes;
    for (auto& [field, value] : household_values("00001", "01", "01-SEAL")) {
        changes.push_back(server.change(laptop, id, "00001", field, value));
    }
    REQUIRE(server.push(laptop, changes).status == 200);
    const std::string bytes = file_bytes(server.dir.path());
    CHECK(bytes.find("Trần Văn Bí Mật") == std::string::npos);
    CHECK(bytes.find("ngõ Bí Mật") == std::string::npos);
    CHECK(bytes.find("0912345678") == std::string::npos);
    CHECK(bytes.find("Đặng Văn Quân") == std::string::npos);   // a name from the sample import
    CHECK(bytes.find("Nguyễn Thị Lan") == std::string::npos);  // the enrolled user
}

TEST_CASE("changes stamped too far ahead are held, then merged once the clock catches up") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    FieldChange future = server.change(laptop, id, "00001", "notes", std::string("from 2025"));
    future.stamp.wall_ms = server.now_ms + kDefaultMaxClockSkewMs + 60'000;
    const auto reply = server.push(laptop, {future});
    REQUIRE(reply.status == 200);
    CHECK(reply.body["held"] == 1);
    CHECK(reply.body["applied"] == 0);
    CHECK(server.count("SELECT count(*) FROM held_changes") == 1);
    CHECK(server.count("SELECT count(*) FROM records") == 0);

    server.now_ms += 2 * 60'000;
    SUBCASE("released by the server's minute check") {
        auto released = server.service->release_held();
        REQUIRE(released);
        CHECK(*released == 1);
        CHECK(server.count("SELECT count(*) FROM records") == 1);
    }
    const RecordId other = mint_record_id(server.now_ms);
    REQUIRE(server.push(laptop, {server.change(laptop, other, "00001", "notes", std::string("n"))})
                .status == 200);
    CHECK(server.count("SELECT count(*) FROM held_changes") == 0);
    auto db = server.db();
    auto record = syncd::load_record(db, server.ctx->keys.data_key, id);
    REQUIRE(record);
    REQUIRE(*record);
    CHECK((*record)->value("notes") == Value{std::string("from 2025")});
}

TEST_CASE("a pull returns what the role may see, without the device's own changes, in pages") {
    ServerFixture server;
    TestDevice ward1 = server.enrol(syncd::Role::Surveyor, "00001");
    TestDevice ward4 = server.enrol(syncd::Role::Surveyor, "00004");
    TestDevice district = server.enrol(syncd::Role::Supervisor, "001");
    TestDevice province = server.enrol(syncd::Role::Province, "");
    const RecordId a = mint_record_id(server.now_ms);
    const RecordId b = mint_record_id(server.now_ms + 1);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(server
                    .push(ward1, {server.change(ward1, a, "00001", "notes",
                                                std::string("n") + std::to_string(i))})
                    .status == 200);
    }
    REQUIRE(
        server.push(ward4, {server.change(ward4, b, "00004", "notes", std::string("m"))}).status ==
        200);

    CHECK(server.pull(ward1, 0).changes.empty());
    const auto seen_by_ward4 = server.pull(ward4, 0);
    CHECK(seen_by_ward4.changes.empty());
    CHECK(seen_by_ward4.next_cursor == 4);
    CHECK_FALSE(seen_by_ward4.more);
    CHECK(server.pull(province, 0).changes.size() == 4);

    const auto first = server.pull(district, 0, 2);
    CHECK(first.changes.size() == 2);
    CHECK(first.more);
    CHECK(first.next_cursor == 2);
    const auto second = server.pull(district, first.next_cursor, 2);
    CHECK(second.changes.size() == 2);
    CHECK(second.changes.back().unit_code == "00004");
    const auto done = server.pull(district, second.next_cursor, 2);
    CHECK(done.changes.empty());
    CHECK_FALSE(done.more);
}

TEST_CASE("a pull is refused when stale, replayed or badly signed") {
    ServerFixture server;
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const auto send = [&](const sync::PullRequest& r) {
        return server.service->pull(sync::to_json(r).dump());
    };
    auto stale = sync::make_pull_request(laptop.id, 0, 10, server.now_ms - 6 * 60'000, laptop.keys);
    CHECK(send(stale).body["error"] == "stale_request");
    auto fresh = sync::make_pull_request(laptop.id, 0, 10, server.now_ms, laptop.keys);
    CHECK(send(fresh).status == 200);
    CHECK(send(fresh).body["error"] == "replayed");
    auto forged =
        sync::make_pull_request(laptop.id, 0, 10, server.now_ms, sync::generate_identity_keys());
    CHECK(send(forged).body["error"] == "bad_signature");
    auto too_many = sync::make_pull_request(laptop.id, 0, 100000, server.now_ms, laptop.keys);
    CHECK(send(too_many).status == 400);
}

TEST_CASE("an enrolment code works once, and not after it expires") {
    ServerFixture server;
    auto db = server.db();
    auto code = syncd::create_enrolment(db, *server.ctx, syncd::Role::Surveyor, "00001", "Lan", 1);
    REQUIRE(code);
    const auto keys = sync::generate_identity_keys();
    const auto request = [&](const std::string& text) {
        return sync::to_json(
                   sync::EnrollRequest{text, "Laptop", keys.sign.public_key, keys.box.public_key})
            .dump();
    };
    CHECK(server.service->enroll(request("ZZZZ-ZZZZ")).body["error"] == "bad_code");
    auto later = syncd::create_enrolment(db, *server.ctx, syncd::Role::Surveyor, "00001", "An", 1);
    REQUIRE(later);

    std::string lower = code->code;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto enrolled = server.service->enroll(request(lower));
    REQUIRE(enrolled.status == 200);
    CHECK(enrolled.body["role"] == "surveyor");
    CHECK(enrolled.body["units"] == nlohmann::json::array({"00001"}));
    CHECK(enrolled.body["forms"].contains("household"));
    CHECK(enrolled.body["registry_csv"].get<std::string>().starts_with("level,code"));
    CHECK(server.service->enroll(request(code->code)).body["error"] == "code_used");

    server.now_ms += 2 * 3600 * 1000;
    CHECK(server.service->enroll(request(later->code)).body["error"] == "code_expired");
    CHECK(server.count("SELECT count(*) FROM audit WHERE action = 'enrolment'") == 1);
}
