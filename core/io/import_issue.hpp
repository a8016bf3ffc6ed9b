// A problem found while reading an interchange file, located by file, line and field, so a
// whole bad file can be refused with every error listed.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace c5 {

struct ImportIssue {
    std::string file;   // file name as given
    int line = 0;       // 1-based physical line where the record starts; 0 when not known
    std::string field;  // field or column; "" when the issue is about the whole row or file
    std::string message;

    // "households.csv:12: field adults_smartphone: must not exceed adults_15plus (3)"
    std::string to_string() const;
};

using ImportIssues = std::vector<ImportIssue>;

// The result of reading a file: the data, or every issue found (nothing partial).
template <class T>
using ImportResult = std::expected<T, ImportIssues>;

}  // namespace c5
