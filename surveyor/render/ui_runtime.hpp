// The window, the Dear ImGui context and its GLFW + OpenGL3 backends, the Vietnamese font,
// and the frame loop; also the offscreen rendering of one screen to a PNG.
#pragma once

#include <filesystem>
#include <vector>

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

// Runs the app in a window until it is closed. Returns the process exit status.
int run_window(AppState& state);

// Renders `screen` of the state (already unlocked where the screen needs it) into a PNG of
// width × height pixels. Texts that did not fit are in state.debug.overflows afterwards.
// Returns 0, or 1 with a message on stderr when no window or file could be made.
int write_screenshot(AppState& state, const std::filesystem::path& out, int width, int height);

// Draws `frames` frames of the current screen in a width × height window, as the window's
// loop does but without waiting for events or vsync, and returns each frame's time in ms
// (drawing, rendering and glFinish, so the GL driver's share counts). With
// `retype_search`, each frame refilters the home list as a keystroke in its search box
// does. For the benchmarks; empty when no window could be made.
std::vector<double> time_frames(AppState& state, int width, int height, int frames,
                                bool retype_search);

}  // namespace c5::surveyor
