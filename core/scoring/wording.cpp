// Vietnamese number and list wording used in scoring reasons.
#include "core/scoring/wording.hpp"

#include "core/util/fraction_text.hpp"


namespace c5::wording {

std::string percent(double fraction) {
    // Whole percentages read without decimals; others keep two, with a decimal comma.
    const std::string whole = percent_text(fraction, 0, ',');
    const std::string two = percent_text(fraction, 2, ',');
    return (two == whole + ",00" ? whole : two) + "%";
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
