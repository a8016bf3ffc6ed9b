// The store's plaintext decoding refuses what it did not write, as Damaged, without reading
// outside the buffer. The empty buffer was found by fuzz/targets/store_value_fuzz.cpp
// (libsodium was handed a null pointer); run under ./c5 test --sanitize to see that too.
#include <doctest/doctest.h>

#include "core/store/sealing.hpp"

namespace {

// The layout sealing.cpp writes: the bytes, then 0x80 and zeros to a multiple of 32.
c5::Bytes padded(c5::Bytes plain) {
    plain.push_back(0x80);
    while (plain.size() % 32 != 0) plain.push_back(0);
    return plain;
}

}  // namespace

TEST_CASE("store: an empty value or audit plaintext is damaged, not read") {
    const auto value = c5::sealing::decode_value_plaintext({});
    REQUIRE_FALSE(value.has_value());
    CHECK(value.error().kind == c5::ErrorKind::Damaged);

    const auto audit = c5::sealing::decode_audit_plaintext({}, 1, 1);
    REQUIRE_FALSE(audit.has_value());
    CHECK(audit.error().kind == c5::ErrorKind::Damaged);
}

TEST_CASE("store: value plaintexts that do not decode are damaged") {
    const std::vector<c5::Bytes> bad = {
        padded({}),                        // no tag
        padded({9}),                       // unknown tag
        padded({1, 2}),                    // a bool that is neither 0 nor 1
        padded({2, 0, 0, 0}),              // an integer cut short
        padded({3, 0, 0, 0, 200, 'a'}),    // a text longer than what follows
        padded({3, 0xff, 0xff, 0xff, 0xff}),
        padded({0, 0}),                    // bytes after the value
        c5::Bytes(32, 0),                  // no padding mark
    };
    for (const auto& plain : bad) {
        const auto value = c5::sealing::decode_value_plaintext(plain);
        REQUIRE_FALSE(value.has_value());
        CHECK(value.error().kind == c5::ErrorKind::Damaged);
    }
}

TEST_CASE("store: value plaintexts in the stored layout decode") {
    const auto text = c5::sealing::decode_value_plaintext(padded({3, 0, 0, 0, 2, 'A', 'n'}));
    REQUIRE(text.has_value());
    CHECK(*text == c5::Value{std::string("An")});

    const auto yes = c5::sealing::decode_value_plaintext(padded({1, 1}));
    REQUIRE(yes.has_value());
    CHECK(*yes == c5::Value{true});
}
