// The Criterion 5 result of one ward or district: each content's status with its reasons,
// the figures behind content 4, and when and from which data it was computed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/registry/registry.hpp"

namespace c5 {

enum class Status { Pass, Fail, Incomplete };

// "pass", "fail", "incomplete".
const char* status_name(Status status);
// "đạt", "không đạt", "chưa đủ dữ liệu".
const char* status_name_vi(Status status);

// Combines statuses: any fail fails, else any incomplete is incomplete, else pass.
Status combine(Status a, Status b);

struct ItemOutcome {
    std::string id;
    Status status = Status::Incomplete;
    std::string value;  // the answer(s) behind it, for display
};

struct ShareFigure {
    std::string id;  // "device_share", ...
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::optional<double> value;  // empty when the denominator is 0
    double threshold = 1.0;
    Status status = Status::Incomplete;
};

// Households that lack something, per residential group, for the reasons and the ward page.
struct GroupShortfall {
    std::string group_code;
    std::string share_id;  // which share they lack, or "not_visited" for coverage
    std::vector<std::string> household_codes;
    std::int64_t count = 0;  // may exceed household_codes.size() for "not_visited"
};

struct DuplicateHousehold {
    std::string household_code;
    std::string kept_record;  // record id or source of the record scoring used
    std::vector<std::string> other_records;
};

struct ContentResult {
    std::string id;  // "c1" ...
    Status status = Status::Incomplete;
    std::vector<ItemOutcome> items;
    std::vector<std::string> reasons;  // Vietnamese sentences
};

struct UnitResult {
    std::string unit_code;
    std::string unit_name;
    UnitLevel level = UnitLevel::Ward;
    std::vector<ContentResult> contents;
    Status criterion = Status::Incomplete;

    // Content 4 figures (wards only).
    std::vector<ShareFigure> shares;
    std::optional<double> coverage;
    std::int64_t households_interviewed = 0;
    std::int64_t households_vacant = 0;
    std::int64_t households_visited = 0;
    std::optional<std::int64_t> households_registered;
    std::vector<GroupShortfall> shortfalls;
    std::vector<DuplicateHousehold> duplicates;

    std::string criteria_version;
    std::string computed_at;   // UTC, ISO 8601
    std::string data_version;  // what data the result was computed from

    const ShareFigure* share(const std::string& id) const;
    // All reasons of all contents, joined by "; ".
    std::string reasons_text() const;
};

}  // namespace c5
