// Home: the unit with its residential groups and how far each is visited, and the household
// list of the chosen group beside them.
#include <string>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

// The laptop's unit in the registry, looked up once a frame for the title and the checklist
// button.
const Unit* own_unit(const AppState& state) {
    return state.catalog ? state.catalog->registry.find(state.profile.unit()) : nullptr;
}

std::string unit_title(const AppState& state, const Unit* unit) {
    const std::string code = state.profile.unit();
    return unit ? unit->name + " (" + code + ")" : code;
}

void draw_group(AppState& state, const GroupProgress& group) {
    const bool selected = state.home.group == group.code;
    ImGui::PushID(group.code.c_str());
    if (ImGui::Selectable("##group", selected, 0,
                          ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2))) {
        state.home.group = group.code;
        state.home.stale = true;
    }
    ImGui::SameLine(ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginGroup();
    ui::text(state, group.name);
    const std::string count = std::to_string(group.visited) + " / " +
                              (group.registered ? std::to_string(*group.registered) : "?");
    const float fraction = group.registered && *group.registered > 0
                               ? static_cast<float>(group.visited) / *group.registered
                               : 0.0f;
    ImGui::ProgressBar(std::min(fraction, 1.0f), ImVec2(-1, ImGui::GetTextLineHeight()),
                       count.c_str());
    ImGui::EndGroup();
    ImGui::PopID();
}

}  // namespace

void draw_home(AppState& state) {
    const float left_width =
        std::max(260.0f * state.settings.ui_scale, ImGui::GetContentRegionAvail().x * 0.26f);
    ImGui::BeginChild("groups", ImVec2(left_width, 0), true);
    const Unit* unit = own_unit(state);
    ui::text_wrapped_colored(ui::kBlue, unit_title(state, unit));
    ImGui::Spacing();
    const bool ward = unit && unit->level == UnitLevel::Ward;
    if (ui::button(state, state.tr(ward ? txt::kWardChecklist : txt::kDistrictChecklist),
                   ImVec2(-1, 0)))
        open_checklist(state);
    ImGui::Spacing();
    ui::text(state, state.tr(txt::kGroups));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kGrey);
    ui::text(state, state.tr(txt::kVisitedOfRegistered));
    ImGui::PopStyleColor();
    ImGui::Separator();
    if (ImGui::Selectable(state.tr(txt::kAllGroups), state.home.group.empty())) {
        state.home.group.clear();
        state.home.stale = true;
    }
    for (const GroupProgress& group : state.groups) draw_group(state, group);
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("households", ImVec2(0, 0), false);
    draw_household_list(state);
    ImGui::EndChild();
}

}  // namespace c5::surveyor
