// Supervisor review: the ward's completed records and those in conflict; approve, reject
// with a comment, or settle a conflict by choosing one of the competing values.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

bool needs_review(const RecordRow& row) {
    return row.conflict || row.status == ReviewStatus::Completed;
}

void draw_queue(AppState& state) {
    std::vector<const RecordRow*> rows;
    for (const RecordRow& row : state.rows)
        if (needs_review(row)) rows.push_back(&row);
    ui::text(state,
             std::string(state.tr(txt::kToReview)) + " (" + std::to_string(rows.size()) + ")");
    ImGui::Separator();
    if (rows.empty()) {
        ui::text_wrapped_colored(ui::kGrey, state.tr(txt::kNothingToReview));
        return;
    }
    const std::string open_id = state.review.record ? state.review.record->record.record_id : "";
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const RecordRow& row = *rows[i];
            ImGui::PushID(&row);
            const std::string label =
                (row.household_code.empty() ? row.form : row.household_code) + "  " +
                row.head_name +
                (row.conflict ? std::string("  · ") + state.tr(txt::kInConflict) : std::string());
            if (ImGui::Selectable(label.c_str(), open_id == to_string(row.id)))
                open_for_review(state, row.id);
            ImGui::PopID();
        }
    }
}

void draw_conflict(AppState& state, const Form* form, const FieldConflict& conflict) {
    const FieldDef* field = form ? form->find(conflict.field) : nullptr;
    ImGui::PushID(conflict.field.c_str());
    ui::text_wrapped_colored(ui::kAmber, std::string(state.tr(txt::kChooseValue)) + ": " +
                                             (field ? state.tr(field->label) : conflict.field));
    std::vector<const FieldChange*> options{&conflict.winner};
    for (const FieldChange& loser : conflict.losers) options.push_back(&loser);
    for (const FieldChange* option : options) {
        ImGui::PushID(option);
        const std::string shown = to_display(option->value) + "  (" + option->device_id + ")";
        ImGui::BulletText("%s", shown.c_str());
        ImGui::SameLine();
        if (ui::button(state, state.tr(txt::kUseThis)))
            settle_conflict(state, conflict.field, option->value);
        ImGui::PopID();
    }
    ImGui::PopID();
}

void draw_record(AppState& state) {
    const StoredRecord& stored = *state.review.record;
    const Form* form = state.catalog->form(stored.record.form);
    const float label_width = ImGui::GetContentRegionAvail().x * 0.45f;
    if (form) ui::heading(state, state.tr(form->title));
    for (const FieldConflict& conflict : stored.conflicts) draw_conflict(state, form, conflict);
    if (form) {
        for (const FieldDef& field : form->fields) {
            const Value& value = stored.record.get(field.id);
            if (is_empty(value)) continue;
            std::string shown = to_display(value);
            if (const auto* b = std::get_if<bool>(&value))
                shown = state.tr(*b ? txt::kYes : txt::kNo);
            if (const auto* s = std::get_if<std::string>(&value))
                if (const Choice* c = field.find_choice(*s)) shown = state.tr(c->label);
            ui::field_label(state.tr(field.label), label_width);
            ImGui::SameLine(label_width);
            ui::text_wrapped(shown);
        }
    }
    ImGui::Separator();
    ui::text(state, state.tr(txt::kRejectComment));
    ImGui::InputTextMultiline("##comment", &state.review.comment,
                              ImVec2(-1, ImGui::GetTextLineHeight() * 3));
    if (ui::button(state, state.tr(txt::kApprove))) approve(state);
    ImGui::SameLine();
    if (ui::button(state, state.tr(txt::kReject))) reject(state);
}

}  // namespace

void draw_review(AppState& state) {
    if (state.profile.role == Role::Surveyor) {
        ui::text_wrapped(state.tr(txt::kSupervisorOnly));
        return;
    }
    ImGui::BeginChild("queue", ImVec2(ImGui::GetContentRegionAvail().x * 0.32f, 0), true);
    draw_queue(state);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("record", ImVec2(0, 0), true);
    if (state.review.record)
        draw_record(state);
    else if (state.review.loading)
        ui::text(state, state.tr(txt::kWorking));
    ImGui::EndChild();
}

}  // namespace c5::surveyor
