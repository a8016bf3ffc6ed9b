// The province's recovery key pair (X25519): each store seals its store key to the public
// half, so whoever holds the secret half can open a store whose passphrase is lost.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/crypto/secret_key.hpp"
#include "core/util/result.hpp"

namespace c5 {

struct RecoveryPublicKey {
    std::array<std::uint8_t, 32> bytes{};
    bool operator==(const RecoveryPublicKey&) const = default;
};

struct RecoveryKeyPair {
    RecoveryPublicKey public_key;
    SecretKey secret_key;
};

// A new key pair from the system's secure random source.
RecoveryKeyPair generate_recovery_key_pair();

// The public half that belongs to a secret key.
RecoveryPublicKey recovery_public_key_of(const SecretKey& secret_key);

// Text forms for configuration files and the province's safe: "c5rpk1:" or "c5rsk1:" then
// URL-safe base64 without padding.
std::string encode_recovery_public_key(const RecoveryPublicKey& key);
std::string encode_recovery_secret_key(const SecretKey& key);

// Reads the text forms above (surrounding spaces ignored). Errors: InvalidInput saying which
// prefix was expected or that the key is not 32 bytes of base64.
[[nodiscard]] Result<RecoveryPublicKey> decode_recovery_public_key(std::string_view text);
[[nodiscard]] Result<SecretKey> decode_recovery_secret_key(std::string_view text);

// Encrypts `message` so that only the secret key of `to` opens it (libsodium sealed box:
// an ephemeral key pair, so the sender cannot open it either).
Bytes seal_to_recovery_key(std::span<const std::uint8_t> message, const RecoveryPublicKey& to);

// Opens a sealed box. Errors: WrongPassphrase when the secret key is not the one the box
// was sealed to, or the box was changed.
[[nodiscard]] Result<Bytes> open_with_recovery_key(std::span<const std::uint8_t> sealed,
                                                   const SecretKey& secret_key);

}  // namespace c5
