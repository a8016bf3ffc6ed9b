// Record snapshots: unlocking reads each record from one sealed snapshot, and what it reads
// is exactly what replaying every sealed field version gives, after saves, merges,
// conflicts, deletions, a failed batch and a migration from the layout without snapshots.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

// Runs SQL on a closed store file with plain SQLite; returns the first column of the first
// row as text ("" when none).
std::string raw_sql(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK,
                    sqlite3_errmsg(db));
    std::string first;
    const int rc = sqlite3_step(stmt);
    CHECK((rc == SQLITE_ROW || rc == SQLITE_DONE));
    if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        first = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return first;
}

std::string describe(const c5::Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return "text:" + *s;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return "int:" + std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "bool:1" : "bool:0";
    return "empty";
}

std::string describe(const c5::FieldChange& c) {
    return c.field + "=" + describe(c.value) + " @" + c5::to_string(c.version()) + " base " +
           c5::to_string(c.base) + " " + c.form + "/" + std::to_string(c.form_version) + "/" +
           c.unit_code;
}

// Everything a store shows of its records, as text, so two opens can be compared whole.
std::string everything(const c5::Store& store) {
    c5::ListFilter all;
    all.include_deleted = true;
    const c5::RecordList list = store.list(all);
    std::string out;
    for (const c5::StoredRecord& r : list.records) {
        out += r.record.record_id + " " + r.record.form + " " + r.record.unit_code +
               (r.record.deleted ? " deleted" : "") + " v" + std::to_string(r.form_version) + " " +
               c5::review_status_name(r.status) + " [" + r.review_comment + "] newest " +
               c5::to_string(r.newest) + (r.synced ? " synced\n" : " unsynced\n");
        for (const auto& [field, value] : r.record.values) {
            out += "  " + field + " = " + describe(value) + "\n";
        }
        for (const c5::FieldConflict& c : r.conflicts) {
            out += "  conflict " + c.field + ": " + describe(c.winner) + "\n";
            for (const auto& loser : c.losers) out += "    lost " + describe(loser) + "\n";
        }
    }
    for (const c5::DamagedRecord& d : list.damaged) {
        out += "damaged " + c5::to_string(d.record_id) + ": " + d.reason + "\n";
    }
    auto unsynced = store.unsynced_changes();
    REQUIRE(unsynced);
    for (const c5::FieldChange& c : *unsynced) out += "unsynced " + describe(c) + "\n";
    out += "search:";
    for (const c5::RecordId& id : store.search("nguyen")) out += " " + c5::to_string(id);
    return out + "\n";
}

// What the store shows when every record is replayed from its field versions: a copy of
// the file with the snapshots removed, opened.
std::string replayed(const StoreFixture& f, const std::string& name) {
    const std::string copy = "replay-" + name;
    for (const char* suffix : {"-wal", "-shm", ""}) {
        std::filesystem::remove(f.path(copy + suffix));
    }
    std::filesystem::copy_file(f.path(name), f.path(copy));
    raw_sql(f.path(copy), "UPDATE records SET sealed_snapshot = NULL");
    c5::Store store = f.open(copy);
    return everything(store);
}

// Every record's sealed snapshot, in hex: unlocking rewrites one only when it could not be used.
std::string snapshot_bytes(const StoreFixture& f, const std::string& name) {
    return raw_sql(f.path(name),
                   "SELECT group_concat(hex(sealed_snapshot), ' ') FROM "
                   "(SELECT sealed_snapshot FROM records ORDER BY record_id)");
}

std::string snapshots_missing(const StoreFixture& f, const std::string& name) {
    return raw_sql(f.path(name), "SELECT count(*) FROM records WHERE sealed_snapshot IS NULL");
}

c5::RecordEdit set_field(const c5::RecordId& id, const std::string& field, c5::Value value) {
    c5::RecordEdit edit;
    edit.record_id = id;
    edit.values = {{field, std::move(value)}};
    return edit;
}

// Sends a store's unsynced changes to another, as a push then an acknowledgement.
void push(c5::Store& from, c5::Store& to) {
    auto changes = from.unsynced_changes();
    REQUIRE(changes);
    auto report = to.apply_remote(*changes);
    REQUIRE_MESSAGE(report, (report ? std::string() : report.error().message));
    REQUIRE(from.mark_synced(*changes, "peer"));
}

