// Role scopes and the push rules of each role.
#include "syncd/server/roles.hpp"

namespace c5::syncd {

const char* role_name(Role role) {
    switch (role) {
        case Role::Surveyor:
            return "surveyor";
        case Role::Supervisor:
            return "supervisor";
        case Role::Province:
            return "province";
    }
    return "surveyor";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "surveyor") return Role::Surveyor;
    if (text == "supervisor") return Role::Supervisor;
    if (text == "province") return Role::Province;
    return std::nullopt;
}

DeviceScope scope_of(Role role, const std::string& unit_code, const Registry* registry) {
    DeviceScope scope{role, role == Role::Province, {unit_code}};
    if (!registry || scope.everything) return scope;
    const Unit* unit = registry->find(unit_code);
    if (unit && unit->level == UnitLevel::District) {
        for (const Unit* ward : registry->of_level(UnitLevel::Ward)) {
            if (ward->parent_code == unit_code) scope.units.insert(ward->code);
        }
    }
    return scope;
}

std::optional<std::string> push_refusal(const DeviceScope& scope, const std::string& device_id,
                                        const FieldChange& change, const Definitions& defs) {
    const std::string where =
        "record " + to_string(change.record_id) + " field " + change.field + ": ";
    if (change.device_id != device_id) {
        return where + "written by device " + change.device_id + ", not by the pusher";
    }
    if (scope.everything) return std::nullopt;
    if (!scope.covers(change.unit_code)) {
        return where + "unit " + change.unit_code + " is outside this device's units";
    }
    const bool surveyor = scope.role == Role::Surveyor;
    const bool own_form = change.form == defs.criteria.household_form ||
                          change.form == defs.checklist_form(UnitLevel::Ward);
    const bool district_form = change.form == defs.checklist_form(UnitLevel::District);
    if (!own_form && (surveyor || !district_form)) {
        return where + "a " + std::string(surveyor ? "surveyor" : "supervisor") +
               " may not change " + change.form + " records";
    }
    if (surveyor && change.field == kReviewCommentField) {
        return where + "only a supervisor writes review comments";
    }
    if (surveyor && change.field == kStatusField) {
        const auto* text = std::get_if<std::string>(&change.value);
        const auto status = text ? parse_review_status(*text) : std::nullopt;
        if (status == ReviewStatus::Approved || status == ReviewStatus::Rejected) {
            return where + "only a supervisor approves or rejects a record";
        }
    }
    return std::nullopt;
}

}  // namespace c5::syncd
