// Unicode through ICU: NFC for everything stored, a strict UTF-8 check for imports, and the
// folded key that makes search ignore case, Vietnamese diacritics and spacing.
#include "core/text/unicode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>

namespace c5 {
namespace {

bool is_ascii(std::string_view bytes) {
    for (unsigned char c : bytes) {
        if (c >= 0x80) return false;
    }
    return true;
}

// A nonspacing mark: the Vietnamese tone and vowel marks once text is decomposed (U+0300 to
// U+036F), and their like in other scripts.
bool is_nonspacing_mark(UChar32 c) {
    return u_charType(c) == U_NON_SPACING_MARK;
}

}  // namespace

std::string to_nfc(std::string_view utf8) {
    // ASCII is its own NFC and most cells are ASCII: skip the round trip through UTF-16.
    if (is_ascii(utf8)) return std::string(utf8);

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    icu::UnicodeString normal;
    if (U_SUCCESS(status)) normal = nfc->normalize(text, status);
    // ICU's NFC data ships with the library, so failure here means a broken installation;
    // the text is then kept as decoded rather than lost.
    if (U_FAILURE(status)) normal = text;
    std::string out;
    normal.toUTF8String(out);
    return out;
}

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    while (i < n) {
        const auto b0 = static_cast<unsigned char>(bytes[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        std::uint32_t cp = 0;
        std::uint32_t min = 0;
        if ((b0 & 0xE0) == 0xC0) {
            len = 2, cp = b0 & 0x1F, min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            len = 3, cp = b0 & 0x0F, min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            len = 4, cp = b0 & 0x07, min = 0x10000;
        } else {
            return false;  // a continuation byte without a lead, or 0xF8..0xFF
        }
        if (n - i < static_cast<std::size_t>(len)) return false;
        for (int k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(bytes[i + k]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        i += len;
    }
    return true;
}

std::string fold_for_search(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    // Decomposing first splits "ễ" into "e" and its marks, whatever form the input came in.
    icu::UnicodeString decomposed;
    if (U_SUCCESS(status)) decomposed = nfd->normalize(text, status);
    if (U_FAILURE(status)) decomposed = text;
    decomposed.foldCase();

    icu::UnicodeString folded;
    bool pending_space = false;
    for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
        UChar32 c = decomposed.char32At(i);
        if (u_isUWhiteSpace(c)) {
            pending_space = !folded.isEmpty();
            continue;
        }
        if (is_nonspacing_mark(c)) continue;
        // đ is a letter of its own, not d with a mark, so NFD leaves it whole.
        if (c == 0x0111) c = u'd';
        if (pending_space) folded.append(u' ');
        pending_space = false;
        folded.append(c);
    }
    std::string out;
    folded.toUTF8String(out);
    return out;
}

}  // namespace c5
