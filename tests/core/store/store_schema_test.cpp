// The schema: the compiled migrations are the reviewed .sql files, every table is STRICT,
// and a new store is in write-ahead-log mode at the latest schema version.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>

#include "core/store/schema.hpp"
#include "store_fixture.hpp"

namespace {

const std::filesystem::path kSchemaDir = std::filesystem::path(C5_SOURCE_DIR) / "core/store/schema";

}  // namespace

TEST_CASE("store: the compiled migrations are the .sql files, numbered without gaps") {
    std::set<std::string> listed;
    int expected_version = 1;
    for (const c5::Migration& m : c5::store_migrations()) {
        CAPTURE(m.file);
        CHECK(m.version == expected_version++);
        CHECK(
            std::string(m.file).starts_with(std::string(3 - std::to_string(m.version).size(), '0') +
                                            std::to_string(m.version) + "_"));
        CHECK(std::string(m.sql) == store_test::file_bytes(kSchemaDir / std::string(m.file)));
        listed.insert(std::string(m.file));
    }
    for (const auto& entry : std::filesystem::directory_iterator(kSchemaDir)) {
        if (entry.path().extension() != ".sql") continue;
        CAPTURE(entry.path().filename().string());
        CHECK(listed.contains(entry.path().filename().string()));
    }
    CHECK(c5::current_schema_version() == expected_version - 1);
}

TEST_CASE("store: a new store has STRICT tables, WAL mode and the latest schema version") {
    store_test::StoreFixture f;
    { f.create(); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(f.path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto query = [&](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
        std::vector<std::string> rows;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
        return rows;
    };
    CHECK(query("PRAGMA journal_mode") == std::vector<std::string>{"wal"});
    CHECK(query("PRAGMA user_version") ==
          std::vector<std::string>{std::to_string(c5::current_schema_version())});
    const auto tables = query(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' "
        "AND type = 'table' AND name NOT LIKE 'sqlite_%'");
    CHECK(tables.size() == 8);
    CHECK(query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND strict = 0")
              .empty());
    sqlite3_close(db);
}
