// A 32-byte secret (a store key, a key derived from a passphrase, a recovery secret key)
// that is wiped from memory when it goes away.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace c5 {

using Bytes = std::vector<std::uint8_t>;

class SecretKey {
public:
    static constexpr std::size_t kSize = 32;

    SecretKey() = default;
    SecretKey(const SecretKey& other) = default;
    SecretKey& operator=(const SecretKey& other) = default;
    ~SecretKey();

    // A fresh key from the system's secure random source.
    static SecretKey random();

    // A key from exactly kSize bytes; the caller wipes its own copy.
    static SecretKey from_bytes(std::span<const std::uint8_t, kSize> bytes);

    std::uint8_t* data() { return bytes_.data(); }
    const std::uint8_t* data() const { return bytes_.data(); }
    std::span<const std::uint8_t, kSize> view() const { return bytes_; }

    // Constant-time comparison.
    bool equals(const SecretKey& other) const;

private:
    std::array<std::uint8_t, kSize> bytes_{};
};

// Initialises libsodium (idempotent and thread-safe); every entry point calls it first.
void init_sodium();

// Wipes a buffer that held secret or personal bytes.
void wipe(Bytes& bytes);

}  // namespace c5
