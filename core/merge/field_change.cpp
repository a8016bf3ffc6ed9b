// Reserved field names, review statuses and the sanity check on received changes.
#include "core/merge/field_change.hpp"

namespace c5 {
namespace {

constexpr std::size_t kMaxDeviceIdBytes = 64;
constexpr std::size_t kMaxNameBytes = 128;

}  // namespace

bool is_reserved_field(std::string_view field) {
    return field == kStatusField || field == kDeletedField || field == kReviewCommentField;
}

const char* review_status_name(ReviewStatus status) {
    switch (status) {
        case ReviewStatus::Draft:
            return "draft";
        case ReviewStatus::Completed:
            return "completed";
        case ReviewStatus::Approved:
            return "approved";
        case ReviewStatus::Rejected:
            return "rejected";
    }
    return "draft";
}

std::optional<ReviewStatus> parse_review_status(std::string_view text) {
    if (text == "draft") return ReviewStatus::Draft;
    if (text == "completed") return ReviewStatus::Completed;
    if (text == "approved") return ReviewStatus::Approved;
    if (text == "rejected") return ReviewStatus::Rejected;
    return std::nullopt;
}

Result<void> check_change(const FieldChange& change) {
    const std::string where =
        "change to " + to_string(change.record_id) + " field '" + change.field + "'";
    if (change.record_id.is_nil()) return fail(ErrorKind::InvalidInput, where + ": no record id");
    if (change.form.empty() || change.form.size() > kMaxNameBytes) {
        return fail(ErrorKind::InvalidInput, where + ": form name missing or too long");
    }
    if (change.field.empty() || change.field.size() > kMaxNameBytes) {
        return fail(ErrorKind::InvalidInput, where + ": field name missing or too long");
    }
    if (change.unit_code.size() > kMaxNameBytes) {
        return fail(ErrorKind::InvalidInput, where + ": unit code too long");
    }
    if (change.device_id.empty() || change.device_id.size() > kMaxDeviceIdBytes) {
        return fail(ErrorKind::InvalidInput, where + ": device id must be 1 to 64 bytes");
    }
    if (change.stamp.wall_ms < 0 || change.base.stamp.wall_ms < 0) {
        return fail(ErrorKind::InvalidInput, where + ": negative stamp");
    }
    if (!(change.version() > change.base)) {
        return fail(ErrorKind::InvalidInput, where + ": written at " + to_string(change.version()) +
                                                 ", not after its base " + to_string(change.base));
    }
    return {};
}

}  // namespace c5
