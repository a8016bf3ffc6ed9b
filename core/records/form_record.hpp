// One filled form as the scoring and the interchange files see it: which form, which unit,
// and the value of each field. The store's versioned record (stamps per field) flattens
// into this.
#pragma once

#include <map>
#include <string>

#include "core/records/value.hpp"

namespace c5 {

struct FormRecord {
    std::string record_id;  // UUID text; empty for an imported row that had none
    std::string form;       // "household", "ward_checklist", "district_checklist"
    std::string unit_code;  // the ward (household, ward checklist) or district it belongs to
    std::map<std::string, Value> values;
    bool deleted = false;
    std::string source;  // where it came from, for messages: "households.csv:12"

    // The value of a field, or an empty value when it is not set.
    const Value& get(const std::string& field) const;
};

}  // namespace c5
