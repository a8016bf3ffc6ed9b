// What the sync client keeps in the store between sessions: the push chain, the batch
// awaiting its acknowledgement, the rejected changes, the last session's outcome, and the pull
// cursor. Internal to core/sync's client files.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.hpp"
#include "core/sync/sync_client.hpp"
#include "core/sync/wire.hpp"

namespace c5::sync::client {

// Sealed items and the cursor name; docs/sync-protocol.md "Device side" lists them.
inline constexpr std::string_view kPushChainItem = "sync.push_chain";
inline constexpr std::string_view kPushPendingItem = "sync.push_pending";
inline constexpr std::string_view kRejectedItem = "sync.rejected";
inline constexpr std::string_view kLastSyncItem = "sync.last";
inline constexpr std::string_view kPullCursorName = "syncd";

// The last batch the server acknowledged: the next batch is seq + 1 with prev = hash.
struct PushChain {
    std::int64_t seq = 0;
    Hash32 hash = kZeroHash;
};

// A push request stored before it is sent, so a resend after a failure is the same bytes.
struct PendingPush {
    std::int64_t seq = 0;
    Hash32 hash{};
    std::string body;                  // the request exactly as sent
    std::vector<FieldChange> changes;  // what it carries, to mark synced on its 200
};

struct LastSync {
    std::optional<std::int64_t> ok_ms;
    std::optional<std::int64_t> attempt_ms;
    std::string error;
};

// Each reader returns the empty value when the item is absent. Errors: Damaged, Io.
[[nodiscard]] Result<PushChain> load_chain(const Store& store);
[[nodiscard]] Result<void> save_chain(Store& store, const PushChain& chain);

[[nodiscard]] Result<std::optional<PendingPush>> load_pending(const Store& store);
[[nodiscard]] Result<void> save_pending(Store& store, const PendingPush& pending);
[[nodiscard]] Result<void> clear_pending(Store& store);

[[nodiscard]] Result<std::vector<RejectedChange>> load_rejected(const Store& store);
[[nodiscard]] Result<void> save_rejected(Store& store, const std::vector<RejectedChange>& list);

[[nodiscard]] Result<LastSync> load_last_sync(const Store& store);
[[nodiscard]] Result<void> save_last_sync(Store& store, const LastSync& last);

// The pull position (0 before the first pull). Errors: Damaged when not a number, Io.
[[nodiscard]] Result<std::int64_t> load_pull_cursor(const Store& store);

// The rejections that still hold: a rejected change stays set aside while it is unsynced
// and its record has no newer unsynced edit; an edit of the record lifts the rejection of all
// its changes, so the corrected record is sent whole.
std::vector<RejectedChange> live_rejections(std::vector<RejectedChange> rejected,
                                            std::span<const FieldChange> unsynced);

// True when both name the same version of the same field of the same record.
bool same_version(const FieldChange& a, const FieldChange& b);

}  // namespace c5::sync::client
