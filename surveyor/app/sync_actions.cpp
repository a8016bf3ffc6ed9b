// Enrolment and sync through core/sync's client over HTTP.
#include "surveyor/app/sync_actions.hpp"

#include <algorithm>
#include <chrono>

#if C5_HAVE_NET
#include "core/crypto/recovery_key.hpp"
#include "core/sync/sync_client.hpp"
#include "net/http_transport.hpp"
#endif

namespace c5::surveyor {

namespace {

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

SyncFailure failure(const Tr& message, const Tr& action, bool retry, std::string detail) {
    return SyncFailure{message.label(), action.label(), retry, false, std::move(detail)};
}

SyncFailure local_failure(const Error& error) {
    return failure(txt::kLocalStoreFault, txt::kCallSupervisor, false, error.message);
}

#if C5_HAVE_NET

SyncFailure explain(const sync::SyncError& error, bool enrolling) {
    using K = sync::SyncErrorKind;
    switch (error.kind) {
        case K::NotEnrolled:
            return failure(txt::kNotEnrolled, txt::kEnrol, false, error.message);
        case K::Offline:
            return failure(txt::kNoConnection, txt::kTryAgain, true, error.message);
        case K::Timeout:
            return failure(txt::kSyncTimeout, txt::kTryAgain, true, error.message);
        case K::Unauthorized:
            return enrolling
                       ? failure(txt::kBadCode, txt::kAskNewCode, false, error.message)
                       : failure(txt::kDeviceRefused, txt::kCallSupervisor, false, error.message);
        case K::ClockSkew:
            return failure(txt::kClockSkew, txt::kFixClock, true, error.message);
        case K::ServerFault:
            return failure(txt::kServerFault, txt::kTryAgain, true, error.message);
        case K::BadResponse:
            return failure(txt::kBadAnswer, txt::kCallSupervisor, false, error.message);
        case K::Store:
            return failure(txt::kLocalStoreFault, txt::kCallSupervisor, false, error.message);
        case K::Cancelled:
            return failure(txt::kSyncStopped, txt::kTryAgain, true, error.message);
        default:
            return failure(txt::kServerRefused, txt::kCallSupervisor, false, error.message);
    }
}

SyncOutcome<net::HttpTransport> transport_for(const std::string& url) {
    auto transport = net::HttpTransport::create(url);
    if (!transport)
        return std::unexpected(
            failure(txt::kBadServerAddress, txt::kCheckAndRetry, false, transport.error().message));
    return std::move(*transport);
}

// The profile an enrolment gives, keeping what the person typed where the server is silent.
Profile enrolled_profile(const sync::DeviceEnrollment& record, Profile profile,
                         const std::string& server_url) {
    if (!record.user_name.empty()) profile.user_name = record.user_name;
    if (!record.device_name.empty()) profile.device_name = record.device_name;
    profile.role = parse_role(record.role).value_or(Role::Surveyor);
    profile.units = record.units;
    profile.server_url = server_url;
    profile.enrolled = true;
    return profile;
}

// Copies every record into `to` as its own edits, with deletion and review status.
Result<void> copy_records(const Store& from, Store& to) {
    const RecordList list = from.list(ListFilter{"", "", true});
    for (const StoredRecord& s : list.records) {
        auto id = parse_record_id(s.record.record_id);
        if (!id) return std::unexpected(id.error());
        RecordEdit edit{*id, s.record.form, s.form_version, s.record.unit_code, s.record.values};
        if (auto saved = to.save(edit); !saved) return std::unexpected(saved.error());
        if (s.status != ReviewStatus::Draft)
            if (auto set = to.set_status(*id, s.status, s.review_comment); !set) return set;
        if (s.record.deleted)
            if (auto set = to.set_deleted(*id, true); !set) return set;
    }
    return {};
}

void remove_store_files(const std::filesystem::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path.string() + suffix, ignored);
}

#endif

}  // namespace

#if C5_HAVE_NET

