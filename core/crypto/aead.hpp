// Authenticated encryption of small values with XChaCha20-Poly1305 (libsodium): a random
// 24-byte nonce per message, and associated data that binds the ciphertext to its place.
#pragma once

#include <span>
#include <string_view>

#include "core/crypto/secret_key.hpp"
#include "core/util/result.hpp"

namespace c5 {

// Bytes added to a plaintext by aead_seal: nonce (24) and tag (16).
inline constexpr std::size_t kAeadOverhead = 40;

// Encrypts `plaintext` under `key` with a fresh random nonce. The result is nonce then
// ciphertext; it opens only with the same key and the same `associated` bytes.
Bytes aead_seal(const SecretKey& key, std::span<const std::uint8_t> plaintext,
                std::span<const std::uint8_t> associated);

// Decrypts what aead_seal produced. Errors: Damaged when the bytes are too short, were
// changed, or belong to other associated data or another key.
[[nodiscard]] Result<Bytes> aead_open(const SecretKey& key, std::span<const std::uint8_t> sealed,
                                      std::span<const std::uint8_t> associated);

// Appends to associated data in a form that cannot be ambiguous: a 4-byte length then the
// bytes, or 8 bytes for an integer.
void append_field(Bytes& out, std::string_view text);
void append_field(Bytes& out, std::span<const std::uint8_t> bytes);
void append_field(Bytes& out, std::uint64_t number);

}  // namespace c5
