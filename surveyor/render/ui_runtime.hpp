// The window, the Dear ImGui context and its GLFW + OpenGL3 backends, the Vietnamese font,
// and the frame loop; also the offscreen rendering of one screen to a PNG.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

// Runs the app in a window until it is closed. Returns the process exit status.
int run_window(AppState& state);

// Renders `screen` of the state (already unlocked where the screen needs it) into a PNG of
// width × height pixels. Texts that did not fit are in state.debug.overflows afterwards.
// Returns 0, or 1 with a message on stderr when no window or file could be made.
int write_screenshot(AppState& state, const std::filesystem::path& out, int width, int height);

// Milliseconds of each frame drawn by time_frames, whole and by phase.
struct FrameTimes {
    std::vector<double> total;
    std::vector<double> ui;    // the app and ImGui on the CPU: pump, screens, draw lists
    std::vector<double> gl;    // OpenGL rendering the draw lists, up to glFinish
    std::vector<double> swap;  // glfwSwapBuffers: the back buffer to the window
    std::vector<double> cpu;   // CPU time of all the process's threads (llvmpipe's included)
    std::string renderer;      // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
    int vertices = 0;          // in the last frame's draw lists
};

// One series of frames for time_frames: `prepare` sets the state up first (a screen, a
// query); with `retype_search`, each frame refilters the home list as a keystroke in its
// search box does.
struct FrameRun {
    std::function<void(AppState&)> prepare;
    bool retype_search = false;
};

// Draws `frames` frames for each run, one after the other in one width × height window, as
// the window's loop does but without waiting for events, and times each (glFinish included,
// so the GL driver's share counts). With `vsync`, swaps wait for the display (swap interval
// 1, as the app's window). For the benchmarks; empty when no window could be made.
std::vector<FrameTimes> time_frames(AppState& state, int width, int height, int frames,
                                    const std::vector<FrameRun>& runs, bool vsync = false);

}  // namespace c5::surveyor
