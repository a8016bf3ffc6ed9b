// Every sync protocol message decoder on any bytes, parsed as syncd and the client parse a
// body. The first byte picks the message; what decodes must encode and decode to the same.
#include "core/sync/wire_body.hpp"
#include "core/sync/wire_messages.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

using namespace c5::sync;

// Decodes, encodes again, and decodes what was encoded: both decodings must succeed.
template <class Decode>
void round_trip(const nlohmann::json& json, Decode decode) {
    auto first = decode(json);
    if (!first) return;
    auto second = decode(to_json(*first));
    c5::fuzz::require(second.has_value(), "an encoded message decodes again");
}

void decode_changes(const nlohmann::json& json) {
    auto changes = changes_from_json(json);
    if (!changes) return;
    auto again = changes_from_json(changes_to_json(*changes));
    c5::fuzz::require(again.has_value() && *again == *changes, "changes round-trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    auto json = parse_body_json(c5::fuzz::as_text(data + 1, size - 1));
    if (!json) return 0;

    switch (data[0] % 8) {
        case 0: round_trip(*json, enroll_request_from_json); break;
        case 1: round_trip(*json, enroll_response_from_json); break;
        case 2: round_trip(*json, push_request_from_json); break;
        case 3: round_trip(*json, push_ack_from_json); break;
        case 4: round_trip(*json, pull_request_from_json); break;
        case 5: round_trip(*json, pull_page_from_json); break;
        case 6: round_trip(*json, error_body_from_json); break;
        default: decode_changes(*json); break;
    }
    return 0;
}
