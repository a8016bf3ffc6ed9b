// Who may push and pull what (docs/sync-protocol.md, "Roles"): a surveyor its units'
// households and ward checklists, without approving; a supervisor the same for its ward or
// its district's wards plus reviews and the district checklist; the province everything.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/merge/field_change.hpp"
#include "core/registry/registry.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

enum class Role { Surveyor, Supervisor, Province };

const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view text);

// The units a device may see and change.
struct DeviceScope {
    Role role = Role::Surveyor;
    bool everything = false;      // the province
    std::set<std::string> units;  // its unit and, for a district, the district's wards

    bool covers(const std::string& unit_code) const {
        return everything || units.count(unit_code) > 0;
    }
};

// The scope of a device enrolled for `unit_code` (a province device sees everything). With
// no registry yet, the scope is the unit alone.
DeviceScope scope_of(Role role, const std::string& unit_code, const Registry* registry);

// Why `device_id` with `scope` may not push `change`, or nullopt when it may. The answer is
// for a 403 body: it names the record, field and unit, never the value.
std::optional<std::string> push_refusal(const DeviceScope& scope, const std::string& device_id,
                                        const FieldChange& change, const Definitions& defs);

}  // namespace c5::syncd
