// c5-bench-frames: the surveyor's frame time with 20,000 households in the home list, drawn
// by the app's own screens under a real GLFW window (run under Xvfb). Prints
// "idle_ms typing_ms frames": medians over the frames, idle and with the search retyped.
#include <cstdio>
#include <exception>
#include <iostream>

#include "bench/measure.hpp"
#include "bench/surveyor_figures.hpp"
#include "support/temp_dir.hpp"
#include "surveyor/app/commands.hpp"
#include "surveyor/render/ui_runtime.hpp"
#include "syncd/commands/default_paths.hpp"

int main() {
    using namespace c5;
    constexpr int kFrames = 120;
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

        const auto idle = surveyor::time_frames(state, 1280, 820, kFrames, false);
        state.home.query = "nguyen van";
        const auto typing = surveyor::time_frames(state, 1280, 820, kFrames, true);
        if (idle.empty() || typing.empty()) throw std::runtime_error("no window (run under Xvfb)");
        std::printf("%.2f %.2f %d\n", bench::median(idle), bench::median(typing), kFrames);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "c5-bench-frames: " << e.what() << "\n";
        return 1;
    }
}
