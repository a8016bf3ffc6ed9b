// The headless commands the demo drives, run as the real surveyor program: import of some
// residential groups, edit, settle, conflicts and review --approve-completed. Bad input is
// refused with the reason and changes nothing.
#include <doctest/doctest.h>

#include "support/run_process.hpp"
#include "support/syncd_process.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

c5::test::ProcessResult run_surveyor(const std::filesystem::path& store,
                                     std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", store.string()});
    return c5::test::run_process(C5_SURVEYOR_PATH, args, {{"C5_PASSPHRASE", kPassphrase}});
}

Session reopen(const std::filesystem::path& path) {
    const auto forms = std::filesystem::path(C5_SOURCE_DIR) / "forms";
    auto session = open_session(path, kPassphrase, forms);
    REQUIRE_MESSAGE(session.has_value(), (session ? "" : session.error().message));
    return std::move(*session);
}

// Household records of the store whose code is `code`.
std::vector<RecordRow> rows_of(const Session& session, const std::string& code) {
    std::vector<RecordRow> out;
    for (const RecordRow& row : list_rows(session))
        if (row.household_code == code) out.push_back(row);
    return out;
}

// Two laptops that both changed the phone of one household from the same version: the
// supervisor's store then holds the conflict. Returns the record's id.
RecordId make_phone_conflict(Session& supervisor, Session& other) {
    auto first = interview("01", "01-0007", "Trần Văn Hải");
    first["phone"] = std::string("0911000000");
    const RecordId id = save(supervisor, first, true).record_id;
    REQUIRE(other.store.apply_remote(*supervisor.store.unsynced_changes()));
    auto mine = first;
    mine["phone"] = std::string("0911000001");
    save(supervisor, mine, true, id);
    auto theirs = first;
    theirs["phone"] = std::string("0911000002");
    save(other, theirs, true, id);
    REQUIRE(supervisor.store.apply_remote(*other.store.unsynced_changes()));
    REQUIRE(supervisor.store.get(id)->conflicts.size() == 1);
    return id;
}

}  // namespace

TEST_CASE("surveyor import --unit --group takes only those households, in one go") {
    c5::test::TempDir dir;
    const auto store = dir / "s.c5store";
    { Session created = new_session(store); }

    auto run = run_surveyor(store, {"import", (kSamples / "households.csv").string(), "--unit",
                                    kWard, "--group", "02"});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    // Group 02 of Trúc Bạch: 71 households, one of them visited twice.
    CHECK(run.out.find("72 records imported") != std::string::npos);
    CHECK(run.out.find("3782 of other units or groups left out") != std::string::npos);

    Session session = reopen(store);
    const auto rows = list_rows(session);
    CHECK(rows.size() == 72);
    for (const RecordRow& row : rows) {
        CHECK(row.group == "02");
        CHECK(row.status == ReviewStatus::Completed);
    }
}

TEST_CASE("surveyor import leaves out the rows of units this laptop does not work on") {
    c5::test::TempDir dir;
    const auto store = dir / "s.c5store";
    { Session created = new_session(store); }

    // The whole samples file on Trúc Bạch's laptop: the other wards' rows and checklists
    // would only be refused by the server at the next sync.
    auto run = run_surveyor(store, {"import", (kSamples / "households.csv").string(),
                                    (kSamples / "checklists.json").string()});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);

    Session session = reopen(store);
    std::size_t households = 0;
    for (const auto& stored : session.store.list(ListFilter{}).records) {
        CHECK(stored.record.unit_code == kWard);
        households += stored.record.form == "household" ? 1 : 0;
    }
    CHECK(households > 100);
    CHECK(run.out.find("of other units or groups left out") != std::string::npos);
}

