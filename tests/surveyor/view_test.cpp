// Lists, search and the form editor: pure functions the screens draw from.
#include <doctest/doctest.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/app/form_editor.hpp"
#include "surveyor/app/records_view.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

RecordRow row(const std::string& group, const std::string& code, const std::string& head,
              const std::string& outcome, ReviewStatus status = ReviewStatus::Draft) {
    StoredRecord stored;
    stored.record.record_id = to_string(mint_record_id(1'700'000'000'000));
    stored.record.form = "household";
    stored.record.unit_code = kWard;
    stored.record.values = {{"group", group},
                            {"household_code", code},
                            {"head_name", head},
                            {"address", std::string("Số 5, ngõ 12 phố Trúc Bạch")}};
    if (!outcome.empty()) stored.record.values["visit_outcome"] = outcome;
    stored.status = status;
    return make_row(stored);
}

const Form& household_form() {
    static const Form form =
        *load_form(std::filesystem::path(C5_SOURCE_DIR) / "forms/household.json");
    return form;
}

}  // namespace

TEST_CASE("search ignores case and Vietnamese diacritics and matches word starts") {
    const std::vector<RecordRow> rows{row("01", "01-0001", "Nguyễn Văn An", "interviewed"),
                                      row("01", "01-0002", "Đặng Thị Thủy", ""),
                                      row("02", "02-0001", "Nguyễn Thị Hoa", "absent")};
    CHECK(filter_households(rows, "", "nguyen van", StatusFilter::All) ==
          std::vector<std::size_t>{0});
    CHECK(filter_households(rows, "", "dang thuy", StatusFilter::All) ==
          std::vector<std::size_t>{1});
    CHECK(filter_households(rows, "", "NGUYEN", StatusFilter::All).size() == 2);
    CHECK(filter_households(rows, "", "guyen", StatusFilter::All).empty());
    CHECK(filter_households(rows, "", "truc bach", StatusFilter::All).size() == 3);
    CHECK(filter_households(rows, "", "0002", StatusFilter::All) == std::vector<std::size_t>{1});
    CHECK(filter_households(rows, "02", "", StatusFilter::All) == std::vector<std::size_t>{2});
}

TEST_CASE("the status filter tells not visited, draft, completed, rejected and conflicts apart") {
    std::vector<RecordRow> rows{row("01", "01-0001", "A", ""), row("01", "01-0002", "B", "absent"),
                                row("01", "01-0003", "C", "interviewed", ReviewStatus::Completed),
                                row("01", "01-0004", "D", "interviewed", ReviewStatus::Rejected),
                                row("01", "01-0005", "E", "interviewed", ReviewStatus::Completed)};
    rows[4].conflict = true;
    CHECK(filter_households(rows, "", "", StatusFilter::NotVisited) == std::vector<std::size_t>{0});
    CHECK(filter_households(rows, "", "", StatusFilter::Draft) == std::vector<std::size_t>{1});
    CHECK(filter_households(rows, "", "", StatusFilter::Completed) == std::vector<std::size_t>{2});
    CHECK(filter_households(rows, "", "", StatusFilter::Rejected) == std::vector<std::size_t>{3});
    CHECK(filter_households(rows, "", "", StatusFilter::Conflict) == std::vector<std::size_t>{4});
}

// How fast this runs is measured by the benchmarks, not asserted here.
TEST_CASE("filtering 20,000 households by group and folded name finds exactly the matches") {
    std::vector<RecordRow> rows;
    rows.reserve(20'000);
    for (int i = 0; i < 20'000; ++i) {
        const std::string group = i % 2 ? "01" : "02";
        rows.push_back(row(group, group + "-" + std::to_string(i),
                           i % 7 ? "Trần Văn Bảo" : "Lê Thị Hồng", i % 3 ? "interviewed" : ""));
    }
    const auto found = filter_households(rows, "01", "le hong", StatusFilter::All);
    // Odd i (group 01) that are multiples of 7: i = 7k with k odd, k = 1, 3, ..., 2857.
    CHECK(found.size() == 1429);
    for (std::size_t index : found) CHECK(index % 14 == 7);
}

TEST_CASE("group progress counts visited households against the registry") {
    Registry registry;
    registry.add({UnitLevel::Ward, kWard, "Phường Trúc Bạch", "", std::nullopt});
    registry.add({UnitLevel::Group, "01", "Tổ dân phố 01", kWard, 84});
    registry.add({UnitLevel::Group, "02", "Tổ dân phố 02", kWard, 71});
    const std::vector<RecordRow> rows{row("01", "01-0001", "A", "interviewed"),
                                      row("01", "01-0002", "B", ""),
                                      row("02", "02-0001", "C", "vacant")};
    const auto groups = group_progress(registry, kWard, rows);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].visited == 1);
    CHECK(groups[0].records == 2);
    CHECK(groups[0].registered == std::optional<std::int64_t>(84));
    CHECK(groups[1].visited == 1);
    CHECK(next_household_code(rows, "01") == "01-0003");
    CHECK(next_household_code(rows, "03") == "03-0001");
}

