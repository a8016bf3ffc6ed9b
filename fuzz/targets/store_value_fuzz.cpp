// The store's decoding of a field value and of an audit entry from plaintext that opened:
// the tagged, padded encoding under the AEAD layer. First byte picks which.
#include "core/store/sealing.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const c5::Bytes plain(data + 1, data + size);
    if (data[0] % 2 == 0) {
        (void)c5::sealing::decode_value_plaintext(plain);
    } else {
        auto entry = c5::sealing::decode_audit_plaintext(plain, 7, 1700000000000);
        if (entry) c5::fuzz::require(entry->seq == 7, "the bound sequence number is kept");
    }
    return 0;
}
