// syncd: the ward office / province daemon of c5kit, and its administrative commands.
#include <CLI/CLI.hpp>

#include "syncd/commands/evaluate_command.hpp"

int main(int argc, char** argv) {
    // 1. Describe the commands.
    CLI::App app{"syncd — c5kit's sync server and Criterion 5 results"};
    app.require_subcommand(1);
    int exit_code = 0;
    c5::syncd::add_evaluate_command(app, exit_code);

    // 2. Parse and run the chosen command; its callback sets the exit code.
    CLI11_PARSE(app, argc, argv);
    return exit_code;
}
