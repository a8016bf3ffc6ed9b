// Row-level reading and writing of sealed field versions, the record index and the audit
// trail, and loading records into memory with damaged rows set apart.
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

#include "core/store/store_state.hpp"
#include "core/text/unicode.hpp"

namespace c5::store_rows {
namespace {

constexpr std::size_t kDigestBytes = 32;

// The order rows are read in for a snapshot: the primary key's, so no sort is needed.
constexpr const char* kRowOrder = "record_id, field, wall_ms, counter, device_id";

void put_bytes(Bytes& out, std::span<const std::uint8_t> bytes) {
    const auto n = static_cast<std::uint32_t>(bytes.size());
    const std::uint8_t length[4] = {
        static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
        static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
    out.insert(out.end(), length, length + 4);
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void put_int(Bytes& out, std::int64_t value) {
    std::uint8_t bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
    out.insert(out.end(), bytes, bytes + 8);
}

// Feeds one row selected with kChangeColumns, as stored, to a digest: each column with its
// length, so no two different rows feed the same bytes. Runs for every row at unlock.
void digest_row(crypto_generichash_state& state, const sql::Statement& row, Bytes& scratch) {
    constexpr int kColumns = 12;
    scratch.clear();
    for (int col = 0; col < kColumns; ++col) {
        // The stamps and the form version are integers; the rest text or blobs.
        const bool integer = col == 2 || col == 3 || col == 5 || col == 6 || col == 9;
        if (integer) {
            put_int(scratch, row.column_int(col));
        } else {
            put_bytes(scratch, row.column_blob_view(col));
        }
    }
    crypto_generichash_update(&state, scratch.data(), scratch.size());
}

struct LoadedRows {
    std::vector<FieldChange> good;
    std::vector<std::pair<FieldChange, std::string>> bad;  // metadata and reason
};

// A row that fails to open is harmless when an authenticated change replaced its version:
// merge would have dropped it anyway. Otherwise the record's state cannot be known.
std::string damage_reason(const VersionedRecord& record, const LoadedRows& rows) {
    for (const auto& [meta, reason] : rows.bad) {
        const auto* kept = record.field_changes(meta.field);
        const Version lost = meta.version();
        const bool covered = kept && std::any_of(kept->begin(), kept->end(),
                                                 [&](auto& c) { return c.base >= lost; });
        if (!covered) {
            return "field '" + meta.field + "' version " + to_string(meta.version()) + ": " +
                   reason;
        }
    }
    return {};
}

// The stored versions of one record as read in key order, before their values are known.
struct RecordRows {
    std::vector<FieldChange> metas;
    std::vector<Bytes> sealed;
    crypto_generichash_state digest;
};

using Digest = std::array<std::uint8_t, 32>;

Digest finish_digest(crypto_generichash_state& state) {
    Digest out{};
    crypto_generichash_final(&state, out.data(), out.size());
    return out;
}

// The values of the rows from the record's snapshot, when it opens and the rows are the
// ones it was made from. A mismatch is not damage: the rows are then opened one by one.
bool values_from_snapshot(const Store::State& s, const RecordId& id, RecordRows& rows,
                          const Bytes* sealed_snapshot) {
    if (!sealed_snapshot) return false;
    auto snapshot = sealing::open_snapshot(s.key, id, *sealed_snapshot);
    const Digest digest = finish_digest(rows.digest);
    if (!snapshot || snapshot->rows_digest != digest ||
        snapshot->values.size() != rows.metas.size()) {
        return false;
    }
    for (std::size_t i = 0; i < rows.metas.size(); ++i) {
        rows.metas[i].value = std::move(snapshot->values[i]);
    }
    return true;
}

// The sealed values of one record's rows, in the order of kRowOrder. Errors: Io.
Result<std::vector<Bytes>> read_sealed(Store::State& s, const RecordId& id) {
    auto stmt = s.db.prepare(
        std::string("SELECT sealed_value FROM field_versions WHERE record_id = ?1 ORDER BY ") +
        kRowOrder);
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, id_blob(id));
    std::vector<Bytes> out;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) return out;
        out.push_back(stmt->column_blob(0));
    }
}

// Opens each row's value, setting apart those that fail.
LoadedRows open_each(const Store::State& s, RecordRows& rows) {
    LoadedRows out;
    for (std::size_t i = 0; i < rows.metas.size(); ++i) {
        FieldChange& meta = rows.metas[i];
        auto value = i < rows.sealed.size()
                         ? sealing::open_value(s.key, meta, rows.sealed[i])
                         : Result<Value>(fail(ErrorKind::Damaged, "row changed while reading"));
        if (value) {
            meta.value = std::move(*value);
            out.good.push_back(std::move(meta));
        } else {
            out.bad.emplace_back(std::move(meta), value.error().message);
        }
    }
    return out;
}

// Puts one record read from its rows into the state's maps, or among the damaged. Rows read
// in the hope of a matching snapshot come without their sealed values: those are read now
// when it does not match. Errors: Io.
Result<void> adopt_loaded(Store::State& s, const RecordId& id, RecordRows& rows,
                          const Bytes* sealed_snapshot) {
    s.records.erase(id);
    s.damaged.erase(id);
    s.search_text.erase(id);
    if (rows.metas.empty()) return {};
    VersionedRecord record(id);
    if (values_from_snapshot(s, id, rows, sealed_snapshot)) {
        for (const FieldChange& change : rows.metas) record.apply(change);
    } else {
        if (sealed_snapshot) {
            auto sealed = read_sealed(s, id);
            if (!sealed) return std::unexpected(sealed.error());
            rows.sealed = std::move(*sealed);
        }
        const LoadedRows loaded = open_each(s, rows);
        for (const FieldChange& change : loaded.good) record.apply(change);
        std::string reason = damage_reason(record, loaded);
        if (!reason.empty()) {
            s.damaged.emplace(id, std::move(reason));
            return {};
        }
        s.snapshots_due.insert(id);
    }
    refresh_search(s, record);
    s.clock.observe(record.newest().stamp);
    s.records.emplace(id, std::move(record));
    return {};
}

// Sealed snapshots by record (one record, or all when `only` is null). Errors: Io.
Result<std::map<RecordId, Bytes>> read_snapshots(Store::State& s, const RecordId* only) {
    std::string sql =
        "SELECT record_id, sealed_snapshot FROM records "
        "WHERE sealed_snapshot IS NOT NULL";
    if (only) sql += " AND record_id = ?1";
    auto stmt = s.db.prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    if (only) stmt->bind(1, id_blob(*only));
    std::map<RecordId, Bytes> out;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) return out;
        const auto blob = stmt->column_blob_view(0);
        RecordId id;
        if (blob.size() != id.bytes.size()) continue;
        std::memcpy(id.bytes.data(), blob.data(), blob.size());
        out.emplace(id, stmt->column_blob(1));
    }
}

}  // namespace

