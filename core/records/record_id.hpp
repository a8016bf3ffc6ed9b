// The identity of a record: a 128-bit id minted on the device that created the record,
// ordered by creation time (UUID version 7), so ids from offline devices never collide.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace c5 {

struct RecordId {
    std::array<std::uint8_t, 16> bytes{};

    auto operator<=>(const RecordId&) const = default;
    bool is_nil() const;
};

// Mints a new id: the first 48 bits are `unix_ms`, the rest version/variant bits and 74
// random bits from the system's secure random source. Ids minted later sort after.
RecordId mint_record_id(std::int64_t unix_ms);

// As above, with the next 12 bits taken from `sequence` (capped at 4095) and 62 random
// bits: ids a device mints within one millisecond then sort in minting order too.
RecordId mint_record_id(std::int64_t unix_ms, std::uint32_t sequence);

// The canonical text form, 36 lower-case characters "0190a5c2-…".
std::string to_string(const RecordId& id);

// Reads a UUID in its 8-4-4-4-12 text form (either case). Errors: InvalidInput with the
// text in the message when it is not a UUID.
[[nodiscard]] Result<RecordId> parse_record_id(std::string_view text);

// The creation time written into a version 7 id, in milliseconds since the epoch.
std::int64_t record_id_time_ms(const RecordId& id);

}  // namespace c5
