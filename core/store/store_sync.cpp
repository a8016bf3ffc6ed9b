// Merging received changes (with held stamps for skewed clocks), the list of changes still
// to send, sync cursors, and the audit trail's public side.
#include <algorithm>
#include <set>

#include "core/store/store_state.hpp"

namespace c5 {
namespace {

using store_rows::id_blob;

// What one merge transaction does to records before they are swapped in.
struct MergeWork {
    std::map<RecordId, VersionedRecord> touched;  // healthy records, changed copies
    std::set<RecordId> changed;
    std::set<RecordId> damaged_touched;  // rows added to damaged records, reloaded after
    std::set<std::string> devices;
};

Result<void> merge_one(Store::State& s, MergeWork& work, ApplyReport& report,
                       const FieldChange& change) {
    const RecordId& id = change.record_id;
    work.devices.insert(change.device_id);
    s.clock.observe(change.stamp);
    if (s.damaged.contains(id)) {
        // The record's state cannot be read, so keep the change as it is; if it replaces the
        // damaged version, reloading the record heals it.
        work.damaged_touched.insert(id);
        ++report.added;
        return store_rows::insert_version(s, change, true);
    }
    auto it = work.touched.find(id);
    if (it == work.touched.end()) {
        auto stored = s.records.find(id);
        it = work.touched
                 .emplace(id, stored == s.records.end() ? VersionedRecord(id) : stored->second)
                 .first;
    }
    const ApplyResult applied = it->second.apply(change);
    switch (applied.outcome) {
        case ApplyOutcome::Duplicate:
            ++report.duplicates;
            return {};
        case ApplyOutcome::Covered:
            ++report.covered;
            return {};
        case ApplyOutcome::Added:
            break;
    }
    ++report.added;
    work.changed.insert(id);
    if (auto ok = store_rows::insert_version(s, change, true); !ok) return ok;
    return store_rows::delete_versions(s, id, change.field, applied.removed);
}

Result<void> hold(Store::State& s, const FieldChange& change, ApplyReport& report) {
    auto stmt = s.db.prepare(std::string("INSERT OR IGNORE INTO held_changes (") +
                             store_rows::kChangeColumns +
                             ", held_since_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                             "?10, ?11, ?12, ?13)");
    if (!stmt) return std::unexpected(stmt.error());
    const std::int64_t now = s.now_ms();
    store_rows::bind_change(s, *stmt, change);
    stmt->bind(13, now);
    report.held.push_back(HeldChange{change, now});
    return stmt->run();
}

// Held changes whose stamps the clock has caught up with, removed from the held table.
// A held row that fails to open is dropped: it was never merged, and its sender still has it.
Result<std::vector<FieldChange>> take_released(Store::State& s) {
    const std::int64_t limit = s.now_ms() + s.options.max_clock_skew_ms;
    auto stmt = s.db.prepare(std::string("SELECT ") + store_rows::kChangeColumns +
                             " FROM held_changes WHERE wall_ms <= ?1");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, limit);
    std::vector<FieldChange> out;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        if (auto change = store_rows::read_change(s, *stmt)) out.push_back(std::move(*change));
    }
    auto del = s.db.prepare("DELETE FROM held_changes WHERE wall_ms <= ?1");
    if (!del) return std::unexpected(del.error());
    del->bind(1, limit);
    if (auto ok = del->run(); !ok) return std::unexpected(ok.error());
    return out;
}

std::string merge_detail(const MergeWork& work, const ApplyReport& r) {
    std::string devices;
    for (const auto& d : work.devices) devices += (devices.empty() ? "" : ", ") + d;
    return "from " + (devices.empty() ? std::string("nobody") : devices) + ": added " +
           std::to_string(r.added) + ", duplicates " + std::to_string(r.duplicates) + ", covered " +
           std::to_string(r.covered) + ", held " + std::to_string(r.held.size()) + ", released " +
           std::to_string(r.released);
}

