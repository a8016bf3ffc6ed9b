// Unlocking a store: the passphrase, a wrong one, a changed one, and the recovery key.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "core/text/unicode.hpp"
#include "store_fixture.hpp"

using store_test::household;
using store_test::kPassphrase;
using store_test::StoreFixture;

namespace {

// The sealed value column of every field version, read with plain SQLite.
std::vector<std::string> sealed_values(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    std::vector<std::string> out;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT sealed_value FROM field_versions ORDER BY 1", -1, &stmt,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        out.emplace_back(static_cast<const char*>(sqlite3_column_blob(stmt, 0)),
                         sqlite3_column_bytes(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_CASE("store: a created store opens again with its passphrase, records intact") {
    StoreFixture f;
    c5::RecordId id;
    {
        c5::Store store = f.create("laptop-07");
        auto saved = store.save(household("Nguyễn Văn An", "Số 12 ngõ 5", "0912345678"));
        REQUIRE(saved);
        id = saved->record_id;
    }
    c5::Store store = f.open();
    CHECK(store.device_id() == "laptop-07");
    auto got = store.get(id);
    REQUIRE(got);
    CHECK(got->record.get("head_name") == c5::Value{std::string("Nguyễn Văn An")});
    CHECK(store.check_integrity());
}

TEST_CASE("store: a wrong passphrase is refused plainly and changes nothing in the file") {
    StoreFixture f;
    { REQUIRE(f.create().save(household("Trần Thị Bình", "Tổ 3", "0988000111"))); }
    const std::string before = store_test::file_bytes(f.path());

    auto refused = c5::Store::open(f.path(), "cây tre vàng 2024", f.options());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == c5::ErrorKind::WrongPassphrase);
    CHECK(refused.error().message == "open store: wrong passphrase");
    CHECK(store_test::file_bytes(f.path()) == before);

    auto empty = c5::Store::open(f.path(), "", f.options());
    REQUIRE_FALSE(empty);
    CHECK(empty.error().kind == c5::ErrorKind::WrongPassphrase);

    CHECK(c5::Store::open(f.path(), kPassphrase, f.options()));
}

TEST_CASE("store: changing the passphrase rewraps the key and leaves the data as it was") {
    StoreFixture f;
    c5::RecordId id;
    {
        c5::Store store = f.create();
        id = store.save(household("Lê Văn Cường", "Khu 2", "0900111222"))->record_id;
    }
    const auto sealed_before = sealed_values(f.path());
    {
        c5::Store store = f.open();
        REQUIRE(store.change_passphrase("mật khẩu mới"));
        auto log = store.audit_log();
        REQUIRE(log);
        CHECK(log->entries.back().action == c5::AuditAction::PassphraseChange);
    }
    CHECK(sealed_values(f.path()) == sealed_before);

    auto old = c5::Store::open(f.path(), kPassphrase, f.options());
    REQUIRE_FALSE(old);
    CHECK(old.error().kind == c5::ErrorKind::WrongPassphrase);
    auto reopened = c5::Store::open(f.path(), "mật khẩu mới", f.options());
    REQUIRE(reopened);
    CHECK(reopened->get(id)->record.get("phone") == c5::Value{std::string("0900111222")});

    SUBCASE("an empty new passphrase is refused") {
        auto refused = reopened->change_passphrase("");
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == c5::ErrorKind::InvalidInput);
    }
}

TEST_CASE("store: the province's recovery key opens a store whose passphrase is lost") {
    StoreFixture f;
    c5::RecordId id;
    { id = f.create().save(household("Đỗ Thị Hằng", "Xóm 4", "0977666555"))->record_id; }

    SUBCASE("with the right key, and a new passphrase set afterwards") {
        {
            auto store = c5::Store::open_with_recovery(f.path(), f.recovery.secret_key,
                                                       f.options("cán bộ tỉnh"));
            REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));
            CHECK(store->get(id)->record.get("head_name") == c5::Value{std::string("Đỗ Thị Hằng")});
            REQUIRE(store->change_passphrase("mật khẩu mới"));
            auto log = store->audit_log();
            REQUIRE(log);
            const auto& entries = log->entries;
            REQUIRE(entries.size() >= 2);
            CHECK(entries[entries.size() - 2].action == c5::AuditAction::Recovery);
            CHECK(entries[entries.size() - 2].user == "cán bộ tỉnh");
        }
        CHECK(c5::Store::open(f.path(), "mật khẩu mới", f.options()));
        // The recovery wrap is untouched by a passphrase change.
        CHECK(c5::Store::open_with_recovery(f.path(), f.recovery.secret_key, f.options()));
    }
    SUBCASE("another province's key is refused") {
        const c5::RecoveryKeyPair other = c5::generate_recovery_key_pair();
        auto refused = c5::Store::open_with_recovery(f.path(), other.secret_key, f.options());
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == c5::ErrorKind::WrongPassphrase);
    }
}

TEST_CASE("store: create refuses an existing file, an empty passphrase and a bad device id") {
    StoreFixture f;
    { f.create(); }
    auto exists = c5::Store::create(f.path(), kPassphrase, f.recovery.public_key, "x", f.options());
    REQUIRE_FALSE(exists);
    CHECK(exists.error().kind == c5::ErrorKind::Conflict);
    CHECK(c5::Store::open(f.path(), kPassphrase, f.options()));  // the old file is unharmed

    auto no_pass = c5::Store::create(f.path("b"), "", f.recovery.public_key, "x", f.options());
    REQUIRE_FALSE(no_pass);
    CHECK(no_pass.error().kind == c5::ErrorKind::InvalidInput);
    auto no_device = c5::Store::create(f.path("c"), "p", f.recovery.public_key, "", f.options());
    REQUIRE_FALSE(no_device);
    CHECK(no_device.error().kind == c5::ErrorKind::InvalidInput);
    CHECK_FALSE(std::filesystem::exists(f.path("b")));
    CHECK_FALSE(std::filesystem::exists(f.path("c")));
}

TEST_CASE("store: the store file is readable by its owner only") {
    StoreFixture f;
    c5::Store store = f.create();
    struct stat info {};
    REQUIRE(::stat(f.path().c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("store: opening something that is not a store fails without harm") {
    StoreFixture f;
    {
        std::ofstream out(f.path("notes.txt"));
        out << "not a database, just some words to fill a page.\n";
    }
    auto refused = c5::Store::open(f.path("notes.txt"), kPassphrase, f.options());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.starts_with("open store"));
    CHECK_MESSAGE(
        refused.error().message.find("notes.txt is not a c5kit database") != std::string::npos,
        refused.error().message);
    auto missing = c5::Store::open(f.path("missing"), kPassphrase, f.options());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == c5::ErrorKind::NotFound);
}
