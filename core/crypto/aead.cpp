// XChaCha20-Poly1305 sealing and opening through libsodium.
#include "core/crypto/aead.hpp"

#include <sodium.h>

namespace c5 {

static_assert(kAeadOverhead == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                                   crypto_aead_xchacha20poly1305_ietf_ABYTES);
static_assert(SecretKey::kSize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

Bytes aead_seal(const SecretKey& key, std::span<const std::uint8_t> plaintext,
                std::span<const std::uint8_t> associated) {
    init_sodium();
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    Bytes out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), kNonce);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &written, plaintext.data(),
                                               plaintext.size(), associated.data(),
                                               associated.size(), nullptr, out.data(), key.data());
    out.resize(kNonce + written);
    return out;
}

Result<Bytes> aead_open(const SecretKey& key, std::span<const std::uint8_t> sealed,
                        std::span<const std::uint8_t> associated) {
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (sealed.size() < kAeadOverhead) {
        return fail(ErrorKind::Damaged, "ciphertext is shorter than nonce and tag");
    }
    Bytes out(sealed.size() - kAeadOverhead);
    unsigned long long written = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        out.data(), &written, nullptr, sealed.data() + kNonce, sealed.size() - kNonce,
        associated.data(), associated.size(), sealed.data(), key.data());
    if (rc != 0) return fail(ErrorKind::Damaged, "ciphertext does not authenticate");
    out.resize(written);
    return out;
}

void append_field(Bytes& out, std::string_view text) {
    append_field(out, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

void append_field(Bytes& out, std::span<const std::uint8_t> bytes) {
    const auto n = static_cast<std::uint32_t>(bytes.size());
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void append_field(Bytes& out, std::uint64_t number) {
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(number >> (8 * i)));
}

}  // namespace c5
