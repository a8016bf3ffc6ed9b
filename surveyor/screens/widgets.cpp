// The drawing helpers.
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor::ui {

void check_fit(AppState& state, const std::string& text, float needed, float available) {
    if (needed <= available + 1.0f) return;
    const std::string entry = std::string(screen_name(state.screen)) + ": \"" + text + "\" needs " +
                              std::to_string(static_cast<int>(needed)) + " px, has " +
                              std::to_string(static_cast<int>(available));
    for (const std::string& seen : state.debug.overflows)
        if (seen == entry) return;
    state.debug.overflows.push_back(entry);
}

void text(AppState& state, const std::string& s) {
    check_fit(state, s, ImGui::CalcTextSize(s.c_str()).x, ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(s.c_str());
}

void text_colored(AppState& state, const ImVec4& color, const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    text(state, s);
    ImGui::PopStyleColor();
}

void text_wrapped(const std::string& s) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
}

void text_wrapped_colored(const ImVec4& color, const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    text_wrapped(s);
    ImGui::PopStyleColor();
}

void heading(AppState& state, const std::string& s) {
    ImGui::Spacing();
    text_colored(state, kBlue, s);
    ImGui::Separator();
}

bool button(AppState& state, const char* label, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float needed = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2;
    check_fit(state, label, needed, size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x);
    return ImGui::Button(label, size);
}

void cell_text(const std::string& s, const ImVec4* color) {
    const float available = ImGui::GetContentRegionAvail().x;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    if (ImGui::CalcTextSize(s.c_str()).x <= available) {
        ImGui::TextUnformatted(s.c_str());
    } else {
        // Cut at a UTF-8 character boundary until it fits with the ellipsis.
        std::string shown = s;
        while (!shown.empty() && ImGui::CalcTextSize((shown + "…").c_str()).x > available) {
            unsigned char last = 0;
            do {
                last = static_cast<unsigned char>(shown.back());
                shown.pop_back();
            } while (!shown.empty() && (last & 0xC0) == 0x80);
        }
        shown += "…";
        ImGui::TextUnformatted(shown.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.c_str());
    }
    if (color) ImGui::PopStyleColor();
}

const char* status_text(const AppState& state, Status status) {
    switch (status) {
        case Status::Pass: return state.tr(txt::kPass);
        case Status::Fail: return state.tr(txt::kFail);
        case Status::Incomplete: return state.tr(txt::kIncomplete);
    }
    return "";
}

ImVec4 status_color(Status status) {
    switch (status) {
        case Status::Pass: return kGreen;
        case Status::Fail: return kRed;
        case Status::Incomplete: return kAmber;
    }
    return kGrey;
}

void field_label(const std::string& label, float label_width) {
    const float start = ImGui::GetCursorPosX();
    ImGui::PushTextWrapPos(start + label_width - ImGui::GetStyle().ItemSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace c5::surveyor::ui
