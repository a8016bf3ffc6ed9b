// A guard run before parsing JSON from outside: nlohmann's parser recurses per nesting level
// and a small file of a hundred thousand '[' takes gigabytes, so depth is checked first.
#pragma once

#include <string_view>

namespace c5 {

// No c5kit file or message nests deeper than this.
inline constexpr int kMaxJsonDepth = 64;

// True when no array or object in `text` nests deeper than `max_depth` (brackets inside
// strings do not count). Does not check that the text is JSON.
bool json_nesting_within(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace c5
