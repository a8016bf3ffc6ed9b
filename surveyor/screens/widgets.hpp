// Small drawing helpers shared by the screens. The ones that put text in a fixed space note
// any text that does not fit in the app's debug info, so the screenshot test can tell when
// a label is cut off.
#pragma once

#include <string>

#include <imgui.h>

#include "core/scoring/unit_result.hpp"
#include "surveyor/app/app_state.hpp"

namespace c5::surveyor::ui {

inline const ImVec4 kRed{0.75f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kGreen{0.05f, 0.50f, 0.20f, 1.0f};
inline const ImVec4 kAmber{0.70f, 0.45f, 0.00f, 1.0f};
inline const ImVec4 kGrey{0.40f, 0.40f, 0.40f, 1.0f};
inline const ImVec4 kBlue{0.10f, 0.30f, 0.65f, 1.0f};

// Records `text` as cut off when it needs more than `available` pixels.
void check_fit(AppState& state, const std::string& text, float needed, float available);

// One line of text that must fit in what is left of the line.
void text(AppState& state, const std::string& text);
void text_colored(AppState& state, const ImVec4& color, const std::string& text);
// Text that wraps at the window or column edge (never cut off).
void text_wrapped(const std::string& text);
void text_wrapped_colored(const ImVec4& color, const std::string& text);
// A heading: larger spacing, a separator under it.
void heading(AppState& state, const std::string& text);

// A button whose label must fit: with size.x > 0 the label is checked against that width.
bool button(AppState& state, const char* label, ImVec2 size = ImVec2(0, 0));

// A table cell's text: shortened with "…" when the column is too narrow, with the whole text
// in a tooltip. Deliberate, so not an overflow.
void cell_text(const std::string& text, const ImVec4* color = nullptr);

// The status of a result, colored: "Đạt", "Không đạt", "Chưa đủ dữ liệu".
const char* status_text(const AppState& state, Status status);
ImVec4 status_color(Status status);

// A label column and a widget column: draws the label wrapped in the first `label_width`
// pixels and moves to where the widget goes.
void field_label(const std::string& label, float label_width);

}  // namespace c5::surveyor::ui
