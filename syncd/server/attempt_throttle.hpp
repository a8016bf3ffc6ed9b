// Failed attempts counted per key (an account name, a client address) in a fixed window:
// after a number of failures within the window, the key waits until the window ends. Kept in
// memory: a restart forgets the failures, which only ever lets someone try sooner.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace c5::syncd {

class AttemptThrottle {
public:
    // `max_failures` failures within `window_ms` of the first one lock the key out until the
    // window ends.
    AttemptThrottle(int max_failures, std::int64_t window_ms)
        : max_failures_(max_failures), window_ms_(window_ms) {}

    // Milliseconds `key` must wait before its next attempt; 0 when it may try now.
    std::int64_t wait_ms(const std::string& key, std::int64_t now_ms);

    // Counts a failure of `key` (a new window starts when the last one ended).
    void failed(const std::string& key, std::int64_t now_ms);

    // Forgets the failures of `key`.
    void clear(const std::string& key);

private:
    struct Failures {
        int count = 0;
        std::int64_t first_ms = 0;
    };

    int max_failures_;
    std::int64_t window_ms_;
    std::mutex mutex_;
    std::map<std::string, Failures> failures_;
};

}  // namespace c5::syncd
