// Base64, keys, signatures, hashes and boxed payloads of the sync protocol (libsodium, zlib).
#include "core/sync/wire.hpp"

#include <sodium.h>
#include <zlib.h>

#include <cassert>
#include <cstring>

#include "core/util/json_depth.hpp"

namespace c5::sync {
namespace {

constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;
constexpr int kZlibLevel = 6;

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SEEDBYTES == 32);
static_assert(crypto_sign_BYTES == 64 && crypto_box_NONCEBYTES == 24);
static_assert(crypto_box_PUBLICKEYBYTES == 32 && crypto_box_SECRETKEYBYTES == 32);

std::span<const std::uint8_t> as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

template <class Key>
Result<Key> parse_public_key(std::string_view b64, const char* what) {
    auto bytes = from_base64_exact(b64, 32);
    if (!bytes) return std::unexpected(bytes.error().with_context(what));
    Key key;
    std::memcpy(key.bytes.data(), bytes->data(), 32);
    return key;
}

}  // namespace

std::string to_base64(std::span<const std::uint8_t> bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kBase64), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kBase64);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

Result<Bytes> from_base64(std::string_view text) {
    Bytes out(text.size() / 4 * 3 + 3);
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          kBase64) != 0) {
        return fail(ErrorKind::InvalidInput, "not standard base64");
    }
    out.resize(len);
    return out;
}

Result<Bytes> from_base64_exact(std::string_view text, std::size_t size) {
    auto bytes = from_base64(text);
    if (!bytes) return bytes;
    if (bytes->size() != size) {
        return fail(ErrorKind::InvalidInput, "expected " + std::to_string(size) + " bytes, got " +
                                                 std::to_string(bytes->size()));
    }
    return bytes;
}

IdentityKeys generate_identity_keys() {
    init_sodium();
    return IdentityKeys{signing_key_pair_from_seed(SecretKey::random()),
                        box_key_pair_from_secret(SecretKey::random())};
}

SigningKeyPair signing_key_pair_from_seed(const SecretKey& seed) {
    init_sodium();
    SigningKeyPair pair{{}, seed};
    std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
    crypto_sign_seed_keypair(pair.public_key.bytes.data(), sk.data(), seed.data());
    sodium_memzero(sk.data(), sk.size());
    return pair;
}

BoxKeyPair box_key_pair_from_secret(const SecretKey& secret_key) {
    init_sodium();
    BoxKeyPair pair{{}, secret_key};
    crypto_scalarmult_base(pair.public_key.bytes.data(), secret_key.data());
    return pair;
}

Result<SignPublicKey> parse_sign_public_key(std::string_view b64) {
    return parse_public_key<SignPublicKey>(b64, "signing key");
}

Result<BoxPublicKey> parse_box_public_key(std::string_view b64) {
    return parse_public_key<BoxPublicKey>(b64, "box key");
}

Signature sign_detached(const SigningKeyPair& keys, std::string_view message) {
    init_sodium();
    std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> pk{};
    crypto_sign_seed_keypair(pk.data(), sk.data(), keys.seed.data());
    Signature sig{};
    const auto bytes = as_bytes(message);
    crypto_sign_detached(sig.data(), nullptr, bytes.data(), bytes.size(), sk.data());
    sodium_memzero(sk.data(), sk.size());
    return sig;
}

bool verify_detached(const SignPublicKey& signer, std::string_view message,
                     std::span<const std::uint8_t> signature) {
    init_sodium();
    if (signature.size() != crypto_sign_BYTES) return false;
    const auto bytes = as_bytes(message);
    return crypto_sign_verify_detached(signature.data(), bytes.data(), bytes.size(),
                                       signer.bytes.data()) == 0;
}

Hash32 batch_hash(std::string_view signed_bytes) {
    init_sodium();
    Hash32 out{};
    const auto bytes = as_bytes(signed_bytes);
    crypto_generichash(out.data(), out.size(), bytes.data(), bytes.size(), nullptr, 0);
    return out;
}

