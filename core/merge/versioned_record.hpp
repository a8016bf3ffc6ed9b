// A record as merge sees it: for each field, the changes no later change has replaced.
// Its state is a function of the set of changes it has received, so any replicas that saw
// the same changes agree, whatever the order, grouping or repetition of delivery.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/merge/field_change.hpp"
#include "core/records/form_record.hpp"

namespace c5 {

// A field on which concurrent writers disagree: the value in effect and those that lost.
// Settling it is an ordinary new edit of the field, which replaces all of them.
struct FieldConflict {
    std::string field;
    FieldChange winner;
    std::vector<FieldChange> losers;  // newest first
};

enum class ApplyOutcome {
    Added,      // the change is new and kept (it may or may not be the field's value)
    Duplicate,  // this version of the field was already here
    Covered,    // a change already here was written after seeing this one
};

struct ApplyResult {
    ApplyOutcome outcome = ApplyOutcome::Added;
    std::vector<Version> removed;  // versions of the field the new change replaced
};

class VersionedRecord {
public:
    explicit VersionedRecord(RecordId id) : id_(id) {}

    const RecordId& id() const { return id_; }
    // Metadata of the newest change (empty before the first change).
    const std::string& form() const { return newest_.form; }
    int form_version() const { return newest_.form_version; }
    const std::string& unit_code() const { return newest_.unit_code; }
    Version newest() const { return newest_.version(); }
    bool empty() const { return fields_.empty(); }

    // Merges one change into the record. Per field the record keeps the changes that no
    // other change covers (a change covers the versions at or below its base); the value
    // is the newest kept change that is not empty, or the newest kept one when all are
    // empty, so a clear never erases a value its writer had not seen.
    // Requires change.record_id == id() and check_change(change) to have passed.
    ApplyResult apply(const FieldChange& change);

    // Applies every change `other` keeps. merge is commutative, associative, idempotent.
    void merge(const VersionedRecord& other);

    // The change whose value the field has, or nullptr when the field was never written.
    const FieldChange* winner(std::string_view field) const;

    // The field's value; empty when never written or cleared.
    const Value& value(std::string_view field) const;

    // The newest version kept for the field: the base a local edit of it must carry.
    Version head(std::string_view field) const;

    std::vector<FieldConflict> conflicts() const;

    ReviewStatus status() const;  // Draft when unset or unreadable
    std::string review_comment() const;
    bool deleted() const;

    // The form's values (reserved fields left out, empty values omitted) and the tombstone.
    FormRecord flatten() const;

    // Every kept change, by field name then version: what a replica needs to catch up.
    std::vector<FieldChange> changes() const;

    // Kept changes of one field, oldest first.
    const std::vector<FieldChange>* field_changes(std::string_view field) const;

    bool operator==(const VersionedRecord& other) const {
        return id_ == other.id_ && fields_ == other.fields_ && newest_ == other.newest_;
    }

private:
    RecordId id_;
    std::map<std::string, std::vector<FieldChange>, std::less<>> fields_;
    FieldChange newest_;
};

}  // namespace c5
