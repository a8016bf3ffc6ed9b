// The syncd database as created: every migration applied, every table STRICT, and the audit
// trail of what happened without a personal value in it.
#include <doctest/doctest.h>

#include "tests/syncd/server_fixture.hpp"

using namespace c5;
using namespace c5::test;

TEST_CASE("a new database has the latest schema and only STRICT tables") {
    ServerFixture server;
    CHECK(server.count("PRAGMA user_version") == syncd::schema_version());
    CHECK(syncd::schema_version() >= 1);
    CHECK(server.count("SELECT count(*) FROM sqlite_schema WHERE type = 'table'") >= 10);
    CHECK(server.count("SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND "
                       "type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'") == 0);
}

TEST_CASE("the audit trail records imports, enrolments and pushes without values") {
    ServerFixture server;
    auto db = server.db();
    auto imported = syncd::import_households(db, *server.ctx, kSamplesDir + "households.csv");
    REQUIRE(imported);
    REQUIRE(*imported);
    TestDevice laptop = server.enrol(syncd::Role::Surveyor, "00001");
    const RecordId id = mint_record_id(server.now_ms);
    REQUIRE(server
                .push(laptop, {server.change(laptop, id, "00001", "head_name",
                                             std::string("Lý Thị Riêng"))})
                .status == 200);
    for (const char* action :
         {"import_registry", "import_households", "enrolment_code", "enrolment", "push"}) {
        CHECK_MESSAGE(server.count(std::string("SELECT count(*) FROM audit WHERE action = '") +
                                   action + "'") == 1,
                      action);
    }
    CHECK(server.count("SELECT count(*) FROM audit WHERE detail LIKE '%Lý Thị Riêng%' OR "
                       "detail LIKE '%Nguyễn Thị Lan%'") == 0);
}
