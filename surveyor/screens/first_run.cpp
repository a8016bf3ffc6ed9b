// First run: create the encrypted store (passphrase twice, with a strength hint), say who
// works here, and either enrol with a sync server or pick the ward to work on offline.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

// Enter in any box asks to create the store (what is missing is then said in the notice).
constexpr ImGuiInputTextFlags kEnterSubmits = ImGuiInputTextFlags_EnterReturnsTrue;

bool draw_passphrase_fields(AppState& state, float label_width) {
    FirstRunInput& in = state.first_run;
    ui::field_label(state.tr(txt::kPassphrase), label_width);
    ImGui::SameLine(label_width);
    ImGui::SetNextItemWidth(-1);
    bool entered =
        ImGui::InputText("##pass", &in.passphrase, ImGuiInputTextFlags_Password | kEnterSubmits);
    if (!in.passphrase.empty()) {
        const int strength = passphrase_strength(in.passphrase);
        const ImVec4 color = strength == 0 ? ui::kRed : strength == 1 ? ui::kAmber : ui::kGreen;
        ImGui::SetCursorPosX(label_width);
        ui::text_wrapped_colored(color, state.tr(passphrase_hint(strength)));
    }
    ui::field_label(state.tr(txt::kPassphraseAgain), label_width);
    ImGui::SameLine(label_width);
    ImGui::SetNextItemWidth(-1);
    entered |= ImGui::InputText("##again", &in.passphrase_again,
                                ImGuiInputTextFlags_Password | kEnterSubmits);
    if (!in.passphrase_again.empty() && in.passphrase_again != in.passphrase) {
        ImGui::SetCursorPosX(label_width);
        ui::text_wrapped_colored(ui::kRed, state.tr(txt::kPassphraseMismatch));
    }
    return entered;
}

bool row(AppState& state, const Tr& label, const char* id, std::string* value, float label_width) {
    ui::field_label(state.tr(label), label_width);
    ImGui::SameLine(label_width);
    ImGui::SetNextItemWidth(-1);
    return ImGui::InputText(id, value, kEnterSubmits);
}

}  // namespace

void draw_first_run(AppState& state) {
    FirstRunInput& in = state.first_run;
    const float width =
        std::min(ImGui::GetContentRegionAvail().x, 760.0f * state.settings.ui_scale);
    ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - width) / 2);
    ImGui::BeginChild("first_run", ImVec2(width, 0), false);
    ui::heading(state, state.tr(txt::kFirstRunTitle));
    ui::text_wrapped(state.tr(txt::kFirstRunIntro));
    ImGui::Spacing();

    const float label_width = width * 0.36f;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool entered = row(state, txt::kYourName, "##name", &in.user_name, label_width);
    entered |= row(state, txt::kDeviceName, "##device", &in.device_name, label_width);
    entered |= draw_passphrase_fields(state, label_width);
    ImGui::Spacing();

    if (ImGui::RadioButton(state.tr(txt::kWorkOffline), !in.enrol)) in.enrol = false;
    if (ImGui::RadioButton(state.tr(txt::kEnrolNow), in.enrol)) in.enrol = true;
    ImGui::Indent();
    const float inner = label_width - ImGui::GetStyle().IndentSpacing;
    if (in.enrol) {
        entered |= row(state, txt::kServerAddress, "##server", &in.server_url, inner);
        entered |= row(state, txt::kEnrolCode, "##code", &in.enrol_code, inner);
    } else {
        entered |= row(state, txt::kRegistryFile, "##registry", &in.registry_file, inner);
        entered |= row(state, txt::kWardCode, "##ward", &in.ward_code, inner);
    }
    ImGui::Unindent();
    ImGui::Spacing();
    entered |= row(state, txt::kRecoveryKey, "##recovery", &in.recovery_key, label_width);
    ImGui::SetCursorPosX(label_width);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kGrey);
    ui::text_wrapped(state.tr(txt::kRecoveryKeyHint));
    ImGui::PopStyleColor();
    ImGui::Spacing();

    ImGui::SetCursorPosX(label_width);
    ImGui::BeginDisabled(state.busy.has_value());
    if ((ui::button(state, state.tr(txt::kCreateStore)) || entered) && !state.busy)
        submit_first_run(state);
    ImGui::EndDisabled();
    if (state.busy) {
        ImGui::SameLine();
        ui::text(state, state.tr(*state.busy));
    }
    ImGui::EndChild();
}

}  // namespace c5::surveyor
