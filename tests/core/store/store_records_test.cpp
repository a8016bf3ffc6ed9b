// Saving, reviewing, deleting and reading records back; search; the unsynced list, sync
// cursors and the audit trail.
#include <doctest/doctest.h>

#include "core/text/unicode.hpp"
#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

// Unwraps a result into a value the checks can hold (a temporary's inside would not live
// long enough for doctest's decomposition).
template <class T>
T got(c5::Result<T> result) {
    REQUIRE_MESSAGE(result, (result ? std::string() : result.error().message));
    return std::move(*result);
}

}  // namespace

TEST_CASE("store: a saved record reads back flattened, as a draft waiting to be synced") {
    StoreFixture f;
    c5::Store store = f.create();
    auto saved = store.save(household("Nguyễn Văn An", "Số 12 ngõ 5", "0912345678"));
    REQUIRE(saved);
    CHECK(saved->changed_fields.size() == 7);
    auto got = store.get(saved->record_id);
    REQUIRE(got);
    CHECK(got->record.record_id == c5::to_string(saved->record_id));
    CHECK(got->record.form == "household");
    CHECK(got->record.unit_code == "00001");
    CHECK(got->form_version == 1);
    CHECK(got->record.get("smart_tv") == c5::Value{true});
    CHECK(got->record.get("adults_15plus") == c5::Value{std::int64_t{3}});
    CHECK_FALSE(got->record.values.contains("_status"));
    CHECK(got->status == c5::ReviewStatus::Draft);
    CHECK_FALSE(got->synced);
    CHECK(got->newest.device_id == "laptop-01");
}

TEST_CASE("store: text is stored in NFC whatever form it arrives in") {
    StoreFixture f;
    c5::Store store = f.create();
    const std::string nfd = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";
    REQUIRE(c5::to_nfc(nfd) == "Nguyễn Văn An");
    auto saved = store.save(household(nfd, "Tổ 1", "0900000000"));
    REQUIRE(saved);
    CHECK(store.get(saved->record_id)->record.get("head_name") ==
          c5::Value{std::string("Nguyễn Văn An")});
}

TEST_CASE("store: an edit writes only the fields that changed") {
    StoreFixture f;
    c5::Store store = f.create();
    const c5::RecordId id = store.save(household("An", "Tổ 1", "0911"))->record_id;
    c5::RecordEdit edit = household("An", "Tổ 1", "0922");
    edit.record_id = id;
    auto saved = store.save(edit);
    REQUIRE(saved);
    CHECK(saved->changed_fields == std::vector<std::string>{"phone"});
    CHECK(store.save(edit)->changed_fields.empty());

    SUBCASE("an edit naming no form keeps the record's form and unit") {
        c5::RecordEdit partial;
        partial.record_id = id;
        partial.values = {{"notes", std::string("gặp lại sau")}};
        REQUIRE(store.save(partial));
        CHECK(store.get(id)->record.form == "household");
        CHECK(store.get(id)->record.unit_code == "00001");
    }
    SUBCASE("an empty value clears the field") {
        c5::RecordEdit clear;
        clear.record_id = id;
        clear.values = {{"phone", c5::Value{}}};
        REQUIRE(store.save(clear));
        CHECK_FALSE(store.get(id)->record.values.contains("phone"));
    }
}

TEST_CASE("store: save refuses reserved field names and a new record without a form") {
    StoreFixture f;
    c5::Store store = f.create();
    c5::RecordEdit reserved = household("An", "Tổ 1", "0911");
    reserved.values["_status"] = std::string("approved");
    auto refused = store.save(reserved);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == c5::ErrorKind::InvalidInput);

    c5::RecordEdit formless;
    formless.values = {{"notes", std::string("x")}};
    CHECK_FALSE(store.save(formless));
    CHECK(store.list().records.empty());
}

TEST_CASE("store: an edit with an unknown record id creates that record (imports keep ids)") {
    StoreFixture f;
    c5::Store store = f.create();
    c5::RecordEdit edit = household("An", "Tổ 1", "0911");
    edit.record_id = *c5::parse_record_id("0190a5c2-1111-7000-8000-000000000001");
    REQUIRE(store.save(edit));
    CHECK(store.get(*edit.record_id));
}

