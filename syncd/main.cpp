// syncd: the ward office / province daemon of c5kit, and its administrative commands.
#include <CLI/CLI.hpp>

#include "syncd/commands/commands.hpp"
#include "syncd/commands/evaluate_command.hpp"

int main(int argc, char** argv) {
    // 1. Describe the commands.
    CLI::App app{
        "syncd — c5kit's sync server and Criterion 5 results.\n"
        "Start with `syncd init --data DIR`, then `syncd serve --data DIR`."};
    app.require_subcommand(1);
    int exit_code = 0;
    c5::syncd::add_init_command(app, exit_code);
    c5::syncd::add_serve_command(app, exit_code);
    c5::syncd::add_enroll_command(app, exit_code);
    c5::syncd::add_devices_command(app, exit_code);
    c5::syncd::add_import_commands(app, exit_code);
    c5::syncd::add_results_command(app, exit_code);
    c5::syncd::add_rescore_command(app, exit_code);
    c5::syncd::add_recovery_key_command(app, exit_code);
    c5::syncd::add_users_command(app, exit_code);
    c5::syncd::add_evaluate_command(app, exit_code);

    // 2. Parse and run the chosen command; its callback sets the exit code. A command line
    //    that does not parse (unknown option, missing file) exits 2, like other Unix tools.
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    return exit_code;
}
