// Secret key storage: random generation and wiping through libsodium.
#include "core/crypto/secret_key.hpp"

#include <sodium.h>

#include <cassert>
#include <cstring>

namespace c5 {

void init_sodium() {
    [[maybe_unused]] const int rc = sodium_init();
    assert(rc >= 0 && "libsodium could not initialise");
}

SecretKey::~SecretKey() {
    sodium_memzero(bytes_.data(), bytes_.size());
}

SecretKey SecretKey::random() {
    init_sodium();
    SecretKey key;
    randombytes_buf(key.bytes_.data(), key.bytes_.size());
    return key;
}

SecretKey SecretKey::from_bytes(std::span<const std::uint8_t, kSize> bytes) {
    SecretKey key;
    std::memcpy(key.bytes_.data(), bytes.data(), kSize);
    return key;
}

bool SecretKey::equals(const SecretKey& other) const {
    return sodium_memcmp(bytes_.data(), other.bytes_.data(), kSize) == 0;
}

void wipe(Bytes& bytes) {
    if (!bytes.empty()) sodium_memzero(bytes.data(), bytes.size());
    bytes.clear();
}

}  // namespace c5
