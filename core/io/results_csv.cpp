// The results CSV: one row per evaluated ward and district, in the fixed column order of the
// domain spec, with shares to four decimals so the file compares exactly across runs.
#include <charconv>
#include <ostream>
#include <string_view>

#include "core/io/csv.hpp"
#include "core/io/interchange.hpp"
#include "core/io/spreadsheet_text.hpp"
#include "core/scoring/unit_result.hpp"
#include "core/util/fraction_text.hpp"

namespace c5 {
namespace {

constexpr const char* kHeader[] = {"unit_code",
                                   "unit_name",
                                   "level",
                                   "c1",
                                   "c2",
                                   "c3",
                                   "c4",
                                   "c5",
                                   "criterion",
                                   "device_share",
                                   "broadband_share",
                                   "smartphone_share",
                                   "coverage",
                                   "households_interviewed",
                                   "households_registered",
                                   "reasons"};
constexpr const char* kContents[] = {"c1", "c2", "c3", "c4", "c5"};
constexpr const char* kShares[] = {"device_share", "broadband_share", "smartphone_share"};

// Four digits after the point ("0.9500"), never rounded up to 1 nor down to 0; "" when
// absent.
std::string four_decimals(const std::optional<double>& value) {
    return value ? fraction_text(*value, 4) : "";
}

std::string content_status(const UnitResult& result, const char* id) {
    for (const ContentResult& content : result.contents) {
        if (content.id == id) return status_name(content.status);
    }
    return "";
}

std::vector<std::string> row_of(const UnitResult& result) {
    std::vector<std::string> cells{guard_formula(result.unit_code), guard_formula(result.unit_name),
                                   unit_level_name(result.level)};
    for (const char* id : kContents) cells.push_back(content_status(result, id));
    cells.push_back(status_name(result.criterion));
    for (const char* id : kShares) {
        const ShareFigure* share = result.share(id);
        cells.push_back(share != nullptr ? four_decimals(share->value) : "");
    }
    cells.push_back(four_decimals(result.coverage));
    // Households are surveyed per ward; a district row has no count of its own.
    const bool ward = result.level == UnitLevel::Ward;
    cells.push_back(ward ? std::to_string(result.households_interviewed) : "");
    cells.push_back(result.households_registered ? std::to_string(*result.households_registered)
                                                 : "");
    cells.push_back(guard_formula(result.reasons_text()));
    return cells;
}

}  // namespace

void write_results_csv(std::ostream& out, const std::vector<UnitResult>& results, bool with_bom) {
    if (with_bom) out << "\xEF\xBB\xBF";
    write_csv_row(out, std::vector<std::string>(std::begin(kHeader), std::end(kHeader)));
    for (const UnitResult& result : results) write_csv_row(out, row_of(result));
}

}  // namespace c5
