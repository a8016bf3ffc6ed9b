// Recovery key pairs, their text forms, and sealed boxes through libsodium.
#include "core/crypto/recovery_key.hpp"

#include <sodium.h>

namespace c5 {
namespace {

constexpr std::string_view kPublicPrefix = "c5rpk1:";
constexpr std::string_view kSecretPrefix = "c5rsk1:";
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string encode(std::string_view prefix, std::span<const std::uint8_t> bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kBase64Variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kBase64Variant);
    out.resize(out.find('\0'));
    return std::string(prefix) + out;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

Result<std::array<std::uint8_t, 32>> decode(std::string_view text, std::string_view prefix) {
    text = trim(text);
    if (!text.starts_with(prefix)) {
        return fail(ErrorKind::InvalidInput,
                    "recovery key must start with '" + std::string(prefix) + "'");
    }
    text.remove_prefix(prefix.size());
    std::array<std::uint8_t, 32> bytes{};
    std::size_t len = 0;
    const int rc = sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr,
                                     &len, nullptr, kBase64Variant);
    if (rc != 0 || len != bytes.size()) {
        sodium_memzero(bytes.data(), bytes.size());
        return fail(ErrorKind::InvalidInput, "recovery key is not 32 bytes of base64");
    }
    return bytes;
}

}  // namespace

static_assert(crypto_box_PUBLICKEYBYTES == 32 && crypto_box_SECRETKEYBYTES == 32);

RecoveryKeyPair generate_recovery_key_pair() {
    init_sodium();
    RecoveryKeyPair pair;
    crypto_box_keypair(pair.public_key.bytes.data(), pair.secret_key.data());
    return pair;
}

RecoveryPublicKey recovery_public_key_of(const SecretKey& secret_key) {
    RecoveryPublicKey key;
    crypto_scalarmult_base(key.bytes.data(), secret_key.data());
    return key;
}

std::string encode_recovery_public_key(const RecoveryPublicKey& key) {
    return encode(kPublicPrefix, key.bytes);
}

std::string encode_recovery_secret_key(const SecretKey& key) {
    return encode(kSecretPrefix, key.view());
}

Result<RecoveryPublicKey> decode_recovery_public_key(std::string_view text) {
    auto bytes = decode(text, kPublicPrefix);
    if (!bytes) return std::unexpected(bytes.error());
    return RecoveryPublicKey{*bytes};
}

Result<SecretKey> decode_recovery_secret_key(std::string_view text) {
    auto bytes = decode(text, kSecretPrefix);
    if (!bytes) return std::unexpected(bytes.error());
    SecretKey key = SecretKey::from_bytes(*bytes);
    sodium_memzero(bytes->data(), bytes->size());
    return key;
}

Bytes seal_to_recovery_key(std::span<const std::uint8_t> message, const RecoveryPublicKey& to) {
    init_sodium();
    Bytes out(message.size() + crypto_box_SEALBYTES);
    crypto_box_seal(out.data(), message.data(), message.size(), to.bytes.data());
    return out;
}

Result<Bytes> open_with_recovery_key(std::span<const std::uint8_t> sealed,
                                     const SecretKey& secret_key) {
    init_sodium();
    if (sealed.size() < crypto_box_SEALBYTES) {
        return fail(ErrorKind::WrongPassphrase, "sealed key is too short");
    }
    const RecoveryPublicKey pk = recovery_public_key_of(secret_key);
    Bytes out(sealed.size() - crypto_box_SEALBYTES);
    if (crypto_box_seal_open(out.data(), sealed.data(), sealed.size(), pk.bytes.data(),
                             secret_key.data()) != 0) {
        return fail(ErrorKind::WrongPassphrase, "the recovery key does not open this store");
    }
    return out;
}

}  // namespace c5
