// Latency samples and error counts gathered by the load run's threads, and their summary.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace c5::load {

// Timings of one kind of request and its failures by kind ("timeout", "status 503").
struct Figures {
    std::vector<double> ms;  // of the requests that succeeded
    std::map<std::string, int> failures;
    std::string first_failure;  // the first failure's message, to start from when debugging

    void fail(const std::string& kind, const std::string& message) {
        if (failures.empty()) first_failure = kind + ": " + message;
        ++failures[kind];
    }

    void add(const Figures& other) {
        ms.insert(ms.end(), other.ms.begin(), other.ms.end());
        for (const auto& [kind, count] : other.failures) failures[kind] += count;
        if (first_failure.empty()) first_failure = other.first_failure;
    }

    int failed() const {
        int total = 0;
        for (const auto& entry : failures) total += entry.second;
        return total;
    }

    // The q-quantile (0.5, 0.99) of the successful requests' times, nearest rank; 0 when none.
    double quantile(double q) const {
        if (ms.empty()) return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const auto rank =
            static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
        return sorted[std::min(rank, sorted.size() - 1)];
    }

    double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

}  // namespace c5::load