Result<void> write_cursor(Store::State& s, std::string_view name, std::string_view value) {
    auto stmt = s.db.prepare(
        "INSERT INTO sync_cursors (name, value) VALUES (?1, ?2) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, name).bind(2, value);
    return stmt->run();
}

// After commit: the merged copies replace the records in memory, and damaged records that
// received rows are read again (a replaced damaged version heals them).
Result<void> adopt(Store::State& s, MergeWork& work, ApplyReport& report) {
    for (const RecordId& id : work.changed) {
        VersionedRecord& record = work.touched.at(id);
        store_rows::refresh_search(s, record);
        if (!record.conflicts().empty()) report.conflicted_records.push_back(id);
        report.changed_records.push_back(id);
        s.records.insert_or_assign(id, std::move(record));
    }
    for (const RecordId& id : work.damaged_touched) {
        if (auto ok = store_rows::load_records(s, &id); !ok) return ok;
        report.changed_records.push_back(id);
        if (auto it = s.damaged.find(id); it != s.damaged.end()) {
            report.damaged.push_back(DamagedRecord{id, it->second});
        } else if (auto healed = s.records.find(id); healed != s.records.end()) {
            if (auto ok = store_rows::write_index(s, healed->second); !ok) return ok;
        }
    }
    // Merged changes can replace local ones not yet sent.
    return store_rows::load_unsynced(s);
}

// One transaction: release due held changes, hold or merge the given ones, index, audit,
// and the cursor when one is given.
Result<ApplyReport> merge_changes(Store::State& s, std::span<const FieldChange> changes,
                                  const CursorUpdate* cursor) {
    ApplyReport report;
    MergeWork work;
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return std::unexpected(tx.error());
    auto released = take_released(s);
    if (!released) return std::unexpected(released.error());
    report.released = released->size();
    for (const FieldChange& change : *released) {
        if (auto ok = merge_one(s, work, report, change); !ok) return std::unexpected(ok.error());
    }
    for (const FieldChange& change : changes) {
        const bool skewed = is_too_far_ahead(change.stamp, s.now_ms(), s.options.max_clock_skew_ms);
        auto ok = skewed ? hold(s, change, report) : merge_one(s, work, report, change);
        if (!ok) return std::unexpected(ok.error());
    }
    for (const RecordId& id : work.changed) {
        if (auto ok = store_rows::write_index(s, work.touched.at(id)); !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (!changes.empty() || report.released > 0) {
        if (auto ok =
                store_rows::write_audit(s, AuditAction::Merge, "", merge_detail(work, report));
            !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (cursor) {
        if (auto ok = write_cursor(s, cursor->name, cursor->value); !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error());
    if (auto ok = adopt(s, work, report); !ok) return std::unexpected(ok.error());
    return report;
}

}  // namespace

Result<ApplyReport> Store::apply_remote(std::span<const FieldChange> changes,
                                        const CursorUpdate* cursor) {
    const char* context = "merge received changes";
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (auto ok = check_change(changes[i]); !ok) {
            return std::unexpected(
                ok.error().with_context(std::string(context) + ": change " + std::to_string(i)));
        }
    }
    return with_context(merge_changes(*state_, changes, cursor), context);
}

Result<ApplyReport> Store::release_held() {
    return with_context(merge_changes(*state_, {}, nullptr), "release held changes");
}

Result<std::vector<HeldChange>> Store::held_changes() const {
    State& s = *state_;
    auto stmt = s.db.prepare(std::string("SELECT ") + store_rows::kChangeColumns +
                             ", held_since_ms FROM held_changes ORDER BY wall_ms, counter");
    if (!stmt) return std::unexpected(stmt.error().with_context("list held changes"));
    std::vector<HeldChange> out;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error().with_context("list held changes"));
        if (!*more) return out;
        auto change = store_rows::read_change(s, *stmt);
        if (change) out.push_back(HeldChange{std::move(*change), stmt->column_int(12)});
    }
}

Result<std::vector<FieldChange>> Store::unsynced_changes(std::size_t limit) const {
    State& s = *state_;
    auto stmt = s.db.prepare(
        "SELECT record_id, field, wall_ms, counter, device_id FROM field_versions "
        "WHERE synced = 0 ORDER BY wall_ms, counter, device_id");
    if (!stmt) return std::unexpected(stmt.error().with_context("list unsynced changes"));
    std::vector<FieldChange> out;
    while (limit == 0 || out.size() < limit) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error().with_context("list unsynced changes"));
        if (!*more) break;
        const FieldChange key = store_rows::read_change_meta(*stmt);
        auto record = s.records.find(key.record_id);
        if (record == s.records.end()) continue;  // damaged: its changes cannot be read
        const auto* kept = record->second.field_changes(key.field);
        if (!kept) continue;
        auto it = std::find_if(kept->begin(), kept->end(), [&](const FieldChange& c) {
            return c.stamp == key.stamp && c.device_id == key.device_id;
        });
        if (it != kept->end()) out.push_back(*it);
    }
    return out;
}

