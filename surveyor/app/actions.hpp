// What the surveyor does with its data, as plain synchronous functions on a Session: create
// and unlock the store, save records, review them, compute results, import and export. The
// app runs them on its worker thread; the headless commands and the tests call them
// directly.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/forms/validation.hpp"
#include "core/scoring/unit_result.hpp"
#include "surveyor/app/records_view.hpp"
#include "surveyor/app/session.hpp"

namespace c5::surveyor {

struct CreateStoreRequest {
    std::filesystem::path path;
    std::string passphrase;
    std::string recovery_key;  // "c5rpk1:…"; empty: a new pair is made (see CreateOutcome)
    std::string user_name;
    std::string device_name;
    std::string device_id;     // empty: "local-" and random hex, until enrolment
    std::string registry_csv;  // the unit registry as CSV text ("" for none yet)
    std::string unit_code;     // the ward this laptop works on ("" for none yet)
    Role role = Role::Surveyor;
    std::filesystem::path forms_dir;
    StoreOptions options;
};

struct CreateOutcome {
    Session session;
    std::string recovery_secret;  // "c5rsk1:…" when a key pair was made here, else ""
};

// Creates the encrypted store with its profile and registry. Errors: InvalidInput for an
// empty passphrase, a bad recovery key, a registry that does not load, or a unit code not in
// it; Conflict when the file exists; Io.
[[nodiscard]] Result<CreateOutcome> create_store(const CreateStoreRequest& request);

// Unlocks a store and loads its profile and catalog. Errors: WrongPassphrase, NotFound, as
// Store::open; InvalidInput when the definitions do not load.
[[nodiscard]] Result<Session> open_session(const std::filesystem::path& path,
                                           std::string_view passphrase,
                                           const std::filesystem::path& forms_dir,
                                           StoreOptions options = {});

// Rows of every record of the laptop's units (all units for an empty unit list).
std::vector<RecordRow> list_rows(const Session& session);

// The values of a form as a person entered them, with answers to questions that no longer
// apply removed (they stay hidden, not silently kept).
std::map<std::string, Value> applicable_values(const Form& form,
                                               std::map<std::string, Value> values);

struct SaveRequest {
    std::optional<RecordId> record_id;  // none: a new record
    std::string form;
    std::string unit_code;
    std::map<std::string, Value> values;
    bool complete = false;  // mark completed (only when every answer is valid)
};

struct SaveOutcome {
    RecordId record_id;
    ReviewStatus status = ReviewStatus::Draft;
    std::vector<FieldIssue> issues;  // why it could not be completed; it was saved as draft
    std::vector<std::string> changed_fields;
};

// Saves at once. A draft is saved whatever its answers; asking to complete a record with
// problems saves it as a draft and returns the problems. A household code already used by
// another household of the ward is a problem too. Errors: InvalidInput for an unknown form;
// Io.
[[nodiscard]] Result<SaveOutcome> save_record(Session& session, const SaveRequest& request);

// Problems with the values: the form's own checks plus the ward-wide household code check.
std::vector<FieldIssue> check_record(const Session& session, const SaveRequest& request,
                                     Completeness completeness);

// Review by a supervisor (or province) laptop. Errors: InvalidInput for a surveyor laptop or
// a rejection without comment; NotFound; Io.
[[nodiscard]] Result<void> approve_record(Session& session, const RecordId& id);
[[nodiscard]] Result<void> reject_record(Session& session, const RecordId& id,
                                         const std::string& comment);
[[nodiscard]] Result<void> settle_field(Session& session, const RecordId& id,
                                        const std::string& field, const Value& value);

// A residential group with households still to visit.
struct GroupGap {
    std::string code;
    std::string name;
    std::int64_t visited = 0;
    std::optional<std::int64_t> registered;
};

// The unit's result with what is still missing.
struct UnitReport {
    UnitResult result;
    bool has_checklist = false;
    std::vector<GroupGap> groups_not_done;
    std::vector<Label> unanswered;  // checklist questions with no answer yet
};

// Computes the Criterion 5 result of a unit from this store's records with the core engine.
// Errors: NotFound when the unit is not in the registry.
[[nodiscard]] Result<UnitReport> compute_report(const Session& session,
                                                const std::string& unit_code);

struct ImportOutcome {
    std::size_t records = 0;
    std::size_t changed_fields = 0;
    std::size_t skipped = 0;  // rows of the file left out by the filter
};

// Which rows of a file to take: those of these units and residential groups (empty: all).
struct ImportFilter {
    std::vector<std::string> units;
    std::vector<std::string> groups;  // household rows only
};

// Imports a household CSV or a checklist JSON as this laptop's own edits: records keep
// their ids; a checklist updates the unit's existing checklist. The whole file is checked,
// then the rows the filter takes are saved in one transaction. A file with any bad row is
// refused whole (InvalidInput listing the problems) and nothing is saved.
[[nodiscard]] Result<ImportOutcome> import_households(Session& session,
                                                      const std::filesystem::path& file,
                                                      const ImportFilter& filter = {});
[[nodiscard]] Result<ImportOutcome> import_checklists(Session& session,
                                                      const std::filesystem::path& file,
                                                      const ImportFilter& filter = {});

// Writes the laptop's household records as CSV, or its checklists as JSON.
void export_households(const Session& session, std::ostream& out);
void export_checklists(const Session& session, std::ostream& out);

// Changes made here that the server has not acknowledged yet, not counting those it refused.
std::size_t changes_waiting(const Session& session);

// "2024-10-05T09:12:00+07:00": now, in this laptop's time zone, for visited_at.
std::string local_timestamp_now();

}  // namespace c5::surveyor
