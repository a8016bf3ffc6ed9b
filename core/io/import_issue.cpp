// The one-line rendering of an import issue, in the compiler-like "file:line:" shape that
// editors and terminals recognise.
#include "core/io/import_issue.hpp"

namespace c5 {

std::string ImportIssue::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!field.empty()) out += "field " + field + ": ";
    out += message;
    return out;
}

}  // namespace c5
