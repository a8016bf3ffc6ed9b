// Scoring of the contents answered by a ward or district checklist (every content but the
// household one): each item's rule, then the content's status and reasons.
#pragma once

#include "core/records/form_record.hpp"
#include "core/scoring/criteria.hpp"
#include "core/scoring/unit_result.hpp"

namespace c5 {

// One item's outcome from the checklist's values; unanswered gives Incomplete.
ItemOutcome evaluate_item(const ItemRule& item, const FormRecord& checklist);

// A content's result; a missing checklist (nullptr) makes it incomplete with that reason.
ContentResult evaluate_checklist_content(const ContentDef& content, const FormRecord* checklist,
                                         const std::string& checklist_form_title);

}  // namespace c5
