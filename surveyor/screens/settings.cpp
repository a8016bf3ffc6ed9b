// Settings: language, interface size, idle lock, importing a file, and who this laptop is.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/app/import_command.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

const Tr& role_tr(Role role) {
    switch (role) {
        case Role::Surveyor: return txt::kRoleSurveyor;
        case Role::Supervisor: return txt::kRoleSupervisor;
        case Role::Province: return txt::kRoleProvince;
    }
    return txt::kRoleSurveyor;
}

void info_row(AppState& state, const Tr& label, const std::string& value, float label_width) {
    ui::field_label(state.tr(label), label_width);
    ImGui::SameLine(label_width);
    ui::text_wrapped(value.empty() ? "–" : value);
}

}  // namespace

void draw_settings(AppState& state) {
    const float label_width = ImGui::GetContentRegionAvail().x * 0.35f;
    ui::heading(state, state.tr(txt::kSettings));

    ui::field_label(state.tr(txt::kLanguage), label_width);
    ImGui::SameLine(label_width);
    if (ImGui::RadioButton("Tiếng Việt", state.lang() == Language::Vi))
        set_language(state, Language::Vi);
    ImGui::SameLine();
    if (ImGui::RadioButton("English", state.lang() == Language::En))
        set_language(state, Language::En);

    ui::field_label(state.tr(txt::kUiScale), label_width);
    ImGui::SameLine(label_width);
    const float scales[] = {0.75f, 1.0f, 1.25f, 1.5f, 2.0f};
    const char* names[] = {"75%", "100%", "125%", "150%", "200%"};
    for (int i = 0; i < 5; ++i) {
        if (i > 0) ImGui::SameLine();
        if (ImGui::RadioButton(names[i], state.settings.ui_scale == scales[i]))
            set_ui_scale(state, scales[i]);
    }

    ui::field_label(state.tr(txt::kIdleLock), label_width);
    ImGui::SameLine(label_width);
    int minutes = state.settings.idle_lock_minutes;
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000").x * 3);
    if (ImGui::InputInt("##idle", &minutes, 5, 15)) set_idle_lock(state, minutes);

    ui::heading(state, state.tr(txt::kImportTitle));
    ui::text_wrapped_colored(ui::kGrey, state.tr(txt::kImportHint));
    ui::field_label(state.tr(txt::kImportFile), label_width);
    ImGui::SameLine(label_width);
    const char* import_label = state.tr(txt::kImport);
    const float button = ImGui::CalcTextSize(import_label).x +
                         ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(-button);
    const bool entered = ImGui::InputText("##import", &state.import_path,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy.has_value() || state.import_path.empty());
    if (ui::button(state, import_label) || entered) import_file(state);
    ImGui::EndDisabled();

    ui::heading(state, state.tr(txt::kDeviceName));
    info_row(state, txt::kYourName, state.profile.user_name, label_width);
    info_row(state, txt::kDeviceName, state.profile.device_name, label_width);
    info_row(state, txt::kRole, state.tr(role_tr(state.profile.role)), label_width);
    info_row(state, txt::kDeviceId, state.device_id, label_width);
    info_row(state, txt::kUnit, state.profile.unit(), label_width);
    info_row(state, txt::kServer, state.profile.server_url, label_width);
    info_row(state, txt::kStoreFile, state.config.store_path.string(), label_width);
}

}  // namespace c5::surveyor
