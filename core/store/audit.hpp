// The store's audit trail: each save, review, merge, sync and key change, recorded inside
// the store and sealed like the data, so the history travels with the data it describes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace c5 {

enum class AuditAction {
    Save,              // a local edit of a record's fields
    Review,            // a status change, a review comment, or a settled conflict
    Delete,            // a record marked deleted or restored
    Merge,             // changes received from another device or the server
    Sync,              // changes acknowledged by the server, or a sync session
    PassphraseChange,  // the store key rewrapped under a new passphrase
    Recovery,          // the store opened with the recovery key
};

// "save", "review", "delete", "merge", "sync", "passphrase_change", "recovery".
const char* audit_action_name(AuditAction action);

struct AuditEntry {
    std::int64_t seq = 0;    // order of appending, from 1
    std::int64_t at_ms = 0;  // the device's wall clock
    AuditAction action = AuditAction::Save;
    std::string device_id;  // the device that acted
    std::string user;       // who was at it, as the app named them
    std::string record_id;  // UUID text, or empty for store-wide actions
    std::string detail;     // field names, counts, peers; never personal values
};

struct AuditLog {
    std::vector<AuditEntry> entries;    // oldest first
    std::vector<std::int64_t> damaged;  // sequence numbers whose entry fails to open
};

}  // namespace c5