TEST_CASE("surveyor edit changes answers as the form does, and refuses bad ones") {
    c5::test::TempDir dir;
    const auto store = dir / "s.c5store";
    RecordId id;
    {
        Session session = new_session(store);
        id = save(session, interview("01", "01-0003", "Đỗ Thị Hoa"), true).record_id;
        save(session, interview("02", "02-0009", "Vũ Văn Nam"), true);
        save(session, interview("02", "02-0009", "Vũ Văn Nam"), true);  // a second visit
    }

    SUBCASE("answers typed as in the form, completed") {
        auto run = run_surveyor(store, {"edit", "01-0003", "phone=0912 345 678", "smart_tv=k",
                                        "broadband_mobile=1", "--complete"});
        REQUIRE_MESSAGE(run.exit_code == 0, run.err);
        CHECK(run.out.find("status completed") != std::string::npos);
        Session session = reopen(store);
        const StoredRecord got = *session.store.get(id);
        CHECK(got.record.get("phone") == Value{std::string("0912 345 678")});
        CHECK(got.record.get("smart_tv") == Value{false});
        CHECK(got.record.get("broadband_mobile") == Value{true});
        CHECK(got.status == ReviewStatus::Completed);
    }
    SUBCASE("without --complete an edit reopens the record as a draft") {
        auto run = run_surveyor(store, {"edit", to_string(id), "adults_smartphone=2"});
        REQUIRE_MESSAGE(run.exit_code == 0, run.err);
        CHECK(reopen(store).store.get(id)->status == ReviewStatus::Draft);
    }
    SUBCASE("a value that is not the field's type changes nothing and is not echoed") {
        auto run =
            run_surveyor(store, {"edit", "01-0003", "phone=0999", "adults_15plus=Nguyễn Ba"});
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("adults_15plus") != std::string::npos);
        CHECK(run.err.find("Nguyễn Ba") == std::string::npos);
        CHECK(reopen(store).store.get(id)->record.get("phone") == Value{});
    }
    SUBCASE("an unknown field, a missing '=', an unknown household are refused") {
        CHECK(run_surveyor(store, {"edit", "01-0003", "fax=1"}).err.find("no field 'fax'") !=
              std::string::npos);
        CHECK(run_surveyor(store, {"edit", "01-0003", "phone"}).exit_code == 1);
        CHECK(run_surveyor(store, {"edit", "09-0001", "phone=1"})
                  .err.find("no record or household") != std::string::npos);
    }
    SUBCASE("a household with two records must be named by its record id") {
        auto run = run_surveyor(store, {"edit", "02-0009", "phone=0912"});
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("has 2 records") != std::string::npos);
    }
}

TEST_CASE("surveyor settle keeps the chosen value, and conflicts lists every value before") {
    c5::test::TempDir dir;
    const auto store = dir / "sup.c5store";
    RecordId id;
    {
        Session supervisor = new_session(store, Role::Supervisor);
        Session other = new_session(dir / "other.c5store");
        id = make_phone_conflict(supervisor, other);
    }

    auto listed = run_surveyor(store, {"conflicts"});
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    CHECK(listed.out.find("01-0007 field phone") != std::string::npos);
    CHECK(listed.out.find("0911000001") != std::string::npos);
    CHECK(listed.out.find("0911000002") != std::string::npos);

    CHECK(run_surveyor(store, {"settle", "01-0007", "head_name", "--value", "X"})
              .err.find("no conflict on field 'head_name'") != std::string::npos);
    auto settled = run_surveyor(store, {"settle", "01-0007", "phone", "--value", "0911000002"});
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);

    Session session = reopen(store);
    const StoredRecord got = *session.store.get(id);
    CHECK(got.conflicts.empty());
    CHECK(got.record.get("phone") == Value{std::string("0911000002")});
    CHECK(run_surveyor(store, {"conflicts"}).out.empty());
}

