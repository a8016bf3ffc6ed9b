// The surveyor without a window: create a store, enrol, import, export, sync, review and
// show results from a shell or a test, and render screens to PNG files. Passphrases come
// from a file (--passphrase-file) or the environment (C5_PASSPHRASE), never from the
// command line.
#pragma once

#include <optional>

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

struct Launch {
    int exit_code = 0;
    std::optional<AppConfig> window;  // set when the app should open its window
};

// Parses the command line and runs a subcommand or a screenshot; or says to open the window.
Launch run_command_line(int argc, char** argv);

}  // namespace c5::surveyor