SyncOutcome<Session> create_enrolled_store(const CreateStoreRequest& request,
                                           const std::string& server_url, const std::string& code) {
    auto transport = transport_for(server_url);
    if (!transport) return std::unexpected(transport.error());
    auto store = sync::enroll(request.path, request.passphrase, *transport, code,
                              request.device_name, request.options);
    if (!store) return std::unexpected(explain(store.error(), true));
    auto record = sync::load_enrollment(*store);
    if (!record || !*record)
        return std::unexpected(local_failure(Error{ErrorKind::Damaged, "enrolment record"}));

    Profile base;
    base.user_name = request.user_name;
    base.device_name = request.device_name;
    const Profile profile = enrolled_profile(**record, base, server_url);
    const std::string registry =
        (*record)->registry_csv.empty() ? request.registry_csv : (*record)->registry_csv;
    if (auto ok = save_profile(*store, profile); !ok)
        return std::unexpected(local_failure(ok.error()));
    if (auto ok = save_registry_text(*store, registry); !ok)
        return std::unexpected(local_failure(ok.error()));
    auto catalog = load_store_catalog(*store, request.forms_dir, registry);
    if (!catalog) return std::unexpected(local_failure(catalog.error()));
    return Session{std::move(*store), profile, std::make_shared<const Catalog>(std::move(*catalog)),
                   request.path, request.forms_dir};
}

SyncOutcome<void> enrol_session(Session& session, const std::string& passphrase,
                                const std::string& server_url, const std::string& code) {
    if (session.profile.enrolled)
        return std::unexpected(failure(txt::kAlreadyEnrolled, txt::kDismiss, false, ""));
    // The passphrase must be the store's: the new file is sealed under it.
    if (auto check = Store::open(session.path, passphrase); !check)
        return std::unexpected(
            failure(txt::kWrongPassphrase, txt::kCheckAndRetry, false, check.error().message));
    auto transport = transport_for(server_url);
    if (!transport) return std::unexpected(transport.error());
    auto enrollment = sync::request_enrollment(*transport, code, session.profile.device_name);
    if (!enrollment) return std::unexpected(explain(enrollment.error(), true));
    auto recovery = decode_recovery_public_key(enrollment->record.recovery_pk);
    if (!recovery)
        return std::unexpected(
            failure(txt::kBadAnswer, txt::kCallSupervisor, false, recovery.error().message));

    const std::filesystem::path path = session.path;
    const std::filesystem::path fresh = path.string() + ".enrolling";
    remove_store_files(fresh);
    StoreOptions options;
    options.user = session.profile.user_name;
    {
        auto store =
            Store::create(fresh, passphrase, *recovery, enrollment->record.device_id, options);
        if (!store) return std::unexpected(local_failure(store.error()));
        const Profile profile = enrolled_profile(enrollment->record, session.profile, server_url);
        auto registry = load_registry_text(session.store);
        std::string registry_csv = registry ? *registry : std::string();
        if (!enrollment->record.registry_csv.empty())
            registry_csv = enrollment->record.registry_csv;
        Result<void> ok = sync::save_enrollment(*store, *enrollment);
        if (ok) ok = copy_records(session.store, *store);
        if (ok) ok = save_profile(*store, profile);
        if (ok) ok = save_registry_text(*store, registry_csv);
        if (!ok) {
            remove_store_files(fresh);
            return std::unexpected(local_failure(ok.error().with_context("enrol")));
        }
    }
    const std::filesystem::path forms_dir = session.forms_dir;
    { Session closing = std::move(session); }  // close the old file before replacing it
    auto closed_failure = [](Error error) {
        SyncFailure f = local_failure(error);
        f.store_closed = true;
        return std::unexpected(f);
    };

    const std::filesystem::path backup = path.string() + ".before-enrolment";
    std::error_code ec;
    std::filesystem::rename(path, backup, ec);
    if (!ec) std::filesystem::rename(fresh, path, ec);
    if (ec)
        return closed_failure(Error{ErrorKind::Io, "enrol: replace the store: " + ec.message()});
    remove_store_files(backup);

    auto reopened = open_session(path, passphrase, forms_dir);
    if (!reopened) return closed_failure(reopened.error());
    session = std::move(*reopened);
    return {};
}

