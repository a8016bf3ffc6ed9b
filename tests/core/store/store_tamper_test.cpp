// Damaged and tampered rows: a changed ciphertext, a ciphertext moved to another record or
// field, a changed stamp in clear. Each shows as that record being damaged while the rest
// of the store keeps working.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

// Runs SQL on the closed store file with plain SQLite, as an attacker or a bad disk would.
void tamper(const std::filesystem::path& path, const std::string& sql,
            const std::vector<c5::RecordId>& ids = {}) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK,
                    sqlite3_errmsg(db));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        sqlite3_bind_blob(stmt, static_cast<int>(i + 1), ids[i].bytes.data(), 16, SQLITE_STATIC);
    }
    CHECK(sqlite3_step(stmt) == SQLITE_DONE);
    CHECK(sqlite3_changes(db) >= 1);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

// Flips one bit of a sealed value, in place.
void flip_bit(const std::filesystem::path& path, const c5::RecordId& id, const char* field,
              std::size_t offset) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* read = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "SELECT sealed_value FROM field_versions "
                               "WHERE record_id = ?1 AND field = ?2",
                               -1, &read, nullptr) == SQLITE_OK);
    sqlite3_bind_blob(read, 1, id.bytes.data(), 16, SQLITE_STATIC);
    sqlite3_bind_text(read, 2, field, -1, SQLITE_STATIC);
    REQUIRE(sqlite3_step(read) == SQLITE_ROW);
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(read, 0));
    std::vector<unsigned char> sealed(data, data + sqlite3_column_bytes(read, 0));
    sqlite3_finalize(read);
    REQUIRE(offset < sealed.size());
    sealed[offset] ^= 0x04;

    sqlite3_stmt* write = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "UPDATE field_versions SET sealed_value = ?3 "
                               "WHERE record_id = ?1 AND field = ?2",
                               -1, &write, nullptr) == SQLITE_OK);
    sqlite3_bind_blob(write, 1, id.bytes.data(), 16, SQLITE_STATIC);
    sqlite3_bind_text(write, 2, field, -1, SQLITE_STATIC);
    sqlite3_bind_blob(write, 3, sealed.data(), static_cast<int>(sealed.size()), SQLITE_STATIC);
    CHECK(sqlite3_step(write) == SQLITE_DONE);
    CHECK(sqlite3_changes(db) == 1);
    sqlite3_finalize(write);
    sqlite3_close(db);
}

struct TwoRecords {
    c5::RecordId a;
    c5::RecordId b;
};

TwoRecords make_two(const StoreFixture& f) {
    c5::Store store = f.create();
    return {store.save(household("Nguyễn Văn An", "Tổ 1", "0911"))->record_id,
            store.save(household("Trần Thị Bình", "Tổ 2", "0922"))->record_id};
}

// The damaged record is reported as such; the other still reads, searches and saves.
void check_only_damaged(const StoreFixture& f, const c5::RecordId& bad, const c5::RecordId& good) {
    c5::Store store = f.open();
    auto got = store.get(bad);
    REQUIRE_FALSE(got);
    CHECK(got.error().kind == c5::ErrorKind::Damaged);
    CHECK(got.error().message.find(c5::to_string(bad)) != std::string::npos);

    const c5::RecordList list = store.list();
    REQUIRE(list.damaged.size() == 1);
    CHECK(list.damaged[0].record_id == bad);
    REQUIRE(list.records.size() == 1);
    CHECK(list.records[0].record.record_id == c5::to_string(good));

    c5::RecordEdit edit;
    edit.record_id = good;
    edit.values = {{"notes", std::string("vẫn lưu được")}};
    CHECK(store.save(edit));
    edit.record_id = bad;
    auto refused = store.save(edit);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == c5::ErrorKind::Damaged);
    CHECK(store.check_integrity());  // the file is sound; one record's contents are not
}

}  // namespace

TEST_CASE("store: a changed ciphertext marks its record damaged and nothing else") {
    StoreFixture f;
    const TwoRecords r = make_two(f);
    SUBCASE("in the nonce") {
        flip_bit(f.path(), r.a, "phone", 3);
    }
    SUBCASE("in the ciphertext") {
        flip_bit(f.path(), r.a, "phone", 30);
    }
    SUBCASE("in the tag") {
        flip_bit(f.path(), r.a, "phone", 24 + 32 + 5);
    }
    check_only_damaged(f, r.a, r.b);
    c5::Store store = f.open();
    CHECK(store.search("tran thi binh") == std::vector{r.b});
    CHECK(store.search("nguyen van an").empty());
}

TEST_CASE("store: a ciphertext moved to another record is detected") {
    StoreFixture f;
    const TwoRecords r = make_two(f);
    tamper(f.path(),
           "UPDATE field_versions SET sealed_value = (SELECT sealed_value FROM field_versions "
           "WHERE record_id = ?1 AND field = 'head_name') "
           "WHERE record_id = ?2 AND field = 'head_name'",
           {r.a, r.b});
    check_only_damaged(f, r.b, r.a);
}

TEST_CASE("store: a ciphertext moved to another field of the same record is detected") {
    StoreFixture f;
    const TwoRecords r = make_two(f);
    tamper(f.path(),
           "UPDATE field_versions SET sealed_value = (SELECT sealed_value FROM field_versions "
           "WHERE record_id = ?1 AND field = 'head_name') "
           "WHERE record_id = ?1 AND field = 'address'",
           {r.a});
    check_only_damaged(f, r.a, r.b);
}

TEST_CASE("store: a stamp changed in clear is detected") {
    StoreFixture f;
    const TwoRecords r = make_two(f);
    tamper(f.path(),
           "UPDATE field_versions SET wall_ms = wall_ms + 86400000 "
           "WHERE record_id = ?1 AND field = 'smart_tv'",
           {r.b});
    check_only_damaged(f, r.b, r.a);
}

TEST_CASE("store: a damaged version heals when a newer edit from elsewhere replaces it") {
    StoreFixture f;
    const TwoRecords r = make_two(f);
    c5::FieldChange phone_change;
    {
        c5::Store store = f.open();
        const auto changes = store.unsynced_changes();
        REQUIRE(changes);
        for (const auto& c : *changes) {
            if (c.record_id == r.a && c.field == "phone") phone_change = c;
        }
    }
    tamper(f.path(),
           "UPDATE field_versions SET sealed_value = zeroblob(72) "
           "WHERE record_id = ?1 AND field = 'phone'",
           {r.a});
    c5::Store store = f.open();
    REQUIRE_FALSE(store.get(r.a));

    // The office, which had received the original, corrects the phone.
    c5::FieldChange fix = phone_change;
    fix.value = std::string("0933");
    fix.device_id = "office";
    fix.base = phone_change.version();
    fix.stamp = c5::Stamp{phone_change.stamp.wall_ms + 1000, 0};
    auto report = store.apply_remote(std::vector{fix});
    REQUIRE(report);
    CHECK(report->damaged.empty());
    auto healed = store.get(r.a);
    REQUIRE(healed);
    CHECK(healed->record.get("phone") == c5::Value{std::string("0933")});
}

TEST_CASE("store: a tampered audit entry is reported and the others still read") {
    StoreFixture f;
    make_two(f);
    tamper(f.path(), "UPDATE audit_log SET at_ms = at_ms + 1 WHERE seq = 1");
    c5::Store store = f.open();
    auto log = store.audit_log();
    REQUIRE(log);
    CHECK(log->damaged == std::vector<std::int64_t>{1});
    CHECK(log->entries.size() == 1);
}
