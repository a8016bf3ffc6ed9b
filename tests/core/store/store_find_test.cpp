// Store::find_by_value: the records of a form and unit whose field holds a value, as the
// surveyor's duplicate household-code check asks on every save.
#include <doctest/doctest.h>

#include <algorithm>

#include "store_fixture.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

c5::RecordId saved_household(c5::Store& store, const std::string& code, const std::string& unit) {
    c5::RecordEdit edit = household("Nguyễn Văn An", "Số 12 ngõ 5", "0912345678");
    edit.unit_code = unit;
    edit.values["household_code"] = code;
    auto saved = store.save(edit);
    REQUIRE_MESSAGE(saved, (saved ? std::string() : saved.error().message));
    return saved->record_id;
}

}  // namespace

TEST_CASE("store: find_by_value finds the records of a form and unit holding a value") {
    StoreFixture f;
    c5::Store store = f.create();
    const c5::RecordId first = saved_household(store, "HH-001", "00001");
    const c5::RecordId second = saved_household(store, "HH-002", "00001");
    const c5::RecordId again = saved_household(store, "HH-001", "00001");
    const c5::RecordId other_ward = saved_household(store, "HH-001", "00002");
    const c5::Value code = std::string("HH-001");

    CHECK(store.find_by_value("household", "00001", "household_code", code) ==
          std::vector{first, again});
    CHECK(store.find_by_value("household", "", "household_code", code) ==
          std::vector{first, again, other_ward});
    CHECK(store.find_by_value("household", "00001", "household_code",
                              c5::Value{std::string("HH-002")}) == std::vector{second});
    CHECK(store.find_by_value("household", "00001", "household_code",
                              c5::Value{std::string("HH-404")})
              .empty());
    CHECK(store.find_by_value("ward_checklist", "00001", "household_code", code).empty());
    CHECK(store.find_by_value("", "", "smart_tv", c5::Value{true}).size() == 4);

    SUBCASE("a changed value is found under its new value only") {
        c5::RecordEdit edit;
        edit.record_id = again;
        edit.values["household_code"] = std::string("HH-003");
        REQUIRE(store.save(edit));
        CHECK(store.find_by_value("household", "00001", "household_code", code) ==
              std::vector{first});
        CHECK(store.find_by_value("household", "00001", "household_code",
                                  c5::Value{std::string("HH-003")}) == std::vector{again});
    }

    SUBCASE("deleted records are left out, and come back when restored") {
        REQUIRE(store.set_deleted(first, true));
        CHECK(store.find_by_value("household", "00001", "household_code", code) ==
              std::vector{again});
        REQUIRE(store.set_deleted(first, false));
        CHECK(store.find_by_value("household", "00001", "household_code", code) ==
              std::vector{first, again});
    }

    SUBCASE("text is compared in NFC, as it was saved") {
        const c5::RecordId named = saved_household(store, "Hộ-Ấp 1", "00003");
        const std::string nfd = "Ho\xCC\xA3\xCC\x82-A\xCC\x82\xCC\x81p 1";  // "Hộ-Ấp 1" in NFD
        CHECK(store.find_by_value("household", "00003", "household_code", c5::Value{nfd}) ==
              std::vector{named});
    }

    SUBCASE("records received from another device are found, and their changed codes") {
        c5::Store tablet = f.create("tablet-02", "tablet.c5store");
        const c5::RecordId remote = saved_household(tablet, "HH-001", "00001");
        REQUIRE(store.apply_remote(*tablet.unsynced_changes()));
        std::vector<c5::RecordId> holders{first, again, remote};
        std::sort(holders.begin(), holders.end());  // the tablet's ids interleave with ours
        CHECK(store.find_by_value("household", "00001", "household_code", code) == holders);

        c5::RecordEdit edit;
        edit.record_id = remote;
        edit.values["household_code"] = std::string("HH-009");
        REQUIRE(tablet.save(edit));
        REQUIRE(store.apply_remote(*tablet.unsynced_changes()));
        CHECK(store.find_by_value("household", "00001", "household_code", code) ==
              std::vector{first, again});
        CHECK(store.find_by_value("household", "00001", "household_code",
                                  c5::Value{std::string("HH-009")}) == std::vector{remote});
    }

    SUBCASE("after reopening, over the records read back from the file") {
        c5::Store reopened = f.open();
        CHECK(reopened.find_by_value("household", "00001", "household_code", code) ==
              std::vector{first, again});
    }
}
