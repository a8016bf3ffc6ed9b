// Shared options and unlocking for the commands on a server data folder.
#include "syncd/commands/server_access.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "syncd/commands/default_paths.hpp"

namespace c5::syncd {

void add_server_access_options(CLI::App& cmd, ServerAccess& access) {
    access.forms_dir = default_forms_dir();
    access.criteria_file = default_criteria_file();
    cmd.add_option("--data", access.data_dir, "The server's data folder")->required();
    cmd.add_option("--passphrase-file", access.passphrase_file,
                   std::string("File holding the server passphrase (else $") + kPassphraseEnv + ")")
        ->check(CLI::ExistingFile);
    cmd.add_option("--forms", access.forms_dir, "Folder of form definitions")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    cmd.add_option("--criteria", access.criteria_file, "Criteria definition JSON")
        ->capture_default_str()
        ->check(CLI::ExistingFile);
}

Result<std::string> read_secret(const std::string& file, const char* env_name,
                                std::string_view what, const char* option) {
    std::string secret;
    if (!file.empty()) {
        std::ifstream in(file, std::ios::binary);
        if (!in) return fail(ErrorKind::InvalidInput, "cannot read " + file);
        secret.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (secret.ends_with("\n")) secret.pop_back();
        if (secret.ends_with("\r")) secret.pop_back();
    } else if (const char* env = std::getenv(env_name)) {
        secret = env;
    }
    if (secret.empty()) {
        return fail(ErrorKind::InvalidInput, "no " + std::string(what) + ": give " + option +
                                                 " FILE or set " + env_name +
                                                 " (never on the command line)");
    }
    return secret;
}

ServerOptions server_options(const ServerAccess& access) {
    ServerOptions options;
    options.data_dir = access.data_dir;
    options.forms_dir = access.forms_dir;
    options.criteria_file = access.criteria_file;
    return options;
}

Result<ServerContext> unlock(const ServerAccess& access) {
    auto passphrase = read_secret(access.passphrase_file, kPassphraseEnv, "server passphrase",
                                  "--passphrase-file");
    if (!passphrase) return std::unexpected(passphrase.error());
    auto ctx = open_server(server_options(access), *passphrase);
    std::fill(passphrase->begin(), passphrase->end(), '\0');
    return ctx;
}

int report_failure(std::string_view command, const Error& error) {
    std::cerr << "syncd " << command << ": " << error.message << "\n";
    return kExitFailed;
}

}  // namespace c5::syncd
