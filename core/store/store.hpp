// The encrypted local store: one SQLite file per device holding its records as sealed field
// versions, merged with changes from other devices. Not thread-safe: one thread uses a
// Store at a time (the app runs it on its worker thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/passphrase.hpp"
#include "core/crypto/recovery_key.hpp"
#include "core/merge/versioned_record.hpp"
#include "core/records/form_record.hpp"
#include "core/store/audit.hpp"
#include "core/util/result.hpp"

namespace c5 {

struct StoreOptions {
    std::string user;  // who works at this device, written into audit entries
    Clock clock;       // the wall clock; the system's when empty
    // A received stamp further ahead of the clock than this is held, not merged.
    std::int64_t max_clock_skew_ms = kDefaultMaxClockSkewMs;
    // Argon2id limits for create and change_passphrase (opening uses the stored ones).
    KdfStrength kdf_strength = KdfStrength::Interactive;
};

// A local edit: the fields to set on one record. Fields not named keep their values; an
// empty Value clears a field. Text is stored in NFC.
struct RecordEdit {
    std::optional<RecordId> record_id;  // none: a new record with a new id
    std::string form;
    int form_version = 0;
    std::string unit_code;
    std::map<std::string, Value> values;  // form fields only; reserved names are refused
};

struct StoredRecord {
    FormRecord record;  // the decrypted values and the deleted flag
    int form_version = 0;
    ReviewStatus status = ReviewStatus::Draft;
    std::string review_comment;
    std::vector<FieldConflict> conflicts;  // for a supervisor to settle
    Version newest;                        // the newest change merged into it
    bool synced = true;                    // false while a change of it waits to be sent
};

struct DamagedRecord {
    RecordId record_id;
    std::string reason;
};

struct RecordList {
    std::vector<StoredRecord> records;   // ordered by record id, that is by creation time
    std::vector<DamagedRecord> damaged;  // records whose stored bytes fail to open
};

struct ListFilter {
    std::string form;       // empty: every form
    std::string unit_code;  // empty: every unit
    bool include_deleted = false;
};

struct SaveResult {
    RecordId record_id;
    std::vector<std::string> changed_fields;  // empty when the edit changed nothing
};

// A received change kept aside because its stamp is too far ahead of this device's clock.
struct HeldChange {
    FieldChange change;
    std::int64_t held_since_ms = 0;
};

struct ApplyReport {
    std::size_t added = 0;         // changes merged in (whether or not they won their field)
    std::size_t duplicates = 0;    // changes already here
    std::size_t covered = 0;       // changes older than an edit made after seeing them
    std::size_t released = 0;      // held changes merged now that the clock caught up
    std::vector<HeldChange> held;  // stamped too far ahead: not merged
    std::vector<RecordId> changed_records;     // records whose stored versions changed
    std::vector<RecordId> conflicted_records;  // changed records that now have conflicts
    std::vector<DamagedRecord> damaged;        // records that could not be merged into
};

// A sync position to store along with received changes.
struct CursorUpdate {
    std::string name;
    std::string value;
};

class Store {
public:
    // Creates a store file at `path` (which must not exist) with a new random store key,
    // wrapped under `passphrase` and sealed to `recovery_key`. `device_id` (1 to 64 bytes)
    // names this device in every change it writes. Errors: Conflict when the file exists;
    // InvalidInput for an empty passphrase or bad device id; Io when it cannot be written.
    [[nodiscard]] static Result<Store> create(const std::filesystem::path& path,
                                              std::string_view passphrase,
                                              const RecoveryPublicKey& recovery_key,
                                              std::string_view device_id,
                                              StoreOptions options = {});

    // Opens and unlocks a store. Errors: WrongPassphrase ("open store: wrong passphrase"),
    // changing nothing in the file; NotFound; Unsupported for a newer schema; Damaged when
    // the key table is unreadable; Io.
    [[nodiscard]] static Result<Store> open(const std::filesystem::path& path,
                                            std::string_view passphrase, StoreOptions options = {});

    // Opens a store with the province's recovery secret key, for a lost passphrase; set a
    // new one with change_passphrase. Errors: WrongPassphrase when the key does not match;
    // otherwise as open.
    [[nodiscard]] static Result<Store> open_with_recovery(const std::filesystem::path& path,
                                                          const SecretKey& recovery_secret_key,
                                                          StoreOptions options = {});

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    // Rewraps the store key under a new passphrase; the data is not re-encrypted and the
    // recovery wrap is unchanged. The old wrap is overwritten in the file and its journal.
    // Errors: InvalidInput for an empty passphrase; Io.
    [[nodiscard]] Result<void> change_passphrase(std::string_view new_passphrase);

    const std::string& device_id() const;

    // Saves a local edit in one durable transaction: each field whose value differs (or
    // that has a conflict, which the edit settles) becomes a FieldChange stamped by this
    // store's clock, marked unsynced, and audited. A new record also gets status draft;
    // an unknown record_id creates that record (imports keep their ids). Once this
    // returns, the save survives a power cut. Errors: InvalidInput (no form for a new
    // record, a reserved or empty field name); Damaged when the record cannot be read; Io.
    [[nodiscard]] Result<SaveResult> save(const RecordEdit& edit);

    // Review actions, audited as such. set_status writes _status and, when it differs,
    // _review_comment (the reason for a rejection). Errors: NotFound, Damaged, Io.
    [[nodiscard]] Result<void> set_status(const RecordId& id, ReviewStatus status,
                                          std::string_view comment = {});

