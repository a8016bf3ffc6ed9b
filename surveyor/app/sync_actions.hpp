// Enrolment and sync for the surveyor, on top of core/sync's client and net's HTTP
// transport: failures come back as plain words with the one thing to do, and enrolling a
// store made offline moves its records under the device id the server assigns.
#pragma once

#include <atomic>
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "surveyor/app/actions.hpp"
#include "surveyor/app/strings.hpp"

namespace c5::surveyor {

// How far a sync is, for the progress bar.
struct SyncStep {
    float fraction = 0.0f;
    Label stage;
};
using StepCallback = std::function<void(const SyncStep&)>;

// A failed sync or enrolment in plain words, with the one thing to do.
struct SyncFailure {
    Label message;
    Label action;
    bool retry = false;  // the action is to try again
    bool store_closed = false;  // enrolment failed after closing the store: unlock again
    std::string detail;         // the technical context
};

template <class T>
using SyncOutcome = std::expected<T, SyncFailure>;

// First run with a server: enrols and creates the store with the server's device id, then
// keeps the profile (role, units, names) and the server's registry in it.
[[nodiscard]] SyncOutcome<Session> create_enrolled_store(const CreateStoreRequest& request,
                                                         const std::string& server_url,
                                                         const std::string& code);

// Enrols a store made offline: a new store under the server's device id receives every
// record (as this laptop's edits, with their review status) and replaces the old file;
// `session` then holds the new one. On failure the session is unchanged, unless the failure
// says store_closed (the files were being swapped): then it must not be used.
[[nodiscard]] SyncOutcome<void> enrol_session(Session& session, const std::string& passphrase,
                                              const std::string& server_url,
                                              const std::string& code);

// Sends this laptop's changes and receives everyone else's; updates the profile's last sync.
// `cancel`, when given, is read between requests: once set, the sync stops there (what was
// sent or received so far is kept) and fails with the "sync stopped" words.
[[nodiscard]] SyncOutcome<SyncSummary> sync_session(Session& session, const StepCallback& step,
                                                    const std::atomic<bool>* cancel = nullptr);

// One of this laptop's changes the server refused for its content: it stays here, unsent,
// until the answer is edited.
struct RefusedChange {
    RecordId record_id;
    std::string form;
    std::string unit_code;
    std::string field;
    std::string reason;  // the server's words, naming record and field
};

// The changes the server refused, oldest first. Errors: as reading the store.
[[nodiscard]] Result<std::vector<RefusedChange>> refused_changes(const Session& session);

struct EnrolSummary {
    std::string device_id;
    std::string role;
    std::string units;
};

// The headless `enrol`: creates the store by enrolling when there is none, else enrols it.
[[nodiscard]] SyncOutcome<EnrolSummary> enrol_store(const std::filesystem::path& path,
                                                    const std::string& passphrase,
                                                    const std::filesystem::path& forms_dir,
                                                    const std::string& server_url,
                                                    const std::string& code,
                                                    StoreOptions options = {});

}  // namespace c5::surveyor
