// The scoring engine: turns checklists and household records into each ward's and
// district's Criterion 5 result following a criteria definition.
#pragma once

#include <string>
#include <vector>

#include "core/records/form_record.hpp"
#include "core/registry/registry.hpp"
#include "core/scoring/criteria.hpp"
#include "core/scoring/unit_result.hpp"

namespace c5 {

struct EvaluationStamp {
    std::string computed_at;   // UTC ISO 8601
    std::string data_version;  // e.g. a hash of the inputs or a server sequence number
};

// Result of one ward: contents from its ward checklist (nullptr when missing) and content 4
// from its household records (deleted records are skipped; duplicates resolved and flagged).
UnitResult evaluate_ward(const CriteriaDef& criteria, const Registry& registry, const Unit& ward,
                         const FormRecord* checklist,
                         const std::vector<const FormRecord*>& households,
                         const EvaluationStamp& stamp);

// Result of one district from its district checklist (nullptr when missing).
UnitResult evaluate_district(const CriteriaDef& criteria, const Unit& district,
                             const FormRecord* checklist, const EvaluationStamp& stamp);

// Results of every ward and district of the registry, in registry order. Records of units
// not in the registry are ignored here (imports refuse them before).
std::vector<UnitResult> evaluate_all(const CriteriaDef& criteria, const Registry& registry,
                                     const std::vector<FormRecord>& checklists,
                                     const std::vector<FormRecord>& households,
                                     const EvaluationStamp& stamp);

}  // namespace c5
