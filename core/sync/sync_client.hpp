// The device side of the sync protocol (docs/sync-protocol.md, "Device side"): enrolling a
// laptop, then pushing its own changes in chained batches and pulling everyone else's into
// its store. Runs on the caller's thread and blocks on the network: the app calls it from its
// worker thread, never from a frame.
#pragma once

#include <atomic>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.hpp"
#include "core/sync/device_identity.hpp"
#include "core/sync/transport.hpp"

namespace c5::sync {

// What went wrong with a sync or an enrolment, coarse enough for the app to pick its one
// action ("Retry", "Enrol again", "Call the supervisor").
enum class SyncErrorKind {
    NotEnrolled,   // the store holds no device identity: enrol first
    Offline,       // no answer: the server is unreachable or the connection was cut
    Timeout,       // the server took longer than allowed to answer
    Unauthorized,  // 401: a bad, used or expired code; an unknown or revoked device
    ClockSkew,     // 401 stale_request: this laptop's clock is more than 5 minutes off
    Forbidden,     // 403 on a pull: the role may not read what it asked for
    OutOfOrder,    // 409: the server's record of this device's batches differs from ours
    Refused,       // another 4xx the client cannot resolve (400 malformed, 404)
    ServerFault,   // 5xx or an unexpected status: syncd failed; try again later
    BadResponse,   // a 200 whose body does not decode or does not come from the pinned keys
    Store,         // the local store failed (disk, damaged item)
    Cancelled,     // the caller's cancel flag was set between two requests
};

// "not_enrolled", "offline", "timeout", …: for logs and tests.
const char* sync_error_kind_name(SyncErrorKind kind);

// One change the server refused for its content (422 invalid_values, 403 outside_role, 413
// too_large when alone in its batch). It stays unsynced but is not sent again until the field
// is edited or retry_rejected is called; the app lists it with the server's message.
struct RejectedChange {
    FieldChange change;
    int status = 0;       // 422, 403 or 413
    std::string code;     // the server's error code, "invalid_values"
    std::string message;  // the server's words, naming record and field
};

// What one sync did. Counts are of field changes unless named otherwise.
struct SyncReport {
    std::size_t sent = 0;              // own changes the server acknowledged (repeats included)
    std::size_t batches = 0;           // push requests acknowledged
    std::size_t repeats = 0;           // of those, batches the server already had (a resend)
    std::size_t applied = 0;           // changes the server newly applied, as its acks say
    std::size_t server_conflicts = 0;  // conflicts the server's acks reported
    std::size_t server_held = 0;       // own changes the server held for a skewed clock
    std::size_t received = 0;          // changes pulled from the server
    std::size_t merged = 0;            // of those, new to this store
    std::size_t held = 0;              // pulled changes held here for a skewed clock
    std::vector<RecordId> conflicted_records;  // records the pull left with conflicts
    std::vector<RejectedChange> rejected;      // refused during this sync
    std::int64_t cursor = 0;                   // the pull position reached
};

struct SyncError {
    SyncErrorKind kind = SyncErrorKind::ServerFault;
    std::string message;  // plain words with context: "push batch 3: could not reach …"
    int status = 0;       // the HTTP status, 0 when there was none
    std::string code;     // the server's error code ("revoked"), "" when none
    SyncReport progress;  // what was done before the failure; it is kept in the store
};

template <class T>
using SyncResult = std::expected<T, SyncError>;

enum class SyncPhase { Pushing, Pulling };

struct SyncProgress {
    SyncPhase phase = SyncPhase::Pushing;
    std::size_t sent = 0;     // changes acknowledged so far
    std::size_t to_send = 0;  // changes this sync set out to send
    std::size_t received = 0;
};

// Called on the syncing thread after each request; the app forwards it to its UI thread.
using ProgressCallback = std::function<void(const SyncProgress&)>;

struct SyncOptions {
    ProgressCallback progress;
    // Checked between requests; a request in flight is not interrupted.
    const std::atomic<bool>* cancel = nullptr;
    // The device clock for pull requests' `at`; the system clock when empty.
    Clock clock;
    std::size_t batch_changes = 2000;  // at most this many changes per push (protocol: 5000)
    std::int64_t pull_limit = 2000;    // changes asked for per pull
};

// A successful enrolment held in memory: the new key pairs and the server's answer. Nothing
// is stored yet; see save_enrollment.
struct Enrollment {
    IdentityKeys keys;
    DeviceEnrollment record;
};

// Asks GET /v1/health whether `transport` reaches a syncd speaking this protocol version,
// for a "Test connection" button. Errors: Offline, Timeout; ServerFault for another status;
// BadResponse when the answer is not syncd's or names another protocol version.
[[nodiscard]] SyncResult<void> check_server(Transport& transport);

// Makes fresh device key pairs and enrols them with the one-time `code` ("K7QF-9M2X") under
// `device_name`. The server's answer is checked (device id, role, keys, recovery key).
// Errors: Unauthorized with code bad_code, code_used or code_expired; Offline, Timeout;
// Refused; ServerFault; BadResponse.
[[nodiscard]] SyncResult<Enrollment> request_enrollment(Transport& transport, std::string_view code,
                                                        std::string_view device_name,
                                                        Clock clock = {});

// Stores an enrolment's keys and record sealed in `store`, whose device id must be the one
// the server assigned (create the store with enrollment.record.device_id and the recovery
// key decoded from enrollment.record.recovery_pk). Errors: Conflict for another device id; Io.
[[nodiscard]] Result<void> save_enrollment(Store& store, const Enrollment& enrollment);

// Enrols and creates the device's store in one step: checks that `store_path` does not exist
// yet, enrols, creates the store at it with the server's device id and recovery key, and
// saves the identity in it. Errors: those of request_enrollment; Store when the file exists
// (before the code is spent) or cannot be created (the code is then spent: ask for another).
[[nodiscard]] SyncResult<Store> enroll(const std::filesystem::path& store_path,
                                       std::string_view passphrase, Transport& transport,
                                       std::string_view code, std::string_view device_name,
                                       StoreOptions options = {});

// One sync session: first resends the batch left pending by an interrupted sync (the same
// bytes), then pushes every unsynced own change in numbered, chained batches, marking each
// batch's changes synced on its 200; then pulls until the server says there is no more,
// merging each page and storing its cursor in one store transaction. A batch refused for its
// content is split until the refused changes are found; they are set aside as rejected and
// the rest is sent. On error, everything acknowledged or merged so far stays in the store
// and the next sync resumes from there. Errors: every SyncErrorKind; `progress` is filled.
[[nodiscard]] SyncResult<SyncReport> sync(Store& store, Transport& transport,
                                          const SyncOptions& options = {});
[[nodiscard]] SyncResult<SyncReport> sync(Store& store, Transport& transport,
                                          ProgressCallback progress);

// What the app shows beside its Sync button.
struct SyncStatus {
    bool enrolled = false;
    std::size_t waiting = 0;    // own changes not yet acknowledged, rejected ones excluded
    std::size_t rejected = 0;   // own changes set aside as refused by the server
    bool push_pending = false;  // an interrupted batch will be resent first
    std::optional<std::int64_t> last_sync_ms;     // the end of the last complete sync
    std::optional<std::int64_t> last_attempt_ms;  // the end of the last sync, complete or not
    std::string last_error;  // the last attempt's error message, "" when it succeeded
};

// Reads the status from the store without touching the network. Errors: Io, Damaged.
[[nodiscard]] Result<SyncStatus> sync_status(const Store& store);

// The changes set aside as rejected, still unsynced, oldest first. Errors: Io, Damaged.
[[nodiscard]] Result<std::vector<RejectedChange>> rejected_changes(const Store& store);

// Forgets the rejections, so the next sync sends those changes again (after the server's
// forms or the device's units were corrected). Errors: Io.
[[nodiscard]] Result<void> retry_rejected(Store& store);

}  // namespace c5::sync
