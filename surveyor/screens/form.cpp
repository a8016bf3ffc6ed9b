// A form drawn from its definition in forms/: sections, then each question that applies
// with its input, hint and inline message. Tab or Enter moves on, Ctrl+S saves a draft,
// Ctrl+Enter asks to mark it completed. Every save goes to the store at once.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <ctime>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

const Tr& status_tr(ReviewStatus status) {
    switch (status) {
        case ReviewStatus::Draft:
            return txt::kDraft;
        case ReviewStatus::Completed:
            return txt::kCompleted;
        case ReviewStatus::Approved:
            return txt::kApproved;
        case ReviewStatus::Rejected:
            return txt::kRejected;
    }
    return txt::kDraft;
}

// Yes/no answers: c/y/1 and k/n/0 become "1" or "0"; anything else is refused.
int yes_no_filter(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
        if (data->EventChar > 127) return 1;
        auto key = yes_no_key(static_cast<char>(data->EventChar));
        if (!key) return 1;
        data->EventChar = static_cast<ImWchar>((*key)[0]);
        return 0;
    }
    if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit && data->BufTextLen > 1 &&
        data->CursorPos > 0) {
        // One answer per question: the key just typed replaces the previous one.
        const char typed = data->Buf[data->CursorPos - 1];
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, &typed, &typed + 1);
    }
    return 0;
}

// What an answer box reports besides its text.
struct InputEvents {
    bool yes_no = false;  // filter the keys as a yes/no answer
    bool tab = false;     // Tab was pressed in it
};

// Tab is taken by the form, not by ImGui: ImGui 1.86 only tabs through the questions on
// screen and wraps to the top one, while the form goes on to the next question, scrolling.
int answer_callback(ImGuiInputTextCallbackData* data) {
    auto& events = *static_cast<InputEvents*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
        events.tab = true;
        return 0;
    }
    return events.yes_no ? yes_no_filter(data) : 0;
}

// An answer box: the form's own Tab handling, plus `flags`.
bool answer_box(std::string& text, ImGuiInputTextFlags flags, InputEvents& events) {
    return ImGui::InputText("##v", &text, flags | ImGuiInputTextFlags_CallbackCompletion,
                            answer_callback, &events);
}

bool enter_pressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
}

// Radio buttons that flow onto new lines, starting at `left` (window coordinates).
bool flowing_radio(const char* label, bool active, float left, bool first) {
    const float width = ImGui::CalcTextSize(label).x + ImGui::GetFrameHeight() +
                        ImGui::GetStyle().ItemInnerSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first) {
        if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right)
            ImGui::SameLine();
        else
            ImGui::SetCursorPosX(left);
    }
    return ImGui::RadioButton(label, active);
}

struct FieldContext {
    const Form& form;
    FormEditor& editor;
    float label_width;
};

// Turns editor.focus_from and focus_step into the question to focus, among those that apply.
void move_focus(const Form& form, FormEditor& editor) {
    const auto visible = visible_fields(form, editor);
    for (std::size_t i = 0; i < visible.size(); ++i) {
        if (visible[i]->id != editor.focus_from) continue;
        const auto to = static_cast<std::ptrdiff_t>(i) + editor.focus_step;
        if (to >= 0 && to < static_cast<std::ptrdiff_t>(visible.size()))
            editor.focus_field = visible[to]->id;
    }
    editor.focus_from.clear();
}

// Puts the cursor in the answer box drawn next. ImGui cannot focus a box outside the visible
// part of the form, so one below or above is scrolled to first and focused next frame.
void focus_here(FormEditor& editor) {
    const float top = ImGui::GetCursorScreenPos().y;
    const float bottom = top + ImGui::GetFrameHeightWithSpacing() * 2;  // the box and its hint
    const float window_top = ImGui::GetWindowPos().y;
    const float window_bottom = window_top + ImGui::GetWindowHeight();
    if (top < window_top || bottom > window_bottom) ImGui::SetScrollHereY(0.4f);
    if (top + ImGui::GetFrameHeight() <= window_top || top >= window_bottom) return;
    ImGui::SetKeyboardFocusHere();
    editor.focus_field.clear();
}

