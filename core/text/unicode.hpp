// Unicode handling through ICU: normalisation to NFC for everything stored, and the
// diacritic-insensitive folding used by search ("nguyen van an" finds "Nguyễn Văn An").
#pragma once

#include <string>
#include <string_view>

namespace c5 {

// The NFC form of UTF-8 text; invalid UTF-8 is replaced by U+FFFD.
std::string to_nfc(std::string_view utf8);

// True when the bytes are well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Lower case, Vietnamese diacritics removed (đ becomes d), spaces collapsed: the key that
// search compares.
std::string fold_for_search(std::string_view utf8);

}  // namespace c5
