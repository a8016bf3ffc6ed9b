// The household list of a group: searchable without diacritics, filterable by status, and
// clipped so only the rows on screen are drawn (fast at 20,000 households).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <GLFW/glfw3.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

constexpr StatusFilter kFilters[] = {StatusFilter::All,       StatusFilter::NotVisited,
                                     StatusFilter::Draft,     StatusFilter::Completed,
                                     StatusFilter::Approved,  StatusFilter::Rejected,
                                     StatusFilter::Conflict};

ImVec4 state_color(StatusFilter s) {
    switch (s) {
        case StatusFilter::Completed:
        case StatusFilter::Approved: return ui::kGreen;
        case StatusFilter::Rejected:
        case StatusFilter::Conflict: return ui::kRed;
        case StatusFilter::Draft: return ui::kAmber;
        default: return ui::kGrey;
    }
}

void draw_toolbar(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F, false)) ImGui::SetKeyboardFocusHere();
    const float new_width = ImGui::CalcTextSize(state.tr(txt::kNewHousehold)).x +
                            ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - new_width -
                            ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::InputTextWithHint("##search", state.tr(txt::kSearchHint), &state.home.query))
        state.home.stale = true;
    ImGui::SameLine();
    if (ui::button(state, state.tr(txt::kNewHousehold))) open_new_household(state);

    // The filters flow onto a second line when the window is narrow.
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    float last_right = 0.0f;
    for (StatusFilter f : kFilters) {
        const char* label = state_label(state, f);
        const float width = ImGui::CalcTextSize(label).x + ImGui::GetFrameHeight() +
                            ImGui::GetStyle().ItemInnerSpacing.x;
        if (f != kFilters[0] && last_right + ImGui::GetStyle().ItemSpacing.x + width <= right)
            ImGui::SameLine();
        if (ImGui::RadioButton(label, state.home.filter == f)) {
            state.home.filter = f;
            state.home.stale = true;
        }
        last_right = ImGui::GetItemRectMax().x;
    }
}

void draw_row(AppState& state, const RecordRow& row) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(&row);
    if (ImGui::Selectable("##open", false, ImGuiSelectableFlags_SpanAllColumns))
        open_record(state, row.id);
    ImGui::SameLine();
    ui::cell_text(row.household_code);
    ImGui::TableNextColumn();
    ui::cell_text(row.head_name);
    ImGui::TableNextColumn();
    ui::cell_text(row.address);
    ImGui::TableNextColumn();
    const StatusFilter s = row_state(row);
    const ImVec4 color = state_color(s);
    std::string label = state_label(state, s);
    // A record the supervisor sent back carries the reason where the eye already is.
    if (s == StatusFilter::Rejected && !row.review_comment.empty())
        label += ": " + row.review_comment;
    if (!row.synced) label += " · " + std::string(state.tr(txt::kNotSynced));
    ui::cell_text(label, &color);
    ImGui::PopID();
}

}  // namespace

void draw_household_list(AppState& state) {
    draw_toolbar(state);
    const auto& visible = visible_households(state);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kGrey);
    ui::text(state, std::string(state.tr(txt::kShown)) + ": " + std::to_string(visible.size()));
    ImGui::PopStyleColor();
    if (visible.empty()) {
        ui::text_wrapped(state.tr(txt::kNoHouseholds));
        return;
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("household_table", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // The status column is wide enough for a supervisor's short comment after "Bị trả lại".
    const ImGuiTableColumnFlags stretch = ImGuiTableColumnFlags_WidthStretch;
    ImGui::TableSetupColumn(state.tr(txt::kHouseholdCode), stretch, 0.8f);
    ImGui::TableSetupColumn(state.tr(txt::kHeadName), stretch, 1.3f);
    ImGui::TableSetupColumn(state.tr(txt::kAddress), stretch, 1.7f);
    ImGui::TableSetupColumn(state.tr(txt::kStatus), stretch, 2.2f);
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            draw_row(state, state.rows[visible[i]]);
    }
    ImGui::EndTable();
}

}  // namespace c5::surveyor
