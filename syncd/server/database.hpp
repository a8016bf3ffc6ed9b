// syncd's SQLite layer: a connection opened with the pragmas the server relies on and its
// schema migrated, prepared statements with checked steps, and transactions that roll back
// unless committed. One connection per thread; WAL lets readers run beside the one writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/crypto/secret_key.hpp"
#include "core/util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace c5::syncd {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt);

    // Binders take 1-based positions; a failed bind is reported by the next step.
    Statement& bind(int pos, std::int64_t value);
    Statement& bind(int pos, std::string_view text);
    Statement& bind(int pos, std::span<const std::uint8_t> blob);
    Statement& bind_null(int pos);

    // True when a row is ready, false when done. Errors: Io with SQLite's message.
    [[nodiscard]] Result<bool> step();
    // Steps to the end of a statement that returns no rows. Errors: Io.
    [[nodiscard]] Result<void> run();
    void reset();

    std::int64_t column_int(int col) const;
    std::string column_text(int col) const;
    Bytes column_blob(int col) const;
    bool column_is_null(int col) const;

private:
    sqlite3* db_ = nullptr;
    std::shared_ptr<sqlite3_stmt> stmt_;
    int bind_error_ = 0;
};

class Database {
public:
    // Opens the server database; with `create` the file must not exist yet and is made.
    // Sets WAL, synchronous=FULL, foreign keys and a busy timeout, then applies the
    // migrations in syncd/server/schema/. Errors: NotFound (no database: run `syncd init`),
    // Conflict (create over an existing file), Unsupported (a newer schema), Io.
    [[nodiscard]] static Result<Database> open(const std::filesystem::path& file, bool create);

    [[nodiscard]] Result<void> exec(std::string_view sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    // The single integer a query returns (0 for NULL). Errors: Io.
    [[nodiscard]] Result<std::int64_t> query_int(std::string_view sql);

    // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    std::int64_t changes() const;

    sqlite3* handle() const { return db_.get(); }

private:
    std::shared_ptr<sqlite3> db_;
};

// BEGIN IMMEDIATE (the write lock taken now, so a busy database fails here and not at
// commit); ROLLBACK on destruction unless committed.
class Transaction {
public:
    [[nodiscard]] static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();

    [[nodiscard]] Result<void> commit();

private:
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_ = nullptr;
};

// The schema version this build writes (the number of the last migration).
int schema_version();

}  // namespace c5::syncd