std::span<const std::uint8_t> id_blob(const RecordId& id) {
    return id.bytes;
}

FieldChange read_change_meta(const sql::Statement& row) {
    FieldChange c;
    const Bytes id = row.column_blob(0);
    if (id.size() == c.record_id.bytes.size()) {
        std::memcpy(c.record_id.bytes.data(), id.data(), id.size());
    }
    c.field = row.column_text(1);
    c.stamp = Stamp{row.column_int(2), static_cast<std::uint32_t>(row.column_int(3))};
    c.device_id = row.column_text(4);
    c.base.stamp = Stamp{row.column_int(5), static_cast<std::uint32_t>(row.column_int(6))};
    c.base.device_id = row.column_text(7);
    c.form = row.column_text(8);
    c.form_version = static_cast<int>(row.column_int(9));
    c.unit_code = row.column_text(10);
    return c;
}

Result<FieldChange> read_change(const Store::State& s, const sql::Statement& row) {
    FieldChange c = read_change_meta(row);
    auto value = sealing::open_value(s.key, c, row.column_blob(11));
    if (!value) return std::unexpected(value.error());
    c.value = std::move(*value);
    return c;
}

void bind_change(const Store::State& s, sql::Statement& stmt, const FieldChange& c) {
    stmt.bind(1, id_blob(c.record_id))
        .bind(2, std::string_view(c.field))
        .bind(3, c.stamp.wall_ms)
        .bind(4, static_cast<std::int64_t>(c.stamp.counter))
        .bind(5, std::string_view(c.device_id))
        .bind(6, c.base.stamp.wall_ms)
        .bind(7, static_cast<std::int64_t>(c.base.stamp.counter))
        .bind(8, std::string_view(c.base.device_id))
        .bind(9, std::string_view(c.form))
        .bind(10, static_cast<std::int64_t>(c.form_version))
        .bind(11, std::string_view(c.unit_code))
        .bind(12, sealing::seal_value(s.key, c));
}

