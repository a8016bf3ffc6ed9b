// Results: the unit's Criterion 5 result computed on this laptop with the core engine, each
// content with its status and reasons, and what is still missing.
#include <cstdio>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"
#include "surveyor/screens/widgets.hpp"

namespace c5::surveyor {

namespace {

const ContentDef* content_def(const AppState& state, const UnitResult& result,
                              const std::string& id) {
    const AnnexDef* annex = state.catalog->criteria.annex_for(result.level);
    if (!annex) return nullptr;
    for (const ContentDef& c : annex->contents)
        if (c.id == id) return &c;
    return nullptr;
}

// 0.9913 -> "99,1%" in Vietnamese, "99.1%" in English.
std::string percent(const AppState& state, double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", fraction * 100);
    std::string out = text;
    if (state.lang() == Language::Vi)
        for (char& c : out)
            if (c == '.') c = ',';
    return out;
}

void draw_shares(AppState& state, const UnitResult& result, const ContentDef* def) {
    for (const ShareFigure& share : result.shares) {
        std::string label = share.id;
        if (def)
            for (const ShareRule& rule : def->shares)
                if (rule.id == share.id) label = state.tr(rule.label);
        const std::string figure = share.value ? std::to_string(share.numerator) + " / " +
                                                     std::to_string(share.denominator) + " = " +
                                                     percent(state, *share.value)
                                               : std::string("–");
        ui::text_wrapped(label);
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ui::status_color(share.status));
        ImGui::ProgressBar(share.value ? static_cast<float>(*share.value) : 0.0f, ImVec2(-1, 0),
                           figure.c_str());
        ImGui::PopStyleColor();
    }
    std::string coverage = std::string(state.tr(txt::kCoverage)) + ": ";
    if (result.coverage && result.households_registered) {
        const long long base = *result.households_registered - result.households_vacant;
        coverage += percent(state, *result.coverage) + " (" +
                    std::to_string(result.households_interviewed) + " / " + std::to_string(base) +
                    ")";
    } else {
        coverage += "–";
    }
    ui::text_wrapped(coverage);
}

void draw_content(AppState& state, const UnitResult& result, const ContentResult& content) {
    const ContentDef* def = content_def(state, result, content.id);
    ImGui::PushID(content.id.c_str());
    const std::string title = def ? state.tr(def->title) : content.id;
    ImGui::TextColored(ui::status_color(content.status), "%s",
                       ui::status_text(state, content.status));
    ImGui::SameLine(ImGui::CalcTextSize(state.tr(txt::kIncomplete)).x +
                    ImGui::GetStyle().ItemSpacing.x * 3);
    ui::text_wrapped(title);
    ImGui::Indent();
    for (const std::string& reason : content.reasons)
        ui::text_wrapped_colored(ui::kGrey, "• " + reason);
    if (def && def->from_households) draw_shares(state, result, def);
    ImGui::Unindent();
    ImGui::Spacing();
    ImGui::PopID();
}

void draw_missing(AppState& state, const UnitReport& report) {
    ui::heading(state, state.tr(txt::kStillMissing));
    bool any = false;
    if (!report.has_checklist) {
        ui::text_wrapped_colored(ui::kAmber, state.tr(txt::kNoChecklist));
        any = true;
    }
    if (!report.groups_not_done.empty()) {
        ui::text_wrapped(state.tr(txt::kGroupsNotVisited));
        ImGui::Indent();
        for (const GroupGap& g : report.groups_not_done) {
            const std::string left =
                g.registered ? std::to_string(*g.registered - g.visited) : std::string("?");
            ui::text_wrapped("• " + g.name + ": " + left + " " + state.tr(txt::kHouseholdsLeft));
        }
        ImGui::Unindent();
        any = true;
    }
    if (!report.unanswered.empty()) {
        ui::text_wrapped(state.tr(txt::kUnanswered));
        ImGui::Indent();
        for (const Label& item : report.unanswered) ui::text_wrapped("• " + state.tr(item));
        ImGui::Unindent();
        any = true;
    }
    if (!any) ui::text_wrapped_colored(ui::kGreen, state.tr(txt::kNothingMissing));
}

}  // namespace

void draw_results(AppState& state) {
    if (ui::button(state, state.tr(txt::kRecompute))) show_results(state);
    if (!state.report) {
        ImGui::SameLine();
        ui::text(state, state.tr(txt::kWorking));
        return;
    }
    const UnitReport& report = *state.report;
    const UnitResult& result = report.result;
    ImGui::SameLine();
    ui::text_colored(state, ui::kGrey,
                     std::string(state.tr(txt::kComputedAt)) + " " + result.computed_at);

    ImGui::BeginChild("results", ImVec2(0, 0), false);
    ui::heading(state, result.unit_name + " (" + result.unit_code + ")");
    ui::text(state, state.tr(txt::kCriterion));
    ImGui::SameLine();
    ui::text_colored(state, ui::status_color(result.criterion),
                     ui::status_text(state, result.criterion));
    ImGui::Spacing();
    for (const ContentResult& content : result.contents) draw_content(state, result, content);
    draw_missing(state, report);
    ImGui::EndChild();
}

}  // namespace c5::surveyor
