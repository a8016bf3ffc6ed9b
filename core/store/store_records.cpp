// Local edits (saves, reviews, deletions, settled conflicts), reading records back, and
// search over the decrypted records in memory.
#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>

#include "core/store/store_state.hpp"
#include "core/text/unicode.hpp"

namespace c5 {
namespace {

using store_rows::id_blob;

Value normalised(const Value& value) {
    if (const auto* s = std::get_if<std::string>(&value)) return to_nfc(*s);
    return value;
}

bool has_conflict(const VersionedRecord& record, const std::string& field) {
    const auto* kept = record.field_changes(field);
    return kept && kept->size() > 1;
}

// A change of `field` to `value` on top of what `record` holds, stamped now.
FieldChange local_change(Store::State& s, const VersionedRecord& record, const std::string& form,
                         int form_version, const std::string& unit_code, const std::string& field,
                         Value value) {
    FieldChange c;
    c.record_id = record.id();
    c.form = form;
    c.form_version = form_version;
    c.unit_code = unit_code;
    c.field = field;
    c.value = std::move(value);
    c.stamp = s.clock.tick();
    c.device_id = s.device_id;
    c.base = record.head(field);
    return c;
}

// Writes local changes to a copy of the record in one transaction, then keeps the copy.
Result<void> commit_local(Store::State& s, VersionedRecord record,
                          const std::vector<FieldChange>& changes, AuditAction action,
                          std::string_view detail) {
    // Inside a batch its transaction holds the edit; it commits or rolls back as a whole.
    std::optional<sql::Transaction> tx;
    if (!s.in_batch) {
        auto begun = sql::Transaction::begin(s.db);
        if (!begun) return std::unexpected(begun.error());
        tx.emplace(std::move(*begun));
    }
    for (const FieldChange& change : changes) {
        if (auto ok = check_change(change); !ok)
            return fail(ErrorKind::Internal, ok.error().message);
        const ApplyResult applied = record.apply(change);
        if (auto ok = store_rows::insert_version(s, change, false); !ok) return ok;
        if (auto ok = store_rows::delete_versions(s, record.id(), change.field, applied.removed);
            !ok) {
            return ok;
        }
    }
    if (auto ok = store_rows::write_index(s, record); !ok) return ok;
    if (auto ok = store_rows::write_audit(s, action, to_string(record.id()), detail); !ok) {
        return ok;
    }
    if (tx) {
        if (auto ok = tx->commit(); !ok) return ok;
    }

    store_rows::refresh_search(s, record);
    s.unsynced.insert(record.id());
    s.records.insert_or_assign(record.id(), std::move(record));
    return {};
}

// The record to edit: a copy of the stored one. Errors: NotFound, Damaged.
Result<VersionedRecord> record_for_edit(const Store::State& s, const RecordId& id) {
    if (auto it = s.damaged.find(id); it != s.damaged.end()) {
        return fail(ErrorKind::Damaged, "record " + to_string(id) + " is damaged: " + it->second);
    }
    auto it = s.records.find(id);
    if (it == s.records.end()) return fail(ErrorKind::NotFound, "no record " + to_string(id));
    return it->second;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

Result<void> check_edit(const RecordEdit& edit) {
    for (const auto& [field, value] : edit.values) {
        if (field.empty()) return fail(ErrorKind::InvalidInput, "empty field name");
        if (is_reserved_field(field)) {
            return fail(ErrorKind::InvalidInput,
                        "field '" + field + "' is set through review and delete, not save");
        }
    }
    return {};
}

StoredRecord to_stored(const Store::State& s, const VersionedRecord& record) {
    StoredRecord out;
    out.record = record.flatten();
    out.form_version = record.form_version();
    out.status = record.status();
    out.review_comment = record.review_comment();
    out.conflicts = record.conflicts();
    out.newest = record.newest();
    out.synced = !s.unsynced.contains(record.id());
    return out;
}

std::vector<std::string> words(std::string_view folded) {
    std::vector<std::string> out;
    std::istringstream in{std::string(folded)};
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

}  // namespace

Result<SaveResult> Store::save(const RecordEdit& edit) {
    State& s = *state_;
    const std::string context = "save record";
    if (auto ok = check_edit(edit); !ok) return std::unexpected(ok.error().with_context(context));
    // New ids take the clock's stamp, so records sort in the order they were created here.
    const Stamp minted = edit.record_id ? Stamp{} : s.clock.tick();
    const RecordId id =
        edit.record_id ? *edit.record_id : mint_record_id(minted.wall_ms, minted.counter);
    if (s.damaged.contains(id)) {
        return fail(ErrorKind::Damaged,
                    context + ": record " + to_string(id) + " is damaged: " + s.damaged.at(id));
    }
    auto found = s.records.find(id);
    const bool is_new = found == s.records.end();
    if (is_new && edit.form.empty()) {
        return fail(ErrorKind::InvalidInput, context + ": a new record needs its form");
    }
    VersionedRecord record = is_new ? VersionedRecord(id) : found->second;
    // An edit that names no form keeps the record's form and unit.
    const bool keep_meta = edit.form.empty();
    const std::string form = keep_meta ? record.form() : edit.form;
    const int form_version = keep_meta ? record.form_version() : edit.form_version;
    const std::string unit = keep_meta ? record.unit_code() : edit.unit_code;

    SaveResult result{id, {}};
    std::vector<FieldChange> changes;
    for (const auto& [field, raw] : edit.values) {
        Value value = normalised(raw);
        if (value == record.value(field) && !has_conflict(record, field)) continue;
        changes.push_back(local_change(s, record, form, form_version, unit, field, value));
        result.changed_fields.push_back(field);
    }
    if (is_new) {
        changes.push_back(local_change(s, record, form, form_version, unit,
                                       std::string(kStatusField),
                                       std::string(review_status_name(ReviewStatus::Draft))));
    }
    if (changes.empty()) return result;
    const std::string detail =
        (is_new ? "created; fields: " : "fields: ") + join(result.changed_fields);
    if (auto ok = commit_local(s, std::move(record), changes, AuditAction::Save, detail); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    return result;
}

Result<void> Store::set_status(const RecordId& id, ReviewStatus status, std::string_view comment) {
    State& s = *state_;
    const std::string context = "set status of " + to_string(id);
    auto record = record_for_edit(s, id);
    if (!record) return std::unexpected(record.error().with_context(context));
    std::vector<FieldChange> changes;
    const Value status_value = std::string(review_status_name(status));
    const Value comment_value = comment.empty() ? Value{} : Value{to_nfc(comment)};
    const auto& r = *record;
    if (r.value(kStatusField) != status_value || has_conflict(r, std::string(kStatusField))) {
        changes.push_back(local_change(s, r, r.form(), r.form_version(), r.unit_code(),
                                       std::string(kStatusField), status_value));
    }
    if (r.value(kReviewCommentField) != comment_value) {
        changes.push_back(local_change(s, r, r.form(), r.form_version(), r.unit_code(),
                                       std::string(kReviewCommentField), comment_value));
    }
    if (changes.empty()) return {};
    // The comment may name people; the audit says only that there is one.
    std::string detail = std::string("status ") + review_status_name(status);
    if (!comment.empty()) detail += ", with a comment";
    if (auto ok = commit_local(s, std::move(*record), changes, AuditAction::Review, detail); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    return {};
}

Result<void> Store::settle_conflict(const RecordId& id, const std::string& field,
                                    const Value& value) {
    State& s = *state_;
    const std::string context = "settle conflict on " + to_string(id) + " field '" + field + "'";
    if (field.empty()) return fail(ErrorKind::InvalidInput, context + ": empty field name");
    auto record = record_for_edit(s, id);
    if (!record) return std::unexpected(record.error().with_context(context));
    const auto& r = *record;
    std::vector<FieldChange> changes{
        local_change(s, r, r.form(), r.form_version(), r.unit_code(), field, normalised(value))};
    if (auto ok = commit_local(s, std::move(*record), changes, AuditAction::Review,
                               "settled conflict on field " + field);
        !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    return {};
}

Result<void> Store::set_deleted(const RecordId& id, bool deleted) {
    State& s = *state_;
    const std::string context = (deleted ? "delete record " : "restore record ") + to_string(id);
    auto record = record_for_edit(s, id);
    if (!record) return std::unexpected(record.error().with_context(context));
    const auto& r = *record;
    if (r.deleted() == deleted && !has_conflict(r, std::string(kDeletedField))) return {};
    std::vector<FieldChange> changes{local_change(s, r, r.form(), r.form_version(), r.unit_code(),
                                                  std::string(kDeletedField), Value{deleted})};
    if (auto ok = commit_local(s, std::move(*record), changes, AuditAction::Delete,
                               deleted ? "deleted" : "restored");
        !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    return {};
}

Result<StoredRecord> Store::get(const RecordId& id) const {
    const State& s = *state_;
    if (auto it = s.damaged.find(id); it != s.damaged.end()) {
        return fail(ErrorKind::Damaged, "record " + to_string(id) + " is damaged: " + it->second);
    }
    auto it = s.records.find(id);
    if (it == s.records.end()) return fail(ErrorKind::NotFound, "no record " + to_string(id));
    return to_stored(s, it->second);
}

RecordList Store::list(const ListFilter& filter) const {
    const State& s = *state_;
    RecordList out;
    for (const auto& [id, record] : s.records) {
        if (!filter.form.empty() && record.form() != filter.form) continue;
        if (!filter.unit_code.empty() && record.unit_code() != filter.unit_code) continue;
        if (!filter.include_deleted && record.deleted()) continue;
        out.records.push_back(to_stored(s, record));
    }
    for (const auto& [id, reason] : s.damaged) out.damaged.push_back(DamagedRecord{id, reason});
    return out;
}

std::vector<RecordId> Store::find_by_value(std::string_view form, std::string_view unit_code,
                                           std::string_view field, const Value& value) const {
    const State& s = *state_;
    const Value wanted = normalised(value);
    const auto matches = [&](const VersionedRecord& record) {
        if (!form.empty() && record.form() != form) return false;
        if (!unit_code.empty() && record.unit_code() != unit_code) return false;
        // The tombstone is looked at only for a match: most records differ in the value.
        return record.value(field) == wanted && !record.deleted();
    };
    std::vector<RecordId> out;

    // An indexed field: only the records that have held the value (a set, so by id).
    const auto* text = std::get_if<std::string>(&wanted);
    if (field == kIndexedField && text) {
        auto holders = s.code_holders.find(*text);
        if (holders == s.code_holders.end()) return out;
        for (const RecordId& id : holders->second) {
            auto it = s.records.find(id);
            if (it != s.records.end() && matches(it->second)) out.push_back(id);
        }
        return out;
    }

    for (const auto& [id, record] : s.records) {
        if (matches(record)) out.push_back(id);
    }
    return out;
}

std::vector<RecordId> Store::search(std::string_view query, std::string_view form) const {
    const State& s = *state_;
    // " word": each query word as it must appear at the start of a word of the text, made
    // once here rather than for every record.
    std::vector<std::string> wanted = words(fold_for_search(query));
    for (std::string& w : wanted) w.insert(w.begin(), ' ');
    // Built once too: a searcher skips ahead by up to a needle's length on each mismatch.
    using Searcher = std::boyer_moore_horspool_searcher<std::string::const_iterator>;
    std::vector<Searcher> searchers;
    for (const std::string& w : wanted) searchers.emplace_back(w.begin(), w.end());
    std::vector<RecordId> out;
    if (wanted.empty()) return out;
    for (const auto& [id, text] : s.search_text) {
        // Each word of the query must start a word of the text: "an" finds "An" and "Anh",
        // not the "an" inside "Xuan".
        // (Named in the capture: clang before 16 cannot capture a structured binding.)
        const bool all = std::all_of(searchers.begin(), searchers.end(),
                                     [&folded = text](const Searcher& searcher) {
                                         return std::search(folded.begin(), folded.end(),
                                                            searcher) != folded.end();
                                     });
        if (!all) continue;
        // Looked up only for the few that match: most records fail on the text.
        const VersionedRecord& record = s.records.at(id);
        if (record.deleted() || (!form.empty() && record.form() != form)) continue;
        out.push_back(id);
    }
    return out;
}

}  // namespace c5
