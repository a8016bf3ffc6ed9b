// A short content digest (BLAKE2b via libsodium) used to name the data version a result
// was computed from.
#pragma once

#include <sodium.h>

#include <string>
#include <string_view>

namespace c5 {

class Digest {
public:
    Digest();
    // Adds bytes; order matters.
    void update(std::string_view bytes);
    // Hex of the first 8 bytes of the digest: enough to tell data versions apart by eye.
    std::string short_hex();

private:
    crypto_generichash_state state_;
};

}  // namespace c5
