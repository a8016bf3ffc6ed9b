// The random stream of the made-up data (the samples and the benchmark province): splitmix64
// with its own mapping to ranges, since std::uniform_int_distribution differs between
// standard libraries and generated files must come out the same everywhere.
#pragma once

#include <cstdint>
#include <string_view>

namespace c5_samples {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ULL;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, n), n > 0. Draws below 2^64 mod n are rejected, since keeping them
    // would make small results slightly more likely.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t skip = (0 - n) % n;
        std::uint64_t r = next();
        while (r < skip) r = next();
        return r % n;
    }

    bool per_mille(std::uint64_t p) { return below(1000) < p; }

    template <typename List>
    std::string_view pick(const List& list) {
        return list[below(list.size())];
    }

private:
    std::uint64_t state_;
};

}  // namespace c5_samples
