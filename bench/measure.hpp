// Timing, medians and percentiles for the benchmarks.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace c5::bench {

using SteadyClock = std::chrono::steady_clock;

// Milliseconds since `start`, as a double.
inline double ms_since(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// The median of the samples (the mean of the middle two for an even count); 0 when empty.
inline double median(std::vector<double> samples) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    const std::size_t mid = samples.size() / 2;
    return samples.size() % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
}

// The nearest-rank percentile `p` (0 < p ≤ 100) of the samples; 0 when empty.
inline double percentile(std::vector<double> samples, double p) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(samples.size()) +
                                               0.999999);
    return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

}  // namespace c5::bench
