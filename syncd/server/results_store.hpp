// The stored Criterion 5 results: recomputed from merged records inside the transaction
// that changed them, kept with the change-log seq they reflect, and read back in registry
// order for `syncd results`.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/records/form_record.hpp"
#include "core/scoring/unit_result.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

// Recomputes and stores the results of the given wards and districts (other codes and units
// not in the registry are skipped; nothing happens before a registry is imported), stamped
// with `data_version` and the current time. Errors: Damaged, Io.
[[nodiscard]] Result<void> recompute_results(Database& db, const ServerContext& ctx,
                                             const std::set<std::string>& unit_codes,
                                             std::int64_t data_version);

// Recomputes every ward and district of the registry and drops results of units no longer
// in it. Errors: Damaged, Io.
[[nodiscard]] Result<void> recompute_all_results(Database& db, const ServerContext& ctx);

// Stored results in registry order. Errors: NotFound before a registry is imported;
// Damaged; Io.
[[nodiscard]] Result<std::vector<UnitResult>> stored_results(Database& db);
// The same with the registry already at hand. Errors: NotFound, Damaged, Io.
[[nodiscard]] Result<std::vector<UnitResult>> stored_results(Database& db,
                                                             const Registry& registry);

// The merged, decrypted records of one form in one unit (every unit when `unit_code` is
// empty), ordered by record id; deleted ones only with `include_deleted`. Errors: Damaged, Io.
[[nodiscard]] Result<std::vector<FormRecord>> merged_records(Database& db, const SecretKey& key,
                                                             const std::string& form,
                                                             const std::string& unit_code,
                                                             bool include_deleted);

}  // namespace c5::syncd
