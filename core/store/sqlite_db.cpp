// SQLite connection, statements and transactions with errors turned into c5::Error.
#include "core/store/sqlite_db.hpp"

#include <sqlite3.h>

#include "core/store/sqlite_failure.hpp"

namespace c5::sql {
namespace {

std::unexpected<Error> sqlite_error(sqlite3* db, std::string_view what) {
    return fail(ErrorKind::Io, std::string(what) + ": " + describe_failure(db));
}

}  // namespace

void Statement::finalize(sqlite3_stmt* stmt) {
    sqlite3_finalize(stmt);
}

Statement& Statement::bind(int pos, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_.get(), pos, value);
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
    return *this;
}

Statement& Statement::bind(int pos, std::string_view text) {
    const int rc = sqlite3_bind_text64(stmt_.get(), pos, text.data(), text.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
    return *this;
}

Statement& Statement::bind(int pos, std::span<const std::uint8_t> blob) {
    // A zero-length blob must still be a blob, not NULL: SQLite needs a non-null pointer.
    static const std::uint8_t kEmpty = 0;
    const void* data = blob.empty() ? &kEmpty : blob.data();
    const int rc = sqlite3_bind_blob64(stmt_.get(), pos, data, blob.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
    return *this;
}

Statement& Statement::bind_null(int pos) {
    const int rc = sqlite3_bind_null(stmt_.get(), pos);
    if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
    return *this;
}

Result<bool> Statement::step() {
    if (bind_error_ != 0) {
        return fail(ErrorKind::Internal,
                    std::string("bind parameter: ") + sqlite3_errstr(bind_error_));
    }
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, "step");
}

Result<void> Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    bind_error_ = 0;
}

std::int64_t Statement::column_int(int col) const {
    return sqlite3_column_int64(stmt_.get(), col);
}

std::string Statement::column_text(int col) const {
    const auto* text = sqlite3_column_text(stmt_.get(), col);
    const int n = sqlite3_column_bytes(stmt_.get(), col);
    return text ? std::string(reinterpret_cast<const char*>(text), n) : std::string();
}

Bytes Statement::column_blob(int col) const {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
    const int n = sqlite3_column_bytes(stmt_.get(), col);
    return data ? Bytes(data, data + n) : Bytes();
}

std::string_view Statement::column_text_view(int col) const {
    const auto* text = sqlite3_column_text(stmt_.get(), col);
    const int n = sqlite3_column_bytes(stmt_.get(), col);
    return text ? std::string_view(reinterpret_cast<const char*>(text), n) : std::string_view();
}

std::span<const std::uint8_t> Statement::column_blob_view(int col) const {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
    const int n = sqlite3_column_bytes(stmt_.get(), col);
    return data ? std::span<const std::uint8_t>(data, n) : std::span<const std::uint8_t>();
}

bool Statement::column_is_null(int col) const {
    return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

void Db::close(sqlite3* db) {
    sqlite3_close_v2(db);
}

Result<Db> Db::open(const std::filesystem::path& path, bool create) {
    if (!create && !std::filesystem::exists(path)) {
        return fail(ErrorKind::NotFound, "no store at " + path.string());
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (create) flags |= SQLITE_OPEN_CREATE;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Db db;
    db.db_.reset(raw);
    if (rc != SQLITE_OK) return sqlite_error(raw, "open " + path.string());
    return db;
}

Result<Statement*> Db::cached(const std::string& sql) {
    auto found = cache_.find(sql);
    if (found != cache_.end()) {
        found->second->reset();
        return found->second.get();
    }
    auto stmt = prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto kept = std::make_unique<Statement>(std::move(*stmt));
    Statement* out = kept.get();
    cache_.emplace(sql, std::move(kept));
    return out;
}

Result<void> Db::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        sqlite3_free(message);
        return fail(ErrorKind::Io, describe_failure(db_.get()));
    }
    return {};
}

Result<Statement> Db::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return sqlite_error(db_.get(), "prepare '" + std::string(sql.substr(0, 40)) + "'");
    }
    return Statement(db_.get(), stmt);
}

Result<std::int64_t> Db::query_int(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorKind::Internal, "query returned no row: " + std::string(sql));
    return stmt->column_int(0);
}

std::int64_t Db::changes() const {
    return sqlite3_changes64(db_.get());
}

std::string Db::last_error() const {
    return sqlite3_errmsg(db_.get());
}

Result<Transaction> Transaction::begin(Db& db) {
    // IMMEDIATE takes the write lock now, so a busy database fails here and not at commit.
    if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) {
        return std::unexpected(ok.error().with_context("begin transaction"));
    }
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_) (void)db_->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
    if (!db_) return fail(ErrorKind::Internal, "commit of a finished transaction");
    auto ok = db_->exec("COMMIT");
    if (!ok) return std::unexpected(ok.error().with_context("commit"));
    db_ = nullptr;
    return {};
}

}  // namespace c5::sql