Result<void> insert_version(Store::State& s, const FieldChange& change, bool synced) {
    auto stmt = s.db.cached(std::string("INSERT OR IGNORE INTO field_versions (") + kChangeColumns +
                            ", synced) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " +
                            "?8, ?9, ?10, ?11, ?12, ?13)");
    if (!stmt) return std::unexpected(stmt.error());
    bind_change(s, **stmt, change);
    (*stmt)->bind(13, std::int64_t{synced ? 1 : 0});
    return (*stmt)->run();
}

Result<void> delete_versions(Store::State& s, const RecordId& id, const std::string& field,
                             const std::vector<Version>& versions) {
    if (versions.empty()) return {};
    auto stmt = s.db.prepare(
        "DELETE FROM field_versions WHERE record_id = ?1 AND field = ?2 AND wall_ms = ?3 "
        "AND counter = ?4 AND device_id = ?5");
    if (!stmt) return std::unexpected(stmt.error());
    for (const Version& v : versions) {
        stmt->reset();
        stmt->bind(1, id_blob(id))
            .bind(2, std::string_view(field))
            .bind(3, v.stamp.wall_ms)
            .bind(4, static_cast<std::int64_t>(v.stamp.counter))
            .bind(5, std::string_view(v.device_id));
        if (auto ok = stmt->run(); !ok) return ok;
    }
    return {};
}

namespace {

// The record's snapshot sealed from its rows as they now are in the transaction, or none
// when a row is not one the record holds. Errors: Io.
Result<std::optional<Bytes>> sealed_snapshot_of(Store::State& s, const VersionedRecord& record) {
    auto cached = s.db.cached(std::string("SELECT ") + kChangeColumns +
                              " FROM field_versions WHERE record_id = ?1 ORDER BY " + kRowOrder);
    if (!cached) return std::unexpected(cached.error());
    sql::Statement* stmt = *cached;
    // Reset on every way out, so a kept statement never holds a read open.
    const std::unique_ptr<sql::Statement, void (*)(sql::Statement*)> reset_on_exit(
        stmt, [](sql::Statement* done) { done->reset(); });
    stmt->bind(1, id_blob(record.id()));
    sealing::RecordSnapshot snapshot;
    crypto_generichash_state digest;
    crypto_generichash_init(&digest, nullptr, 0, kDigestBytes);
    Bytes scratch;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        const FieldChange meta = read_change_meta(*stmt);
        const auto* kept = record.field_changes(meta.field);
        const FieldChange* same = nullptr;
        for (std::size_t i = 0; kept && i < kept->size(); ++i) {
            const FieldChange& c = (*kept)[i];
            if (c.version() == meta.version() && c.base == meta.base && c.form == meta.form &&
                c.form_version == meta.form_version && c.unit_code == meta.unit_code) {
                same = &c;
            }
        }
        // A row the record does not hold (one that failed to open, kept because a newer
        // change covers it): its value is unknown, so the record is replayed at each open.
        if (!same) return std::optional<Bytes>();
        snapshot.values.push_back(same->value);
        digest_row(digest, *stmt, scratch);
    }
    snapshot.rows_digest = finish_digest(digest);
    Bytes sealed = sealing::seal_snapshot(s.key, record.id(), snapshot);
    return std::optional<Bytes>(std::move(sealed));
}

}  // namespace

Result<void> write_index(Store::State& s, const VersionedRecord& record) {
    auto snapshot = sealed_snapshot_of(s, record);
    if (!snapshot) return std::unexpected(snapshot.error());
    auto cached = s.db.cached(
        "INSERT INTO records (record_id, form, form_version, unit_code, status, deleted, "
        "newest_wall_ms, newest_counter, newest_device, sealed_snapshot) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (record_id) DO UPDATE SET form = excluded.form, "
        "form_version = excluded.form_version, unit_code = excluded.unit_code, "
        "status = excluded.status, deleted = excluded.deleted, "
        "newest_wall_ms = excluded.newest_wall_ms, newest_counter = excluded.newest_counter, "
        "newest_device = excluded.newest_device, sealed_snapshot = excluded.sealed_snapshot");
    if (!cached) return std::unexpected(cached.error());
    sql::Statement* stmt = *cached;
    if (*snapshot) {
        stmt->bind(10, **snapshot);
    } else {
        stmt->bind_null(10);
    }
    const Version newest = record.newest();
    stmt->bind(1, id_blob(record.id()))
        .bind(2, std::string_view(record.form()))
        .bind(3, static_cast<std::int64_t>(record.form_version()))
        .bind(4, std::string_view(record.unit_code()))
        .bind(5, std::string_view(review_status_name(record.status())))
        .bind(6, std::int64_t{record.deleted() ? 1 : 0})
        .bind(7, newest.stamp.wall_ms)
        .bind(8, static_cast<std::int64_t>(newest.stamp.counter))
        .bind(9, std::string_view(newest.device_id));
    return stmt->run();
}

