// `syncd evaluate`: reads a registry, household records and checklists from files, scores
// every ward and district, writes the results CSV and prints a table. A bad input is refused
// as a whole: every problem is listed and no results file is written.
#include "syncd/commands/evaluate_command.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "core/io/interchange.hpp"
#include "core/scoring/evaluate.hpp"
#include "core/text/timestamp.hpp"
#include "core/util/digest.hpp"
#include "syncd/commands/default_paths.hpp"
#include "syncd/commands/results_table.hpp"

namespace c5::syncd {

namespace fs = std::filesystem;

namespace {

constexpr int kExitRefused = 1;

std::string now_utc() {
    const auto now = std::chrono::system_clock::now();
    return format_timestamp_utc(
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

// The data version of a file evaluation: a digest of every input file's bytes.
std::string inputs_digest(const std::vector<std::string>& files) {
    Digest digest;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        digest.update(bytes);
        digest.update(std::string_view("\0", 1));
    }
    return "files:" + digest.short_hex();
}

// Writes the CSV (with a byte-order mark, so spreadsheets read Vietnamese right) to a fresh
// file beside its destination, flushes it to disk, and renames it into place: a failure
// leaves no half-written results file. Refuses a destination that is not a plain file (a
// folder, a device), so a typo cannot replace one. Returns the reason on failure.
std::optional<std::string> write_results_file(const std::string& out_path,
                                              const std::vector<UnitResult>& results) {
    std::error_code ec;
    fs::path target(out_path);
    if (target.empty()) return "no output path given";
    if (fs::exists(target, ec)) {
        if (!fs::is_regular_file(target, ec)) return "it exists and is not a regular file";
        target = fs::canonical(target, ec);  // write through a link, keep the link
    }

    std::ostringstream text;
    write_results_csv(text, results, /*with_bom=*/true);
    const std::string bytes = text.str();

    std::string temp = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX"));
    const int fd = mkstemp(temp.data());
    if (fd < 0) return std::strerror(errno);
    bool ok = true;
    for (std::size_t done = 0; ok && done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    // mkstemp makes the file private; a results file gets the usual permissions.
    const mode_t mask = umask(0);
    umask(mask);
    ok = ok && fchmod(fd, 0666 & ~mask) == 0 && fsync(fd) == 0;
    const std::string reason = ok ? "" : std::strerror(errno);
    close(fd);
    if (ok) {
        fs::rename(temp, target, ec);
        if (!ec) return std::nullopt;
    }
    fs::remove(temp, ec);
    return ok ? std::string("cannot move the file into place") : reason;
}

void report_issues(const ImportIssues& issues) {
    for (const auto& issue : issues) std::cerr << "  " << issue.to_string() << "\n";
}

}  // namespace

int run_evaluate(const EvaluateOptions& options) {
    auto forms = load_forms(options.forms_dir);
    if (!forms) {
        std::cerr << "syncd evaluate: forms: " << forms.error().message << "\n";
        return kExitRefused;
    }
    auto criteria = load_criteria(options.criteria);
    if (!criteria) {
        std::cerr << "syncd evaluate: criteria: " << criteria.error().message << "\n";
        return kExitRefused;
    }
    if (auto checked = check_criteria_against_forms(*criteria, *forms); !checked) {
        std::cerr << "syncd evaluate: " << checked.error().message << "\n";
        return kExitRefused;
    }
    const Form& household_form = forms->at(criteria->household_form);

    // Read all three files before deciding, so every problem is listed in one run.
    ImportIssues issues;
    auto registry = read_registry_csv(options.registry);
    if (!registry) issues.insert(issues.end(), registry.error().begin(), registry.error().end());
    const Registry* known_units = registry ? &*registry : nullptr;
    auto households = read_household_csv(options.households, household_form, known_units);
    if (!households)
        issues.insert(issues.end(), households.error().begin(), households.error().end());
    auto checklists = read_checklists_json(options.checklists, *forms, known_units);
    if (!checklists)
        issues.insert(issues.end(), checklists.error().begin(), checklists.error().end());

    if (!issues.empty()) {
        std::cerr << "syncd evaluate: the input was refused (" << issues.size() << " problem"
                  << (issues.size() == 1 ? "" : "s") << "); no results were written:\n";
        report_issues(issues);
        return kExitRefused;
    }

    const EvaluationStamp stamp{now_utc(), inputs_digest({options.registry, options.households,
                                                          options.checklists, options.criteria})};
    const auto results = evaluate_all(*criteria, *registry, *checklists, *households, stamp);

    if (auto failure = write_results_file(options.out, results)) {
        std::cerr << "syncd evaluate: cannot write " << options.out << ": " << *failure << "\n";
        return kExitRefused;
    }

    std::cout << criteria->title.vi << " (" << criteria->id << " " << criteria->version
              << ", effective " << criteria->effective_from << ")\n"
              << "Computed " << stamp.computed_at << " from data version " << stamp.data_version
              << ": " << households->size() << " household records, " << checklists->size()
              << " checklists.\n\n";
    print_results_table(std::cout, results);
    std::cout << "\nResults written to " << options.out << "\n";
    return 0;
}

void add_evaluate_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<EvaluateOptions>();
    options->forms_dir = default_forms_dir();
    options->criteria = default_criteria_file();

    CLI::App* cmd = app.add_subcommand(
        "evaluate", "Compute Criterion 5 results from files (registry, households, checklists)");
    cmd->add_option("--registry", options->registry, "Registry CSV of administrative units")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--households", options->households, "Household survey CSV")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--checklists", options->checklists, "Ward and district checklists JSON")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--out", options->out, "Where to write the results CSV")->required();
    cmd->add_option("--forms", options->forms_dir, "Folder of form definitions")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--criteria", options->criteria, "Criteria definition JSON")
        ->capture_default_str()
        ->check(CLI::ExistingFile);
    cmd->callback([options, &exit_code] { exit_code = run_evaluate(*options); });
}

}  // namespace c5::syncd
