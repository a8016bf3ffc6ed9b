// The store's decoding of a field value, an audit entry and a record snapshot from
// plaintext that opened: the tagged, padded encodings under the AEAD layer. The first byte
// picks which (its value modulo 3).
#include "core/store/sealing.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

// A snapshot that decodes seals and opens again to the same digest and values.
void check_snapshot_round_trip(const c5::sealing::RecordSnapshot& snapshot) {
    static const c5::SecretKey key = c5::SecretKey::random();
    const c5::RecordId id{};
    const c5::Bytes sealed = c5::sealing::seal_snapshot(key, id, snapshot);
    auto opened = c5::sealing::open_snapshot(key, id, sealed);
    c5::fuzz::require(opened.has_value(), "a sealed snapshot opens");
    c5::fuzz::require(opened->rows_digest == snapshot.rows_digest, "the digest is kept");
    c5::fuzz::require(opened->values == snapshot.values, "the values are kept");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const c5::Bytes plain(data + 1, data + size);
    switch (data[0] % 3) {
        case 0:
            (void)c5::sealing::decode_value_plaintext(plain);
            break;
        case 1: {
            auto entry = c5::sealing::decode_audit_plaintext(plain, 7, 1700000000000);
            if (entry) c5::fuzz::require(entry->seq == 7, "the bound sequence number is kept");
            break;
        }
        default:
            if (auto snapshot = c5::sealing::decode_snapshot_plaintext(plain)) {
                check_snapshot_round_trip(*snapshot);
            }
    }
    return 0;
}