// The input of one question; returns the new text (unchanged when nothing was typed).
std::string draw_input(AppState& state, FieldContext& ctx, const FieldDef& field) {
    std::string text = ctx.editor.text[field.id];
    const float char_width = ImGui::CalcTextSize("0").x;
    const float pad = ImGui::GetStyle().FramePadding.x * 2;
    const ImGuiInputTextFlags select = ImGuiInputTextFlags_AutoSelectAll;
    InputEvents events;
    bool entered = false;
    switch (field.type) {
        case FieldType::Bool: {
            ImGui::SetNextItemWidth(char_width * 3 + pad);
            events.yes_no = true;
            answer_box(
                text,
                select | ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackEdit,
                events);
            entered = ImGui::IsItemDeactivated() && enter_pressed();
            ImGui::SameLine();
            if (ImGui::RadioButton(state.tr(txt::kYes), text == "1")) text = "1";
            ImGui::SameLine();
            if (ImGui::RadioButton(state.tr(txt::kNo), text == "0")) text = "0";
            break;
        }
        case FieldType::Choice: {
            ImGui::SetNextItemWidth(char_width * 3 + pad);
            answer_box(text, select | ImGuiInputTextFlags_CharsDecimal, events);
            entered = ImGui::IsItemDeactivated() && enter_pressed();
            const auto chosen = parse_text(field, text);
            for (std::size_t i = 0; i < field.choices.size(); ++i) {
                const Choice& choice = field.choices[i];
                const std::string label = std::to_string(i + 1) + ". " + state.tr(choice.label);
                const bool active = chosen && *chosen == Value{choice.id};
                if (flowing_radio(label.c_str(), active, ctx.label_width, false))
                    text = std::to_string(i + 1);
            }
            break;
        }
        case FieldType::Int:
            ImGui::SetNextItemWidth(char_width * 6 + pad);
            answer_box(text, select | ImGuiInputTextFlags_CharsDecimal, events);
            entered = ImGui::IsItemDeactivated() && enter_pressed();
            break;
        case FieldType::Timestamp: {
            const char* now = state.tr(txt::kNow);
            const float button = ImGui::CalcTextSize(now).x + pad + ImGui::GetStyle().ItemSpacing.x;
            ImGui::SetNextItemWidth(-button);
            answer_box(text, 0, events);
            entered = ImGui::IsItemDeactivated() && enter_pressed();
            ImGui::SameLine();
            if (ui::button(state, now)) text = local_timestamp_now();
            break;
        }
        default:
            ImGui::SetNextItemWidth(-1);
            answer_box(text, 0, events);
            entered = ImGui::IsItemDeactivated() && enter_pressed();
    }
    if (entered || events.tab) {
        ctx.editor.focus_from = field.id;
        ctx.editor.focus_step = events.tab && ImGui::GetIO().KeyShift ? -1 : 1;
    }
    return text;
}

