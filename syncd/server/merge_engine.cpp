// Change log, held changes, record states and conflicts: the server side of merging.
#include "syncd/server/merge_engine.hpp"

#include <map>
#include <set>

#include "syncd/server/results_store.hpp"
#include "syncd/server/score_inputs.hpp"
#include "syncd/server/sealing.hpp"

namespace c5::syncd {
namespace {

std::span<const std::uint8_t> id_bytes(const RecordId& id) {
    return id.bytes;
}

constexpr const char* kAppendSql =
    "INSERT INTO change_log (seq, record_id, form, form_version, unit_code, field, wall_ms, "
    "counter, device_id, base_wall_ms, base_counter, base_device, sealed_value, batch_seq, "
    "received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

// Runs the prepared kAppendSql for one change (an import appends tens of thousands).
Result<void> append_to_log(Statement& insert, const SecretKey& key, std::int64_t seq,
                           const FieldChange& c, std::optional<std::int64_t> batch_seq,
                           std::int64_t now_ms) {
    insert.reset();
    insert.bind(1, seq)
        .bind(2, id_bytes(c.record_id))
        .bind(3, c.form)
        .bind(4, std::int64_t{c.form_version})
        .bind(5, c.unit_code)
        .bind(6, c.field)
        .bind(7, c.stamp.wall_ms)
        .bind(8, std::int64_t{c.stamp.counter})
        .bind(9, c.device_id)
        .bind(10, c.base.stamp.wall_ms)
        .bind(11, std::int64_t{c.base.stamp.counter})
        .bind(12, c.base.device_id)
        .bind(13, seal_change_value(key, seq, c))
        .bind(15, now_ms);
    if (batch_seq)
        insert.bind(14, *batch_seq);
    else
        insert.bind_null(14);
    return insert.run();
}

constexpr const char* kHoldSql =
    "INSERT INTO held_changes (seq, unit_code, device_id, wall_ms, held_since_ms) "
    "VALUES (?, ?, ?, ?, ?)";

Result<void> hold(Statement& insert, std::int64_t seq, const FieldChange& c, std::int64_t now_ms) {
    insert.reset();
    insert.bind(1, seq)
        .bind(2, c.unit_code)
        .bind(3, c.device_id)
        .bind(4, c.stamp.wall_ms)
        .bind(5, now_ms);
    return insert.run();
}

// Held changes no longer too far ahead, removed from the held table.
Result<std::vector<FieldChange>> release_due(Database& db, const ServerContext& ctx,
                                             std::int64_t now_ms) {
    // CROSS JOIN keeps held_changes (nearly always empty) as the outer loop: with a plain
    // JOIN SQLite may walk the whole change log instead, which every push paid for.
    auto select = db.prepare(
        "SELECT l.seq, l.record_id, l.form, l.form_version, l.unit_code, l.field, l.wall_ms, "
        "l.counter, l.device_id, l.base_wall_ms, l.base_counter, l.base_device, l.sealed_value "
        "FROM held_changes h CROSS JOIN change_log l ON l.seq = h.seq WHERE h.wall_ms <= ? "
        "ORDER BY l.seq");
    if (!select) return std::unexpected(select.error());
    select->bind(1, now_ms + ctx.options.max_clock_skew_ms);
    std::vector<FieldChange> due;
    std::vector<std::int64_t> seqs;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        FieldChange c;
        const Bytes id = select->column_blob(1);
        std::copy_n(id.begin(), std::min<std::size_t>(id.size(), 16), c.record_id.bytes.begin());
        c.form = select->column_text(2);
        c.form_version = static_cast<int>(select->column_int(3));
        c.unit_code = select->column_text(4);
        c.field = select->column_text(5);
        c.stamp = Stamp{select->column_int(6), static_cast<std::uint32_t>(select->column_int(7))};
        c.device_id = select->column_text(8);
        c.base = Version{
            Stamp{select->column_int(9), static_cast<std::uint32_t>(select->column_int(10))},
            select->column_text(11)};
        auto value =
            open_change_value(ctx.keys.data_key, select->column_int(0), c, select->column_blob(12));
        if (!value) return std::unexpected(value.error());
        c.value = std::move(*value);
        seqs.push_back(select->column_int(0));
        due.push_back(std::move(c));
    }
    auto del = db.prepare("DELETE FROM held_changes WHERE seq = ?");
    if (!del) return std::unexpected(del.error());
    for (std::int64_t seq : seqs) {
        del->reset();
        if (auto r = del->bind(1, seq).run(); !r) return std::unexpected(r.error());
    }
    return due;
}

// The statements of the per-record steps, prepared once for a whole merge.
struct RecordStatements {
    Statement load;
    Statement upsert;
    Statement drop_conflicts;
    Statement add_conflict;

