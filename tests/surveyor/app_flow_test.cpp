// The app state with its worker thread, as the screens drive it: first run, a household
// entered and completed, lock and unlock, review; no window.
#include <doctest/doctest.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

AppConfig config_for(const c5::test::TempDir& dir) {
    AppConfig config;
    config.store_path = dir / "s.c5";
    config.forms_dir = std::filesystem::path(C5_SOURCE_DIR) / "forms";
    config.store_options.kdf_strength = KdfStrength::Minimum;
    return config;
}

void first_run(AppState& state) {
    start(state);
    REQUIRE(state.screen == Screen::FirstRun);
    state.first_run.user_name = "Lê Thu Trang";
    state.first_run.passphrase = kPassphrase;
    state.first_run.passphrase_again = kPassphrase;
    state.first_run.registry_file = (kSamples / "registry-hanoi.csv").string();
    state.first_run.ward_code = kWard;
    submit_first_run(state);
    CHECK(state.busy.has_value());
    settle(state);
    REQUIRE_MESSAGE(state.unlocked, (state.notice ? state.notice->detail : ""));
}

void type(AppState& state, const std::string& field, const std::string& text) {
    set_answer(*state.catalog->form(state.editor->form_id), *state.editor, field, text);
}

}  // namespace

TEST_CASE("first run refuses two different passphrases and then creates the store") {
    c5::test::TempDir dir;
    AppState state(config_for(dir));
    start(state);
    state.first_run.user_name = "Lê Thu Trang";
    state.first_run.ward_code = kWard;
    state.first_run.passphrase = kPassphrase;
    state.first_run.passphrase_again = "something else entirely";
    submit_first_run(state);
    REQUIRE(state.notice.has_value());
    CHECK(state.notice->message.vi == "Hai lần nhập mật khẩu không giống nhau");
    CHECK_FALSE(std::filesystem::exists(dir / "s.c5"));
    state.notice.reset();
    first_run(state);
    CHECK(state.screen == Screen::Home);
    CHECK(state.groups.size() == 2);
    CHECK(state.first_run.passphrase.empty());
    CHECK_FALSE(state.first_run.recovery_secret.empty());
}

TEST_CASE("a household typed in, completed, locked away and found again after unlocking") {
    c5::test::TempDir dir;
    AppState state(config_for(dir));
    first_run(state);

    open_new_household(state);
    REQUIRE(state.editor.has_value());
    CHECK(state.screen == Screen::Form);
    CHECK(state.editor->text["household_code"] == "01-0001");
    CHECK(state.editor->focus_field == "head_name");
    type(state, "head_name", "Nguyễn Văn An");
    type(state, "visit_outcome", "1");
    type(state, "consent", "1");
    for (const char* f : {"smart_tv", "smart_tv_box", "smart_projector", "smart_audio", "tablet",
                          "smart_camera", "ereader", "smart_entertainment", "broadband_fixed",
                          "broadband_mobile"})
        type(state, f, "0");
    type(state, "adults_15plus", "2");

    save_form(state, true);  // adults_smartphone is missing
    settle(state);
    CHECK(state.editor->status == ReviewStatus::Draft);
    CHECK(state.editor->focus_field == "adults_smartphone");
    REQUIRE(state.notice.has_value());
    state.notice.reset();
    CHECK(state.rows.size() == 1);

    type(state, "adults_smartphone", "2");
    save_form(state, true);
    settle(state);
    CHECK(state.editor->status == ReviewStatus::Completed);
    CHECK_FALSE(state.editor->dirty);
    CHECK(state.rows.at(0).status == ReviewStatus::Completed);
    CHECK(state.groups.at(0).visited == 1);

    type(state, "notes", "Gọi lại buổi chiều");  // unsaved when the laptop locks
    lock(state);
    CHECK_FALSE(state.unlocked);
    CHECK(state.rows.empty());
    settle(state);

    state.unlock_passphrase = "wrong passphrase";
    unlock(state);
    settle(state);
    CHECK_FALSE(state.unlocked);
    REQUIRE(state.notice.has_value());
    CHECK(state.notice->message.vi == "Mật khẩu không đúng.");

    state.unlock_passphrase = kPassphrase;
    unlock(state);
    settle(state);
    REQUIRE(state.unlocked);
    REQUIRE(state.rows.size() == 1);
    open_record(state, state.rows[0].id);
    settle(state);
    REQUIRE(state.editor.has_value());
    CHECK(state.editor->text["notes"] == "Gọi lại buổi chiều");
    CHECK(state.editor->text["head_name"] == "Nguyễn Văn An");
    CHECK(state.editor->status == ReviewStatus::Draft);  // the late edit reopened it
}

TEST_CASE("the app locks itself after the idle time") {
    c5::test::TempDir dir;
    AppState state(config_for(dir));
    first_run(state);
    set_idle_lock(state, 5);
    pump(state, state.last_input_ms + 4 * 60'000, false);
    CHECK(state.unlocked);
    pump(state, state.last_input_ms + 6 * 60'000, false);
    CHECK_FALSE(state.unlocked);
    CHECK(state.screen == Screen::Unlock);
}

TEST_CASE("results and the household list follow the store") {
    c5::test::TempDir dir;
    AppState state(config_for(dir));
    first_run(state);
    open_checklist(state);
    REQUIRE(state.editor.has_value());
    CHECK(state.editor->form_id == "ward_checklist");
    type(state, "radio_operating", "c");
    save_form(state, false);
    settle(state);
    show_results(state);
    settle(state);
    REQUIRE(state.report.has_value());
    CHECK(state.report->has_checklist);
    CHECK(state.report->groups_not_done.size() == 2);

    state.home.query = "khong co ai";
    state.home.stale = true;
    CHECK(visible_households(state).empty());
}