Bytes zlib_compress(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    Bytes out(size);
    [[maybe_unused]] const int rc =
        compress2(out.data(), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), kZlibLevel);
    // compress2 fails only for lack of memory or a too small buffer, which compressBound
    // rules out.
    assert(rc == Z_OK && "compress2 failed with a buffer of compressBound size");
    out.resize(size);
    return out;
}

Result<std::string> zlib_inflate(std::span<const std::uint8_t> data, std::size_t max_bytes) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) return fail(ErrorKind::Internal, "inflateInit failed");
    stream.next_in = const_cast<Bytef*>(data.data());
    stream.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char chunk[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out.append(chunk, sizeof chunk - stream.avail_out);
        if (out.size() > max_bytes) {
            inflateEnd(&stream);
            return fail(ErrorKind::InvalidInput, "payload inflates beyond the limit");
        }
        if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) break;
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END) return fail(ErrorKind::InvalidInput, "payload is not zlib data");
    return out;
}

BoxedPayload seal_payload(const nlohmann::json& payload, const BoxPublicKey& recipient,
                          const SecretKey& sender_box_secret) {
    init_sodium();
    Bytes plain = zlib_compress(payload.dump());
    std::array<std::uint8_t, crypto_box_NONCEBYTES> nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    Bytes boxed(plain.size() + crypto_box_MACBYTES);
    // crypto_box_easy fails only for a recipient key of low order, which no key pair of
    // libsodium has; the receiver would refuse such a box anyway.
    [[maybe_unused]] const int rc =
        crypto_box_easy(boxed.data(), plain.data(), plain.size(), nonce.data(),
                        recipient.bytes.data(), sender_box_secret.data());
    return BoxedPayload{to_base64(nonce), to_base64(boxed)};
}

Result<nlohmann::json> open_payload(std::string_view nonce_b64, std::string_view box_b64,
                                    const BoxPublicKey& sender,
                                    const SecretKey& recipient_box_secret) {
    init_sodium();
    auto nonce = from_base64_exact(nonce_b64, crypto_box_NONCEBYTES);
    if (!nonce) return std::unexpected(nonce.error().with_context("nonce"));
    auto boxed = from_base64(box_b64);
    if (!boxed) return std::unexpected(boxed.error().with_context("box"));
    if (boxed->size() < crypto_box_MACBYTES) return fail(ErrorKind::InvalidInput, "box too short");
    Bytes plain(boxed->size() - crypto_box_MACBYTES);
    if (crypto_box_open_easy(plain.data(), boxed->data(), boxed->size(), nonce->data(),
                             sender.bytes.data(), recipient_box_secret.data()) != 0) {
        return fail(ErrorKind::InvalidInput, "box does not open with the pinned keys");
    }
    auto text = zlib_inflate(plain, kMaxPayloadBytes);
    if (!text) return std::unexpected(text.error());
    if (!json_nesting_within(*text)) {
        return fail(ErrorKind::InvalidInput, "payload nests too deep");
    }
    auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return fail(ErrorKind::InvalidInput, "payload is not a JSON object");
    }
    return json;
}

std::string push_signed_bytes(std::string_view device_id, std::int64_t seq,
                              std::string_view prev_b64, std::string_view nonce_b64,
                              std::string_view box_b64) {
    std::string out = "c5-push-v1\n";
    out.append(device_id).append("\n").append(std::to_string(seq)).append("\n");
    out.append(prev_b64).append("\n").append(nonce_b64).append("\n").append(box_b64);
    return out;
}

std::string pull_signed_bytes(std::string_view device_id, std::int64_t cursor, std::int64_t limit,
                              std::int64_t at_ms, std::string_view nonce_b64) {
    std::string out = "c5-pull-v1\n";
    out.append(device_id).append("\n").append(std::to_string(cursor)).append("\n");
    out.append(std::to_string(limit)).append("\n").append(std::to_string(at_ms)).append("\n");
    out.append(nonce_b64);
    return out;
}

}  // namespace c5::sync
