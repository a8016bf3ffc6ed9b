// Hybrid logical clock stamps: physical time in milliseconds plus a counter, so that stamps
// follow real time where clocks agree and still order every change a device has seen.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace c5 {

// Milliseconds since the Unix epoch, as a device's wall clock reads them. Injected so tests
// can skew or freeze time without sleeping.
using Clock = std::function<std::int64_t()>;

// The system's wall clock.
Clock system_clock();

struct Stamp {
    std::int64_t wall_ms = 0;
    std::uint32_t counter = 0;

    auto operator<=>(const Stamp&) const = default;
};

// Which write a value came from: its stamp, then the writing device to break ties. This is
// the total order merge uses; the zero Version (no stamp, no device) sorts before all.
struct Version {
    Stamp stamp;
    std::string device_id;

    auto operator<=>(const Version&) const = default;
    bool is_none() const { return stamp == Stamp{} && device_id.empty(); }
};

// "1718000000000.3@laptop-07", for messages and tests.
std::string to_string(const Stamp& stamp);
std::string to_string(const Version& version);

// A hybrid logical clock (Kulkarni et al., 2014). Not thread-safe; one per store.
class HybridClock {
public:
    explicit HybridClock(Clock physical);

    // A stamp for a local change: greater than every stamp this clock has issued or
    // observed, and at least the physical time.
    Stamp tick();

    // Takes in a stamp received from elsewhere, so later ticks come after it. The caller
    // decides beforehand whether the stamp is believable (see is_too_far_ahead).
    void observe(const Stamp& remote);

    // The physical time now, from the injected clock.
    std::int64_t physical_now() const { return physical_(); }

    // The greatest stamp issued or observed so far.
    const Stamp& last() const { return last_; }

private:
    Clock physical_;
    Stamp last_;
};

// True when `stamp` is more than `bound_ms` ahead of `now_ms`: a device with a wrong date.
// Such a stamp must not win a merge or move the receiving clock forward.
bool is_too_far_ahead(const Stamp& stamp, std::int64_t now_ms, std::int64_t bound_ms);

// The default bound for is_too_far_ahead: 24 hours.
inline constexpr std::int64_t kDefaultMaxClockSkewMs = 24LL * 60 * 60 * 1000;

}  // namespace c5
