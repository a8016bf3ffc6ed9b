// One sync session's working state, shared by the push and pull halves of the client, and
// the translation of transport failures and server refusals into SyncErrors. Internal.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/store/store.hpp"
#include "core/sync/client_state.hpp"
#include "core/sync/sync_client.hpp"
#include "core/sync/wire_messages.hpp"

namespace c5::sync::client {

struct Session {
    Store& store;
    Transport& transport;
    const SyncOptions& options;
    IdentityKeys keys;
    DeviceEnrollment enrollment;
    Clock clock;
    PushChain chain;
    SyncReport report;
    SyncProgress progress;
    std::vector<RejectedChange> rejected;  // every change set aside, as stored

    void notify() const {
        if (options.progress) options.progress(progress);
    }
    bool cancelled() const { return options.cancel && options.cancel->load(); }
};

// A failure of the transport: Offline, or Timeout.
SyncError transport_failure(const TransportError& error, std::string_view context);

// A non-200 answer, classified by status and the server's error code, with the server's
// message appended to a plain sentence.
SyncError http_failure(const HttpResponse& response, std::string_view context);

// The server's {"error", "message"} body, when the answer carries one.
std::optional<ErrorBody> error_body_of(const HttpResponse& response);

SyncError store_failure(const Error& error, std::string_view context);
SyncError bad_response(std::string_view what, std::string_view context);
SyncError cancelled_error();

// Resends the pending batch, then pushes every unsynced own change that is not rejected.
[[nodiscard]] SyncResult<void> push_all(Session& session);

// Pulls pages from the stored cursor until the server has no more.
[[nodiscard]] SyncResult<void> pull_all(Session& session);

}  // namespace c5::sync::client