TEST_CASE("store: review status, comments and deletion are saved and listed") {
    StoreFixture f;
    c5::Store store = f.create();
    const c5::RecordId a = store.save(household("An", "Tổ 1", "0911"))->record_id;
    c5::RecordEdit other = household("Bình", "Tổ 2", "0922");
    other.unit_code = "00002";
    const c5::RecordId b = store.save(other)->record_id;

    REQUIRE(store.set_status(a, c5::ReviewStatus::Rejected, "thiếu số người"));
    CHECK(store.get(a)->status == c5::ReviewStatus::Rejected);
    CHECK(store.get(a)->review_comment == "thiếu số người");
    REQUIRE(store.set_status(a, c5::ReviewStatus::Approved));
    CHECK(store.get(a)->status == c5::ReviewStatus::Approved);
    CHECK(store.get(a)->review_comment.empty());

    CHECK(store.list({.unit_code = "00002"}).records.size() == 1);
    REQUIRE(store.set_deleted(b, true));
    CHECK(store.list().records.size() == 1);
    const auto all = store.list({.include_deleted = true});
    REQUIRE(all.records.size() == 2);
    for (const auto& r : all.records) {
        CHECK(r.record.deleted == (r.record.record_id == c5::to_string(b)));
    }
    REQUIRE(store.set_deleted(b, false));
    CHECK(store.list().records.size() == 2);

    auto missing = store.set_status(c5::mint_record_id(1), c5::ReviewStatus::Approved);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == c5::ErrorKind::NotFound);
}

TEST_CASE("store: search ignores case and Vietnamese diacritics, over names and addresses") {
    StoreFixture f;
    c5::Store store = f.create();
    const auto an = store.save(household("Nguyễn Văn An", "Số 12 ngõ Đình Thôn", "0911"));
    const auto xuan = store.save(household("Trần Thị Xuân", "Tổ 3 phường Mỹ Đình", "0922"));
    REQUIRE(an);
    REQUIRE(xuan);
    CHECK(store.search("nguyen van an") == std::vector{an->record_id});
    CHECK(store.search("NGUYỄN") == std::vector{an->record_id});
    CHECK(store.search("dinh") == std::vector{an->record_id, xuan->record_id});
    CHECK(store.search("my dinh") == std::vector{xuan->record_id});
    CHECK(store.search("an").size() == 1);  // the "an" inside "Xuân" is not a word start
    CHECK(store.search("le thi").empty());
    CHECK(store.search("   ").empty());
    CHECK(store.search("nguyen", "ward_checklist").empty());

    REQUIRE(store.set_deleted(an->record_id, true));
    CHECK(store.search("nguyen van an").empty());

    SUBCASE("after reopening, over what was decrypted") {
        c5::Store reopened = f.open();
        CHECK(reopened.search("tran thi xuan") == std::vector{xuan->record_id});
    }
}

TEST_CASE("store: unsynced changes are listed until the server acknowledges them") {
    StoreFixture f;
    c5::Store store = f.create();
    const c5::RecordId id = store.save(household("An", "Tổ 1", "0911"))->record_id;
    auto pending = store.unsynced_changes();
    REQUIRE(pending);
    CHECK(pending->size() == 8);  // seven fields and the draft status
    for (const auto& c : *pending) {
        CHECK(c.record_id == id);
        CHECK(c.device_id == "laptop-01");
        CHECK(c.form == "household");
    }
    CHECK(store.unsynced_changes(3)->size() == 3);

    REQUIRE(store.mark_synced(*pending, "syncd.tinh.example"));
    CHECK(store.unsynced_changes()->empty());
    CHECK(store.get(id)->synced);

    c5::RecordEdit edit;
    edit.record_id = id;
    edit.values = {{"phone", std::string("0999")}};
    REQUIRE(store.save(edit));
    REQUIRE(store.unsynced_changes()->size() == 1);
    CHECK(store.unsynced_changes()->front().base.device_id == "laptop-01");
    CHECK_FALSE(store.get(id)->synced);
}

