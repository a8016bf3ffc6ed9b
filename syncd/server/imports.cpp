// Registry, household and checklist imports into the change log.
#include "syncd/server/imports.hpp"

#include <fstream>

#include "core/io/interchange.hpp"
#include "syncd/server/merge_engine.hpp"
#include "syncd/server/results_store.hpp"

namespace c5::syncd {
namespace {

namespace fs = std::filesystem;

ImportOutcome refused(const fs::path& file, std::string message) {
    return std::unexpected(ImportIssues{{file.filename().string(), 0, "", std::move(message)}});
}

// Turns imported records into the server's own changes against the merged state.
class ChangeWriter {
public:
    ChangeWriter(Database& db, const ServerContext& ctx)
        : db_(db), ctx_(ctx), clock_(ctx.options.clock) {}

    // Starts the clock after every stamp the server device wrote before.
    Result<void> init() {
        auto select = db_.prepare(
            "SELECT wall_ms, counter FROM change_log WHERE device_id = ? "
            "ORDER BY wall_ms DESC, counter DESC LIMIT 1");
        if (!select) return std::unexpected(select.error());
        select->bind(1, ctx_.keys.server_device_id);
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (*row) {
            clock_.observe(
                Stamp{select->column_int(0), static_cast<std::uint32_t>(select->column_int(1))});
        }
        return {};
    }

    // Appends the changes that make `record` (with its id) hold `values`: fields that
    // differ are set, fields it no longer has are cleared.
    Result<void> add(const RecordId& id, const FormRecord& record, int form_version,
                     bool mark_completed) {
        auto existing = load_record(db_, ctx_.keys.data_key, id);
        if (!existing) return std::unexpected(existing.error());
        const VersionedRecord current = existing->value_or(VersionedRecord(id));
        std::map<std::string, Value> wanted = record.values;
        if (!*existing && mark_completed) {
            wanted[std::string(kStatusField)] =
                std::string(review_status_name(ReviewStatus::Completed));
        }
        for (const auto& [field, value] : current.flatten().values) {
            if (!wanted.count(field)) wanted[field] = Value{};
        }
        for (const auto& [field, value] : wanted) {
            if (current.value(field) == value) continue;
            const Version base = current.head(field);
            clock_.observe(base.stamp);
            FieldChange c{id,    record.form, form_version,  record.unit_code,
                          field, value,       clock_.tick(), ctx_.keys.server_device_id,
                          base};
            if (auto ok = check_change(c); !ok) return std::unexpected(ok.error());
            changes_.push_back(std::move(c));
        }
        return {};
    }

    RecordId new_id() { return mint_record_id(ctx_.now_ms(), sequence_++); }
    const std::vector<FieldChange>& changes() const { return changes_; }

private:
    Database& db_;
    const ServerContext& ctx_;
    HybridClock clock_;
    std::uint32_t sequence_ = 0;
    std::vector<FieldChange> changes_;
};

// The id of the newest non-deleted record of `form` in `unit`, if any.
Result<std::optional<RecordId>> existing_checklist(Database& db, const std::string& form,
                                                   const std::string& unit) {
    auto select = db.prepare(
        "SELECT record_id FROM records WHERE form = ? AND unit_code = ? AND deleted = 0 "
        "ORDER BY record_id DESC LIMIT 1");
    if (!select) return std::unexpected(select.error());
    select->bind(1, form).bind(2, unit);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<RecordId>();
    RecordId id;
    const Bytes bytes = select->column_blob(0);
    std::copy_n(bytes.begin(), std::min<std::size_t>(bytes.size(), 16), id.bytes.begin());
    return std::optional<RecordId>(id);
}

// Merges the writer's changes, audits and commits.
Result<ImportOutcome> commit_import(Database& db, const ServerContext& ctx, Transaction& tx,
                                    const ChangeWriter& writer, std::size_t records,
                                    const std::string& action, const fs::path& file) {
    auto outcome = merge_changes(db, ctx, writer.changes(), std::nullopt);
    if (!outcome) return std::unexpected(outcome.error());
    const ImportSummary summary{records, writer.changes().size(), outcome->last_seq};
    auto audited =
        append_audit(db, ctx.now_ms(), action, "operator",
                     "file=" + file.filename().string() + " records=" + std::to_string(records) +
                         " changes=" + std::to_string(summary.changes));
    if (!audited) return std::unexpected(audited.error());
    if (auto r = tx.commit(); !r) return std::unexpected(r.error());
    return ImportOutcome(summary);
}

// The units that hold live records here but are missing from `registry`: "00001 (726
// records)", in code order. Replacing the registry would hide their data from every result.
Result<std::vector<std::string>> units_left_out(Database& db, const Registry& registry) {
    auto select = db.prepare(
        "SELECT unit_code, count(*) FROM records WHERE deleted = 0 GROUP BY unit_code "
        "ORDER BY unit_code");
    if (!select) return std::unexpected(select.error());
    std::vector<std::string> out;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const std::string code = select->column_text(0);
        if (registry.find(code)) continue;
        out.push_back(code + " (" + std::to_string(select->column_int(1)) + " records)");
    }
    return out;
}

}  // namespace

