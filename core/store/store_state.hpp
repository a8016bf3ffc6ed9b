// What an open Store holds, and the row-level helpers its source files share: reading and
// writing sealed field versions, the record index and the audit trail. Internal.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/store/sealing.hpp"
#include "core/store/sqlite_db.hpp"
#include "core/store/store.hpp"

namespace c5 {

struct Store::State {
    sql::Db db;
    SecretKey key;
    sealing::StoreId store_id{};
    std::string device_id;
    StoreOptions options;
    HybridClock clock;

    // Every record that opens, decrypted; the damaged ones apart with their reason.
    std::map<RecordId, VersionedRecord> records;
    std::map<RecordId, std::string> damaged;
    // Folded head_name and address of each record that has them, for search.
    std::map<RecordId, std::string> search_text;
    // For each household code, the records that have held it since the store opened:
    // find_by_value's candidates, checked against the records, so a code since changed
    // does no harm. A duplicate check on each save then reads a few records, not all.
    std::map<std::string, std::set<RecordId>, std::less<>> code_holders;
    // Records read by opening each field version because their snapshot was missing or did
    // not match the rows: unlocking writes their snapshot afresh.
    std::set<RecordId> snapshots_due;
    // Records with at least one change not yet acknowledged by the server.
    std::set<RecordId> unsynced;
    // Set while Store::batch runs: local edits then join its transaction.
    bool in_batch = false;

    State(sql::Db db_in, StoreOptions options_in)
        : db(std::move(db_in)), options(std::move(options_in)), clock(options.clock) {}

    std::int64_t now_ms() const { return clock.physical_now(); }
};

// The field whose values code_holders indexes.
inline constexpr std::string_view kIndexedField = "household_code";

namespace store_rows {

// The columns of a field version shared by field_versions and held_changes, in order.
inline constexpr const char* kChangeColumns =
    "record_id, field, wall_ms, counter, device_id, base_wall_ms, base_counter, base_device, "
    "form, form_version, unit_code, sealed_value";

// Reads the change at columns 0..11 of a row selected with kChangeColumns; the value is
// opened with the store key. Errors: Damaged with a reason naming the field and version.
[[nodiscard]] Result<FieldChange> read_change(const Store::State& s, const sql::Statement& row);

// The change's metadata from such a row, without opening the value.
FieldChange read_change_meta(const sql::Statement& row);

// Binds a sealed change to positions 1..12 of a statement written with kChangeColumns.
void bind_change(const Store::State& s, sql::Statement& stmt, const FieldChange& change);

// Inserts a field version unless that version is already stored. Errors: Io.
[[nodiscard]] Result<void> insert_version(Store::State& s, const FieldChange& change, bool synced);

// Deletes versions of a field that a newer change replaced. Errors: Io.
[[nodiscard]] Result<void> delete_versions(Store::State& s, const RecordId& id,
                                           const std::string& field,
                                           const std::vector<Version>& versions);

// Writes the clear index row of a record from its merged state, and its sealed snapshot
// from the record's rows as they stand in the current transaction. Errors: Io.
[[nodiscard]] Result<void> write_index(Store::State& s, const VersionedRecord& record);

// Appends a sealed audit entry inside the current transaction. Errors: Io.
[[nodiscard]] Result<void> write_audit(Store::State& s, AuditAction action,
                                       std::string_view record_id, std::string_view detail);

// Loads records from field_versions (one record, or all when `only` is null) into the
// state's maps, replacing what was there for them. A record whose snapshot matches its
// rows takes its values from it; the others open each row, and are noted in snapshots_due
// when they are sound. Errors: Io.
[[nodiscard]] Result<void> load_records(Store::State& s, const RecordId* only);

// Re-reads which records have unsynced changes. Errors: Io.
[[nodiscard]] Result<void> load_unsynced(Store::State& s);

// Recomputes the search text of one record.
void refresh_search(Store::State& s, const VersionedRecord& record);

// Binds a record id as a 16-byte blob.
std::span<const std::uint8_t> id_blob(const RecordId& id);

}  // namespace store_rows
}  // namespace c5
