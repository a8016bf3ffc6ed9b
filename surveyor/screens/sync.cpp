// Sync: the server, the last sync and what waits to be sent; "Sync now" runs on the worker
// with a progress bar, and afterwards what was sent and received and what needs a look.
#include <ctime>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

std::string local_time(std::int64_t ms) {
    const std::time_t at = ms / 1000;
    std::tm local{};
    localtime_r(&at, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

void info_row(AppState& state, const Tr& label, const std::string& value, float label_width) {
    ui::field_label(state.tr(label), label_width);
    ImGui::SameLine(label_width);
    ui::text_wrapped(value);
}

// Records that need a look after a sync: in conflict, or rejected by the supervisor.
void draw_attention(AppState& state, const Tr& title, StatusFilter which) {
    std::vector<const RecordRow*> rows;
    for (const RecordRow& row : state.rows)
        if (row_state(row) == which) rows.push_back(&row);
    if (rows.empty()) return;
    ui::heading(state, std::string(state.tr(title)) + " (" + std::to_string(rows.size()) + ")");
    for (const RecordRow* row : rows) {
        ImGui::PushID(row);
        const std::string label = (row->household_code.empty() ? row->form : row->household_code) +
                                  "  " + row->head_name;
        if (ImGui::Selectable(label.c_str())) open_record(state, row->id);
        if (!row->review_comment.empty() && which == StatusFilter::Rejected) {
            ImGui::Indent();
            ui::text_wrapped_colored(ui::kRed, row->review_comment);
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
}

// Enrolling a store made offline needs the server, the code, and the passphrase again (the
// records move into a new file sealed under it).
void draw_enrol_fields(AppState& state, float label_width) {
    struct Row {
        const Tr& label;
        const char* id;
        std::string* value;
        ImGuiInputTextFlags flags;
    };
    const Row rows[] = {{txt::kServerAddress, "##server", &state.sync.server_url, 0},
                        {txt::kEnrolCode, "##code", &state.sync.code, 0},
                        {txt::kPassphrase, "##pass", &state.sync.passphrase,
                         ImGuiInputTextFlags_Password}};
    for (const Row& row : rows) {
        ui::field_label(state.tr(row.label), label_width);
        ImGui::SameLine(label_width);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText(row.id, row.value, row.flags);
    }
}

}  // namespace

void draw_sync(AppState& state) {
    const float label_width = ImGui::GetContentRegionAvail().x * 0.35f;
    ui::heading(state, state.tr(txt::kSync));
    info_row(state, txt::kServer,
             state.profile.enrolled ? state.profile.server_url : state.tr(txt::kNotEnrolled),
             label_width);
    info_row(state, txt::kLastSync,
             state.sync.last ? local_time(state.sync.last->finished_ms) : state.tr(txt::kNever),
             label_width);
    info_row(state, txt::kChangesWaiting, std::to_string(state.sync.waiting), label_width);
    ImGui::Spacing();

    if (!state.profile.enrolled) draw_enrol_fields(state, label_width);
    ImGui::BeginDisabled(state.sync.running);
    if (ui::button(state, state.tr(state.profile.enrolled ? txt::kSyncNow : txt::kEnrol)))
        sync_now(state);
    ImGui::EndDisabled();
    if (state.sync.running) {
        ImGui::SameLine();
        ui::text(state, state.tr(state.sync.stage.vi.empty() ? txt::kSyncing.label()
                                                             : state.sync.stage));
        ImGui::ProgressBar(state.sync.progress, ImVec2(-1, 0));
    }
    if (state.sync.last) {
        const SyncSummary& s = *state.sync.last;
        ImGui::Spacing();
        info_row(state, txt::kSent, std::to_string(s.sent), label_width);
        info_row(state, txt::kReceived, std::to_string(s.received), label_width);
    }
    draw_attention(state, txt::kConflicts, StatusFilter::Conflict);
    draw_attention(state, txt::kRejectedToFix, StatusFilter::Rejected);
}

}  // namespace c5::surveyor