    // Settles a conflict on one field with the chosen value (a new edit that replaces all
    // the competing versions). Errors: NotFound, InvalidInput, Damaged, Io.
    [[nodiscard]] Result<void> settle_conflict(const RecordId& id, const std::string& field,
                                               const Value& value);

    // Marks a record deleted (a tombstone that merges like any field) or restores it.
    // Errors: NotFound, Damaged, Io.
    [[nodiscard]] Result<void> set_deleted(const RecordId& id, bool deleted);

    // Runs `work` as one durable transaction: every save, set_status, settle_conflict and
    // set_deleted it makes is committed together when it returns success, which is far
    // faster than a commit each (an import of thousands of records). When it fails, or
    // the commit does, none of them is kept and the records in memory are read back from
    // the file. Sealed items and cursors written inside join the batch; apply_remote,
    // mark_synced, append_audit and change_passphrase, which keep their own transaction,
    // fail inside it. Errors: InvalidInput for a batch inside a batch; the work's own
    // error; Io.
    [[nodiscard]] Result<void> batch(const std::function<Result<void>(Store&)>& work);

    // True while a batch runs: edits made now join its transaction.
    bool in_batch() const;

    // One record, decrypted. Errors: NotFound; Damaged naming the record when its stored
    // bytes fail to open.
    [[nodiscard]] Result<StoredRecord> get(const RecordId& id) const;

    // Decrypted records matching the filter, and the damaged ones apart.
    RecordList list(const ListFilter& filter = {}) const;

    // Records of `form` (any form when empty) whose head_name or address has, for each
    // word of `query`, a word starting with it, ignoring case and Vietnamese diacritics
    // ("nguyen van an" finds "Nguyễn Văn An"). Runs over decrypted data in memory;
    // deleted records are left out. Ordered by id.
    std::vector<RecordId> search(std::string_view query, std::string_view form = "household") const;

    // Records of `form` and `unit_code` (either one empty: any) whose `field` holds `value`
    // (text compared in NFC, as saved), deleted ones left out, ordered by id. For duplicate
    // checks on each save: it reads the field alone, not whole records as list does.
    std::vector<RecordId> find_by_value(std::string_view form, std::string_view unit_code,
                                        std::string_view field, const Value& value) const;

    // Merges changes received from another device or the server, in one transaction.
    // Changes stamped more than max_clock_skew_ms ahead of the clock are held and
    // reported; held changes whose time has come are merged first. Received changes are
    // stored as synced. Errors: InvalidInput naming the first malformed change (nothing
    // is applied then); Io.
    // With `cursor`, that sync cursor is set in the same transaction, so a pull's
    // changes and its position are kept together or not at all.
    [[nodiscard]] Result<ApplyReport> apply_remote(std::span<const FieldChange> changes,
                                                   const CursorUpdate* cursor = nullptr);

    // Merges held changes whose stamps are no longer too far ahead. Errors: Io.
    [[nodiscard]] Result<ApplyReport> release_held();

    // Changes currently held for a skewed clock.
    [[nodiscard]] Result<std::vector<HeldChange>> held_changes() const;

    // Changes made on this device not yet acknowledged by the server, oldest first, at most `limit`
    // (0: all). Damaged records' changes are left out.
    [[nodiscard]] Result<std::vector<FieldChange>> unsynced_changes(std::size_t limit = 0) const;

    // Marks changes as acknowledged by `peer` (audited as a sync). Changes no longer
    // stored (replaced meanwhile) are ignored. Errors: Io.
    [[nodiscard]] Result<void> mark_synced(std::span<const FieldChange> changes,
                                           std::string_view peer);

    // Keeps a small named item sealed under the store key, the name bound to it: the
    // device's sync keys, a push awaiting acknowledgement. Replaces an item of that name.
    // Errors: Io.
    [[nodiscard]] Result<void> put_sealed(std::string_view name,
                                          std::span<const std::uint8_t> bytes);

    // The item's bytes, or nullopt when there is none. Errors: Damaged when the stored
    // bytes fail to open; Io.
    [[nodiscard]] Result<std::optional<Bytes>> get_sealed(std::string_view name) const;

    // Removes an item; removing a missing one is not an error. Errors: Io.
    [[nodiscard]] Result<void> erase_sealed(std::string_view name);

    // Opaque sync positions, one per peer name. Errors: Io.
    [[nodiscard]] Result<std::optional<std::string>> sync_cursor(std::string_view name) const;
    [[nodiscard]] Result<void> set_sync_cursor(std::string_view name, std::string_view value);

    // Appends an entry to the audit trail (the store does so itself for its own actions;
    // the app adds sync sessions and the like). `detail` must hold no personal data.
    // Errors: Io.
    [[nodiscard]] Result<void> append_audit(AuditAction action, std::string_view record_id,
                                            std::string_view detail);

    // The audit trail, oldest first, at most the last `limit` entries (0: all). Errors: Io.
    [[nodiscard]] Result<AuditLog> audit_log(std::size_t limit = 0) const;

    // Runs SQLite's integrity check over the whole file. Errors: Damaged with its report.
    [[nodiscard]] Result<void> check_integrity() const;

    struct State;  // defined in store_state.hpp

private:
    explicit Store(std::unique_ptr<State> state);
    // After unlocking: migrates, loads the records, audits a recovery, releases held changes.
    static Result<Store> finish_open(std::unique_ptr<State> state, const char* audit_note);
    std::unique_ptr<State> state_;
};

}  // namespace c5
