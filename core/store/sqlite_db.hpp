// A thin RAII layer over SQLite for the store: a connection, prepared statements with
// checked steps, and transactions that roll back unless committed. Internal to core/store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/crypto/secret_key.hpp"
#include "core/util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace c5::sql {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, &finalize) {}

    // Binders take 1-based positions; a bind failure surfaces at the next step.
    Statement& bind(int pos, std::int64_t value);
    Statement& bind(int pos, std::string_view text);
    Statement& bind(int pos, std::span<const std::uint8_t> blob);
    Statement& bind_null(int pos);

    // Advances: true when a row is ready, false when done. Errors: Io with SQLite's message.
    [[nodiscard]] Result<bool> step();
    // Steps to the end, for statements that return no rows.
    [[nodiscard]] Result<void> run();
    // Ready to run again with new bindings.
    void reset();

    std::int64_t column_int(int col) const;
    std::string column_text(int col) const;
    Bytes column_blob(int col) const;
    // The column's bytes without a copy, valid until the next step or reset.
    std::string_view column_text_view(int col) const;
    std::span<const std::uint8_t> column_blob_view(int col) const;
    bool column_is_null(int col) const;

private:
    static void finalize(sqlite3_stmt* stmt);
    sqlite3* db_ = nullptr;
    std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt*)> stmt_{nullptr, &finalize};
    int bind_error_ = 0;
};

class Db {
public:
    // Opens (or, with create, makes) a database file. Errors: NotFound when it does not
    // exist and create is false; Io when SQLite refuses.
    [[nodiscard]] static Result<Db> open(const std::filesystem::path& path, bool create);

    // Runs one or more statements without results. Errors: Io with SQLite's message.
    [[nodiscard]] Result<void> exec(std::string_view sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);

    // The statement for `sql`, prepared once per connection and kept, handed out reset and
    // unbound: for statements a save or a pull runs once per row, where compiling the SQL
    // each time cost more than running it. Only for statements run to their end before the
    // next call with the same text. Valid while this Db lives. Errors: as prepare.
    [[nodiscard]] Result<Statement*> cached(const std::string& sql);

    // The single integer a pragma or query like "SELECT count(*)" returns.
    [[nodiscard]] Result<std::int64_t> query_int(std::string_view sql);

    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

    std::string last_error() const;
    sqlite3* handle() const { return db_.get(); }

private:
    static void close(sqlite3* db);
    std::unique_ptr<sqlite3, void (*)(sqlite3*)> db_{nullptr, &close};
    // After db_, so the statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction (see begin); ROLLBACK on destruction unless committed.
class Transaction {
public:
    [[nodiscard]] static Result<Transaction> begin(Db& db);
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();

    // Commits; after success the changes are durable (the store runs synchronous=FULL).
    [[nodiscard]] Result<void> commit();

private:
    explicit Transaction(Db* db) : db_(db) {}
    Db* db_ = nullptr;
};

}  // namespace c5::sql
