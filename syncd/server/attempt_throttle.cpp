// Counting failed attempts per key within a window.
#include "syncd/server/attempt_throttle.hpp"

#include <algorithm>

namespace c5::syncd {

std::int64_t AttemptThrottle::wait_ms(const std::string& key, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return 0;
    const std::int64_t window_end = it->second.first_ms + window_ms_;
    if (window_end <= now_ms) {
        failures_.erase(it);
        return 0;
    }
    return it->second.count >= max_failures_ ? window_end - now_ms : 0;
}

void AttemptThrottle::failed(const std::string& key, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    // Drop ended windows now and then, so guesses from many addresses do not grow the map.
    if (failures_.size() > 10000) {
        std::erase_if(failures_, [&](const auto& entry) {
            return entry.second.first_ms + window_ms_ <= now_ms;
        });
    }
    Failures& f = failures_[key];
    if (f.count == 0 || f.first_ms + window_ms_ <= now_ms) f = Failures{0, now_ms};
    ++f.count;
}

void AttemptThrottle::clear(const std::string& key) {
    std::lock_guard lock(mutex_);
    failures_.erase(key);
}

}  // namespace c5::syncd
