// The Sync screen's work, through the app state as the screen drives it, against a real
// syncd on 127.0.0.1: "Sync now" runs on the worker and stops when asked, and the changes the
// server refused are listed with its reason.
#include <doctest/doctest.h>

#include <future>

#include "support/syncd_process.hpp"
#include "surveyor/app/background_sync.hpp"
#include "surveyor/app/commands.hpp"
#include "surveyor/app/sync_actions.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

const std::filesystem::path kForms = std::filesystem::path(C5_SOURCE_DIR) / "forms";

struct Server {
    c5::test::SyncdProcess process;
    Server() {
        REQUIRE_MESSAGE(process.init(), process.last_error());
        const auto imported =
            process.run("import-registry", {(kSamples / "registry-hanoi.csv").string()});
        REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
        REQUIRE_MESSAGE(process.start(), (process.last_error() + "\n" + process.server_log()));
    }
};

// A surveyor laptop for the sample ward, enrolled, with one completed household not yet
// sent; then the app state unlocked on it.
void enrolled_laptop(Server& server, const std::filesystem::path& path) {
    Session session = new_session(path);
    save(session, interview("01", "01-0001", "Nguyễn Văn An"), true);
    const std::string code = server.process.enroll("surveyor", kWard, "Lê Thu Trang");
    REQUIRE_MESSAGE(!code.empty(), server.process.last_error());
    auto enrolled = enrol_session(session, kPassphrase, server.process.base_url(), code);
    REQUIRE_MESSAGE(enrolled.has_value(), (enrolled ? "" : enrolled.error().detail));
}

void unlock_app(AppState& state) {
    start(state);
    state.unlock_passphrase = kPassphrase;
    unlock(state);
    settle(state);
    REQUIRE_MESSAGE(state.unlocked, (state.notice ? state.notice->detail : ""));
}

}  // namespace

TEST_CASE("Sync now runs in the background and stops when asked, keeping the changes") {
    Server server;
    c5::test::TempDir dir;
    enrolled_laptop(server, dir / "s.c5");
    AppState state(AppConfig{dir / "s.c5", kForms, {}});
    unlock_app(state);
    REQUIRE(state.sync.waiting > 0);
    const std::size_t waiting = state.sync.waiting;

    // Stopped before its first request: nothing is sent, and it is news, not a problem.
    std::promise<void> gate;
    std::shared_future<void> opened = gate.get_future().share();
    state.worker->post([opened](WorkerContext&) { opened.wait(); });
    start_sync(state);
    CHECK(state.sync.running);
    REQUIRE(state.sync.cancel);
    cancel_sync(state);
    gate.set_value();
    settle(state);
    CHECK_FALSE(state.sync.running);
    CHECK_FALSE(state.sync.cancel);
    REQUIRE(state.notice.has_value());
    CHECK(state.notice->message.en == "Sync stopped.");
    CHECK_FALSE(state.notice->problem);
    CHECK(state.notice->on_action == NoticeAction::RetrySync);
    CHECK(state.sync.waiting == waiting);

    // Again, to the end.
    state.notice.reset();
    start_sync(state);
    settle(state);
    REQUIRE(state.notice.has_value());
    CHECK(state.notice->message.en == "Sync finished.");
    CHECK(state.sync.waiting == 0);
    REQUIRE(state.sync.last.has_value());
    CHECK(state.sync.last->sent == static_cast<std::int64_t>(waiting));
    REQUIRE(state.sync.refused.has_value());
    CHECK(state.sync.refused->empty());
}

TEST_CASE("changes the server refused are listed on the Sync screen with its reason") {
    Server server;
    c5::test::TempDir dir;
    enrolled_laptop(server, dir / "s.c5");
    {
        // A record of another ward, which this surveyor is not enrolled for, written into the
        // store directly (the form itself would not offer it).
        auto opened = open_session(dir / "s.c5", kPassphrase, kForms);
        REQUIRE(opened.has_value());
        auto values = interview("01", "01-0007", "Đỗ Văn Minh");
        values["ward_code"] = std::string("00001");
        auto saved = opened->store.save(RecordEdit{std::nullopt, "household", 1, "00001", values});
        REQUIRE_MESSAGE(saved.has_value(), (saved ? "" : saved.error().message));
    }
    AppState state(AppConfig{dir / "s.c5", kForms, {}});
    unlock_app(state);
    load_refused(state);
    settle(state);
    REQUIRE(state.sync.refused.has_value());
    CHECK(state.sync.refused->empty());

    start_sync(state);
    settle(state);
    REQUIRE(state.sync.refused.has_value());
    REQUIRE_FALSE(state.sync.refused->empty());
    for (const RefusedChange& change : *state.sync.refused) {
        CHECK_FALSE(change.field.empty());
        CHECK_FALSE(change.reason.empty());
    }
    // The ward's own household went through; the refused ones stay, unsent, not resent.
    CHECK(state.sync.waiting == 0);
    CHECK(state.sync.last.has_value());

    // After a lock and unlock the list is read back from the store.
    lock(state);
    state.sync.refused.reset();  // as the window's frame does while the store is locked
    unlock_app(state);
    load_refused(state);
    settle(state);
    REQUIRE(state.sync.refused.has_value());
    CHECK_FALSE(state.sync.refused->empty());
}
