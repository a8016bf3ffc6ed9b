// Row-level reading and writing of sealed field versions, the record index and the audit
// trail, and loading records into memory with damaged rows set apart.
#include <algorithm>
#include <cstring>

#include "core/store/store_state.hpp"
#include "core/text/unicode.hpp"

namespace c5::store_rows {
namespace {

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
    auto stmt = s.db.prepare(std::string("INSERT OR IGNORE INTO field_versions (") +
                             kChangeColumns + ", synced) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " +
                             "?8, ?9, ?10, ?11, ?12, ?13)");
    if (!stmt) return std::unexpected(stmt.error());
    bind_change(s, *stmt, change);
    stmt->bind(13, std::int64_t{synced ? 1 : 0});
    return stmt->run();
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

Result<void> write_index(Store::State& s, const VersionedRecord& record) {
    auto stmt = s.db.prepare(
        "INSERT INTO records (record_id, form, form_version, unit_code, status, deleted, "
        "newest_wall_ms, newest_counter, newest_device) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (record_id) DO UPDATE SET form = excluded.form, "
        "form_version = excluded.form_version, unit_code = excluded.unit_code, "
        "status = excluded.status, deleted = excluded.deleted, "
        "newest_wall_ms = excluded.newest_wall_ms, newest_counter = excluded.newest_counter, "
        "newest_device = excluded.newest_device");
    if (!stmt) return std::unexpected(stmt.error());
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
    auto stmt =
        s.db.prepare("INSERT INTO audit_log (seq, at_ms, sealed_entry) VALUES (?1, ?2, ?3)");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, entry.seq).bind(2, entry.at_ms).bind(3, sealing::seal_audit(s.key, entry));
    return stmt->run();
}

Result<void> load_records(Store::State& s, const RecordId* only) {
    std::string sql = std::string("SELECT ") + kChangeColumns + " FROM field_versions";
    if (only) sql += " WHERE record_id = ?1";
    auto stmt = s.db.prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    if (only) stmt->bind(1, id_blob(*only));

    std::map<RecordId, LoadedRows> rows;
    if (only) rows[*only];  // a record with no rows left is forgotten below
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        auto change = read_change(s, *stmt);
        if (change) {
            rows[change->record_id].good.push_back(std::move(*change));
        } else {
            FieldChange meta = read_change_meta(*stmt);
            rows[meta.record_id].bad.emplace_back(meta, change.error().message);
        }
    }

    for (auto& [id, loaded] : rows) {
        s.records.erase(id);
        s.damaged.erase(id);
        s.search_text.erase(id);
        if (loaded.good.empty() && loaded.bad.empty()) continue;
        VersionedRecord record(id);
        for (const auto& change : loaded.good) record.apply(change);
        std::string reason = damage_reason(record, loaded);
        if (!reason.empty()) {
            s.damaged.emplace(id, std::move(reason));
            continue;
        }
        refresh_search(s, record);
        s.clock.observe(record.newest().stamp);
        s.records.emplace(id, std::move(record));
    }
    return {};
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
