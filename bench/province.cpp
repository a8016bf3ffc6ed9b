// The benchmark province: names and answers drawn from a splitmix64 stream seeded by ward
// and household, so each household is the same in every run and on every machine.
#include "bench/province.hpp"

#include <array>
#include <cstdio>
#include <string_view>

#include "samples/generator/sample_rng.hpp"
#include "samples/generator/sample_text.hpp"

namespace c5::bench {
namespace {

constexpr std::uint64_t kSeed = 0xC5C5'BE4C'0500'0001ULL;

using c5_samples::Rng;

constexpr std::array<std::string_view, 12> kStreets = {
    "phố Hàng Bông",  "phố Lý Thường Kiệt", "đường Láng",     "phố Đội Cấn",
    "phố Kim Mã",     "đường Giải Phóng",   "phố Bạch Mai",   "phố Tô Hiến Thành",
    "đường Nguyễn Trãi", "phố Chùa Bộc",    "phố Thái Hà",    "đường Trường Chinh",
};

constexpr std::array<std::string_view, 8> kDeviceFields = {
    "smart_tv", "smart_tv_box", "smart_projector", "smart_audio",
    "tablet",   "smart_camera", "ereader",         "smart_entertainment",
};
constexpr std::array<int, 8> kDevicePerMille = {850, 250, 30, 200, 350, 300, 40, 120};

Rng household_rng(int ward, int index) {
    return Rng(kSeed ^ (static_cast<std::uint64_t>(ward) << 32) ^
               static_cast<std::uint64_t>(index) * 0x100000001B3ULL);
}

std::string two_digits(int n) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", n);
    return text;
}

// Groups of 200 consecutive households; a store of more than one ward's worth (a large
// ward) goes round the ten groups again.
std::string group_code(int index) {
    return two_digits(1 + index / (kHouseholdsPerWard / kGroupsPerWard) % kGroupsPerWard);
}

}  // namespace

std::string ward_code(int ward) {
    return std::to_string(10001 + ward);
}

std::string province_registry_csv() {
    std::string csv = "level,code,name,parent_code,households_registered\n";
    csv += "province,90,Tỉnh Thử Nghiệm,,\n";
    for (int w = 0; w < kWards; ++w) {
        const std::string code = ward_code(w);
        csv += "ward," + code + ",Phường Số " + std::to_string(w + 1) + ",90,\n";
        for (int g = 0; g < kGroupsPerWard; ++g) {
            csv += "group," + two_digits(g + 1) + ",Tổ dân phố " + two_digits(g + 1) + "," +
                   code + "," + std::to_string(kHouseholdsPerWard / kGroupsPerWard) + "\n";
        }
    }
    return csv;
}

RecordId household_id(int ward, int index) {
    Rng rng = household_rng(ward, index);
    RecordId id;
    // 2025-10-01 plus a second per household: ids sort by ward, then household.
    const std::uint64_t ms = 1'759'276'800'000ULL + static_cast<std::uint64_t>(ward) * 10'000'000 +
                             static_cast<std::uint64_t>(index) * 1000;
    for (int i = 0; i < 6; ++i) id.bytes[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    const std::uint64_t random = rng.next();
    for (int i = 6; i < 16; ++i) {
        id.bytes[i] = static_cast<std::uint8_t>(random >> (8 * (i - 6) % 64));
    }
    id.bytes[6] = static_cast<std::uint8_t>(0x70 | (id.bytes[6] & 0x0F));
    id.bytes[8] = static_cast<std::uint8_t>(0x80 | (id.bytes[8] & 0x3F));
    id.bytes[15] = static_cast<std::uint8_t>(index);
    id.bytes[14] = static_cast<std::uint8_t>(index >> 8);
    return id;
}

std::map<std::string, Value> household_values(int ward, int index) {
    Rng rng = household_rng(ward, index);
    rng.next();  // the draw household_id used
    std::map<std::string, Value> v;
    const std::string group = group_code(index);
    v["ward_code"] = ward_code(ward);
    v["group"] = group;
    v["household_code"] = group + "-" + std::to_string(100000 + index).substr(1);
    const bool female = rng.below(2) == 0;
    const std::string_view family = rng.pick(c5_samples::kFamilyNames);
    const std::string_view middle = female ? rng.pick(c5_samples::kFemaleMiddleNames)
                                           : rng.pick(c5_samples::kMaleMiddleNames);
    const std::string_view given = female ? rng.pick(c5_samples::kFemaleGivenNames)
                                          : rng.pick(c5_samples::kMaleGivenNames);
    v["head_name"] = std::string(family) + " " + std::string(middle) + " " + std::string(given);
    const std::string number = std::to_string(1 + rng.below(200));
    const std::string lane = std::to_string(2 + rng.below(90));
    v["address"] = "Số " + number + ", ngõ " + lane + " " + std::string(rng.pick(kStreets));
    const std::string_view prefix = rng.pick(c5_samples::kPhonePrefixes);
    v["phone"] = std::string(prefix) + std::to_string(1'000'000 + rng.below(9'000'000));
    const std::string_view surveyor_family = rng.pick(c5_samples::kFamilyNames);
    v["surveyor"] = std::string(surveyor_family) + " Thị " +
                    std::string(rng.pick(c5_samples::kFemaleGivenNames));
    char visited[40];
    std::snprintf(visited, sizeof visited, "2025-10-%02dT%02d:%02d:00+07:00",
                  1 + static_cast<int>(rng.below(28)), 8 + static_cast<int>(rng.below(12)),
                  static_cast<int>(rng.below(60)));
    v["visited_at"] = std::string(visited);

    const std::uint64_t outcome = rng.below(100);
    if (outcome >= 96) {
        v["visit_outcome"] = std::string(outcome >= 98 ? "vacant" : "absent");
        return v;
    }
    v["visit_outcome"] = std::string("interviewed");
    v["consent"] = true;
    bool any = false;
    for (std::size_t i = 0; i < kDeviceFields.size(); ++i) {
        const bool has = rng.per_mille(kDevicePerMille[i]);
        any = any || has;
        v[std::string(kDeviceFields[i])] = has;
    }
    if (!any) v["smart_tv"] = true;
    v["broadband_fixed"] = rng.per_mille(900);
    v["broadband_mobile"] = rng.per_mille(800);
    const std::int64_t adults = 1 + static_cast<std::int64_t>(rng.below(5));
    v["adults_15plus"] = adults;
    v["adults_smartphone"] = adults - (rng.per_mille(50) ? 1 : 0);
    if (rng.per_mille(300)) v["notes"] = std::string(rng.pick(c5_samples::kInterviewNotes));
    return v;
}

std::vector<FieldChange> household_changes(int ward, int index, const std::string& device_id,
                                           std::int64_t wall_ms) {
    std::vector<FieldChange> changes;
    const RecordId id = household_id(ward, index);
    const std::string unit = ward_code(ward);
    std::uint32_t counter = 0;
    auto values = household_values(ward, index);
    values[std::string(kStatusField)] = std::string("completed");
    for (auto& [field, value] : values) {
        changes.push_back(FieldChange{id, "household", 1, unit, field, std::move(value),
                                      Stamp{wall_ms, counter++}, device_id, Version{}});
    }
    return changes;
}

}  // namespace c5::bench
