// Results and household records as XLSX workbooks (libxlsxwriter), built in memory: a
// workbook of household records never touches the disk in clear.
#pragma once

#include <string>
#include <vector>

#include "core/records/form_record.hpp"
#include "core/scoring/criteria.hpp"
#include "core/scoring/unit_result.hpp"
#include "core/util/result.hpp"

namespace c5::syncd {

// Two sheets: "Kết quả" with the columns of the results CSV (shares as numbers truncated to
// four decimals, shown as percentages), and "Nội dung 4" with each ward's content 4 figures.
// Errors: Io when the workbook cannot be written.
[[nodiscard]] Result<std::string> results_xlsx(const std::vector<UnitResult>& results);

// One sheet of records: a header row of `columns`, then each record's values (numbers as
// numbers). Errors: Io.
[[nodiscard]] Result<std::string> records_xlsx(const std::string& sheet_name,
                                               const std::vector<std::string>& columns,
                                               const std::vector<FormRecord>& records);

}  // namespace c5::syncd