    static Result<RecordStatements> prepare(Database& db) {
        auto load = db.prepare("SELECT sealed_state FROM records WHERE record_id = ?");
        auto upsert = db.prepare(
            "INSERT INTO records (record_id, form, unit_code, status, deleted, last_change_seq, "
            "sealed_state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (record_id) DO UPDATE "
            "SET form = ?2, unit_code = ?3, status = ?4, deleted = ?5, last_change_seq = ?6, "
            "sealed_state = ?7");
        auto drop_conflicts = db.prepare("DELETE FROM conflicts WHERE record_id = ?");
        auto add_conflict = db.prepare(
            "INSERT INTO conflicts (record_id, field, unit_code, since_seq) VALUES (?, ?, ?, ?)");
        for (auto* s : {&load, &upsert, &drop_conflicts, &add_conflict}) {
            if (!*s) return std::unexpected(s->error());
        }
        return RecordStatements{std::move(*load), std::move(*upsert), std::move(*drop_conflicts),
                                std::move(*add_conflict)};
    }
};

Result<std::optional<VersionedRecord>> load_with(Statement& select, const SecretKey& data_key,
                                                 const RecordId& id) {
    select.reset();
    select.bind(1, id_bytes(id));
    auto row = select.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<VersionedRecord>();
    auto record = open_record_state(data_key, id, select.column_blob(0));
    if (!record) return std::unexpected(record.error());
    return std::optional<VersionedRecord>(std::move(*record));
}

Result<void> save_record(Statement& upsert, const SecretKey& key, const VersionedRecord& record,
                         std::int64_t seq) {
    upsert.reset();
    upsert.bind(1, id_bytes(record.id()))
        .bind(2, record.form())
        .bind(3, record.unit_code())
        .bind(4, review_status_name(record.status()))
        .bind(5, std::int64_t{record.deleted() ? 1 : 0})
        .bind(6, seq)
        .bind(7, seal_record_state(key, record));
    return upsert.run();
}

// Rewrites the record's rows in the conflicts table; returns how many fields conflict.
Result<std::int64_t> save_conflicts(RecordStatements& sql, const VersionedRecord& record,
                                    bool existed, std::int64_t seq) {
    // A new record has no rows to drop: skip the delete the ingest of new households pays for.
    if (existed) {
        sql.drop_conflicts.reset();
        if (auto r = sql.drop_conflicts.bind(1, id_bytes(record.id())).run(); !r) {
            return std::unexpected(r.error());
        }
    }
    const auto conflicts = record.conflicts();
    for (const auto& conflict : conflicts) {
        Statement& insert = sql.add_conflict;
        insert.reset();
        insert.bind(1, id_bytes(record.id()))
            .bind(2, conflict.field)
            .bind(3, record.unit_code())
            .bind(4, seq);
        if (auto r = insert.run(); !r) return std::unexpected(r.error());
    }
    return static_cast<std::int64_t>(conflicts.size());
}

}  // namespace

Result<std::int64_t> last_change_seq(Database& db) {
    return db.query_int("SELECT coalesce(max(seq), 0) FROM change_log");
}

Result<std::optional<VersionedRecord>> load_record(Database& db, const SecretKey& data_key,
                                                   const RecordId& id) {
    auto select = db.prepare("SELECT sealed_state FROM records WHERE record_id = ?");
    if (!select) return std::unexpected(select.error());
    return load_with(*select, data_key, id);
}

Result<MergeOutcome> merge_changes(Database& db, const ServerContext& ctx,
                                   std::span<const FieldChange> changes,
                                   std::optional<std::int64_t> batch_seq) {
    MergeOutcome outcome;
    const std::int64_t now = ctx.now_ms();
    auto layout = ensure_score_inputs(db, ctx);
    if (!layout) return std::unexpected(layout.error());
    auto last = last_change_seq(db);
    if (!last) return std::unexpected(last.error());
    std::int64_t seq = *last;

    // Grouped by record, ordered by id, so each record is opened and sealed once.
    std::map<RecordId, std::vector<FieldChange>> to_merge;
    auto insert = db.prepare(kAppendSql);
    if (!insert) return std::unexpected(insert.error());
    auto hold_insert = db.prepare(kHoldSql);
    if (!hold_insert) return std::unexpected(hold_insert.error());
    for (const FieldChange& c : changes) {
        ++seq;
        if (auto r = append_to_log(*insert, ctx.keys.data_key, seq, c, batch_seq, now); !r) {
            return std::unexpected(r.error());
        }
        if (is_too_far_ahead(c.stamp, now, ctx.options.max_clock_skew_ms)) {
            if (auto r = hold(*hold_insert, seq, c, now); !r) return std::unexpected(r.error());
            ++outcome.held;
        } else {
            to_merge[c.record_id].push_back(c);
            ++outcome.applied;
        }
    }
    outcome.last_seq = seq;

    auto due = release_due(db, ctx, now);
    if (!due) return std::unexpected(due.error());
    for (FieldChange& c : *due) to_merge[c.record_id].push_back(std::move(c));
    outcome.released = static_cast<std::int64_t>(due->size());

    auto sql = RecordStatements::prepare(db);
    if (!sql) return std::unexpected(sql.error());
    auto score_inputs = ScoreInputWriter::prepare(db, std::move(*layout));
    if (!score_inputs) return std::unexpected(score_inputs.error());
    std::set<std::string> touched_units;
    for (const auto& [id, record_changes] : to_merge) {
        auto existing = load_with(sql->load, ctx.keys.data_key, id);
        if (!existing) return std::unexpected(existing.error());
        VersionedRecord record = existing->value_or(VersionedRecord(id));
        std::optional<std::string> previous_unit;
        if (*existing) previous_unit = record.unit_code();
        if (previous_unit) touched_units.insert(*previous_unit);
        for (const FieldChange& c : record_changes) record.apply(c);
        touched_units.insert(record.unit_code());
        if (auto r = save_record(sql->upsert, ctx.keys.data_key, record, seq); !r) {
            return std::unexpected(r.error());
        }
        if (auto r = score_inputs->save(previous_unit, record); !r) {
            return std::unexpected(r.error());
        }
        auto conflicts = save_conflicts(*sql, record, previous_unit.has_value(), seq);
        if (!conflicts) return std::unexpected(conflicts.error());
        outcome.conflicts += *conflicts;
    }

    if (!touched_units.empty()) {
        if (auto r = recompute_results(db, ctx, touched_units, seq); !r) {
            return std::unexpected(r.error());
        }
    }
    return outcome;
}

}  // namespace c5::syncd
