// The surveyor's actions without a window: create and unlock the store, save drafts and
// completed records, hidden questions, review, results and import/export.
#include <doctest/doctest.h>

#include <sstream>

#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

TEST_CASE("a new store opens again with its passphrase and refuses a wrong one") {
    c5::test::TempDir dir;
    { Session session = new_session(dir / "s.c5"); }
    auto forms = std::filesystem::path(C5_SOURCE_DIR) / "forms";
    auto reopened = open_session(dir / "s.c5", kPassphrase, forms);
    REQUIRE(reopened.has_value());
    CHECK(reopened->profile.unit() == kWard);
    CHECK(reopened->profile.user_name == "Lê Thu Trang");
    CHECK(reopened->catalog->registry.find(kWard) != nullptr);
    auto wrong = open_session(dir / "s.c5", "not the passphrase", forms);
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().kind == ErrorKind::WrongPassphrase);
}

TEST_CASE("creating a store without a recovery key makes one and returns its secret once") {
    c5::test::TempDir dir;
    auto created = create_store(create_request(dir / "s.c5"));
    REQUIRE(created.has_value());
    CHECK(created->recovery_secret.rfind("c5rsk1:", 0) == 0);
    auto request = create_request(dir / "t.c5");
    request.unit_code = "99999";
    auto refused = create_store(request);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().message.find("99999") != std::string::npos);
}

TEST_CASE("a draft saves whatever is answered; completing needs every answer") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    auto values = interview("01", "01-0001", "Nguyễn Văn An");
    values.erase("smart_camera");

    SUBCASE("a draft is saved with the gap") {
        const SaveOutcome draft = save(session, values, false);
        CHECK(draft.status == ReviewStatus::Draft);
        CHECK(draft.issues.empty());
        CHECK(session.store.get(draft.record_id)->record.get("head_name") ==
              Value{std::string("Nguyễn Văn An")});
    }
    SUBCASE("asking to complete saves it as a draft and names the missing answer") {
        const SaveOutcome tried = save(session, values, true);
        CHECK(tried.status == ReviewStatus::Draft);
        REQUIRE(tried.issues.size() == 1);
        CHECK(tried.issues[0].field == "smart_camera");
        CHECK(tried.issues[0].message.vi == "Chưa trả lời");
        values["smart_camera"] = false;
        const SaveOutcome done = save(session, values, true, tried.record_id);
        CHECK(done.status == ReviewStatus::Completed);
        CHECK(done.issues.empty());
        CHECK(session.store.get(done.record_id)->status == ReviewStatus::Completed);
    }
}

TEST_CASE("answers to questions that no longer apply are not kept") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    auto values = interview("01", "01-0002", "Trần Thị Bình");
    values["visit_outcome"] = std::string("absent");
    const SaveOutcome saved = save(session, values, true);
    CHECK(saved.status == ReviewStatus::Completed);
    const FormRecord record = session.store.get(saved.record_id)->record;
    CHECK(is_empty(record.get("smart_tv")));
    CHECK(is_empty(record.get("consent")));
    CHECK(record.get("visit_outcome") == Value{std::string("absent")});
}

TEST_CASE("a household code used twice in the ward keeps the second from completing") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    save(session, interview("01", "01-0003", "Phạm Văn Cường"), true);
    const SaveOutcome second = save(session, interview("01", "01-0003", "Đỗ Thị Dung"), true);
    CHECK(second.status == ReviewStatus::Draft);
    REQUIRE(second.issues.size() == 1);
    CHECK(second.issues[0].field == "household_code");
}

TEST_CASE("only a supervisor's laptop approves or rejects, and a rejection needs a comment") {
    c5::test::TempDir dir;
    Session surveyor = new_session(dir / "a.c5");
    const RecordId id = save(surveyor, interview("01", "01-0004", "Hoàng Văn Em"), true).record_id;
    CHECK_FALSE(approve_record(surveyor, id).has_value());

    Session supervisor = new_session(dir / "b.c5", Role::Supervisor);
    const RecordId other =
        save(supervisor, interview("01", "01-0005", "Vũ Thị Giang"), true).record_id;
    CHECK_FALSE(reject_record(supervisor, other, "  ").has_value());
    REQUIRE(reject_record(supervisor, other, "Thiếu số điện thoại").has_value());
    const StoredRecord rejected = *supervisor.store.get(other);
    CHECK(rejected.status == ReviewStatus::Rejected);
    CHECK(rejected.review_comment == "Thiếu số điện thoại");
    REQUIRE(approve_record(supervisor, other).has_value());
    CHECK(supervisor.store.get(other)->status == ReviewStatus::Approved);

    SUBCASE("a fixed rejected record stays flagged until it is completed again") {
        REQUIRE(reject_record(supervisor, other, "Sai mã hộ").has_value());
        auto values = interview("01", "01-0005", "Vũ Thị Giang");
        values["phone"] = std::string("0912345678");
        CHECK(save(supervisor, values, false, other).status == ReviewStatus::Rejected);
        CHECK(save(supervisor, values, true, other).status == ReviewStatus::Completed);
    }
}

