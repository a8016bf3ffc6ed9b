// The unit of change between devices: one field of one record set to one value, stamped by
// the device that wrote it. A push is a list of these; a record is the merge of its changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/merge/stamp.hpp"
#include "core/records/record_id.hpp"
#include "core/records/value.hpp"
#include "core/util/result.hpp"

namespace c5 {

// Fields that every record has besides its form's questions. They merge like any field.
inline constexpr std::string_view kStatusField = "_status";                 // see ReviewStatus
inline constexpr std::string_view kDeletedField = "_deleted";               // bool tombstone
inline constexpr std::string_view kReviewCommentField = "_review_comment";  // text

// True for the names above: they are not form questions and never reach FormRecord values.
bool is_reserved_field(std::string_view field);

enum class ReviewStatus { Draft, Completed, Approved, Rejected };

// "draft", "completed", "approved", "rejected": the stored value of _status.
const char* review_status_name(ReviewStatus status);

// Reads a stored _status value; nullopt for anything else.
std::optional<ReviewStatus> parse_review_status(std::string_view text);

struct FieldChange {
    RecordId record_id;
    // Record metadata travels with every change; a record takes it from its newest change.
    std::string form;
    int form_version = 0;
    std::string unit_code;

    std::string field;
    Value value;
    Stamp stamp;            // when it was written, by the writer's hybrid clock
    std::string device_id;  // who wrote it
    // The newest version of this field the writer had seen when it wrote (none for a first
    // write). A change covers every version at or below its base: it replaced them.
    Version base;

    Version version() const { return Version{stamp, device_id}; }
    bool operator==(const FieldChange&) const = default;
};

// Checks what merge relies on: a record id, a form, a field name, a device id of 1 to 64
// bytes, and a version after its base. Errors: InvalidInput naming the record and field.
[[nodiscard]] Result<void> check_change(const FieldChange& change);

}  // namespace c5
