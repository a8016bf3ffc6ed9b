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

namespace {

std::string group_key(const std::string& ward_code, const std::string& group_code) {
    std::string key = ward_code;
    key.push_back('\0');
    key += group_code;
    return key;
}

}  // namespace

void Registry::add(Unit unit) {
    const std::size_t at = units_.size();
    if (unit.level == UnitLevel::Group) {
        group_by_key_.try_emplace(group_key(unit.parent_code, unit.code), at);
        groups_by_ward_[unit.parent_code].push_back(at);
    } else {
        by_code_.try_emplace(unit.code, at);
    }
    units_.push_back(std::move(unit));
}

const Unit* Registry::find(const std::string& code) const {
    auto found = by_code_.find(code);
    return found == by_code_.end() ? nullptr : &units_[found->second];
}

const Unit* Registry::find_group(const std::string& ward_code,
                                 const std::string& group_code) const {
    auto found = group_by_key_.find(group_key(ward_code, group_code));
    return found == group_by_key_.end() ? nullptr : &units_[found->second];
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
    auto found = groups_by_ward_.find(ward_code);
    if (found == groups_by_ward_.end()) return out;
    out.reserve(found->second.size());
    for (std::size_t at : found->second) out.push_back(&units_[at]);
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