TEST_CASE("the result names the groups still to visit and the unanswered checklist items") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    save(session, interview("01", "01-0001", "Nguyễn Văn An"), true);
    save(session, std::map<std::string, Value>{{"radio_operating", true}, {"lan", true}}, false,
         std::nullopt, "ward_checklist");
    auto report = compute_report(session, kWard);
    REQUIRE(report.has_value());
    CHECK(report->result.unit_code == kWard);
    CHECK(report->result.criterion != Status::Pass);
    CHECK(report->has_checklist);
    REQUIRE(report->groups_not_done.size() == 2);
    CHECK(report->groups_not_done[0].code == "01");
    CHECK(report->groups_not_done[0].visited == 1);
    CHECK(report->groups_not_done[0].registered == std::optional<std::int64_t>(84));
    CHECK_FALSE(report->unanswered.empty());
    CHECK_FALSE(compute_report(session, "99999").has_value());
}

TEST_CASE("household CSV and checklist JSON import as this laptop's edits and export again") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    const std::string csv_header =
        "record_id,ward_code,group,household_code,head_name,address,phone,visit_outcome,consent,"
        "smart_tv,smart_tv_box,smart_projector,smart_audio,tablet,smart_camera,ereader,"
        "smart_entertainment,broadband_fixed,broadband_mobile,adults_15plus,adults_smartphone,"
        "visited_at,surveyor,notes\r\n";
    const auto file = dir.write(
        "h.csv", csv_header +
                     "0192648a-6e73-7353-adac-c87f8f5c289f,00004,01,01-0001,Đỗ Văn Phong,Số 33,,"
                     "interviewed,1,1,0,0,0,0,0,0,0,1,0,2,2,2024-10-05T08:00:00+07:00,Lan,\r\n"
                     "0192648a-6e73-7353-adac-c87f8f5c28a0,00004,02,02-0001,Vũ Thị Hà,Số 2,,"
                     "absent,,,,,,,,,,,,,,2024-10-05T08:30:00+07:00,Lan,\r\n");
    auto imported = import_households(session, file);
    REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
    CHECK(imported->records == 2);
    const auto rows = list_rows(session);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].status == ReviewStatus::Completed);
    CHECK_FALSE(rows[0].synced);

    std::ostringstream out;
    export_households(session, out);
    CHECK(out.str().find("0192648a-6e73-7353-adac-c87f8f5c289f,00004,01,01-0001,Đỗ Văn Phong") !=
          std::string::npos);

    const auto bad =
        dir.write("bad.csv", csv_header + "x,00004,01,01-0009,A,B,,maybe,,,,,,,,,,,,,,,,\r\n");
    auto refused = import_households(session, bad);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().message.find("bad.csv:2") != std::string::npos);
    CHECK(list_rows(session).size() == 2);

    auto checklists = import_checklists(session, kSamples / "checklists.json");
    REQUIRE_MESSAGE(checklists.has_value(), (checklists ? "" : checklists.error().message));
    auto again = import_checklists(session, kSamples / "checklists.json");
    REQUIRE(again.has_value());
    CHECK(again->changed_fields == 0);  // the unit's checklist is updated, not duplicated
}

TEST_CASE("a checklist file that leaves answers out changes only the answers it gives") {
    c5::test::TempDir dir;
    Session session = new_session(dir / "s.c5");
    auto full = import_checklists(session, kSamples / "checklists.json");
    REQUIRE_MESSAGE(full.has_value(), (full ? "" : full.error().message));

    // A later file from the ward office gives one corrected count and nothing else.
    const auto partial = dir.write("partial.json",
                                   R"([{"form": "ward_checklist", "unit_code": "00004", )"
                                   R"("values": {"smart_speaker_groups": 1}}])");
    auto updated = import_checklists(session, partial);
    REQUIRE_MESSAGE(updated.has_value(), (updated ? "" : updated.error().message));
    CHECK(updated->changed_fields == 1);

    const auto checklists = session.store.list(c5::ListFilter{"ward_checklist", kWard, false});
    REQUIRE(checklists.records.size() == 1);
    const c5::FormRecord& kept = checklists.records.front().record;
    CHECK(kept.get("smart_speaker_groups") == c5::Value(std::int64_t{1}));
    CHECK(kept.get("radio_operating") == c5::Value(true));
    CHECK(kept.get("radio_technology") == c5::Value(std::string("ict")));
    CHECK(kept.get("groups_total") == c5::Value(std::int64_t{2}));
}
