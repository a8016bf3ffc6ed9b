// The merge rules one case at a time: last writer wins, ties by device, conflicts from a
// shared base, settling, clears that must not erase unseen values, tombstones, status.
#include "core/merge/versioned_record.hpp"

#include <doctest/doctest.h>

#include "merge_fixture.hpp"

using merge_test::change;
using merge_test::kRecord;
using merge_test::text;

TEST_CASE("merge: the value with the greater stamp wins, in either order of arrival") {
    const auto older = change("head_name", std::string("An"), 100, "b");
    const auto newer = change("head_name", std::string("Anh"), 200, "a");
    c5::VersionedRecord one(kRecord);
    one.apply(older);
    one.apply(newer);
    c5::VersionedRecord two(kRecord);
    two.apply(newer);
    two.apply(older);
    CHECK(text(one, "head_name") == "Anh");
    CHECK(one == two);
}

TEST_CASE("merge: equal stamps are settled by the device id") {
    c5::VersionedRecord r(kRecord);
    r.apply(change("phone", std::string("0911"), 100, "laptop-b"));
    r.apply(change("phone", std::string("0922"), 100, "laptop-a"));
    CHECK(text(r, "phone") == "0911");
    CHECK(r.winner("phone")->device_id == "laptop-b");
}

TEST_CASE("merge: applying a change again changes nothing") {
    c5::VersionedRecord r(kRecord);
    const auto c = change("smart_tv", true, 100, "a");
    CHECK(r.apply(c).outcome == c5::ApplyOutcome::Added);
    const c5::VersionedRecord before = r;
    CHECK(r.apply(c).outcome == c5::ApplyOutcome::Duplicate);
    CHECK(r == before);
}

TEST_CASE("merge: an edit replaces the versions it was based on") {
    c5::VersionedRecord r(kRecord);
    const auto first = change("address", std::string("Số 1"), 100, "a");
    const auto second = change("address", std::string("Số 2"), 200, "a", first.version());
    r.apply(first);
    const auto applied = r.apply(second);
    CHECK(applied.removed == std::vector<c5::Version>{first.version()});
    CHECK(r.field_changes("address")->size() == 1);
    CHECK(r.conflicts().empty());
    SUBCASE("and the replaced version arriving late is recognised as covered") {
        c5::VersionedRecord late(kRecord);
        late.apply(second);
        CHECK(late.apply(first).outcome == c5::ApplyOutcome::Covered);
        CHECK(late == r);
    }
}

TEST_CASE("merge: two edits from the same base keep the loser as a conflict") {
    const auto base = change("adults_15plus", std::int64_t{3}, 100, "a");
    const auto from_a = change("adults_15plus", std::int64_t{4}, 200, "a", base.version());
    const auto from_b = change("adults_15plus", std::int64_t{5}, 150, "b", base.version());
    c5::VersionedRecord r(kRecord);
    r.apply(base);
    r.apply(from_b);
    r.apply(from_a);
    CHECK(r.value("adults_15plus") == c5::Value{std::int64_t{4}});
    const auto conflicts = r.conflicts();
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].field == "adults_15plus");
    CHECK(conflicts[0].winner == from_a);
    REQUIRE(conflicts[0].losers.size() == 1);
    CHECK(conflicts[0].losers[0] == from_b);

    SUBCASE("settling is a new edit based on the newest version, which ends the conflict") {
        const auto settle =
            change("adults_15plus", std::int64_t{5}, 300, "supervisor", r.head("adults_15plus"));
        r.apply(settle);
        CHECK(r.value("adults_15plus") == c5::Value{std::int64_t{5}});
        CHECK(r.conflicts().empty());
    }
    SUBCASE("two edits that agree are no conflict") {
        c5::VersionedRecord same(kRecord);
        same.apply(from_a);
        same.apply(change("adults_15plus", std::int64_t{4}, 150, "b", base.version()));
        CHECK(same.conflicts().empty());
    }
}

TEST_CASE("merge: a clear never erases a value its writer had not seen") {
    const auto old_value = change("phone", std::string("0911"), 100, "a");
    const auto newer_value = change("phone", std::string("0988"), 200, "a", old_value.version());
    // Device b still shows 0911 and clears the field later, never having seen 0988.
    const auto stale_clear = change("phone", c5::Value{}, 300, "b", old_value.version());
    c5::VersionedRecord r(kRecord);
    r.apply(old_value);
    r.apply(stale_clear);
    r.apply(newer_value);
    CHECK(text(r, "phone") == "0988");
    REQUIRE(r.conflicts().size() == 1);  // the supervisor sees that b wanted it cleared
    CHECK(c5::is_empty(r.conflicts()[0].losers[0].value));

    SUBCASE("a clear made after seeing the value does erase it") {
        r.apply(change("phone", c5::Value{}, 400, "b", r.head("phone")));
        CHECK(c5::is_empty(r.value("phone")));
        CHECK(r.conflicts().empty());
        CHECK_FALSE(r.flatten().values.contains("phone"));
    }
}

TEST_CASE("merge: deletion and review status are fields that merge like the others") {
    c5::VersionedRecord r(kRecord);
    CHECK(r.status() == c5::ReviewStatus::Draft);
    r.apply(change(std::string(c5::kStatusField), std::string("rejected"), 100, "sup"));
    r.apply(change(std::string(c5::kReviewCommentField), std::string("thiếu số điện thoại"), 100,
                   "sup"));
    r.apply(change("head_name", std::string("Lê Thị Hoa"), 100, "a"));
    CHECK(r.status() == c5::ReviewStatus::Rejected);
    CHECK(r.review_comment() == "thiếu số điện thoại");
    CHECK_FALSE(r.deleted());

    r.apply(change(std::string(c5::kDeletedField), true, 200, "a"));
    const c5::FormRecord flat = r.flatten();
    CHECK(flat.deleted);
    CHECK(flat.form == "household");
    CHECK(flat.unit_code == "00001");
    CHECK(flat.record_id == c5::to_string(kRecord));
    CHECK(flat.values.size() == 1);  // reserved fields stay out of the form's values
    CHECK(flat.get("head_name") == c5::Value{std::string("Lê Thị Hoa")});
}

TEST_CASE("merge: a record takes its form and unit from its newest change") {
    c5::VersionedRecord r(kRecord);
    auto moved = change("ward_code", std::string("00002"), 200, "a");
    moved.unit_code = "00002";
    moved.form_version = 2;
    r.apply(moved);
    r.apply(change("group", std::string("03"), 100, "b"));
    CHECK(r.unit_code() == "00002");
    CHECK(r.form_version() == 2);
    CHECK(r.newest() == moved.version());
}

TEST_CASE("merge: check_change refuses what merge cannot trust") {
    CHECK(c5::check_change(change("f", true, 100, "a")));
    auto no_device = change("f", true, 100, "");
    auto before_base = change("f", true, 100, "a", c5::Version{{100, 0}, "b"});
    auto no_field = change("", true, 100, "a");
    auto no_id = change("f", true, 100, "a");
    no_id.record_id = c5::RecordId{};
    for (const auto* bad : {&no_device, &before_base, &no_field, &no_id}) {
        auto checked = c5::check_change(*bad);
        REQUIRE_FALSE(checked);
        CHECK(checked.error().kind == c5::ErrorKind::InvalidInput);
    }
}
