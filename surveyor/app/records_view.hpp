// How records look in lists: one row per record with what the household list, the review
// list and the search need, and the filters over them. Pure functions, fast at 20,000 rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry/registry.hpp"
#include "core/store/store.hpp"

namespace c5::surveyor {

struct RecordRow {
    RecordId id;
    std::string form;
    std::string unit_code;
    std::string group;
    std::string household_code;
    std::string head_name;
    std::string address;
    std::string visit_outcome;  // "" when not visited yet
    ReviewStatus status = ReviewStatus::Draft;
    std::string review_comment;
    bool conflict = false;
    bool synced = true;
    std::string folded;  // head name, address and code folded for search
};

RecordRow make_row(const StoredRecord& stored);

// What the household list can be narrowed to.
enum class StatusFilter { All, NotVisited, Draft, Completed, Approved, Rejected, Conflict };

// Where a row stands for the list: not visited (no visit outcome yet) comes before its
// review status.
StatusFilter row_state(const RecordRow& row);

// The words of a search, folded like the rows (no case, no diacritics).
std::vector<std::string> query_words(std::string_view query);

// True when every query word starts a word of the row's name or address, or is part of its
// household code.
bool matches_query(const RecordRow& row, const std::vector<std::string>& words);

// Indices of the household rows, ordered by group then household code.
std::vector<std::size_t> household_order(const std::vector<RecordRow>& rows);

// Indices of household rows of `group` ("" for every group) matching the query and filter,
// ordered by group then household code. `order` is household_order(rows), kept while the
// rows stay the same, so a keystroke in the search box does not sort 20,000 rows again.
std::vector<std::size_t> filter_households(const std::vector<RecordRow>& rows,
                                           const std::vector<std::size_t>& order,
                                           const std::string& group, std::string_view query,
                                           StatusFilter filter);

// The same, ordering the rows first.
std::vector<std::size_t> filter_households(const std::vector<RecordRow>& rows,
                                           const std::string& group, std::string_view query,
                                           StatusFilter filter);

struct GroupProgress {
    std::string code;
    std::string name;
    std::int64_t visited = 0;  // households with a visit outcome
    std::int64_t records = 0;  // household records in the group
    std::optional<std::int64_t> registered;
};

// Each residential group of the ward (registry order), then groups found only in records.
std::vector<GroupProgress> group_progress(const Registry& registry, const std::string& ward,
                                          const std::vector<RecordRow>& rows);

// A household code not yet used in the group: "<group>-<next number>" like "01-0004".
std::string next_household_code(const std::vector<RecordRow>& rows, const std::string& group);

}  // namespace c5::surveyor
