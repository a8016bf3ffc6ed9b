// The interchange files of the domain spec: registry CSV, household CSV, checklist JSON
// (reading and writing), and the results CSV (writing). Readers refuse a file as a whole
// and list every issue by file, line and field.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "core/forms/form.hpp"
#include "core/io/import_issue.hpp"
#include "core/records/form_record.hpp"
#include "core/registry/registry.hpp"

namespace c5 {

struct UnitResult;

// level,code,name,parent_code,households_registered. Checks codes are unique, parents exist
// and are of a higher level, counts are whole numbers >= 0; names are stored in NFC.
[[nodiscard]] ImportResult<Registry> read_registry_csv(const std::filesystem::path& file);
[[nodiscard]] ImportResult<Registry> parse_registry_csv(std::string_view text,
                                                        const std::string& file_name);

// Household CSV with the household form's field names as header (and an optional leading
// record_id). Each row is validated as a completed record against the form and, when a
// registry is given, its ward and group must exist there.
[[nodiscard]] ImportResult<std::vector<FormRecord>> read_household_csv(
    const std::filesystem::path& file, const Form& household_form, const Registry* registry);
[[nodiscard]] ImportResult<std::vector<FormRecord>> parse_household_csv(
    std::string_view text, const std::string& file_name, const Form& household_form,
    const Registry* registry);

// Writes household records as CSV: UTF-8 without BOM unless asked, CRLF, record_id first.
void write_household_csv(std::ostream& out, const std::vector<FormRecord>& records,
                         const Form& household_form, bool with_bom = false);

// Checklist JSON: [{"form": ..., "unit_code": ..., "values": {...}}]. Values are checked
// against their form as drafts (unanswered items are allowed and make a result incomplete).
[[nodiscard]] ImportResult<std::vector<FormRecord>> read_checklists_json(
    const std::filesystem::path& file, const std::map<std::string, Form>& forms,
    const Registry* registry);
[[nodiscard]] ImportResult<std::vector<FormRecord>> parse_checklists_json(
    std::string_view text, const std::string& file_name, const std::map<std::string, Form>& forms,
    const Registry* registry);

void write_checklists_json(std::ostream& out, const std::vector<FormRecord>& checklists);

// The results CSV of the domain spec, one row per unit result, CRLF line ends.
void write_results_csv(std::ostream& out, const std::vector<UnitResult>& results,
                       bool with_bom = false);

}  // namespace c5
