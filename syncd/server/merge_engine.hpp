// Where accepted changes become server state: appended to the change log, merged into each
// record's state (core VersionedRecord), held when stamped too far ahead, and followed by the
// results of every unit they touched, all inside the caller's one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/merge/versioned_record.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

struct MergeOutcome {
    std::int64_t applied = 0;    // changes merged now (whether or not they won their field)
    std::int64_t held = 0;       // changes kept in the log but held for a skewed clock
    std::int64_t released = 0;   // held changes merged now that the clock caught up
    std::int64_t conflicts = 0;  // conflicting fields in the records this merge touched
    std::int64_t last_seq = 0;   // the change-log seq after the merge: the data version
};

// Appends `changes` (already checked) to the change log under the next sequence numbers,
// tagged with their push batch (nullopt for an import); merges those not more than the skew
// bound ahead of the server clock and every held change whose time has come; updates the
// conflicts table; and recomputes the stored results of the touched units. Runs inside the
// caller's transaction. Errors: Damaged when a stored record does not open; Io.
[[nodiscard]] Result<MergeOutcome> merge_changes(Database& db, const ServerContext& ctx,
                                                 std::span<const FieldChange> changes,
                                                 std::optional<std::int64_t> batch_seq);

// One record's merged state, or nullopt when the server has none. Errors: Damaged, Io.
[[nodiscard]] Result<std::optional<VersionedRecord>> load_record(Database& db,
                                                                 const SecretKey& data_key,
                                                                 const RecordId& id);

// The greatest change-log seq (0 when empty). Errors: Io.
[[nodiscard]] Result<std::int64_t> last_change_seq(Database& db);

}  // namespace c5::syncd
