// The scoring inputs kept beside sealed records: after every way records change (pushes,
// conflicts, deletes, held changes released, imports, the migration of an older database)
// they equal what opening the records gives, and results scored from them equal `syncd
// evaluate` on the same data.
#include "syncd/server/score_inputs.hpp"

#include <doctest/doctest.h>

#include <algorithm>
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

using Projected =
    std::tuple<std::string, std::string, std::string, std::string, std::map<std::string, Value>>;

Projected projected(const FormRecord& r) {
    return {r.unit_code, r.record_id, r.form, r.source, r.values};
}

// The live household records opened from their sealed state, reduced to the layout's fields.
std::vector<Projected> opened_records(ServerFixture& server,
                                      const syncd::ScoreInputLayout& layout) {
    auto db = server.db();
    auto records = syncd::merged_records(db, server.ctx->keys.data_key, layout.form, "", false);
    REQUIRE(records);
    std::vector<Projected> out;
    for (FormRecord& r : *records) {
        std::erase_if(r.values, [&](const auto& entry) {
            return std::find(layout.fields.begin(), layout.fields.end(), entry.first) ==
                   layout.fields.end();
        });
        out.push_back(projected(r));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Projected> stored_inputs(ServerFixture& server, const syncd::ScoreInputLayout& layout) {
    auto db = server.db();
    std::vector<Projected> out;
    auto scanned = syncd::scan_score_inputs(
        db, layout, [&](const std::string&, std::vector<FormRecord>& records) -> Result<void> {
            for (const FormRecord& r : records) out.push_back(projected(r));
            return {};
        });
    REQUIRE(scanned);
    return out;
}

syncd::ScoreInputLayout layout_of(ServerFixture& server) {
    auto layout = syncd::score_input_layout(server.ctx->definitions);
    REQUIRE(layout);
    return *layout;
}

void check_inputs_match_records(ServerFixture& server) {
    const auto layout = layout_of(server);
    const auto expected = opened_records(server, layout);
    CHECK_FALSE(expected.empty());
    CHECK(stored_inputs(server, layout) == expected);
}

std::string stored_csv(ServerFixture& server) {
    auto db = server.db();
    auto stored = syncd::stored_results(db);
    REQUIRE(stored);
    return results_csv(*stored);
}

void rescore_all(ServerFixture& server) {
    auto db = server.db();
    auto tx = syncd::Transaction::begin(db);
    REQUIRE(tx);
    REQUIRE(syncd::recompute_all_results(db, *server.ctx));
    REQUIRE(tx->commit());
}

const std::string kGoldenResults = std::string(C5_TEST_DATA_DIR) + "/golden/samples-results.csv";

std::vector<FieldChange> new_household(ServerFixture& server, TestDevice& device,
                                       const RecordId& id, const std::string& ward,
                                       const std::string& code) {
    std::vector<FieldChange> changes;
    for (auto& [field, value] : household_values(ward, "01", code)) {
        changes.push_back(server.change(device, id, ward, field, value));
    }
    return changes;
}

}  // namespace

TEST_CASE("imported samples: scoring inputs equal the opened records, results equal evaluate") {
    ServerFixture server;
    import_samples(server);
    check_inputs_match_records(server);
    CHECK(stored_csv(server) == read_all(kGoldenResults));

    // The full rescore reads the inputs in one scan: the same results.
    rescore_all(server);
    CHECK(stored_csv(server) == read_all(kGoldenResults));
}

TEST_CASE("pushes, conflicts, deletes and released changes keep the scoring inputs in step") {
    ServerFixture server;
    import_samples(server);
    TestDevice trang = server.enrol(syncd::Role::Surveyor, "00001");
    TestDevice minh = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId added = mint_record_id(server.now_ms);
    REQUIRE(server.push(trang, new_household(server, trang, added, "00001", "01-9001")).status ==
            200);
    check_inputs_match_records(server);

    SUBCASE("a concurrent edit of the same field conflicts") {
        const auto reply = server.push(
            minh, {server.change(minh, added, "00001", "smart_tv", false),
                   server.change(minh, added, "00001", "adults_smartphone", std::int64_t{1})});
        REQUIRE(reply.status == 200);
        CHECK(reply.body["conflicts"].get<int>() > 0);
    }
    SUBCASE("a deleted household leaves the inputs") {
        REQUIRE(server
                    .push(trang,
                          {server.change(trang, added, "00001", std::string(kDeletedField), true)})
                    .status == 200);
        CHECK(server.count("SELECT count(*) FROM score_inputs WHERE unit_code = '00001' AND "
                           "record_id IN (SELECT record_id FROM records WHERE deleted = 1)") == 0);
    }
    SUBCASE("a change held for a skewed clock counts once released") {
        FieldChange future =
            server.change(trang, added, "00001", "visit_outcome", std::string("absent"));
        future.stamp.wall_ms = server.now_ms + kDefaultMaxClockSkewMs + 60'000;
        REQUIRE(server.push(trang, {future}).body["held"] == 1);
        check_inputs_match_records(server);
        server.now_ms += 2 * 60'000;
        auto released = server.service->release_held();
        REQUIRE(released);
        CHECK(*released == 1);
        CHECK(server.count("SELECT count(*) FROM held_changes") == 0);
    }
    check_inputs_match_records(server);
    CHECK(stored_csv(server) == evaluated_from_merged(server));
    rescore_all(server);
    CHECK(stored_csv(server) == evaluated_from_merged(server));
}

TEST_CASE("an older database gets its scoring inputs filled from the sealed records") {
    ServerFixture server;
    import_samples(server);
    {
        // Back to schema 2 as a database written before migration 003 would be.
        auto db = server.db();
        REQUIRE(
            db.exec("DROP TABLE score_inputs; DROP TABLE score_input_layout; "
                    "DELETE FROM results; PRAGMA user_version = 2"));
    }
    CHECK(server.count("SELECT count(*) FROM sqlite_master WHERE name = 'score_inputs'") == 1);
    CHECK(server.count("SELECT count(*) FROM score_inputs") == 0);

    rescore_all(server);
    check_inputs_match_records(server);
    CHECK(stored_csv(server) == read_all(kGoldenResults));
}

TEST_CASE("scoring inputs filled with another layout are filled again") {
    ServerFixture server;
    import_samples(server);
    {
        auto db = server.db();
        REQUIRE(
            db.exec("UPDATE score_input_layout SET fields = 'group'; "
                    "UPDATE score_inputs SET inputs = x''"));
    }
    rescore_all(server);
    check_inputs_match_records(server);
    CHECK(stored_csv(server) == read_all(kGoldenResults));
}

TEST_CASE("damaged scoring inputs fail the rescore with the record named, changing nothing") {
    ServerFixture server;
    import_samples(server);
    const std::string before = stored_csv(server);
    {
        auto db = server.db();
        REQUIRE(db.exec("UPDATE score_inputs SET inputs = x'FF01' WHERE unit_code = '00004'"));
    }
    {
        auto db = server.db();
        auto tx = syncd::Transaction::begin(db);
        REQUIRE(tx);
        auto rescored = syncd::recompute_all_results(db, *server.ctx);
        REQUIRE_FALSE(rescored);
        CHECK(rescored.error().kind == ErrorKind::Damaged);
        CHECK(rescored.error().message.find("do not decode") != std::string::npos);
    }
    CHECK(stored_csv(server) == before);
}

TEST_CASE("criteria that count a personal field are refused: it would be kept in clear") {
    ServerFixture server;
    syncd::Definitions defs = server.ctx->definitions;
    for (AnnexDef& annex : defs.criteria.annexes) {
        for (ContentDef& content : annex.contents) {
            for (ShareRule& rule : content.shares) {
                if (rule.kind == ShareKind::AnyTrue) rule.fields.push_back("phone");
            }
        }
    }
    auto layout = syncd::score_input_layout(defs);
    REQUIRE_FALSE(layout);
    CHECK(layout.error().kind == ErrorKind::InvalidInput);
    CHECK(layout.error().message.find("phone") != std::string::npos);
    CHECK(layout.error().message.find("personal") != std::string::npos);
}
