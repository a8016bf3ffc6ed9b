// Keys derived from a passphrase with Argon2id (libsodium crypto_pwhash). The parameters
// travel with what they protect, so stronger settings later do not break older stores.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/crypto/secret_key.hpp"
#include "core/util/result.hpp"

namespace c5 {

enum class KdfStrength {
    Interactive,  // libsodium's INTERACTIVE limits: 64 MiB, a fraction of a second
    Moderate,     // MODERATE: 256 MiB, about a second; for machines that can afford it
    Minimum,      // the smallest limits Argon2id allows: for tests only, never for real data
};

struct KdfParams {
    int algorithm = 0;  // crypto_pwhash_ALG_ARGON2ID13
    std::uint64_t opslimit = 0;
    std::uint64_t memlimit = 0;
    std::array<std::uint8_t, 16> salt{};
};

// Fresh parameters with a random salt.
KdfParams new_kdf_params(KdfStrength strength);

// Derives a 32-byte key from a passphrase. Errors: Unsupported when the parameters are not
// Argon2id or are outside what this build accepts (a damaged or hostile file must not make
// unlocking take gigabytes); Internal when the machine has not enough memory.
[[nodiscard]] Result<SecretKey> derive_key(std::string_view passphrase, const KdfParams& params);

}  // namespace c5