Result<ImportOutcome> import_registry(Database& db, const ServerContext& ctx,
                                      const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return refused(file, "cannot read the file");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto registry = parse_registry_csv(text, file.filename().string());
    if (!registry) return ImportOutcome(std::unexpected(registry.error()));

    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto left_out = units_left_out(db, *registry);
    if (!left_out) return std::unexpected(left_out.error());
    if (!left_out->empty()) {
        std::string units;
        for (const auto& unit : *left_out) units += (units.empty() ? "" : ", ") + unit;
        return refused(file, "units holding data on this server are not in this file: " + units +
                                 "; add them to the file, or use a new data folder for a "
                                 "registry without them");
    }
    auto upsert = db.prepare(
        "INSERT INTO registry (id, csv_text, file_name, imported_ms) VALUES (1, ?1, ?2, ?3) "
        "ON CONFLICT (id) DO UPDATE SET csv_text = ?1, file_name = ?2, imported_ms = ?3");
    if (!upsert) return std::unexpected(upsert.error());
    upsert->bind(1, text).bind(2, file.filename().string()).bind(3, ctx.now_ms());
    if (auto r = upsert->run(); !r) return std::unexpected(r.error());
    if (auto r = recompute_all_results(db, ctx); !r) return std::unexpected(r.error());
    const std::size_t units = registry->units().size();
    if (auto r =
            append_audit(db, ctx.now_ms(), "import_registry", "operator",
                         "file=" + file.filename().string() + " units=" + std::to_string(units));
        !r) {
        return std::unexpected(r.error());
    }
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    auto seq = last_change_seq(db);
    return ImportOutcome(ImportSummary{units, 0, seq.value_or(0)});
}

Result<ImportOutcome> import_households(Database& db, const ServerContext& ctx,
                                        const fs::path& file) {
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto registry = load_registry(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) return refused(file, "import the registry first (syncd import-registry)");
    const Form& form = ctx.definitions.forms.at(ctx.definitions.criteria.household_form);
    auto records = read_household_csv(file, form, &**registry);
    if (!records) return ImportOutcome(std::unexpected(records.error()));

    ChangeWriter writer(db, ctx);
    if (auto r = writer.init(); !r) return std::unexpected(r.error());
    for (const FormRecord& record : *records) {
        RecordId id = writer.new_id();
        if (!record.record_id.empty()) {
            auto parsed = parse_record_id(record.record_id);
            if (!parsed) return refused(file, record.source + ": record_id is not a UUID");
            id = *parsed;
        }
        if (auto r = writer.add(id, record, form.version, true); !r) {
            return std::unexpected(r.error().with_context(record.source));
        }
    }
    return commit_import(db, ctx, *tx, writer, records->size(), "import_households", file);
}

Result<ImportOutcome> import_checklists(Database& db, const ServerContext& ctx,
                                        const fs::path& file) {
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto registry = load_registry(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) return refused(file, "import the registry first (syncd import-registry)");
    auto records = read_checklists_json(file, ctx.definitions.forms, &**registry);
    if (!records) return ImportOutcome(std::unexpected(records.error()));

    ChangeWriter writer(db, ctx);
    if (auto r = writer.init(); !r) return std::unexpected(r.error());
    for (const FormRecord& record : *records) {
        auto existing = existing_checklist(db, record.form, record.unit_code);
        if (!existing) return std::unexpected(existing.error());
        const RecordId id = existing->value_or(writer.new_id());
        const int version = ctx.definitions.forms.at(record.form).version;
        if (auto r = writer.add(id, record, version, false); !r) {
            return std::unexpected(r.error().with_context(record.source));
        }
    }
    return commit_import(db, ctx, *tx, writer, records->size(), "import_checklists", file);
}

}  // namespace c5::syncd
