// Store::batch: many edits in one transaction, kept together or not at all.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

c5::RecordEdit numbered_household(int n) {
    c5::RecordEdit edit = household("Hộ số " + std::to_string(n), "Số " + std::to_string(n),
                                    "09000000" + std::to_string(10 + n));
    edit.values["household_code"] = std::string("01-") + std::to_string(1000 + n);
    return edit;
}

}  // namespace

TEST_CASE("store: a batch keeps every save and status, and they survive reopening") {
    StoreFixture f;
    std::vector<c5::RecordId> ids;
    {
        c5::Store store = f.create();
        auto done = store.batch([&](c5::Store& s) -> c5::Result<void> {
            for (int n = 0; n < 50; ++n) {
                auto saved = s.save(numbered_household(n));
                if (!saved) return std::unexpected(saved.error());
                if (auto set = s.set_status(saved->record_id, c5::ReviewStatus::Completed); !set)
                    return set;
                ids.push_back(saved->record_id);
            }
            return {};
        });
        REQUIRE_MESSAGE(done, (done ? std::string() : done.error().message));
        CHECK(store.list().records.size() == 50);
        // Seven answers and the status each; the completed status replaced the draft one.
        CHECK(store.unsynced_changes()->size() == 50 * 8);
    }
    c5::Store reopened = f.open();
    REQUIRE(reopened.list().records.size() == 50);
    for (const c5::RecordId& id : ids) {
        auto got = reopened.get(id);
        REQUIRE(got);
        CHECK(got->status == c5::ReviewStatus::Completed);
        CHECK_FALSE(got->synced);
    }
    // Each record's save and review are in the audit trail as if made one by one.
    CHECK(reopened.audit_log()->entries.size() >= 100);
}

TEST_CASE("store: a batch that fails keeps nothing, in the file or in memory") {
    StoreFixture f;
    c5::Store store = f.create();
    const c5::RecordId before = store.save(numbered_household(0))->record_id;
    const std::size_t unsynced_before = store.unsynced_changes()->size();

    c5::RecordId edited_in_batch;
    auto done = store.batch([&](c5::Store& s) -> c5::Result<void> {
        c5::RecordEdit change = numbered_household(0);
        change.record_id = before;
        change.values["phone"] = std::string("0999999999");
        if (auto saved = s.save(change); !saved) return std::unexpected(saved.error());
        for (int n = 1; n < 10; ++n) {
            if (auto saved = s.save(numbered_household(n)); !saved)
                return std::unexpected(saved.error());
        }
        return c5::fail(c5::ErrorKind::InvalidInput, "row 11 is wrong");
    });
    REQUIRE_FALSE(done);
    CHECK(done.error().message == "row 11 is wrong");

    // In memory: only the record saved before the batch, with its old phone.
    REQUIRE(store.list().records.size() == 1);
    CHECK(store.get(before)->record.get("phone") == c5::Value{std::string("0900000010")});
    CHECK(store.search("Hộ số 5").empty());
    CHECK(store.unsynced_changes()->size() == unsynced_before);

    // The store still saves after the failed batch, and the file agrees.
    REQUIRE(store.save(numbered_household(20)));
    c5::Store reopened = f.open("survey.c5store");
    CHECK(reopened.list().records.size() == 2);
}

TEST_CASE("store: a batch inside a batch, and a merge inside a batch, are refused") {
    StoreFixture f;
    c5::Store store = f.create();
    auto done = store.batch([&](c5::Store& s) -> c5::Result<void> {
        auto inner = s.batch([](c5::Store&) -> c5::Result<void> { return {}; });
        CHECK_FALSE(inner);
        if (inner) return {};
        CHECK(inner.error().kind == c5::ErrorKind::InvalidInput);
        CHECK_FALSE(s.append_audit(c5::AuditAction::Sync, "", "inside a batch"));
        if (auto saved = s.save(numbered_household(1)); !saved)
            return std::unexpected(saved.error());
        return {};
    });
    REQUIRE_MESSAGE(done, (done ? std::string() : done.error().message));
    CHECK(store.list().records.size() == 1);
}
