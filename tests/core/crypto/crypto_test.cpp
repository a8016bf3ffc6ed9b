// Sealing with associated data, Argon2id key derivation, and the recovery key pair.
#include <doctest/doctest.h>

#include <string>

#include "core/crypto/aead.hpp"
#include "core/crypto/passphrase.hpp"
#include "core/crypto/recovery_key.hpp"

namespace {

c5::Bytes bytes(std::string_view text) {
    return c5::Bytes(text.begin(), text.end());
}

}  // namespace

TEST_CASE("crypto: a sealed value opens with the same key and associated data only") {
    const c5::SecretKey key = c5::SecretKey::random();
    const c5::Bytes plain = bytes("Nguyễn Văn An");
    const c5::Bytes ad = bytes("record 1, head_name");
    const c5::Bytes sealed = c5::aead_seal(key, plain, ad);
    CHECK(sealed.size() == plain.size() + c5::kAeadOverhead);

    auto opened = c5::aead_open(key, sealed, ad);
    REQUIRE(opened);
    CHECK(*opened == plain);

    SUBCASE("other associated data") {
        auto moved = c5::aead_open(key, sealed, bytes("record 2, head_name"));
        REQUIRE_FALSE(moved);
        CHECK(moved.error().kind == c5::ErrorKind::Damaged);
    }
    SUBCASE("another key") {
        CHECK_FALSE(c5::aead_open(c5::SecretKey::random(), sealed, ad));
    }
    SUBCASE("one bit changed anywhere") {
        for (std::size_t i = 0; i < sealed.size(); i += 7) {
            c5::Bytes tampered = sealed;
            tampered[i] ^= 0x01;
            CHECK_FALSE(c5::aead_open(key, tampered, ad));
        }
    }
    SUBCASE("too short to hold a nonce and tag") {
        CHECK_FALSE(c5::aead_open(key, c5::Bytes(10), ad));
    }
}

TEST_CASE("crypto: two seals of the same value differ (random nonces)") {
    const c5::SecretKey key = c5::SecretKey::random();
    CHECK(c5::aead_seal(key, bytes("0912345678"), {}) !=
          c5::aead_seal(key, bytes("0912345678"), {}));
}

TEST_CASE("crypto: Argon2id derives the same key from the same passphrase and parameters") {
    const c5::KdfParams params = c5::new_kdf_params(c5::KdfStrength::Minimum);
    auto a = c5::derive_key("mật khẩu đúng", params);
    auto b = c5::derive_key("mật khẩu đúng", params);
    auto wrong = c5::derive_key("mật khẩu sai", params);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(wrong);
    CHECK(a->equals(*b));
    CHECK_FALSE(a->equals(*wrong));

    c5::KdfParams other_salt = c5::new_kdf_params(c5::KdfStrength::Minimum);
    CHECK_FALSE(a->equals(*c5::derive_key("mật khẩu đúng", other_salt)));
}

TEST_CASE("crypto: a passphrase typed with combining marks gives the key of its NFC form") {
    // "mật khẩu" as one keyboard sends it (precomposed) and as another does (NFD: a base letter
    // followed by combining marks). Both are what the surveyor typed.
    const std::string precomposed = "m\u1EADt kh\u1EA9u \u0111\u00FAng";
    const std::string decomposed = "ma\u0323\u0302t kha\u0302\u0309u \u0111u\u0301ng";
    REQUIRE(precomposed != decomposed);

    const c5::KdfParams params = c5::new_kdf_params(c5::KdfStrength::Minimum);
    auto a = c5::derive_key(precomposed, params);
    auto b = c5::derive_key(decomposed, params);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->equals(*b));
}

TEST_CASE("crypto: interactive parameters are the ones a laptop can afford") {
    const c5::KdfParams params = c5::new_kdf_params(c5::KdfStrength::Interactive);
    CHECK(params.memlimit == 64u * 1024 * 1024);
    CHECK(params.opslimit == 2);
}

TEST_CASE("crypto: key derivation refuses parameters a damaged file could carry") {
    c5::KdfParams huge = c5::new_kdf_params(c5::KdfStrength::Minimum);
    huge.memlimit = 1ULL << 40;
    auto refused = c5::derive_key("x", huge);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == c5::ErrorKind::Unsupported);

    c5::KdfParams other = c5::new_kdf_params(c5::KdfStrength::Minimum);
    other.algorithm = 1;  // Argon2i
    CHECK_FALSE(c5::derive_key("x", other));
}

TEST_CASE("crypto: a box sealed to the recovery key opens with its secret half only") {
    const c5::RecoveryKeyPair province = c5::generate_recovery_key_pair();
    const c5::RecoveryKeyPair other = c5::generate_recovery_key_pair();
    CHECK(c5::recovery_public_key_of(province.secret_key) == province.public_key);

    const c5::Bytes sealed = c5::seal_to_recovery_key(bytes("store key"), province.public_key);
    auto opened = c5::open_with_recovery_key(sealed, province.secret_key);
    REQUIRE(opened);
    CHECK(*opened == bytes("store key"));

    auto refused = c5::open_with_recovery_key(sealed, other.secret_key);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == c5::ErrorKind::WrongPassphrase);
}

TEST_CASE("crypto: recovery keys survive their text form, and the wrong half is refused") {
    const c5::RecoveryKeyPair pair = c5::generate_recovery_key_pair();
    const std::string pub = c5::encode_recovery_public_key(pair.public_key);
    const std::string sec = c5::encode_recovery_secret_key(pair.secret_key);
    CHECK(pub.starts_with("c5rpk1:"));
    CHECK(sec.starts_with("c5rsk1:"));

    auto pub_back = c5::decode_recovery_public_key("  " + pub + "\n");
    auto sec_back = c5::decode_recovery_secret_key(sec);
    REQUIRE(pub_back);
    REQUIRE(sec_back);
    CHECK(*pub_back == pair.public_key);
    CHECK(sec_back->equals(pair.secret_key));

    CHECK_FALSE(c5::decode_recovery_public_key(sec));
    CHECK_FALSE(c5::decode_recovery_secret_key(pub));
    CHECK_FALSE(c5::decode_recovery_public_key("c5rpk1:AAAA"));
}
