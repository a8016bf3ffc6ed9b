// NFC normalisation, the UTF-8 check and search folding on Vietnamese text, with input in
// both precomposed (NFC) and decomposed (NFD) form.
#include "core/text/unicode.hpp"

#include <doctest/doctest.h>

namespace {

// "Nguyễn Văn An" written both ways.
const std::string kNameNfc = "Nguy\xE1\xBB\x85n V\xC4\x83n An";
const std::string kNameNfd = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";

}  // namespace

TEST_CASE("to_nfc composes decomposed Vietnamese and leaves NFC text unchanged") {
    CHECK(kNameNfc != kNameNfd);
    CHECK(c5::to_nfc(kNameNfd) == kNameNfc);
    CHECK(c5::to_nfc(kNameNfc) == kNameNfc);
    CHECK(c5::to_nfc("ward_code") == "ward_code");
    CHECK(c5::to_nfc("") == "");
}

TEST_CASE("to_nfc replaces invalid UTF-8 with the replacement character") {
    CHECK(c5::to_nfc("a\xFF"
                     "b") ==
          "a\xEF\xBF\xBD"
          "b");
}

TEST_CASE("is_valid_utf8 accepts well-formed text and refuses malformed byte sequences") {
    struct Case {
        const char* name;
        std::string bytes;
        bool valid;
    };
    const Case cases[] = {
        {"empty", "", true},
        {"ASCII", "household_code", true},
        {"Vietnamese NFC", kNameNfc, true},
        {"Vietnamese NFD", kNameNfd, true},
        {"four-byte emoji", "\xF0\x9F\x98\x80", true},
        {"lone continuation byte", "\x80", false},
        {"truncated two-byte sequence", "a\xC3", false},
        {"overlong slash", "\xC0\xAF", false},
        {"UTF-16 surrogate", "\xED\xA0\x80", false},
        {"beyond U+10FFFF", "\xF4\x90\x80\x80", false},
        {"Latin-1 byte", "Nguy\xEAn", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(c5::is_valid_utf8(c.bytes) == c.valid);
    }
}

TEST_CASE("fold_for_search makes a name match its unaccented lower-case spelling") {
    SUBCASE("from NFC input") {
        CHECK(c5::fold_for_search(kNameNfc) == "nguyen van an");
    }
    SUBCASE("from NFD input") {
        CHECK(c5::fold_for_search(kNameNfd) == "nguyen van an");
    }
    SUBCASE("the query itself folds to the same key") {
        CHECK(c5::fold_for_search("nguyen van an") == c5::fold_for_search(kNameNfc));
    }
}

TEST_CASE("fold_for_search turns đ and Đ into d and collapses white space") {
    CHECK(c5::fold_for_search("\xC4\x90\xE1\xBB\x97 \xC4\x91\xE1\xBB\xA9\x63") == "do duc");
    CHECK(c5::fold_for_search("  T\xE1\xBB\x95   3\t\n Ph\xC6\xB0\xE1\xBB\x9Dng  ") ==
          "to 3 phuong");
    CHECK(c5::fold_for_search("") == "");
}
