// Annex I content 4, computed from household records: one record per household, the three
// shares over interviewed households, coverage against the registry, and the best-case test
// that tells a certain fail from data still missing.
#pragma once

#include <vector>

#include "core/records/form_record.hpp"
#include "core/registry/registry.hpp"
#include "core/scoring/criteria.hpp"
#include "core/scoring/unit_result.hpp"

namespace c5 {

// Keeps one record per household code: an interviewed record before any other, then the
// latest visited_at (compared in UTC), then the greater record id. Deleted records are
// dropped. Every code with more than one record is reported in `duplicates`.
std::vector<const FormRecord*> pick_one_per_household(
    const std::vector<const FormRecord*>& households, std::vector<DuplicateHousehold>& duplicates);

// The content's status and reasons; fills the content 4 figures of `result` (shares,
// coverage, counts, shortfalls by residential group, duplicates).
ContentResult evaluate_household_content(const ContentDef& content, double min_coverage,
                                         const Registry& registry, const Unit& ward,
                                         const std::vector<const FormRecord*>& households,
                                         UnitResult& result);

}  // namespace c5
