// The registry of administrative units: provinces, districts (where the level exists),
// wards, and the residential groups inside wards with their registered household counts.
// The hierarchy is data: a registry without districts loads and evaluates the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace c5 {

enum class UnitLevel { Province, District, Ward, Group };

// "province", "district", "ward", "group".
const char* unit_level_name(UnitLevel level);
std::optional<UnitLevel> parse_unit_level(const std::string& text);

struct Unit {
    UnitLevel level = UnitLevel::Ward;
    std::string code;         // national code; for a group, its code local to the ward
    std::string name;         // Vietnamese, NFC
    std::string parent_code;  // "" for a province
    std::optional<std::int64_t> households_registered;
};

class Registry {
public:
    // Adds a unit at the end; registry order is the order units were added.
    void add(Unit unit);

    const std::vector<Unit>& units() const { return units_; }

    // The province, district or ward with this code, or nullptr.
    const Unit* find(const std::string& code) const;

    // A residential group of a ward, or nullptr.
    const Unit* find_group(const std::string& ward_code, const std::string& group_code) const;

    // Units of one level, in registry order.
    std::vector<const Unit*> of_level(UnitLevel level) const;

    // The groups of a ward, in registry order.
    std::vector<const Unit*> groups_of(const std::string& ward_code) const;

    // Households registered in a ward: the sum over its groups when every group has a count,
    // else the ward row's own count; nullopt when neither is known.
    std::optional<std::int64_t> registered_households(const std::string& ward_code) const;

private:
    std::vector<Unit> units_;

    // Positions in units_, kept by add(): syncd looks units up for every record it scores,
    // and a province holds thousands of them. The first unit added under a key wins.
    std::unordered_map<std::string, std::size_t> by_code_;       // not groups
    std::unordered_map<std::string, std::size_t> group_by_key_;  // ward code, NUL, group
    std::unordered_map<std::string, std::vector<std::size_t>> groups_by_ward_;
};

}  // namespace c5
