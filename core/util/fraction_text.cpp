// Rounding of shares for display, kept honest at both ends.
#include "core/util/fraction_text.hpp"

#include <cmath>
#include <charconv>

namespace c5 {

namespace {

// Rounds `value` to `decimals` places, then pulls it back inside (0, top) when rounding
// alone would have reached an end the exact value does not.
double honest_round(double value, int decimals, double top) {
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (value < top && rounded >= top) rounded = top - 1.0 / scale;
    if (value > 0.0 && rounded <= 0.0) rounded = 1.0 / scale;
    return rounded;
}

// Whatever the process locale: always '.' as the point here.
std::string fixed(double value, int decimals) {
    char buf[64];
    const auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

std::string fraction_text(double fraction, int decimals) {
    return fixed(honest_round(fraction, decimals, 1.0), decimals);
}

std::string percent_text(double fraction, int decimals, char mark) {
    std::string s = fixed(honest_round(fraction * 100.0, decimals, 100.0), decimals);
    for (char& c : s)
        if (c == '.') c = mark;
    return s;
}

}  // namespace c5
