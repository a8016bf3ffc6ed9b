// Timestamps as the forms carry them: ISO 8601 with an explicit UTC offset, so visits
// recorded on laptops in different time zones compare correctly once turned into UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace c5 {

// Seconds since 1970-01-01T00:00:00Z of "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z" or
// "+HH:MM"/"-HH:MM" (fractions of a second are dropped). Nullopt when the text is not of that
// shape, names a date or time that does not exist, or has no offset: a local time alone is
// ambiguous.
std::optional<std::int64_t> parse_timestamp_utc(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" for seconds since the epoch.
std::string format_timestamp_utc(std::int64_t epoch_seconds);

}  // namespace c5
