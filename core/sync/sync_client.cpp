// Enrolment, the sync session that runs the push then the pull, and the status the app
// shows; the halves of a session live in client_push.cpp and client_pull.cpp.
#include "core/sync/sync_client.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/crypto/recovery_key.hpp"
#include "core/sync/client_session.hpp"

namespace c5::sync {
namespace {

using client::Session;

constexpr std::size_t kMaxDeviceIdBytes = 64;

Clock clock_or_system(const Clock& clock) {
    return clock ? clock : system_clock();
}

// Checks what the device will rely on from the server's answer.
std::optional<std::string> enrollment_problem(const EnrollResponse& r) {
    if (r.device_id.empty() || r.device_id.size() > kMaxDeviceIdBytes) {
        return "the device id is empty or longer than 64 bytes";
    }
    if (r.role != "surveyor" && r.role != "supervisor" && r.role != "province") {
        return "unknown role '" + r.role + "'";
    }
    if (auto key = decode_recovery_public_key(r.recovery_pk); !key) {
        return "recovery key: " + key.error().message;
    }
    return std::nullopt;
}

std::string session_detail(const SyncReport& r, const SyncError* error) {
    std::string detail = "session: sent " + std::to_string(r.sent) + " in " +
                         std::to_string(r.batches) + " batches (" + std::to_string(r.repeats) +
                         " repeats), received " + std::to_string(r.received) + ", rejected " +
                         std::to_string(r.rejected.size()) + ", cursor " + std::to_string(r.cursor);
    if (error) detail += ", stopped: " + std::string(sync_error_kind_name(error->kind));
    return detail;
}

// Records the session's outcome for sync_status and the audit trail. A failure here is not
// allowed to hide the session's own error.
Result<void> record_session(Store& store, const SyncReport& report, const SyncError* error,
                            std::int64_t now_ms) {
    auto last = client::load_last_sync(store);
    client::LastSync next = last ? *last : client::LastSync{};
    next.attempt_ms = now_ms;
    next.error = error ? error->message : "";
    if (!error) next.ok_ms = now_ms;
    if (auto ok = client::save_last_sync(store, next); !ok) return ok;
    return store.append_audit(AuditAction::Sync, "", session_detail(report, error));
}

SyncResult<Session> open_session(Store& store, Transport& transport, const SyncOptions& options) {
    auto keys = load_device_keys(store);
    if (!keys) return std::unexpected(client::store_failure(keys.error(), "sync"));
    auto enrollment = load_enrollment(store);
    if (!enrollment) return std::unexpected(client::store_failure(enrollment.error(), "sync"));
    if (!*keys || !*enrollment) {
        return std::unexpected(SyncError{SyncErrorKind::NotEnrolled,
                                         "sync: this laptop is not enrolled with a server yet",
                                         0,
                                         "",
                                         {}});
    }
    return Session{store,
                   transport,
                   options,
                   std::move(**keys),
                   std::move(**enrollment),
                   clock_or_system(options.clock),
                   {},
                   {},
                   {},
                   {}};
}

}  // namespace

SyncResult<void> check_server(Transport& transport) {
    const char* context = "check the server";
    auto response = transport.get("/v1/health");
    if (!response) return std::unexpected(client::transport_failure(response.error(), context));
    if (response->status != 200) return std::unexpected(client::http_failure(*response, context));
    const auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (!json.is_object() || json.value("status", std::string()) != "ok") {
        return std::unexpected(client::bad_response("it is not a c5kit syncd", context));
    }
    if (json.value("protocol", 0) != kProtocolVersion) {
        return std::unexpected(client::bad_response(
            "it speaks protocol " + json.value("protocol", nlohmann::json()).dump() +
                ", this laptop protocol " + std::to_string(kProtocolVersion),
            context));
    }
    return {};
}

SyncResult<Enrollment> request_enrollment(Transport& transport, std::string_view code,
                                          std::string_view device_name, Clock clock) {
    const char* context = "enrol";
    IdentityKeys keys = generate_identity_keys();
    const EnrollRequest request{std::string(code), std::string(device_name), keys.sign.public_key,
                                keys.box.public_key};
    auto response = transport.post("/v1/enroll", to_json(request).dump());
    if (!response) return std::unexpected(client::transport_failure(response.error(), context));
    if (response->status != 200) {
        return std::unexpected(client::http_failure(*response, context));
    }
    auto answer = enroll_response_from_json(nlohmann::json::parse(response->body, nullptr, false));
    if (!answer) return std::unexpected(client::bad_response(answer.error().message, context));
    if (auto problem = enrollment_problem(*answer)) {
        return std::unexpected(client::bad_response(*problem, context));
    }
    DeviceEnrollment record{answer->device_id,
                            answer->role,
                            answer->user_name,
                            std::string(device_name),
                            answer->units,
                            answer->server_sign_pk,
                            answer->server_box_pk,
                            answer->recovery_pk,
                            std::move(answer->registry_csv),
                            std::move(answer->forms),
                            std::move(answer->criteria),
                            clock_or_system(clock)()};
    return Enrollment{std::move(keys), std::move(record)};
}

Result<void> save_enrollment(Store& store, const Enrollment& enrollment) {
    return save_device_identity(store, enrollment.keys, enrollment.record);
}

SyncResult<Store> enroll(const std::filesystem::path& store_path, std::string_view passphrase,
                         Transport& transport, std::string_view code, std::string_view device_name,
                         StoreOptions options) {
    std::error_code ec;
    if (std::filesystem::exists(store_path, ec) || ec) {
        return std::unexpected(client::store_failure(
            Error{ErrorKind::Conflict, "a store already exists at " + store_path.string()},
            "enrol"));
    }
    auto enrollment = request_enrollment(transport, code, device_name, options.clock);
    if (!enrollment) return std::unexpected(enrollment.error());
    const std::string spent = "enrol (the code is now used: ask for a new one)";
    auto recovery = decode_recovery_public_key(enrollment->record.recovery_pk);
    if (!recovery) return std::unexpected(client::bad_response(recovery.error().message, "enrol"));
    auto store = Store::create(store_path, passphrase, *recovery, enrollment->record.device_id,
                               std::move(options));
    if (!store) return std::unexpected(client::store_failure(store.error(), spent));
    if (auto ok = save_enrollment(*store, *enrollment); !ok) {
        return std::unexpected(client::store_failure(ok.error(), spent));
    }
    return std::move(*store);
}

SyncResult<SyncReport> sync(Store& store, Transport& transport, const SyncOptions& options) {
    auto session = open_session(store, transport, options);
    if (!session) return std::unexpected(session.error());
    SyncResult<void> outcome = client::push_all(*session);
    if (outcome) outcome = client::pull_all(*session);

    const std::int64_t now = session->clock();
    if (!outcome) {
        SyncError error = std::move(outcome.error());
        error.progress = session->report;
        // The session's own error is what the surveyor must see; a failure to note it is not.
        (void)record_session(store, session->report, &error, now);
        return std::unexpected(std::move(error));
    }
    if (auto ok = record_session(store, session->report, nullptr, now); !ok) {
        SyncError error = client::store_failure(ok.error(), "sync");
        error.progress = session->report;
        return std::unexpected(std::move(error));
    }
    return session->report;
}

SyncResult<SyncReport> sync(Store& store, Transport& transport, ProgressCallback progress) {
    SyncOptions options;
    options.progress = std::move(progress);
    return sync(store, transport, options);
}

Result<SyncStatus> sync_status(const Store& store) {
    const char* context = "read sync status";
    SyncStatus status;
    auto keys = store.get_sealed(kDeviceKeysItem);
    if (!keys) return std::unexpected(keys.error().with_context(context));
    status.enrolled = keys->has_value();
    auto pending = store.get_sealed(client::kPushPendingItem);
    if (!pending) return std::unexpected(pending.error().with_context(context));
    status.push_pending = pending->has_value();
    auto unsynced = store.unsynced_changes();
    if (!unsynced) return std::unexpected(unsynced.error().with_context(context));
    auto rejected = client::load_rejected(store);
    if (!rejected) return std::unexpected(rejected.error().with_context(context));
    status.rejected = client::live_rejections(std::move(*rejected), *unsynced).size();
    status.waiting = unsynced->size() - status.rejected;
    auto last = client::load_last_sync(store);
    if (!last) return std::unexpected(last.error().with_context(context));
    status.last_sync_ms = last->ok_ms;
    status.last_attempt_ms = last->attempt_ms;
    status.last_error = last->error;
    return status;
}

Result<std::vector<RejectedChange>> rejected_changes(const Store& store) {
    auto rejected = client::load_rejected(store);
    if (!rejected) return rejected;
    auto unsynced = store.unsynced_changes();
    if (!unsynced) return std::unexpected(unsynced.error().with_context("list rejected changes"));
    return client::live_rejections(std::move(*rejected), *unsynced);
}

Result<void> retry_rejected(Store& store) {
    return client::save_rejected(store, {});
}

}  // namespace c5::sync
