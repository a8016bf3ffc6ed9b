// Names of audit actions.
#include "core/store/audit.hpp"

namespace c5 {

const char* audit_action_name(AuditAction action) {
    switch (action) {
        case AuditAction::Save:
            return "save";
        case AuditAction::Review:
            return "review";
        case AuditAction::Delete:
            return "delete";
        case AuditAction::Merge:
            return "merge";
        case AuditAction::Sync:
            return "sync";
        case AuditAction::PassphraseChange:
            return "passphrase_change";
        case AuditAction::Recovery:
            return "recovery";
    }
    return "unknown";
}

}  // namespace c5
