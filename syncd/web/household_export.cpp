// Household records as CSV, and the choice of columns shared with the XLSX.
#include "syncd/web/household_export.hpp"

#include <sstream>

#include "core/io/csv.hpp"
#include "core/io/spreadsheet_text.hpp"

namespace c5::syncd {

std::vector<std::string> household_columns(const Form& form, bool with_personal) {
    std::vector<std::string> out;
    for (const FieldDef& field : form.fields) {
        if (field.personal && !with_personal) continue;
        out.push_back(field.id);
    }
    return out;
}

std::string records_csv(const std::vector<std::string>& columns,
                        const std::vector<FormRecord>& records) {
    std::ostringstream out;
    out << "\xEF\xBB\xBF";
    std::vector<std::string> header{"record_id"};
    header.insert(header.end(), columns.begin(), columns.end());
    write_csv_row(out, header);
    for (const FormRecord& r : records) {
        std::vector<std::string> cells{r.record_id};
        for (const std::string& c : columns) cells.push_back(guard_formula(to_display(r.get(c))));
        write_csv_row(out, cells);
    }
    return out.str();
}

}  // namespace c5::syncd
