// c5-bench-frames: the surveyor's frame time with 20,000 households in the home list, drawn
// by the app's own screens under a real GLFW window (run under Xvfb). Prints
// "idle_ms typing_ms frames": medians over the frames, idle and with the search retyped.
// On stderr, each median split into the app's CPU work, OpenGL rendering and the swap, so the
// software rasteriser of Xvfb (llvmpipe) can be told apart from our own work. With --vsync the
// swaps wait for the display as in the app's window (swap interval 1). The settings screen,
// a few widgets, is timed too: the floor of a frame at this window size.
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include "bench/measure.hpp"
#include "bench/surveyor_figures.hpp"
#include "support/temp_dir.hpp"
#include "surveyor/app/commands.hpp"
#include "surveyor/render/ui_runtime.hpp"
#include "syncd/commands/default_paths.hpp"

namespace {

void print_phases(const char* what, const c5::surveyor::FrameTimes& t) {
    using c5::bench::median;
    std::fprintf(stderr,
                 "%s: frame %.2f ms = ui %.2f + gl %.2f + swap %.2f; CPU %.2f ms of all threads "
                 "(medians), %d vertices\n",
                 what, median(t.total), median(t.ui), median(t.gl), median(t.swap), median(t.cpu),
                 t.vertices);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace c5;
    constexpr int kFrames = 120;
    const bool vsync = argc > 1 && std::strcmp(argv[1], "--vsync") == 0;
    try {
        test::TempDir dir;
        const auto store = dir / "frames.c5store";
        const std::filesystem::path forms = syncd::default_forms_dir();
        bench::create_bench_store(store, forms, 20'000);

        surveyor::AppState state(surveyor::AppConfig{store, forms, {}});
        surveyor::start(state);
        state.unlock_passphrase = bench::bench_store_passphrase();
        surveyor::unlock(state);
        surveyor::settle(state);
        if (!state.unlocked) throw std::runtime_error("the store did not unlock");
        surveyor::prepare_screen(state, "home");
        if (state.rows.size() != 20'000) throw std::runtime_error("the list is not 20,000 rows");

        // Idle, typing, and the floor at this window size: the settings screen, a few widgets,
        // mostly the clear and the window's background for the rasteriser.
        const std::vector<surveyor::FrameRun> runs = {
            {{}, false},
            {[](surveyor::AppState& s) { s.home.query = "nguyen van"; }, true},
            {[](surveyor::AppState& s) { s.screen = surveyor::Screen::Settings; }, false}};
        const auto timed = surveyor::time_frames(state, 1280, 820, kFrames, runs, vsync);
        if (timed.size() != runs.size()) throw std::runtime_error("no window (run under Xvfb)");
        const surveyor::FrameTimes& idle = timed[0];
        const surveyor::FrameTimes& typing = timed[1];
        std::fprintf(stderr, "OpenGL renderer: %s; swap interval %d\n", idle.renderer.c_str(),
                     vsync ? 1 : 0);
        print_phases("idle", idle);
        print_phases("typing", typing);
        print_phases("settings screen", timed[2]);
        std::printf("%.2f %.2f %d\n", bench::median(idle.total), bench::median(typing.total),
                    kFrames);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "c5-bench-frames: " << e.what() << "\n";
        return 1;
    }
}
