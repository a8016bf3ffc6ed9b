// Vietnamese number and list wording used in scoring reasons.
#include "core/scoring/wording.hpp"

#include <cmath>
#include <cstdio>

namespace c5::wording {

std::string percent(double fraction) {
    const double pct = fraction * 100.0;
    char buf[32];
    if (std::fabs(pct - std::round(pct)) < 0.005) {
        std::snprintf(buf, sizeof buf, "%.0f%%", pct);
    } else {
        std::snprintf(buf, sizeof buf, "%.2f%%", pct);
    }
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string content_prefix(const std::string& content_id) {
    std::string number = content_id;
    if (!number.empty() && number[0] == 'c') number.erase(0, 1);
    return "Nội dung " + number;
}

std::string household_list(const std::vector<std::string>& codes, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < codes.size() && i < limit; ++i) {
        if (i > 0) out += ", ";
        out += codes[i];
    }
    if (codes.size() > limit) out += " và " + std::to_string(codes.size() - limit) + " hộ khác";
    return out;
}

}  // namespace c5::wording