// Two laptops' history on one ward: saves, merges both ways, a conflict left open and one
// settled, a review with a comment, a deletion and a restore, a batch that failed, and a
// change held for a skewed clock. Returns what laptop "b" shows when closed.
std::string make_history(StoreFixture& f) {
    c5::Store a = f.create("a", "a.c5store");
    c5::Store b = f.create("b", "b.c5store");
    const auto an = a.save(household("Nguyễn Văn An", "Số 4, ngõ 12 Phúc Xá", "0911"));
    const auto binh = a.save(household("Trần Thị Bình", "Tổ 2", "0922"));
    const auto chi = b.save(household("Nguyễn Thị Chi", "Tổ 3", "0933"));
    REQUIRE((an && binh && chi));
    push(a, b);
    push(b, a);
    f.advance_ms(10);

    // A conflict on the phone, one on the address settled by the supervisor's laptop.
    REQUIRE(a.save(set_field(an->record_id, "phone", std::string("0988"))));
    REQUIRE(b.save(set_field(an->record_id, "phone", std::string("0977"))));
    REQUIRE(a.save(set_field(binh->record_id, "address", std::string("Tổ 5"))));
    REQUIRE(b.save(set_field(binh->record_id, "address", std::string("Tổ 6"))));
    push(a, b);
    REQUIRE(b.settle_conflict(binh->record_id, "address", std::string("Tổ 6, ngõ 1")));

    // Review, deletion, restore, a cleared field.
    REQUIRE(b.set_status(chi->record_id, c5::ReviewStatus::Rejected, "Thiếu số điện thoại"));
    REQUIRE(b.set_deleted(binh->record_id, true));
    REQUIRE(b.set_deleted(binh->record_id, false));
    REQUIRE(b.set_deleted(chi->record_id, true));
    REQUIRE(b.save(set_field(an->record_id, "smart_tv", c5::Value{})));

    // A batch that fails leaves nothing of itself.
    auto failed = b.batch([&](c5::Store& s) -> c5::Result<void> {
        REQUIRE(s.save(set_field(an->record_id, "head_name", std::string("Không lưu"))));
        return c5::fail(c5::ErrorKind::InvalidInput, "given up");
    });
    CHECK_FALSE(failed);

    // A change from a laptop whose clock runs a day ahead waits in b, then merges.
    c5::FieldChange skewed;
    skewed.record_id = an->record_id;
    skewed.form = "household";
    skewed.form_version = 1;
    skewed.unit_code = "00001";
    skewed.field = "notes";
    skewed.value = std::string("gọi lại sau");
    skewed.stamp = c5::Stamp{f.now_ms() + 86'400'000, 0};
    skewed.device_id = "c";
    REQUIRE(b.apply_remote(std::vector{skewed}));
    f.advance_ms(86'400'000);
    REQUIRE(b.release_held());
    return everything(b);
}

}  // namespace

TEST_CASE("store: unlocking from snapshots shows exactly what replaying every version shows") {
    StoreFixture f;
    const std::string before_close = make_history(f);
    CHECK(snapshots_missing(f, "b.c5store") == "0");
    const std::string sealed = snapshot_bytes(f, "b.c5store");

    c5::Store b = f.open("b.c5store");
    const std::string from_snapshots = everything(b);
    // Every record was read from its snapshot: none needed writing again.
    CHECK(snapshot_bytes(f, "b.c5store") == sealed);
    CHECK(from_snapshots == before_close);
    CHECK(from_snapshots == replayed(f, "b.c5store"));
    CHECK(from_snapshots.find("conflict phone") != std::string::npos);
    CHECK(from_snapshots.find(" deleted ") != std::string::npos);
    CHECK(from_snapshots.find("Không lưu") == std::string::npos);
    CHECK(from_snapshots.find("gọi lại sau") != std::string::npos);
}

TEST_CASE("store: a snapshot that disagrees with the field versions is not believed") {
    StoreFixture f;
    c5::RecordId id;
    {
        c5::Store store = f.create();
        id = store.save(household("Nguyễn Văn An", "Tổ 1", "0911"))->record_id;
    }
    // Keep the snapshot of the first save, as a write torn between the two would.
    raw_sql(f.path(),
            "CREATE TABLE old_snapshots AS SELECT record_id, sealed_snapshot "
            "FROM records");
    {
        c5::Store store = f.open();
        REQUIRE(store.save(set_field(id, "phone", std::string("0999"))));
    }
    raw_sql(f.path(),
            "UPDATE records SET sealed_snapshot = (SELECT sealed_snapshot FROM "
            "old_snapshots WHERE old_snapshots.record_id = records.record_id)");

    SUBCASE("an older snapshot: the record is replayed, with the newer phone") {}
    SUBCASE("a damaged snapshot: the record is replayed, and is not damaged") {
        raw_sql(f.path(), "UPDATE records SET sealed_snapshot = zeroblob(96)");
    }
    SUBCASE("snapshots swapped between records: refused by their bound record ids") {
        {
            c5::Store store = f.open();
            REQUIRE(store.save(household("Trần Thị Bình", "Tổ 2", "0922")));
        }
        raw_sql(f.path(),
                "UPDATE records SET sealed_snapshot = (SELECT r.sealed_snapshot "
                "FROM records AS r WHERE r.record_id != records.record_id)");
    }
    {
        c5::Store store = f.open();
        auto got = store.get(id);
        REQUIRE_MESSAGE(got, (got ? std::string() : got.error().message));
        CHECK(got->record.get("phone") == c5::Value{std::string("0999")});
        CHECK(everything(store) == replayed(f, "survey.c5store"));
    }
    // Unlocking wrote a snapshot that matches again, and the next unlock uses it.
    CHECK(snapshots_missing(f, "survey.c5store") == "0");
    const std::string rewritten = snapshot_bytes(f, "survey.c5store");
    c5::Store store = f.open();
    CHECK(store.get(id)->record.get("phone") == c5::Value{std::string("0999")});
    CHECK(snapshot_bytes(f, "survey.c5store") == rewritten);
}

TEST_CASE("store: a store from before snapshots is migrated and reads the same") {
    StoreFixture f;
    const std::string history = make_history(f);
    // The layout of schema 001: no snapshot column, user_version 1.
    raw_sql(f.path("b.c5store"), "ALTER TABLE records DROP COLUMN sealed_snapshot");
    raw_sql(f.path("b.c5store"), "PRAGMA user_version = 1");
    CHECK(raw_sql(f.path("b.c5store"), "PRAGMA user_version") == "1");

    {
        c5::Store migrated = f.open("b.c5store");
        CHECK(everything(migrated) == history);
    }
    CHECK(raw_sql(f.path("b.c5store"), "PRAGMA user_version") == "2");
    CHECK(snapshots_missing(f, "b.c5store") == "0");
    c5::Store reopened = f.open("b.c5store");
    CHECK(everything(reopened) == history);
    CHECK(everything(reopened) == replayed(f, "b.c5store"));
}
