// The surveyor app: the field laptop's window onto the encrypted store, or, given a
// subcommand or --screenshot, the same app without a window.
#include "surveyor/app/app_state.hpp"
#include "surveyor/app/commands.hpp"
#include "surveyor/cli/cli.hpp"
#include "surveyor/render/ui_runtime.hpp"

int main(int argc, char** argv) {
    using namespace c5::surveyor;

    // 1. Headless subcommands and screenshots finish here.
    Launch launch = run_command_line(argc, argv);
    if (!launch.window) return launch.exit_code;

    // 2. The one app state, with its worker thread.
    AppState state(*launch.window);

    // 3. First run or unlock, then the window until it is closed.
    start(state);
    return run_window(state);
}