Result<void> Store::mark_synced(std::span<const FieldChange> changes, std::string_view peer) {
    State& s = *state_;
    const char* context = "mark changes synced";
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return std::unexpected(tx.error().with_context(context));
    auto stmt = s.db.prepare(
        "UPDATE field_versions SET synced = 1 WHERE record_id = ?1 AND field = ?2 "
        "AND wall_ms = ?3 AND counter = ?4 AND device_id = ?5 AND synced = 0");
    if (!stmt) return std::unexpected(stmt.error().with_context(context));
    std::int64_t marked = 0;
    for (const FieldChange& c : changes) {
        stmt->reset();
        stmt->bind(1, id_blob(c.record_id))
            .bind(2, std::string_view(c.field))
            .bind(3, c.stamp.wall_ms)
            .bind(4, static_cast<std::int64_t>(c.stamp.counter))
            .bind(5, std::string_view(c.device_id));
        if (auto ok = stmt->run(); !ok) return std::unexpected(ok.error().with_context(context));
        marked += s.db.changes();
    }
    const std::string detail =
        "acknowledged by " + std::string(peer) + ": " + std::to_string(marked) + " changes";
    if (auto ok = store_rows::write_audit(s, AuditAction::Sync, "", detail); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error().with_context(context));
    return with_context(store_rows::load_unsynced(s), context);
}

Result<std::optional<std::string>> Store::sync_cursor(std::string_view name) const {
    auto stmt = state_->db.prepare("SELECT value FROM sync_cursors WHERE name = ?1");
    if (!stmt) return std::unexpected(stmt.error().with_context("read sync cursor"));
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error().with_context("read sync cursor"));
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->column_text(0));
}

Result<void> Store::set_sync_cursor(std::string_view name, std::string_view value) {
    return with_context(write_cursor(*state_, name, value), "write sync cursor");
}

Result<void> Store::append_audit(AuditAction action, std::string_view record_id,
                                 std::string_view detail) {
    State& s = *state_;
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return std::unexpected(tx.error().with_context("append audit entry"));
    if (auto ok = store_rows::write_audit(s, action, record_id, detail); !ok) {
        return std::unexpected(ok.error().with_context("append audit entry"));
    }
    return with_context(tx->commit(), "append audit entry");
}

Result<AuditLog> Store::audit_log(std::size_t limit) const {
    State& s = *state_;
    auto stmt =
        s.db.prepare("SELECT seq, at_ms, sealed_entry FROM audit_log ORDER BY seq DESC LIMIT ?1");
    if (!stmt) return std::unexpected(stmt.error().with_context("read audit log"));
    stmt->bind(1, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
    AuditLog log;
    for (;;) {
        auto more = stmt->step();
        if (!more) return std::unexpected(more.error().with_context("read audit log"));
        if (!*more) break;
        const std::int64_t seq = stmt->column_int(0);
        auto entry = sealing::open_audit(s.key, seq, stmt->column_int(1), stmt->column_blob(2));
        if (entry) {
            log.entries.push_back(std::move(*entry));
        } else {
            log.damaged.push_back(seq);
        }
    }
    std::reverse(log.entries.begin(), log.entries.end());
    std::reverse(log.damaged.begin(), log.damaged.end());
    return log;
}

}  // namespace c5
