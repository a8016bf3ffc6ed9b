// The benchmark's data: a made-up province of 500 wards with 10 residential groups each and
// 2,000 households per ward (1,000,000 in all), generated deterministically from the ward and
// household numbers alone, so any part can be made without the rest and every run sees the
// same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/merge/field_change.hpp"

namespace c5::bench {

inline constexpr int kWards = 500;
inline constexpr int kGroupsPerWard = 10;
inline constexpr int kHouseholdsPerWard = 2'000;
inline constexpr int kHouseholds = kWards * kHouseholdsPerWard;

// The registry CSV of the province: the province, its wards and their groups (2025 shape,
// wards directly under the province), each group with its registered households.
std::string province_registry_csv();

// "10001" … "10500".
std::string ward_code(int ward);

// The values a surveyor's laptop records for household `index` of `ward` (0 ≤ index <
// 2,000 in the province; up to 99,999 for one large ward): the answers of
// forms/household.json.
std::map<std::string, Value> household_values(int ward, int index);

// The record id of that household (version-7 shaped, deterministic).
RecordId household_id(int ward, int index);

// The changes a laptop with `device_id` pushes for the household: one per answer and the
// status "completed", stamped from `first_stamp` on, as a first write (no base).
std::vector<FieldChange> household_changes(int ward, int index, const std::string& device_id,
                                           std::int64_t wall_ms);

}  // namespace c5::bench
