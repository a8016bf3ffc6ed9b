// What every command on a server data folder shares: the --data, --passphrase-file, --forms
// and --criteria options, reading secrets from a file or the environment (never from the
// command line), and unlocking the server.
#pragma once

#include <string>
#include <string_view>

#include "syncd/server/server_context.hpp"

namespace CLI {
class App;
}

namespace c5::syncd {

inline constexpr const char* kPassphraseEnv = "C5_SYNCD_PASSPHRASE";
inline constexpr const char* kRecoveryPassphraseEnv = "C5_RECOVERY_PASSPHRASE";
inline constexpr int kExitFailed = 1;

struct ServerAccess {
    std::string data_dir;
    std::string passphrase_file;
    std::string forms_dir;
    std::string criteria_file;
};

// Adds --data (required), --passphrase-file, --forms and --criteria to a subcommand.
void add_server_access_options(CLI::App& cmd, ServerAccess& access);

// A secret from `file` when given (one trailing line end dropped), else from the
// environment variable. Errors: InvalidInput naming both sources when neither has it.
[[nodiscard]] Result<std::string> read_secret(const std::string& file, const char* env_name,
                                              std::string_view what, const char* option);

ServerOptions server_options(const ServerAccess& access);

// Reads the passphrase and opens the server. Errors: as read_secret and open_server.
[[nodiscard]] Result<ServerContext> unlock(const ServerAccess& access);

// Prints "syncd COMMAND: message" on stderr and returns the failure exit code.
int report_failure(std::string_view command, const Error& error);

}  // namespace c5::syncd
