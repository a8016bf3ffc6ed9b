// One draw function per screen, each taking the app state. draw_app draws the frame around
// them: the top bar, the notice line and the screen that is up.
#pragma once

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

void draw_app(AppState& state);

void draw_first_run(AppState& state);
void draw_unlock(AppState& state);
void draw_home(AppState& state);
void draw_household_list(AppState& state);
void draw_form(AppState& state);
void draw_results(AppState& state);
void draw_sync(AppState& state);
void draw_review(AppState& state);
void draw_settings(AppState& state);

}  // namespace c5::surveyor
