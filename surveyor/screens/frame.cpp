// The frame around every screen: the top bar with the unit and the navigation, the notice
// line for the last problem, and the screen that is up.
#include <GLFW/glfw3.h>

#include "surveyor/app/background_sync.hpp"
#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

void nav_button(AppState& state, const Tr& label, Screen screen, void (*go)(AppState&)) {
    const bool current = state.screen == screen;
    if (current)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ui::button(state, state.tr(label))) {
        if (state.screen == Screen::Form) close_form(state);
        go(state);
    }
    if (current) ImGui::PopStyleColor();
    ImGui::SameLine();
}

void go_home(AppState& state) {
    state.screen = Screen::Home;
}
void go_settings(AppState& state) {
    state.screen = Screen::Settings;
}

void draw_language_switch(AppState& state) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcTextSize("VI").x + ImGui::CalcTextSize("EN").x +
                        (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x) * 2 +
                        style.ItemSpacing.x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
    if (ImGui::RadioButton("VI", state.lang() == Language::Vi)) set_language(state, Language::Vi);
    ImGui::SameLine();
    if (ImGui::RadioButton("EN", state.lang() == Language::En)) set_language(state, Language::En);
}

void draw_top_bar(AppState& state) {
    if (!state.unlocked) {
        ui::text_colored(state, ui::kBlue, state.tr(txt::kAppTitle));
        draw_language_switch(state);
        ImGui::Separator();
        return;
    }
    nav_button(state, txt::kHome, Screen::Home, go_home);
    nav_button(state, txt::kResults, Screen::Results, show_results);
    nav_button(state, txt::kSync, Screen::Sync, show_sync);
    if (state.profile.role != Role::Surveyor)
        nav_button(state, txt::kReview, Screen::Review, show_review);
    nav_button(state, txt::kSettings, Screen::Settings, go_settings);
    if (ui::button(state, state.tr(txt::kLockNow))) lock(state);
    ImGui::SameLine();
    if (state.busy) {
        ui::text_colored(state, ui::kBlue, state.tr(*state.busy));
        ImGui::SameLine();
    } else if (state.sync.running && state.screen != Screen::Sync) {
        ui::text_colored(state, ui::kBlue, state.tr(txt::kSyncing));
        ImGui::SameLine();
    }
    std::size_t unsent = 0;
    for (const RecordRow& row : state.rows) unsent += row.synced ? 0 : 1;
    if (unsent > 0) {
        ui::text_colored(
            state, ui::kGrey,
            std::string(state.tr(txt::kRecordsWaiting)) + ": " + std::to_string(unsent));
    }
    draw_language_switch(state);
    ImGui::Separator();
}

// Keys that work on every screen once unlocked, so a day of entry needs no mouse: Ctrl+N a
// new household, Ctrl+K the unit's checklist, Ctrl+R the results. An open form is saved
// first (as a draft when it changed).
void handle_shortcuts(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!state.unlocked || !io.KeyCtrl || io.KeyAlt) return;
    void (*go)(AppState&) = nullptr;
    if (ImGui::IsKeyPressed(GLFW_KEY_N, false))
        go = open_new_household;
    else if (ImGui::IsKeyPressed(GLFW_KEY_K, false))
        go = open_checklist;
    else if (ImGui::IsKeyPressed(GLFW_KEY_R, false))
        go = show_results;
    if (!go) return;
    if (state.screen == Screen::Form) close_form(state);
    go(state);
}

void run_notice_action(AppState& state, NoticeAction action) {
    state.notice.reset();
    if (action == NoticeAction::RetrySync) start_sync(state);
}

void draw_notice(AppState& state) {
    if (!state.notice) return;
    const Notice notice = *state.notice;
    const ImVec4 color =
        notice.problem ? ImVec4(1.0f, 0.92f, 0.90f, 1.0f) : ImVec4(0.90f, 0.95f, 1.0f, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, color);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height =
        line * (notice.detail.empty() ? 2.2f : 3.4f) + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild("notice", ImVec2(0, height), true);
    ui::text_wrapped_colored(notice.problem ? ui::kRed : ui::kBlue, state.tr(notice.message));
    if (!notice.detail.empty()) ui::text_wrapped_colored(ui::kGrey, notice.detail);
    if (ui::button(state, state.tr(notice.action).c_str()))
        run_notice_action(state, notice.on_action);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// Shown once after the store was made with a recovery key generated here.
void draw_recovery_secret(AppState& state) {
    if (state.first_run.recovery_secret.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.97f, 0.85f, 1.0f));
    const float line = ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("recovery", ImVec2(0, line * 5.5f), true);
    ui::text_colored(state, ui::kAmber, state.tr(txt::kRecoverySecretTitle));
    ui::text_wrapped(state.tr(txt::kRecoverySecretText));
    ImGui::TextUnformatted(state.first_run.recovery_secret.c_str());
    if (ui::button(state, state.tr(txt::kDismiss))) {
        state.first_run.recovery_secret.assign(state.first_run.recovery_secret.size(), '\0');
        state.first_run.recovery_secret.clear();
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace

void draw_app(AppState& state) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // No background: the frame is cleared to the window colour already, and a blended quad over
    // the whole window is a large share of a software rasteriser's work (Xvfb, llvmpipe).
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    ImGui::Begin("##surveyor", nullptr, flags);
    // ImGui leaves out the border of a window without background; it is drawn behind instead.
    const float border = ImGui::GetStyle().WindowBorderSize;
    if (border > 0.0f) {
        const ImVec2 corner(viewport->WorkPos.x + viewport->WorkSize.x,
                            viewport->WorkPos.y + viewport->WorkSize.y);
        ImGui::GetBackgroundDrawList()->AddRect(
            viewport->WorkPos, corner, ImGui::GetColorU32(ImGuiCol_Border), 0.0f, 0, border);
    }
    // What was read from a store is not kept once it is locked (another may be unlocked).
    if (!state.unlocked) state.sync.refused.reset();
    handle_shortcuts(state);
    draw_top_bar(state);
    draw_notice(state);
    draw_recovery_secret(state);
    switch (state.screen) {
        case Screen::FirstRun:
            draw_first_run(state);
            break;
        case Screen::Unlock:
            draw_unlock(state);
            break;
        case Screen::Home:
            draw_home(state);
            break;
        case Screen::Form:
            draw_form(state);
            break;
        case Screen::Results:
            draw_results(state);
            break;
        case Screen::Sync:
            draw_sync(state);
            break;
        case Screen::Review:
            draw_review(state);
            break;
        case Screen::Settings:
            draw_settings(state);
            break;
    }
    ImGui::End();
}

}  // namespace c5::surveyor
