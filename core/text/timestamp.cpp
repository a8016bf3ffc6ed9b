// ISO 8601 timestamps with a UTC offset, parsed to and formatted from UTC epoch seconds with
// the proleptic Gregorian calendar (no time zone database needed: the offset is in the text).
#include "core/text/timestamp.hpp"

#include <cstdio>

namespace c5 {
namespace {

// Days from 1970-01-01 to a civil date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct CivilDate {
    std::int64_t year;
    int month;
    int day;
};

// The inverse of days_from_civil.
CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2), m, d};
}

bool is_leap(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(std::int64_t y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `count` ASCII digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, int count) {
    if (text.size() - pos < static_cast<std::size_t>(count)) return std::nullopt;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::optional<std::int64_t> parse_timestamp_utc(std::string_view text) {
    std::size_t pos = 0;
    const auto year = read_digits(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    const auto month = read_digits(text, pos, 2);
    if (!month || !expect(text, pos, '-')) return std::nullopt;
    const auto day = read_digits(text, pos, 2);
    if (!day || !expect(text, pos, 'T')) return std::nullopt;
    const auto hour = read_digits(text, pos, 2);
    if (!hour || !expect(text, pos, ':')) return std::nullopt;
    const auto minute = read_digits(text, pos, 2);
    if (!minute) return std::nullopt;
    int second = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        const auto s = read_digits(text, pos, 2);
        if (!s) return std::nullopt;
        second = *s;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == start) return std::nullopt;
        }
    }
    if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) ||
        *hour > 23 || *minute > 59 || second > 59) {
        return std::nullopt;
    }

    int offset_seconds = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto oh = read_digits(text, pos, 2);
        if (!oh || !expect(text, pos, ':')) return std::nullopt;
        const auto om = read_digits(text, pos, 2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset_seconds = sign * (*oh * 3600 + *om * 60);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    const std::int64_t local =
        days_from_civil(*year, *month, *day) * 86400 + *hour * 3600 + *minute * 60 + second;
    return local - offset_seconds;
}

std::string format_timestamp_utc(std::int64_t epoch_seconds) {
    std::int64_t days = epoch_seconds / 86400;
    std::int64_t rest = epoch_seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    const CivilDate date = civil_from_days(days);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                  static_cast<long long>(date.year), date.month, date.day,
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                  static_cast<int>(rest % 60));
    return buffer;
}

}  // namespace c5
