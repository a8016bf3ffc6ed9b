// The sync protocol's codec, shared by the client and syncd: FieldChange as JSON, base64,
// payloads (zlib then crypto_box), the signed bytes and hashes of pushes and pulls, and the
// Ed25519/X25519 key pairs of devices and the server. See docs/sync-protocol.md. No HTTP.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/secret_key.hpp"
#include "core/merge/field_change.hpp"
#include "core/util/result.hpp"

namespace c5::sync {

inline constexpr int kProtocolVersion = 1;

// Size limits of the protocol: a request body, the changes of one push, and what a payload
// may inflate to (so a small hostile body cannot make the receiver allocate gigabytes).
inline constexpr std::size_t kMaxBodyBytes = 16u << 20;
inline constexpr std::size_t kMaxBatchChanges = 5000;
inline constexpr std::size_t kMaxPayloadBytes = 64u << 20;

using Hash32 = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

// Standard base64 with padding, as every binary value travels.
std::string to_base64(std::span<const std::uint8_t> bytes);
// Errors: InvalidInput when the text is not standard padded base64.
[[nodiscard]] Result<Bytes> from_base64(std::string_view text);
// As from_base64, and the decoded bytes must number exactly `size`. Errors: InvalidInput.
[[nodiscard]] Result<Bytes> from_base64_exact(std::string_view text, std::size_t size);

// ---- Keys ----------------------------------------------------------------------------------

struct SignPublicKey {
    std::array<std::uint8_t, 32> bytes{};
    bool operator==(const SignPublicKey&) const = default;
};

struct BoxPublicKey {
    std::array<std::uint8_t, 32> bytes{};
    bool operator==(const BoxPublicKey&) const = default;
};

// Ed25519: the secret half is kept as its 32-byte seed, from which libsodium derives the
// signing key on use.
struct SigningKeyPair {
    SignPublicKey public_key;
    SecretKey seed;
};

// X25519 for crypto_box.
struct BoxKeyPair {
    BoxPublicKey public_key;
    SecretKey secret_key;
};

// What a device or the server is known by: one key pair to sign, one to receive boxes.
struct IdentityKeys {
    SigningKeyPair sign;
    BoxKeyPair box;
};

// Fresh key pairs from the system's secure random source.
IdentityKeys generate_identity_keys();

// The key pairs that belong to stored secret halves (the public halves are recomputed).
SigningKeyPair signing_key_pair_from_seed(const SecretKey& seed);
BoxKeyPair box_key_pair_from_secret(const SecretKey& secret_key);

// Public keys from their base64 text. Errors: InvalidInput when not 32 bytes of base64.
[[nodiscard]] Result<SignPublicKey> parse_sign_public_key(std::string_view b64);
[[nodiscard]] Result<BoxPublicKey> parse_box_public_key(std::string_view b64);

// ---- Signatures and hashes -----------------------------------------------------------------

// The Ed25519 detached signature of `message`.
Signature sign_detached(const SigningKeyPair& keys, std::string_view message);

// True when `signature` is `signer`'s signature of `message`.
[[nodiscard]] bool verify_detached(const SignPublicKey& signer, std::string_view message,
                                   std::span<const std::uint8_t> signature);

// BLAKE2b-256 of the bytes: the hash that chains pushes.
Hash32 batch_hash(std::string_view signed_bytes);

// The `prev` of batch 1: 32 zero bytes.
inline constexpr Hash32 kZeroHash{};

// ---- FieldChange as JSON -------------------------------------------------------------------

// {"r","f","fv","u","k","v","s":[wall_ms,counter],"d","b":[wall_ms,counter,device]}.
nlohmann::json change_to_json(const FieldChange& change);

// Reads one change. Errors: InvalidInput naming the member that is missing or of the wrong
// type ("change: member 'v' ..."). check_change is not run here; the receiver runs it.
[[nodiscard]] Result<FieldChange> change_from_json(const nlohmann::json& json);

nlohmann::json changes_to_json(std::span<const FieldChange> changes);
// Errors: InvalidInput naming the index of the first bad change.
[[nodiscard]] Result<std::vector<FieldChange>> changes_from_json(const nlohmann::json& array);

// A Value as JSON (null, bool, integer, string) and back. Errors: InvalidInput for a
// fraction, an array or an object.
nlohmann::json value_to_json(const Value& value);
[[nodiscard]] Result<Value> value_from_json(const nlohmann::json& json);

// ---- Payloads --------------------------------------------------------------------------------

// A payload boxed for its recipient, as it travels: both members are base64 text.
struct BoxedPayload {
    std::string nonce;  // 24 bytes
    std::string box;
};

// Compresses the JSON with zlib (compress2, level 6) and boxes it with crypto_box_easy from
// `sender` to `recipient` under a fresh random nonce.
BoxedPayload seal_payload(const nlohmann::json& payload, const BoxPublicKey& recipient,
                          const SecretKey& sender_box_secret);

// Opens, inflates (at most kMaxPayloadBytes) and parses a boxed payload. Errors:
// InvalidInput when the base64 is bad, the box does not open (wrong keys or changed bytes),
// the data does not inflate, or it is not a JSON object.
[[nodiscard]] Result<nlohmann::json> open_payload(std::string_view nonce_b64,
                                                  std::string_view box_b64,
                                                  const BoxPublicKey& sender,
                                                  const SecretKey& recipient_box_secret);

// zlib helpers under the payload codec; exposed for tests and the server's stored blobs.
Bytes zlib_compress(std::string_view data);
// Errors: InvalidInput when the data is not zlib or inflates beyond `max_bytes`.
[[nodiscard]] Result<std::string> zlib_inflate(std::span<const std::uint8_t> data,
                                               std::size_t max_bytes);

// ---- Signed bytes ----------------------------------------------------------------------------

// "c5-push-v1\n" device_id "\n" seq "\n" prev "\n" nonce "\n" box, with the base64 texts
// exactly as sent.
std::string push_signed_bytes(std::string_view device_id, std::int64_t seq,
                              std::string_view prev_b64, std::string_view nonce_b64,
                              std::string_view box_b64);

// "c5-pull-v1\n" device_id "\n" cursor "\n" limit "\n" at "\n" nonce.
std::string pull_signed_bytes(std::string_view device_id, std::int64_t cursor, std::int64_t limit,
                              std::int64_t at_ms, std::string_view nonce_b64);

}  // namespace c5::sync
