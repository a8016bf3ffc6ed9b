// The store's numbered schema migrations (the .sql files in core/store/schema/, compiled
// in) and the code that brings a database up to the latest one.
#pragma once

#include <span>
#include <string_view>

#include "core/store/sqlite_db.hpp"

namespace c5 {

struct Migration {
    int version;            // the user_version after it runs
    std::string_view file;  // its name under core/store/schema/
    std::string_view sql;
};

// Every migration, oldest first; the last one's version is the current schema version.
std::span<const Migration> store_migrations();

int current_schema_version();

namespace sql {

// Runs the migrations the database has not had yet, each in its own transaction.
// Errors: Unsupported when the file comes from a newer c5kit; Io when SQLite refuses.
[[nodiscard]] Result<void> migrate(Db& db);

}  // namespace sql
}  // namespace c5