TEST_CASE("store: sync cursors are kept per peer") {
    StoreFixture f;
    {
        c5::Store store = f.create();
        CHECK(got(store.sync_cursor("server")) == std::nullopt);
        REQUIRE(store.set_sync_cursor("server", "42"));
        REQUIRE(store.set_sync_cursor("server", "57"));
    }
    c5::Store store = f.open();
    CHECK(got(store.sync_cursor("server")) == std::optional<std::string>("57"));
}

TEST_CASE("store: the audit trail records saves, reviews, merges and syncs with who and when") {
    StoreFixture f;
    c5::Store store = f.create();
    const c5::RecordId id = store.save(household("Nguyễn Văn An", "Tổ 1", "0911"))->record_id;
    f.advance_ms(1000);
    REQUIRE(store.set_status(id, c5::ReviewStatus::Rejected, "Nguyễn Văn An vắng nhà"));
    REQUIRE(store.mark_synced(*store.unsynced_changes(), "server"));
    REQUIRE(store.apply_remote({}));  // nothing received: no entry
    REQUIRE(store.append_audit(c5::AuditAction::Sync, "", "session with server: ok"));

    auto log = store.audit_log();
    REQUIRE(log);
    CHECK(log->damaged.empty());
    REQUIRE(log->entries.size() == 4);
    const auto& save = log->entries[0];
    CHECK(save.seq == 1);
    CHECK(save.action == c5::AuditAction::Save);
    CHECK(save.device_id == "laptop-01");
    CHECK(save.user == "Phạm Thu");
    CHECK(save.record_id == c5::to_string(id));
    CHECK(save.at_ms == store_test::kStartMs);
    CHECK(save.detail.find("head_name") != std::string::npos);
    const auto& review = log->entries[1];
    CHECK(review.action == c5::AuditAction::Review);
    CHECK(review.at_ms == store_test::kStartMs + 1000);
    CHECK(log->entries[2].action == c5::AuditAction::Sync);
    for (const auto& entry : log->entries) {
        CHECK(entry.detail.find("Nguyễn") == std::string::npos);  // no personal values
    }
    CHECK(store.audit_log(2)->entries.front().seq == 3);
}

TEST_CASE("store: received changes and the pull cursor are kept in one transaction") {
    StoreFixture f;
    c5::Store a = f.create("a", "a.c5store");
    c5::Store b = f.create("b", "b.c5store");
    a.save(household("An", "Tổ 1", "0911")).value();
    const c5::CursorUpdate cursor{"server", "6180"};
    REQUIRE(b.apply_remote(*a.unsynced_changes(), &cursor));
    CHECK(got(b.sync_cursor("server")) == std::optional<std::string>("6180"));
    CHECK(b.list().records.size() == 1);

    SUBCASE("and neither is kept when the batch is refused") {
        auto bad = *a.unsynced_changes();
        bad[0].device_id.clear();
        const c5::CursorUpdate next{"server", "9999"};
        REQUIRE_FALSE(b.apply_remote(bad, &next));
        CHECK(got(b.sync_cursor("server")) == std::optional<std::string>("6180"));
    }
}

TEST_CASE("store: sealed items keep the device's secrets under the store key") {
    StoreFixture f;
    const c5::Bytes secret = {0x01, 0x02, 0xFE, 0x00, 0x7F};
    {
        c5::Store store = f.create();
        CHECK(got(store.get_sealed("device_signing_key")) == std::nullopt);
        REQUIRE(store.put_sealed("device_signing_key", secret));
        REQUIRE(store.put_sealed("push_pending", c5::Bytes{'x'}));
        REQUIRE(store.erase_sealed("push_pending"));
        REQUIRE(store.erase_sealed("never_there"));
    }
    c5::Store store = f.open();
    CHECK(got(store.get_sealed("device_signing_key")) == std::optional<c5::Bytes>(secret));
    CHECK(got(store.get_sealed("push_pending")) == std::nullopt);
    CHECK(store_test::file_bytes(f.path()).find("\x01\x02\xFE") == std::string::npos);
}
