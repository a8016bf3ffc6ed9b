// Data that enters the server from files: the registry, earlier paper surveys (household CSV)
// and checklists (JSON). Records become changes authored by the server's own device id,
// merged and scored like a push, in one transaction; a bad file changes nothing.
#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>

#include "core/io/import_issue.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

struct ImportSummary {
    std::size_t records = 0;  // rows or units read
    std::size_t changes = 0;  // field changes appended to the change log
    std::int64_t data_version = 0;
};

// The summary, or every problem of a refused file (nothing was changed then).
using ImportOutcome = std::expected<ImportSummary, ImportIssues>;

// Replaces the registry and rescores every unit. Errors: Io, Damaged.
[[nodiscard]] Result<ImportOutcome> import_registry(Database& db, const ServerContext& ctx,
                                                    const std::filesystem::path& file);

// Household records, validated as completed against the household form and the stored
// registry. A row with a record_id already on the server updates that record. Errors: Io.
[[nodiscard]] Result<ImportOutcome> import_households(Database& db, const ServerContext& ctx,
                                                      const std::filesystem::path& file);

// Ward and district checklists; a unit that has a checklist gets it updated, not a second
// one. Errors: Io.
[[nodiscard]] Result<ImportOutcome> import_checklists(Database& db, const ServerContext& ctx,
                                                      const std::filesystem::path& file);

}  // namespace c5::syncd