Result<void> write_audit(Store::State& s, AuditAction action, std::string_view record_id,
                         std::string_view detail) {
    auto last = s.db.query_int("SELECT coalesce(max(seq), 0) FROM audit_log");
    if (!last) return std::unexpected(last.error());
    AuditEntry entry{*last + 1,          s.now_ms(),     action,
                     s.device_id,        s.options.user, std::string(record_id),
                     std::string(detail)};
    auto stmt = s.db.cached("INSERT INTO audit_log (seq, at_ms, sealed_entry) VALUES (?1, ?2, ?3)");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, entry.seq).bind(2, entry.at_ms).bind(3, sealing::seal_audit(s.key, entry));
    return (*stmt)->run();
}

Result<void> load_records(Store::State& s, const RecordId* only) {
    auto snapshots = read_snapshots(s, only);
    if (!snapshots) return std::unexpected(snapshots.error());
    // Key order: each record's rows come together, in the order its snapshot lists them.
    std::string sql = std::string("SELECT ") + kChangeColumns + " FROM field_versions";
    if (only) sql += " WHERE record_id = ?1";
    sql += std::string(" ORDER BY ") + kRowOrder;
    auto stmt = s.db.prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    if (only) stmt->bind(1, id_blob(*only));

    std::optional<RecordId> current;
    const Bytes* snapshot = nullptr;  // the current record's, if it has one
    RecordRows rows;
    const auto finish_current = [&]() -> Result<void> {
        if (!current) return {};
        return adopt_loaded(s, *current, rows, snapshot);
    };
    const auto start_record = [&](const RecordId& id) {
        current = id;
        auto found = snapshots->find(id);
        snapshot = found == snapshots->end() ? nullptr : &found->second;
        rows.metas.clear();
        rows.sealed.clear();
        crypto_generichash_init(&rows.digest, nullptr, 0, kDigestBytes);
    };
    // A record with no rows left is forgotten.
    if (only) start_record(*only);
    Bytes scratch;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        FieldChange meta = read_change_meta(*stmt);
        if (!current || meta.record_id != *current) {
            if (auto ok = finish_current(); !ok) return ok;
            start_record(meta.record_id);
        }
        digest_row(rows.digest, *stmt, scratch);
        // With a snapshot the sealed values are likely not needed: read only on a mismatch.
        if (!snapshot) rows.sealed.push_back(stmt->column_blob(11));
        rows.metas.push_back(std::move(meta));
    }
    return finish_current();
}

Result<void> load_unsynced(Store::State& s) {
    auto stmt = s.db.prepare("SELECT DISTINCT record_id FROM field_versions WHERE synced = 0");
    if (!stmt) return std::unexpected(stmt.error());
    s.unsynced.clear();
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) return {};
        const Bytes blob = stmt->column_blob(0);
        RecordId id;
        if (blob.size() != id.bytes.size()) continue;
        std::memcpy(id.bytes.data(), blob.data(), blob.size());
        s.unsynced.insert(id);
    }
}

void refresh_search(Store::State& s, const VersionedRecord& record) {
    s.search_text.erase(record.id());
    // " word word \n word ...": every word follows a space, so search can match the start
    // of a word, and the line break keeps a match from running across two fields.
    std::string text;
    for (const char* field : {"head_name", "address"}) {
        if (const auto* v = std::get_if<std::string>(&record.value(field))) {
            text += ' ' + fold_for_search(*v) + " \n";
        }
    }
    if (!text.empty()) s.search_text.emplace(record.id(), std::move(text));

    if (const auto* code = std::get_if<std::string>(&record.value(kIndexedField))) {
        s.code_holders[*code].insert(record.id());
    }
}

}  // namespace c5::store_rows
