// Field-by-field merge of record changes. The rules live in apply() and winner(); the
// convergence tests in tests/core/merge check them over thousands of random histories.
#include "core/merge/versioned_record.hpp"

#include <algorithm>
#include <cassert>

namespace c5 {
namespace {

const Value kNoValue;

// The kept change whose value counts: the newest non-empty one, else the newest.
const FieldChange* pick_winner(const std::vector<FieldChange>& kept) {
    const FieldChange* best = nullptr;
    const FieldChange* best_non_empty = nullptr;
    for (const auto& change : kept) {
        if (!best || change.version() > best->version()) best = &change;
        if (!is_empty(change.value) &&
            (!best_non_empty || change.version() > best_non_empty->version())) {
            best_non_empty = &change;
        }
    }
    return best_non_empty ? best_non_empty : best;
}

}  // namespace

ApplyResult VersionedRecord::apply(const FieldChange& change) {
    assert(change.record_id == id_ && "a change applied to another record");
    auto& kept = fields_[change.field];
    const Version version = change.version();

    for (const auto& other : kept) {
        // Two different values under one version cannot come from an honest device; the
        // first one received is kept.
        if (other.version() == version) return ApplyResult{ApplyOutcome::Duplicate, {}};
        if (other.base >= version) return ApplyResult{ApplyOutcome::Covered, {}};
    }

    ApplyResult result;
    std::erase_if(kept, [&](const FieldChange& other) {
        if (other.version() > change.base) return false;
        result.removed.push_back(other.version());
        return true;
    });
    auto at =
        std::upper_bound(kept.begin(), kept.end(), version,
                         [](const Version& v, const FieldChange& c) { return v < c.version(); });
    kept.insert(at, change);
    if (newest_.device_id.empty() || version > newest_.version()) newest_ = change;
    return result;
}

void VersionedRecord::merge(const VersionedRecord& other) {
    assert(other.id_ == id_ && "merging two different records");
    for (const auto& [field, kept] : other.fields_) {
        for (const auto& change : kept) apply(change);
    }
}

const FieldChange* VersionedRecord::winner(std::string_view field) const {
    auto it = fields_.find(field);
    if (it == fields_.end() || it->second.empty()) return nullptr;
    return pick_winner(it->second);
}

const Value& VersionedRecord::value(std::string_view field) const {
    const FieldChange* w = winner(field);
    return w ? w->value : kNoValue;
}

Version VersionedRecord::head(std::string_view field) const {
    auto it = fields_.find(field);
    if (it == fields_.end() || it->second.empty()) return Version{};
    return it->second.back().version();
}

std::vector<FieldConflict> VersionedRecord::conflicts() const {
    std::vector<FieldConflict> out;
    for (const auto& [field, kept] : fields_) {
        if (kept.size() < 2) continue;
        const FieldChange* w = pick_winner(kept);
        FieldConflict conflict{field, *w, {}};
        for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
            if (&*it != w && it->value != w->value) conflict.losers.push_back(*it);
        }
        if (!conflict.losers.empty()) out.push_back(std::move(conflict));
    }
    return out;
}

ReviewStatus VersionedRecord::status() const {
    const auto* text = std::get_if<std::string>(&value(kStatusField));
    if (!text) return ReviewStatus::Draft;
    return parse_review_status(*text).value_or(ReviewStatus::Draft);
}

std::string VersionedRecord::review_comment() const {
    const auto* text = std::get_if<std::string>(&value(kReviewCommentField));
    return text ? *text : std::string();
}

bool VersionedRecord::deleted() const {
    const auto* flag = std::get_if<bool>(&value(kDeletedField));
    return flag && *flag;
}

FormRecord VersionedRecord::flatten() const {
    FormRecord record;
    record.record_id = to_string(id_);
    record.form = form();
    record.unit_code = unit_code();
    record.deleted = deleted();
    record.source = "store:" + record.record_id;
    for (const auto& [field, kept] : fields_) {
        if (is_reserved_field(field) || kept.empty()) continue;
        const Value& v = pick_winner(kept)->value;
        if (!is_empty(v)) record.values.emplace(field, v);
    }
    return record;
}

std::vector<FieldChange> VersionedRecord::changes() const {
    std::vector<FieldChange> out;
    for (const auto& [field, kept] : fields_) out.insert(out.end(), kept.begin(), kept.end());
    return out;
}

const std::vector<FieldChange>* VersionedRecord::field_changes(std::string_view field) const {
    auto it = fields_.find(field);
    return it == fields_.end() ? nullptr : &it->second;
}

}  // namespace c5