TEST_CASE("surveyor settle and review --approve-completed are for a supervisor's laptop") {
    c5::test::TempDir dir;
    const auto store = dir / "s.c5store";
    {
        Session session = new_session(store);
        save(session, interview("01", "01-0001", "Lý Thị Mến"), true);
    }
    auto run = run_surveyor(store, {"review", "--approve-completed"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("only a supervisor") != std::string::npos);
    CHECK(reopen(store).store.list().records.front().status == ReviewStatus::Completed);
}

TEST_CASE("surveyor review --approve-completed approves completed records without conflicts") {
    c5::test::TempDir dir;
    const auto store = dir / "sup.c5store";
    RecordId draft, conflicted;
    {
        Session supervisor = new_session(store, Role::Supervisor);
        Session other = new_session(dir / "other.c5store");
        conflicted = make_phone_conflict(supervisor, other);
        save(supervisor, interview("01", "01-0011", "Mai Văn Tâm"), true);
        save(supervisor, interview("02", "02-0012", "Hà Thị Thu"), true);
        draft = save(supervisor, interview("02", "02-0013", "Kiều Văn Lộc"), false).record_id;
    }
    auto run = run_surveyor(store, {"review", "--approve-completed"});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    CHECK(run.out.find("approved 2 completed records; 1 with a conflict") != std::string::npos);

    Session session = reopen(store);
    for (const RecordRow& row : list_rows(session)) {
        const auto expected = to_string(row.id) == to_string(draft)        ? ReviewStatus::Draft
                              : to_string(row.id) == to_string(conflicted) ? ReviewStatus::Completed
                                                                           : ReviewStatus::Approved;
        CHECK(row.status == expected);
    }
    CHECK(rows_of(session, "01-0011").front().status == ReviewStatus::Approved);
}

TEST_CASE("surveyor create refuses a passphrase shorter than the first-run screen allows") {
    c5::test::TempDir dir;
    const auto store = dir / "short.c5";
    const auto run = c5::test::run_process(
        C5_SURVEYOR_PATH,
        {"--store", store.string(), "create", "--user", "Lê Thu Trang", "--fast-kdf"},
        {{"C5_PASSPHRASE", "mật khẩu"}});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("at least 10 characters") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(store));

    const auto ok = c5::test::run_process(
        C5_SURVEYOR_PATH,
        {"--store", store.string(), "create", "--user", "Lê Thu Trang", "--fast-kdf"},
        {{"C5_PASSPHRASE", "mật khẩu đủ dài"}});
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(std::filesystem::exists(store));
}

TEST_CASE("surveyor enrol says in plain words what is wrong with the address or the laptop") {
    c5::test::TempDir dir;
    const auto store = dir / "lan.c5";
    { new_session(store); }

    // No scheme: the address is at fault, and no server was asked.
    const auto bare = run_surveyor(
        store, {"enrol", "--server", "127.0.0.1:18490", "--code", "K7QF-9M2X", "--fast-kdf"});
    CHECK(bare.exit_code == 1);
    CHECK_MESSAGE(bare.err.find("The server address is not valid: it must look like "
                                "http://host:port") != std::string::npos,
                  bare.err);
    CHECK(bare.err.find("refused") == std::string::npos);

    c5::test::SyncdProcess server;
    REQUIRE_MESSAGE(server.init(), server.last_error());
    REQUIRE(server.run("import-registry", {(kSamples / "registry-hanoi.csv").string()}).exit_code ==
            0);
    REQUIRE_MESSAGE(server.start(), server.last_error());
    const std::string code = server.enroll("surveyor", kWard, "Lê Thu Trang");
    REQUIRE(!code.empty());
    const auto enrolled =
        run_surveyor(store, {"enrol", "--server", server.base_url(), "--code", code, "--fast-kdf"});
    REQUIRE_MESSAGE(enrolled.exit_code == 0, enrolled.err);

    // Enrolled already: one sentence, without the app's button label or an empty detail.
    const auto again = run_surveyor(
        store, {"enrol", "--server", server.base_url(), "--code", "K7QF-9M2X", "--fast-kdf"});
    CHECK(again.exit_code == 1);
    CHECK(again.err == "surveyor enrol: This laptop is already enrolled.\n");
}

TEST_CASE("surveyor export and review given nothing to do say what they need") {
    c5::test::TempDir dir;
    const auto store = dir / "lan.c5";
    { new_session(store); }
    const auto exported = run_surveyor(store, {"export"});
    CHECK(exported.exit_code == 2);
    CHECK(exported.err ==
          "surveyor export: nothing to do: give --households FILE, --checklists FILE or both\n");
    const auto reviewed = run_surveyor(store, {"review", "--comment", "thiếu số điện thoại"});
    CHECK(reviewed.exit_code == 2);
    CHECK(reviewed.err.find("surveyor review: nothing to do: give --approve ID") == 0);
}
