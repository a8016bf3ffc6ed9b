// The subcommands of syncd that work on a server data folder, one source file each. Every
// add_*_command adds its subcommand to the app; the callback sets exit_code.
#pragma once

namespace CLI {
class App;
}

namespace c5::syncd {

void add_init_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_enroll_command(CLI::App& app, int& exit_code);
void add_import_commands(CLI::App& app, int& exit_code);
void add_results_command(CLI::App& app, int& exit_code);
void add_devices_command(CLI::App& app, int& exit_code);
void add_rescore_command(CLI::App& app, int& exit_code);
void add_recovery_key_command(CLI::App& app, int& exit_code);
void add_users_command(CLI::App& app, int& exit_code);

}  // namespace c5::syncd
