// What the results pages show, as JSON for their scripts: the overview of every unit an
// account may see, and one unit's details. Household codes and personal fields go only to
// the supervisor of the unit; the province sees counts.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/scoring/unit_result.hpp"
#include "syncd/server/roles.hpp"
#include "syncd/server/server_context.hpp"
#include "syncd/web/accounts.hpp"

namespace c5::syncd {

// The units an account may see: all for the province, a supervisor's ward, or its district
// and the district's wards.
DeviceScope web_scope(const WebUser& user, const Registry* registry);

// True when the account may see household codes and personal fields of the unit: only the
// ward's own supervisor, who visits those households; a district's supervisor sees counts.
bool sees_households(const WebUser& user, const DeviceScope& scope, const std::string& unit);

// The stored results the account may see, in registry order. Errors: as stored_results.
[[nodiscard]] Result<std::vector<UnitResult>> visible_results(Database& db,
                                                              const ServerContext& ctx,
                                                              const WebUser& user);

// {"user", "units": [{code, name, level, district_code, district_name, criterion, contents,
// data_version, computed_at, last_change_ms}]}. Errors: NotFound (no registry), Damaged, Io.
[[nodiscard]] Result<nlohmann::json> overview_json(Database& db, const ServerContext& ctx,
                                                   const WebUser& user);

// The unit's result with its level's content titles, who may see what, conflicts and
// records waiting for review; nullopt when the unit is not a ward or district the account
// may see. Errors: Damaged, Io.
[[nodiscard]] Result<std::optional<nlohmann::json>> unit_json(Database& db,
                                                              const ServerContext& ctx,
                                                              const WebUser& user,
                                                              const std::string& unit_code);

nlohmann::json user_json(const WebUser& user);

}  // namespace c5::syncd
