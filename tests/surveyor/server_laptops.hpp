// Surveyor laptops of a real syncd (tests/sync/sync_fixture.hpp's SyncServer) for the fault
// tests: enrolled through the app's own first run, reopened from their files, synced.
#pragma once

#include "surveyor/app/sync_actions.hpp"
#include "surveyor/surveyor_fixture.hpp"
#include "sync/sync_fixture.hpp"

namespace surveyor_test {

inline const std::filesystem::path kForms = std::filesystem::path(C5_SOURCE_DIR) / "forms";

// A new store at `path`, enrolled as a surveyor of kWard.
inline Session enrolled_laptop(sync_test::SyncServer& server, const std::filesystem::path& path) {
    auto session = create_enrolled_store(create_request(path), server.url(),
                                         server.code("surveyor", kWard, "Lê Thu Trang"));
    REQUIRE_MESSAGE(session, (session ? "" : session.error().detail));
    return std::move(*session);
}

// The store at `path` opened again, as the app does at unlock.
inline Session reopened_laptop(const std::filesystem::path& path) {
    auto session = open_session(path, kPassphrase, kForms);
    REQUIRE_MESSAGE(session, (session ? std::string() : session.error().message));
    return std::move(*session);
}

inline void sync_ok(Session& session) {
    auto done = sync_session(session, {});
    REQUIRE_MESSAGE(done, (done ? "" : done.error().detail));
}

}  // namespace surveyor_test
