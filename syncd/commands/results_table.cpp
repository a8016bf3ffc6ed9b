// Fixed-width rendering of results; widths count characters, not UTF-8 bytes, so Vietnamese
// names line up.
#include "syncd/commands/results_table.hpp"

#include "core/util/fraction_text.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

namespace c5::syncd {

namespace {

std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string pad(std::string s, std::size_t width) {
    std::size_t w = display_width(s);
    if (w > width) {
        // Cut on a character boundary and mark the cut.
        std::string cut;
        std::size_t n = 0;
        for (std::size_t i = 0; i < s.size() && n < width - 1; ++i) {
            cut += s[i];
            if (i + 1 == s.size() || (static_cast<unsigned char>(s[i + 1]) & 0xC0) != 0x80) ++n;
        }
        return cut + "…";
    }
    return s + std::string(width - w, ' ');
}

std::string share_text(const std::optional<double>& v) {
    if (!v) return "-";
    return percent_text(*v, 1) + "%";
}

std::string short_status(const UnitResult& r, std::size_t i) {
    if (i >= r.contents.size()) return "";
    switch (r.contents[i].status) {
        case Status::Pass:
            return "pass";
        case Status::Fail:
            return "FAIL";
        case Status::Incomplete:
            return "inc";
    }
    return "";
}

}  // namespace

void print_results_table(std::ostream& out, const std::vector<UnitResult>& results) {
    out << pad("unit", 6) << pad("name", 24) << pad("level", 9);
    for (int i = 1; i <= 5; ++i) out << pad("c" + std::to_string(i), 5);
    out << pad("criterion", 11) << pad("devices", 8) << pad("bband", 8) << pad("phones", 8)
        << pad("coverage", 9) << "interviewed/registered\n";
    out << std::string(6 + 24 + 9 + 25 + 11 + 8 * 3 + 9 + 22, '-') << "\n";

    for (const UnitResult& r : results) {
        out << pad(r.unit_code, 6) << pad(r.unit_name, 24) << pad(unit_level_name(r.level), 9);
        for (std::size_t i = 0; i < 5; ++i) out << pad(short_status(r, i), 5);
        out << pad(status_name(r.criterion), 11);
        if (r.level == UnitLevel::Ward) {
            for (const char* id : {"device_share", "broadband_share", "smartphone_share"}) {
                const ShareFigure* f = r.share(id);
                out << pad(share_text(f ? f->value : std::nullopt), 8);
            }
            out << pad(share_text(r.coverage), 9) << r.households_interviewed << "/"
                << (r.households_registered ? std::to_string(*r.households_registered) : "?");
        }
        out << "\n";
    }

    bool header = false;
    for (const UnitResult& r : results) {
        for (const auto& d : r.duplicates) {
            if (!header)
                out << "\nHouseholds with more than one record (scoring kept one; a "
                       "supervisor should review):\n";
            header = true;
            out << "  " << r.unit_code << " " << d.household_code << ": kept " << d.kept_record
                << ", also " << d.other_records.size() << " other record(s)\n";
        }
    }
}

}  // namespace c5::syncd
