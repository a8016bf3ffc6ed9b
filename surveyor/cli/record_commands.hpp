// Headless commands on single records, through the same actions as the form and review
// screens: change answers of one record, settle a conflict, list conflicts, and approve
// every completed record at once. Exit status as in headless.hpp.
#pragma once

#include <string>
#include <vector>

#include "surveyor/cli/headless.hpp"

namespace c5::surveyor {

struct RecordCommandOptions {
    // A record id, or a household code of this laptop's units that has one record.
    std::string record;
    // edit: "field=text" answers, typed as in the form (yes/no as 1/0 or c/k, a choice by
    // its number or id, whole numbers, text).
    std::vector<std::string> answers;
    bool complete = false;  // edit: mark the record completed (only when all answers are valid)
    // settle: the field and the value chosen, typed the same way.
    std::string field;
    std::string value;
};

int cmd_edit(const HeadlessOptions& opt, const RecordCommandOptions& record);
int cmd_settle(const HeadlessOptions& opt, const RecordCommandOptions& record);
int cmd_conflicts(const HeadlessOptions& opt);
int cmd_approve_completed(const HeadlessOptions& opt);

}  // namespace c5::surveyor