SyncOutcome<SyncSummary> sync_session(Session& session, const StepCallback& step,
                                      const std::atomic<bool>* cancel) {
    auto transport = transport_for(session.profile.server_url);
    if (!transport) return std::unexpected(transport.error());
    sync::SyncOptions options;
    options.cancel = cancel;
    options.progress = [&step](const sync::SyncProgress& p) {
        if (!step) return;
        if (p.phase == sync::SyncPhase::Pushing) {
            const float done = p.to_send ? static_cast<float>(p.sent) / p.to_send : 1.0f;
            step(SyncStep{0.5f * done, txt::kSending.label()});
        } else {
            // The number of changes to receive is not known in advance.
            step(SyncStep{std::min(0.95f, 0.5f + 0.05f * static_cast<float>(p.received / 100 + 1)),
                          txt::kReceiving.label()});
        }
    };
    if (step) step(SyncStep{0.0f, txt::kSending.label()});
    auto report = sync::sync(session.store, *transport, options);
    if (!report) return std::unexpected(explain(report.error(), false));

    SyncSummary summary;
    summary.finished_ms = wall_ms();
    summary.sent = static_cast<std::int64_t>(report->sent);
    summary.received = static_cast<std::int64_t>(report->received);
    for (const RecordRow& row : list_rows(session)) {
        if (row.conflict) ++summary.conflicts;
        if (row.status == ReviewStatus::Rejected) ++summary.rejected;
    }
    session.profile.last_sync = summary;
    if (auto ok = save_profile(session.store, session.profile); !ok)
        return std::unexpected(local_failure(ok.error()));
    if (step) step(SyncStep{1.0f, txt::kSyncDone.label()});
    return summary;
}

Result<std::vector<RefusedChange>> refused_changes(const Session& session) {
    auto rejected = sync::rejected_changes(session.store);
    if (!rejected) return std::unexpected(rejected.error());
    std::vector<RefusedChange> refused;
    for (const sync::RejectedChange& r : *rejected)
        refused.push_back(RefusedChange{r.change.record_id, r.change.form, r.change.unit_code,
                                        r.change.field, r.message});
    return refused;
}

SyncOutcome<EnrolSummary> enrol_store(const std::filesystem::path& path,
                                      const std::string& passphrase,
                                      const std::filesystem::path& forms_dir,
                                      const std::string& server_url, const std::string& code,
                                      StoreOptions options) {
    SyncOutcome<Session> session = std::unexpected(SyncFailure{});
    if (std::filesystem::exists(path)) {
        auto opened = open_session(path, passphrase, forms_dir, options);
        if (!opened)
            return std::unexpected(
                failure(txt::kUnlockFailed, txt::kCheckAndRetry, false, opened.error().message));
        auto enrolled = enrol_session(*opened, passphrase, server_url, code);
        if (!enrolled) return std::unexpected(enrolled.error());
        session = std::move(*opened);
    } else {
        CreateStoreRequest request;
        request.path = path;
        request.passphrase = passphrase;
        request.forms_dir = forms_dir;
        request.options = options;
        request.device_name = "Laptop";
        session = create_enrolled_store(request, server_url, code);
    }
    if (!session) return std::unexpected(session.error());
    std::string units;
    for (const std::string& u : session->profile.units) units += (units.empty() ? "" : ",") + u;
    return EnrolSummary{session->store.device_id(), role_name(session->profile.role), units};
}

#else

SyncOutcome<Session> create_enrolled_store(const CreateStoreRequest&, const std::string&,
                                           const std::string&) {
    return std::unexpected(failure(txt::kNoSyncClient, txt::kDismiss, false, ""));
}
SyncOutcome<void> enrol_session(Session&, const std::string&, const std::string&,
                                const std::string&) {
    return std::unexpected(failure(txt::kNoSyncClient, txt::kDismiss, false, ""));
}
SyncOutcome<SyncSummary> sync_session(Session&, const StepCallback&, const std::atomic<bool>*) {
    return std::unexpected(failure(txt::kNoSyncClient, txt::kDismiss, false, ""));
}
Result<std::vector<RefusedChange>> refused_changes(const Session&) {
    return std::vector<RefusedChange>{};
}
SyncOutcome<EnrolSummary> enrol_store(const std::filesystem::path&, const std::string&,
                                      const std::filesystem::path&, const std::string&,
                                      const std::string&, StoreOptions) {
    return std::unexpected(failure(txt::kNoSyncClient, txt::kDismiss, false, ""));
}

#endif

}  // namespace c5::surveyor
