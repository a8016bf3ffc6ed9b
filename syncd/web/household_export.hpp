// A unit's household records for download: the household form's fields in form order, the
// personal ones (names, addresses, phones) only when the reader may see them.
#pragma once

#include <string>
#include <vector>

#include "core/forms/form.hpp"
#include "core/records/form_record.hpp"

namespace c5::syncd {

// The columns of a download: every field of the form, personal ones only `with_personal`.
std::vector<std::string> household_columns(const Form& form, bool with_personal);

// UTF-8 CSV with a byte-order mark: record_id, then the columns. Text that a spreadsheet
// would run as a formula gets a leading apostrophe.
std::string records_csv(const std::vector<std::string>& columns,
                        const std::vector<FormRecord>& records);

}  // namespace c5::syncd
