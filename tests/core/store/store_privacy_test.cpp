// Nothing personal is written in clear: the bytes of the database and its journal are
// searched for every saved name, address, phone and comment, in NFC and in NFD, and for
// the folded search keys.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <vector>

#include "core/text/unicode.hpp"
#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

// NFD spellings written out byte by byte, so the test does not depend on the normaliser.
const std::string kNameNfc = "Nguyễn Văn An";
const std::string kNameNfd = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";
const std::string kAddressNfc = "Số 12 ngõ Đình Thôn";
const std::string kAddressNfd =
    "So\xCC\x82\xCC\x81 12 ngo\xCC\x83 \xC4\x90i\xCC\x80nh Tho\xCC\x82n";
const std::string kPhone = "0912345678";
const std::string kNotes = "Chủ hộ đi làm xa";

std::string all_store_bytes(const StoreFixture& f) {
    std::string bytes;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const auto path = std::filesystem::path(f.path().string() + suffix);
        if (std::filesystem::exists(path)) bytes += store_test::file_bytes(path);
    }
    return bytes;
}

void check_no_personal_bytes(const std::string& bytes) {
    const std::vector<std::string> secrets = {
        kNameNfc, kNameNfd,  kAddressNfc,     kAddressNfd, kPhone, kNotes,
        "Nguy",   "0912345", "nguyen van an", "dinh thon", "Ngõ",  "Trần Thị Bình",
    };
    for (const auto& secret : secrets) {
        CAPTURE(secret);
        CHECK(bytes.find(secret) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("store: the database file holds no saved personal value, in NFC or NFD") {
    REQUIRE(c5::to_nfc(kNameNfd) == kNameNfc);
    REQUIRE(c5::to_nfc(kAddressNfd) == kAddressNfc);
    StoreFixture f;
    {
        c5::Store store = f.create();
        c5::Store other = f.create("laptop-02", "other.c5store");
        c5::RecordEdit nfd = household(kNameNfd, kAddressNfd, kPhone);
        nfd.values["notes"] = kNotes;
        const c5::RecordId id = store.save(nfd)->record_id;
        const c5::RecordId id2 = store.save(household(kNameNfc, kAddressNfc, kPhone))->record_id;
        REQUIRE(store.set_status(id, c5::ReviewStatus::Rejected, kNameNfc + " " + kPhone));
        REQUIRE(store.set_deleted(id2, true));

        // A record merged from another device, and one held for a skewed clock.
        other.save(household("Trần Thị Bình", kAddressNfc, kPhone)).value();
        REQUIRE(store.apply_remote(*other.unsynced_changes()));
        auto ahead = *other.unsynced_changes();
        for (auto& c : ahead) c.stamp.wall_ms += 5LL * 24 * 60 * 60 * 1000;
        REQUIRE(store.apply_remote(ahead)->held.size() == ahead.size());
        REQUIRE(store.search("nguyen van an").size() == 1);

        SUBCASE("while the store is open (database and journal)") {
            check_no_personal_bytes(all_store_bytes(f));
        }
    }
    SUBCASE("after it is closed") {
        check_no_personal_bytes(all_store_bytes(f));
    }
}

TEST_CASE("store: values are padded, so a sealed name does not give away its length") {
    StoreFixture f;
    {
        c5::Store store = f.create();
        REQUIRE(store.save(household("An", "x", "1")));
        REQUIRE(store.save(household("Lê Thị Hoa Mai", "x", "1")));
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(f.path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "SELECT DISTINCT length(sealed_value) FROM field_versions "
                               "WHERE field = 'head_name'",
                               -1, &stmt, nullptr) == SQLITE_OK);
    int lengths = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) ++lengths;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    CHECK(lengths == 1);
}
