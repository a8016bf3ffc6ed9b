// Sync: the server, the last sync and what waits to be sent; "Sync now" runs on the worker
// with a progress bar, and afterwards what was sent and received and what needs a look.
#include <ctime>
#include <map>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "surveyor/app/background_sync.hpp"
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

// Changes the server refused for their content, one entry per record with the questions
// refused and the server's reason; they wait here unsent.
void draw_refused(AppState& state) {
    load_refused(state);
    if (!state.sync.refused || state.sync.refused->empty()) return;
    std::map<RecordId, std::vector<const RefusedChange*>> by_record;
    for (const RefusedChange& change : *state.sync.refused)
        by_record[change.record_id].push_back(&change);
    ui::heading(state, std::string(state.tr(txt::kRefusedByServer)) + " (" +
                           std::to_string(state.sync.refused->size()) + ")");
    ui::text_wrapped_colored(ui::kGrey, state.tr(txt::kRefusedHint));
    for (const auto& [id, changes] : by_record) {
        const RecordRow* row = nullptr;
        for (const RecordRow& r : state.rows)
            if (r.id == id) row = &r;
        const RefusedChange& first = *changes.front();
        const Form* form = state.catalog ? state.catalog->form(first.form) : nullptr;
        std::string name = form ? state.tr(form->title) : first.form;
        name += " · " + first.unit_code;
        if (row && !row->household_code.empty()) name += " · " + row->household_code;
        // The first few questions by name, then how many more.
        std::string fields;
        std::size_t named = 0, more = 0;
        for (const RefusedChange* change : changes) {
            const FieldDef* field = form ? form->find(change->field) : nullptr;
            if (!field) continue;  // the record's status and other bookkeeping
            if (named++ < 3)
                fields += (fields.empty() ? "" : "; ") + state.tr(field->label);
            else
                ++more;
        }
        if (more > 0) fields += "; … (+" + std::to_string(more) + ")";
        ImGui::PushID(to_string(id).c_str());
        if (ImGui::Selectable(name.c_str()) && row) open_record(state, row->id);
        ImGui::Indent();
        ui::text_wrapped(fields);
        ui::text_wrapped_colored(ui::kRed, changes.front()->reason);
        ImGui::Unindent();
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
        start_sync(state);
    ImGui::EndDisabled();
    if (state.sync.running) {
        // Only a sync can stop between requests; an enrolment is one request.
        if (state.sync.cancel) {
            ImGui::SameLine();
            ImGui::BeginDisabled(state.sync.cancel->load());
            if (ui::button(state, state.tr(txt::kCancelSync))) cancel_sync(state);
            ImGui::EndDisabled();
        }
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
    draw_refused(state);
}

}  // namespace c5::surveyor
