// The registry of administrative units: look-ups by code, by level and by ward, and the
// registered household count a ward's survey coverage is measured against.
#include "core/registry/registry.hpp"

#include <utility>

namespace c5 {

const char* unit_level_name(UnitLevel level) {
    switch (level) {
        case UnitLevel::Province:
            return "province";
        case UnitLevel::District:
            return "district";
        case UnitLevel::Ward:
            return "ward";
        case UnitLevel::Group:
            return "group";
    }
    return "ward";
}

std::optional<UnitLevel> parse_unit_level(const std::string& text) {
    for (UnitLevel level :
         {UnitLevel::Province, UnitLevel::District, UnitLevel::Ward, UnitLevel::Group}) {
        if (text == unit_level_name(level)) return level;
    }
    return std::nullopt;
}

void Registry::add(Unit unit) {
    units_.push_back(std::move(unit));
}

const Unit* Registry::find(const std::string& code) const {
    for (const Unit& unit : units_) {
        if (unit.level != UnitLevel::Group && unit.code == code) return &unit;
    }
    return nullptr;
}

const Unit* Registry::find_group(const std::string& ward_code,
                                 const std::string& group_code) const {
    for (const Unit& unit : units_) {
        if (unit.level == UnitLevel::Group && unit.parent_code == ward_code &&
            unit.code == group_code) {
            return &unit;
        }
    }
    return nullptr;
}

std::vector<const Unit*> Registry::of_level(UnitLevel level) const {
    std::vector<const Unit*> out;
    for (const Unit& unit : units_) {
        if (unit.level == level) out.push_back(&unit);
    }
    return out;
}

std::vector<const Unit*> Registry::groups_of(const std::string& ward_code) const {
    std::vector<const Unit*> out;
    for (const Unit& unit : units_) {
        if (unit.level == UnitLevel::Group && unit.parent_code == ward_code) out.push_back(&unit);
    }
    return out;
}

std::optional<std::int64_t> Registry::registered_households(const std::string& ward_code) const {
    const std::vector<const Unit*> groups = groups_of(ward_code);
    if (!groups.empty()) {
        std::int64_t sum = 0;
        bool all_known = true;
        for (const Unit* group : groups) {
            if (!group->households_registered) {
                all_known = false;
                break;
            }
            sum += *group->households_registered;
        }
        if (all_known) return sum;
    }
    // Without a count for every group, the ward row's own figure (if any) is the best known.
    const Unit* ward = find(ward_code);
    if (ward == nullptr) return std::nullopt;
    return ward->households_registered;
}

}  // namespace c5
