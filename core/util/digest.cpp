// BLAKE2b digest of inputs, shortened to 16 hex digits for display.
#include "core/util/digest.hpp"

#include <cassert>

namespace c5 {

Digest::Digest() {
    [[maybe_unused]] int rc = sodium_init();
    assert(rc >= 0 && "libsodium failed to initialise");
    crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES);
}

void Digest::update(std::string_view bytes) {
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
}

std::string Digest::short_hex() {
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash_final(&state_, out, sizeof out);
    static const char* kHex = "0123456789abcdef";
    std::string hex;
    for (int i = 0; i < 8; ++i) {
        hex += kHex[out[i] >> 4];
        hex += kHex[out[i] & 15];
    }
    return hex;
}

}  // namespace c5
