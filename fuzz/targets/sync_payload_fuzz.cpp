// The payload codec under pushes and pulls: inflating any bytes, and opening a box that holds
// any bytes (deflated or not) between two fixed key pairs, as a receiver opens what arrives.
#include <sodium.h>

#include "core/sync/wire.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

struct Parties {
    c5::sync::IdentityKeys sender = c5::sync::generate_identity_keys();
    c5::sync::IdentityKeys receiver = c5::sync::generate_identity_keys();
};

const Parties& parties() {
    static const Parties keys;
    return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (sodium_init() < 0) return 0;
    if (size == 0) return 0;
    const std::span<const std::uint8_t> rest(data + 1, size - 1);
    auto inflated = c5::sync::zlib_inflate(rest, 1u << 20);
    if (inflated) c5::fuzz::require(inflated->size() <= (1u << 20), "inflation stays in bounds");

    // Odd first byte: the bytes are deflated first, so the JSON parser sees them.
    c5::Bytes plain = data[0] % 2 ? c5::sync::zlib_compress(c5::fuzz::as_text(rest.data(),
                                                                               rest.size()))
                                  : c5::Bytes(rest.begin(), rest.end());
    std::array<std::uint8_t, crypto_box_NONCEBYTES> nonce{};
    c5::Bytes box(plain.size() + crypto_box_MACBYTES);
    const auto& keys = parties();
    crypto_box_easy(box.data(), plain.data(), plain.size(), nonce.data(),
                    keys.receiver.box.public_key.bytes.data(),
                    keys.sender.box.secret_key.data());
    auto opened = c5::sync::open_payload(c5::sync::to_base64(nonce), c5::sync::to_base64(box),
                                         keys.sender.box.public_key,
                                         keys.receiver.box.secret_key);
    if (opened) c5::fuzz::require(opened->is_object(), "a payload opens to a JSON object");
    return 0;
}
