// Unlock: the passphrase opens the store; key derivation runs on the worker, so the window
// keeps drawing while it works.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

void draw_unlock(AppState& state) {
    const float width =
        std::min(ImGui::GetContentRegionAvail().x, 560.0f * state.settings.ui_scale);
    ImGui::SetCursorPos(ImVec2((ImGui::GetContentRegionAvail().x - width) / 2,
                               ImGui::GetCursorPosY() + 60.0f * state.settings.ui_scale));
    ImGui::BeginChild("unlock", ImVec2(width, 0), false);
    ui::heading(state, state.tr(txt::kUnlockTitle));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kGrey);
    ui::text_wrapped(std::string(state.tr(txt::kStoreFile)) + ": " +
                     state.config.store_path.string());
    ImGui::PopStyleColor();
    ImGui::Spacing();

    ui::text(state, state.tr(txt::kPassphrase));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing() || (!state.busy && !ImGui::IsAnyItemActive()))
        ImGui::SetKeyboardFocusHere();
    const bool entered =
        ImGui::InputText("##passphrase", &state.unlock_passphrase,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    ImGui::BeginDisabled(state.busy.has_value());
    if ((ui::button(state, state.tr(txt::kUnlock)) || entered) && !state.busy &&
        !state.unlock_passphrase.empty())
        unlock(state);
    ImGui::EndDisabled();
    if (state.busy) {
        ImGui::SameLine();
        ui::text(state, state.tr(*state.busy));
    }
    ImGui::EndChild();
}

}  // namespace c5::surveyor
