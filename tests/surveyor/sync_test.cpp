// Sync against a real syncd on 127.0.0.1: a laptop made offline enrols later and keeps its
// records; a supervisor laptop receives them, approves one and rejects another, and the
// rejection reaches the surveyor at its next sync, flagged, with the comment.
#include <doctest/doctest.h>

#include "support/syncd_process.hpp"
#include "surveyor/app/form_editor.hpp"
#include "surveyor/app/sync_actions.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

// A started syncd holding the sample registry.
struct Server {
    c5::test::SyncdProcess process;
    Server() {
        REQUIRE_MESSAGE(process.init(), process.last_error());
        const auto imported =
            process.run("import-registry", {(kSamples / "registry-hanoi.csv").string()});
        REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
        REQUIRE_MESSAGE(process.start(), (process.last_error() + "\n" + process.server_log()));
    }
    std::string code(const std::string& role, const std::string& name) {
        const std::string code = process.enroll(role, kWard, name);
        REQUIRE_MESSAGE(!code.empty(), process.last_error());
        return code;
    }
};

const RecordRow* find_code(const std::vector<RecordRow>& rows, const std::string& code) {
    for (const RecordRow& row : rows)
        if (row.household_code == code) return &row;
    return nullptr;
}

void sync_ok(Session& session) {
    auto done = sync_session(session, {});
    REQUIRE_MESSAGE(done.has_value(), (done ? "" : done.error().detail));
}

}  // namespace

TEST_CASE("a review on the supervisor's laptop reaches the surveyor's laptop") {
    Server server;
    c5::test::TempDir dir;

    // The surveyor worked offline before enrolling.
    Session surveyor = new_session(dir / "surveyor.c5");
    save(surveyor, interview("01", "01-0001", "Nguyễn Văn An"), true);
    save(surveyor, interview("01", "01-0002", "Trần Thị Bình"), true);
    const std::string offline_device = surveyor.store.device_id();
    auto enrolled = enrol_session(surveyor, kPassphrase, server.process.base_url(),
                                  server.code("surveyor", "Lê Thu Trang"));
    REQUIRE_MESSAGE(enrolled.has_value(), (enrolled ? "" : enrolled.error().detail));
    CHECK(surveyor.profile.enrolled);
    CHECK(surveyor.store.device_id() != offline_device);
    CHECK(list_rows(surveyor).size() == 2);
    CHECK(list_rows(surveyor)[0].status == ReviewStatus::Completed);
    CHECK_FALSE(std::filesystem::exists(dir.path().string() + "/surveyor.c5.enrolling"));
    save(surveyor, interview("02", "02-0001", "Phạm Văn Cường"), true);
    auto sent = sync_session(surveyor, {});
    REQUIRE_MESSAGE(sent.has_value(), (sent ? "" : sent.error().detail));
    CHECK(sent->sent > 0);
    CHECK(changes_waiting(surveyor) == 0);

    // The supervisor's laptop is enrolled at its first run.
    auto supervisor = create_enrolled_store(create_request(dir / "supervisor.c5"),
                                            server.process.base_url(),
                                            server.code("supervisor", "Nguyễn Văn Bình"));
    REQUIRE_MESSAGE(supervisor.has_value(), (supervisor ? "" : supervisor.error().detail));
    CHECK(supervisor->profile.role == Role::Supervisor);
    sync_ok(*supervisor);
    const auto rows = list_rows(*supervisor);
    REQUIRE(rows.size() == 3);
    const RecordRow* first = find_code(rows, "01-0001");
    const RecordRow* second = find_code(rows, "01-0002");
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(approve_record(*supervisor, first->id).has_value());
    REQUIRE(reject_record(*supervisor, second->id, "Thiếu số điện thoại của chủ hộ").has_value());
    sync_ok(*supervisor);

    sync_ok(surveyor);
    const auto back = list_rows(surveyor);
    REQUIRE(find_code(back, "01-0001"));
    CHECK(find_code(back, "01-0001")->status == ReviewStatus::Approved);
    REQUIRE(find_code(back, "01-0002"));
    CHECK(find_code(back, "01-0002")->status == ReviewStatus::Rejected);
    CHECK(find_code(back, "01-0002")->review_comment == "Thiếu số điện thoại của chủ hộ");
    CHECK(row_state(*find_code(back, "01-0002")) == StatusFilter::Rejected);
    // Opened on the surveyor's laptop, the form says it was sent back, and why.
    auto returned = surveyor.store.get(find_code(back, "01-0002")->id);
    REQUIRE(returned.has_value());
    const FormEditor editor = editor_for(*surveyor.catalog->form("household"), *returned);
    CHECK(editor.status == ReviewStatus::Rejected);
    CHECK(editor.review_comment == "Thiếu số điện thoại của chủ hộ");
    CHECK(surveyor.profile.last_sync.has_value());
    CHECK(surveyor.profile.last_sync->rejected == 1);
}

TEST_CASE("a sync with no server says so in plain words and offers to try again") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    auto not_enrolled = sync_session(session, {});
    REQUIRE_FALSE(not_enrolled.has_value());

    Server server;
    REQUIRE(enrol_session(session, kPassphrase, server.process.base_url(),
                          server.code("surveyor", "Lê Thu Trang"))
                .has_value());
    REQUIRE(server.process.stop());
    auto offline = sync_session(session, {});
    REQUIRE_FALSE(offline.has_value());
    CHECK(offline.error().message.vi ==
          "Không kết nối được máy chủ — dữ liệu vẫn an toàn trên máy này.");
    CHECK(offline.error().retry);
    CHECK(offline.error().action.en == "Try again");
}

TEST_CASE("a wrong enrolment code is refused and the offline store keeps working") {
    Server server;
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    save(session, interview("01", "01-0001", "Nguyễn Văn An"), false);
    auto refused = enrol_session(session, kPassphrase, server.process.base_url(), "AAAA-BBBB");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().message.en == "The enrolment code is wrong, already used or expired.");
    CHECK_FALSE(refused.error().store_closed);
    CHECK(list_rows(session).size() == 1);
    auto wrong = enrol_session(session, "not it", server.process.base_url(),
                               server.code("surveyor", "Lê Thu Trang"));
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().message.en == "Wrong passphrase.");
}
