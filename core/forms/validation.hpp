// Checks a record's values against its form: types, choices, ranges, which questions apply,
// and the cross-field rules. Messages are plain Vietnamese and English for the surveyor.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/forms/form.hpp"
#include "core/records/value.hpp"

namespace c5 {

// A draft may leave required questions unanswered; a completed record may not.
enum class Completeness { Draft, Complete };

struct FieldIssue {
    std::string field;  // the field the message is about
    Label message;
};

// Whether a field's question applies given the other answers (its "relevant" condition).
bool is_relevant(const FieldDef& field, const std::map<std::string, Value>& values);

// Every problem with the values, in form order; empty when the record is valid. Unknown
// field names are reported too.
std::vector<FieldIssue> validate_values(const Form& form,
                                        const std::map<std::string, Value>& values,
                                        Completeness completeness);

}  // namespace c5
