// `syncd evaluate`: Criterion 5 results computed from files, before anything is synced.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace c5::syncd {

struct EvaluateOptions {
    std::string registry;
    std::string households;
    std::string checklists;
    std::string out;
    std::string forms_dir;
    std::string criteria;
};

// Adds the subcommand to the app; its callback runs the evaluation and sets exit_code.
void add_evaluate_command(CLI::App& app, int& exit_code);

// Reads the files, refuses them as a whole on any error (listing each on stderr, writing
// nothing), else writes the results CSV and prints the table. Returns the exit code.
int run_evaluate(const EvaluateOptions& options);

}  // namespace c5::syncd
