// How figures read in the Vietnamese reasons: percentages with a decimal comma, content
// names, household lists. Internal to scoring.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace c5::wording {

// 0.9524 -> "95,24%", 1.0 -> "100%".
std::string percent(double fraction);

// "Nội dung 4" for content id "c4".
std::string content_prefix(const std::string& content_id);

// "01-0003, 01-0007" with at most `limit` codes, then "và 12 hộ khác".
std::string household_list(const std::vector<std::string>& codes, std::size_t limit);

}  // namespace c5::wording