void draw_field(AppState& state, FieldContext& ctx, const FieldDef& field) {
    ImGui::PushID(field.id.c_str());
    const std::string label = state.tr(field.label) + (field.required ? " *" : "");
    ui::field_label(label, ctx.label_width);
    ImGui::SameLine(ctx.label_width);
    if (ctx.editor.focus_field == field.id) focus_here(ctx.editor);
    std::string text = draw_input(state, ctx, field);
    if (text != ctx.editor.text[field.id])
        set_answer(ctx.form, ctx.editor, field.id, std::move(text));
    // Tab or Enter: the next question among those that apply with this answer, focused in
    // this frame when it is drawn below (an answer that shows new questions costs a frame).
    if (ctx.editor.focus_from == field.id) move_focus(ctx.form, ctx.editor);

    if (!field.hint.vi.empty()) {
        ImGui::SetCursorPosX(ctx.label_width);
        ui::text_wrapped_colored(ui::kGrey, state.tr(field.hint));
    }
    if (const FieldIssue* issue = issue_for(ctx.editor, field.id)) {
        ImGui::SetCursorPosX(ctx.label_width);
        ui::text_wrapped_colored(ui::kRed, state.tr(issue->message));
    }
    for (const FieldConflict& conflict : ctx.editor.conflicts) {
        if (conflict.field != field.id) continue;
        ImGui::SetCursorPosX(ctx.label_width);
        ui::text_wrapped_colored(ui::kAmber, state.tr(txt::kConflictHere));
    }
    ImGui::Spacing();
    ImGui::PopID();
}

void draw_header(AppState& state, const Form& form, FormEditor& editor) {
    if (ui::button(state, state.tr(txt::kBack))) {
        close_form(state);
        return;
    }
    ImGui::SameLine();
    ui::text_colored(state, ui::kBlue, state.tr(form.title));
    ImGui::SameLine();
    ui::text_colored(state, ui::kGrey, std::string("· ") + state.tr(status_tr(editor.status)));

    if (ui::button(state, state.tr(txt::kSaveDraft))) save_form(state, false);
    ImGui::SameLine();
    if (ui::button(state, state.tr(txt::kMarkCompleted))) save_form(state, true);
    ImGui::SameLine();
    if (editor.saving) {
        ui::text_colored(state, ui::kGrey, state.tr(txt::kSaving));
    } else if (editor.dirty) {
        ui::text_colored(state, ui::kAmber, state.tr(txt::kUnsaved));
    } else if (editor.saved_at_ms > 0) {
        const std::time_t at = editor.saved_at_ms / 1000;
        std::tm local{};
        localtime_r(&at, &local);
        char clock[16];
        std::strftime(clock, sizeof clock, "%H:%M:%S", &local);
        ui::text_colored(state, ui::kGreen, std::string(state.tr(txt::kSaved)) + " " + clock);
    } else {
        ImGui::NewLine();
    }
    if (editor.status == ReviewStatus::Rejected)
        ui::text_wrapped_colored(ui::kRed, state.tr(txt::kRejectedBecause) + editor.review_comment);
    ui::text_wrapped_colored(ui::kGrey, state.tr(txt::kKeyboardHelp));
    ImGui::Separator();
}

}  // namespace

void draw_form(AppState& state) {
    const Form* form =
        state.editor && state.catalog ? state.catalog->form(state.editor->form_id) : nullptr;
    if (!form) {
        state.screen = Screen::Home;
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) save_form(state, false);
    if (io.KeyCtrl && enter_pressed()) save_form(state, true);

    draw_header(state, *form, *state.editor);
    if (!state.editor) return;  // Back was pressed
    FormEditor& editor = *state.editor;

    ImGui::BeginChild("fields", ImVec2(0, 0), false);
    const auto visible = visible_fields(*form, editor);
    FieldContext ctx{*form, editor, ImGui::GetContentRegionAvail().x * 0.40f};
    for (const Section& section : form->sections) {
        bool titled = false;
        for (std::size_t i = 0; i < visible.size(); ++i) {
            const FieldDef& field = *visible[i];
            const bool in_section = field.section == section.id ||
                                    (field.section.empty() && &section == &form->sections.front());
            if (!in_section) continue;
            if (!titled) {
                ui::heading(state, state.tr(section.title));
                titled = true;
            }
            draw_field(state, ctx, field);
        }
    }
    if (form->sections.empty()) {
        for (std::size_t i = 0; i < visible.size(); ++i) {
            draw_field(state, ctx, *visible[i]);
        }
    }
    ImGui::EndChild();
}

}  // namespace c5::surveyor
