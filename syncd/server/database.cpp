// SQLite connections, statements, transactions and migrations for syncd.
#include "syncd/server/database.hpp"

#include <sqlite3.h>

#include <vector>

#include "core/store/sqlite_failure.hpp"

namespace c5::syncd {
namespace {

// Generated from syncd/server/schema/*.sql by syncd/CMakeLists.txt, in file-name order.
constexpr const char* kMigrations[] = {
#include "syncd_schema.inc"
};
constexpr int kBusyTimeoutMs = 10000;

std::unexpected<Error> sqlite_error(sqlite3* db, std::string_view what) {
    return fail(ErrorKind::Io, std::string(what) + ": " + sql::describe_failure(db));
}

Result<void> migrate(Database& db) {
    auto version = db.query_int("PRAGMA user_version");
    if (!version) return std::unexpected(version.error());
    const int latest = schema_version();
    if (*version > latest) {
        return fail(ErrorKind::Unsupported, "the database has schema " + std::to_string(*version) +
                                                "; this syncd knows " + std::to_string(latest) +
                                                ": use a newer syncd");
    }
    for (int v = static_cast<int>(*version); v < latest; ++v) {
        auto tx = Transaction::begin(db);
        if (!tx) return std::unexpected(tx.error());
        if (auto r = db.exec(kMigrations[v]); !r) {
            return std::unexpected(r.error().with_context("migration " + std::to_string(v + 1)));
        }
        if (auto r = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !r) return r;
        if (auto r = tx->commit(); !r) return r;
    }
    return {};
}

}  // namespace

int schema_version() {
    return static_cast<int>(std::size(kMigrations));
}

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt)
    : db_(db), stmt_(stmt, [](sqlite3_stmt* s) { sqlite3_finalize(s); }) {}

Statement& Statement::bind(int pos, std::int64_t value) {
    if (const int rc = sqlite3_bind_int64(stmt_.get(), pos, value); rc != SQLITE_OK)
        bind_error_ = rc;
    return *this;
}

Statement& Statement::bind(int pos, std::string_view text) {
    const int rc = sqlite3_bind_text(stmt_.get(), pos, text.data(), static_cast<int>(text.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) bind_error_ = rc;
    return *this;
}

Statement& Statement::bind(int pos, std::span<const std::uint8_t> blob) {
    // A zero-length blob must still be a blob, not NULL: give SQLite a valid pointer.
    static constexpr std::uint8_t kEmpty = 0;
    const void* data = blob.empty() ? &kEmpty : blob.data();
    const int rc =
        sqlite3_bind_blob(stmt_.get(), pos, data, static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) bind_error_ = rc;
    return *this;
}

Statement& Statement::bind_null(int pos) {
    if (const int rc = sqlite3_bind_null(stmt_.get(), pos); rc != SQLITE_OK) bind_error_ = rc;
    return *this;
}

Result<bool> Statement::step() {
    if (bind_error_ != SQLITE_OK) {
        return fail(ErrorKind::Internal, std::string("bind: ") + sqlite3_errstr(bind_error_));
    }
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, "step");
}

Result<void> Statement::run() {
    while (true) {
        auto row = step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    bind_error_ = SQLITE_OK;
}

std::int64_t Statement::column_int(int col) const {
    return sqlite3_column_int64(stmt_.get(), col);
}

std::string Statement::column_text(int col) const {
    const auto* text = sqlite3_column_text(stmt_.get(), col);
    const int size = sqlite3_column_bytes(stmt_.get(), col);
    return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
}

Bytes Statement::column_blob(int col) const {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
    const int size = sqlite3_column_bytes(stmt_.get(), col);
    return data ? Bytes(data, data + size) : Bytes();
}

bool Statement::column_is_null(int col) const {
    return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

Result<Database> Database::open(const std::filesystem::path& file, bool create) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(file, ec);
    if (create && exists) {
        return fail(ErrorKind::Conflict, file.string() + " exists already");
    }
    if (!create && !exists) {
        return fail(ErrorKind::NotFound, file.string() + " does not exist (run `syncd init`)");
    }
    sqlite3* raw = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    Database db;
    db.db_ = std::shared_ptr<sqlite3>(raw, [](sqlite3* d) { sqlite3_close_v2(d); });
    if (rc != SQLITE_OK) return sqlite_error(raw, "open " + file.string());
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    // WAL: pulls read while a push writes. FULL: a commit acknowledged to a device survives
    // a power cut. Secure delete: freed pages holding sealed values are zeroed anyway.
    auto pragmas = db.exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
        "PRAGMA secure_delete = ON;");
    if (!pragmas) return std::unexpected(pragmas.error());
    if (auto m = migrate(db); !m) return std::unexpected(m.error());
    return db;
}

Result<void> Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        sqlite3_free(message);
        return fail(ErrorKind::Io, sql::describe_failure(db_.get()));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
        return sqlite_error(db_.get(), "prepare");
    }
    return Statement(db_.get(), stmt);
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    return *row ? stmt->column_int(0) : 0;
}

std::int64_t Database::changes() const {
    return sqlite3_changes(db_.get());
}

Result<Transaction> Transaction::begin(Database& db) {
    if (auto r = db.exec("BEGIN IMMEDIATE"); !r) {
        return std::unexpected(r.error().with_context("begin transaction"));
    }
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_) (void)db_->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
    auto r = db_->exec("COMMIT");
    if (r) db_ = nullptr;
    return r;
}

}  // namespace c5::syncd
