// The hybrid logical clock and the skew check applied to received stamps.
#include "core/merge/stamp.hpp"

#include <cassert>
#include <chrono>
#include <limits>

namespace c5 {

Clock system_clock() {
    return [] {
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    };
}

std::string to_string(const Stamp& stamp) {
    return std::to_string(stamp.wall_ms) + "." + std::to_string(stamp.counter);
}

std::string to_string(const Version& version) {
    return to_string(version.stamp) + "@" + version.device_id;
}

HybridClock::HybridClock(Clock physical) : physical_(std::move(physical)) {
    assert(physical_ && "HybridClock needs a physical clock");
}

Stamp HybridClock::tick() {
    const std::int64_t now = physical_();
    if (now > last_.wall_ms) {
        last_ = Stamp{now, 0};
    } else if (last_.counter < std::numeric_limits<std::uint32_t>::max()) {
        ++last_.counter;
    } else {
        // 4 billion changes within one millisecond cannot come from people; borrow the
        // next millisecond rather than wrap the counter.
        last_ = Stamp{last_.wall_ms + 1, 0};
    }
    return last_;
}

void HybridClock::observe(const Stamp& remote) {
    if (remote > last_) last_ = remote;
}

bool is_too_far_ahead(const Stamp& stamp, std::int64_t now_ms, std::int64_t bound_ms) {
    return stamp.wall_ms > now_ms && stamp.wall_ms - now_ms > bound_ms;
}

}  // namespace c5