TEST_CASE("typed answers parse by field type") {
    const Form& form = household_form();
    const FieldDef& consent = *form.find("consent");
    const FieldDef& outcome = *form.find("visit_outcome");
    const FieldDef& adults = *form.find("adults_15plus");
    CHECK(parse_text(consent, "c") == std::optional<Value>(Value{true}));
    CHECK(parse_text(consent, "k") == std::optional<Value>(Value{false}));
    CHECK(parse_text(consent, "y") == std::optional<Value>(Value{true}));
    CHECK_FALSE(parse_text(consent, "x").has_value());
    CHECK(parse_text(outcome, "2") == std::optional<Value>(Value{std::string("absent")}));
    CHECK(parse_text(outcome, "interviewed") ==
          std::optional<Value>(Value{std::string("interviewed")}));
    CHECK_FALSE(parse_text(outcome, "9").has_value());
    CHECK(parse_text(adults, " 4 ") == std::optional<Value>(Value{std::int64_t{4}}));
    CHECK_FALSE(parse_text(adults, "4a").has_value());
    CHECK(parse_text(adults, "") == std::optional<Value>(Value{}));
    CHECK(format_value(outcome, Value{std::string("vacant")}) == "4");
}

TEST_CASE("the editor hides questions that do not apply and explains problems inline") {
    const Form& form = household_form();
    FormEditor editor = new_editor(form, kWard, {});
    set_answer(form, editor, "visit_outcome", "1");  // interviewed: every question applies
    const auto interviewed = visible_fields(form, editor).size();
    CHECK(interviewed == form.fields.size());
    set_answer(form, editor, "visit_outcome", "2");  // nobody at home
    CHECK(visible_fields(form, editor).size() < interviewed);
    for (const FieldDef* f : visible_fields(form, editor)) CHECK(f->id != "smart_tv");

    set_answer(form, editor, "visit_outcome", "1");
    set_answer(form, editor, "adults_15plus", "2");
    set_answer(form, editor, "adults_smartphone", "3");
    const FieldIssue* issue = issue_for(editor, "adults_smartphone");
    REQUIRE(issue != nullptr);
    CHECK(issue->message.vi.find("Không được lớn hơn") == 0);
    CHECK(editor.dirty);

    set_answer(form, editor, "consent", "x");
    REQUIRE(issue_for(editor, "consent") != nullptr);
    CHECK(issue_for(editor, "consent")->message.vi == "Gõ c (có) hoặc k (không)");
    CHECK(issue_for(editor, "smart_tv") == nullptr);  // not answered is fine in a draft
    editor.tried_complete = true;
    refresh_issues(form, editor);
    CHECK(issue_for(editor, "smart_tv") != nullptr);
}

TEST_CASE("the passphrase hint grows with length") {
    CHECK(passphrase_strength("ngắn") == 0);
    CHECK(passphrase_strength("abcdefghij") == 1);
    CHECK(passphrase_strength("abcdefghijklmn") == 2);
    CHECK(passphrase_strength("mây trắng bay qua phố cổ") == 3);
}

TEST_CASE("the household list keeps its order as rows come and go") {
    c5::test::TempDir dir;
    AppState state(AppConfig{dir / "s.c5", std::filesystem::path(C5_SOURCE_DIR) / "forms", {}});
    state.rows = {row("02", "02-0001", "Nguyễn Thị Hoa", ""),
                  row("01", "01-0002", "Lê Văn Ba", "")};
    rows_changed(state);
    REQUIRE(visible_households(state) == std::vector<std::size_t>{1, 0});

    // A sync brings a household that sorts first, and the person types in the search box:
    // the order the list was drawn in before must not be reused for the new rows.
    state.rows.push_back(row("01", "01-0001", "Nguyễn Văn An", ""));
    rows_changed(state);
    CHECK(visible_households(state) == std::vector<std::size_t>{2, 1, 0});
    state.home.query = "nguyen";
    state.home.stale = true;
    CHECK(visible_households(state) == std::vector<std::size_t>{2, 0});

    // Lines that are not households never show in the list.
    state.rows[1].form = "ward_checklist";
    rows_changed(state);
    state.home.query.clear();
    state.home.stale = true;
    CHECK(visible_households(state) == std::vector<std::size_t>{2, 0});
}
