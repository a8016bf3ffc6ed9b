// `syncd results`: the stored results (as recomputed by every push and import), as the
// results CSV of the domain spec or as JSON with the data version of each unit.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "core/io/interchange.hpp"
#include "syncd/commands/commands.hpp"
#include "syncd/commands/results_table.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/result_json.hpp"
#include "syncd/server/results_store.hpp"

namespace c5::syncd {
namespace {

struct ResultsOptions {
    ServerAccess access;
    std::string format = "csv";
    std::string out;
};

// A file gets a byte-order mark, as `syncd evaluate` writes it, so spreadsheets show
// Vietnamese names right; standard output does not, for pipes.
void write(std::ostream& out, const std::string& format, const std::vector<UnitResult>& results,
           bool to_file) {
    if (format == "csv") {
        write_results_csv(out, results, to_file);
        return;
    }
    if (format == "table") {
        print_results_table(out, results);
        return;
    }
    nlohmann::json array = nlohmann::json::array();
    for (const auto& r : results) array.push_back(unit_result_to_json(r));
    out << array.dump(2) << "\n";
}

int run_results(const ResultsOptions& o) {
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("results", ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure("results", db.error());
    auto results = stored_results(*db);
    if (!results) return report_failure("results", results.error());
    if (o.out.empty()) {
        write(std::cout, o.format, *results, false);
        return 0;
    }
    // Written beside the destination and renamed, so a failure leaves no half file.
    const std::string temp = o.out + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        write(out, o.format, *results, true);
        if (!out.flush()) {
            return report_failure("results", Error{ErrorKind::Io, "cannot write " + o.out});
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, o.out, ec);
    if (ec) return report_failure("results", Error{ErrorKind::Io, "cannot write " + o.out});
    return 0;
}

}  // namespace

void add_results_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ResultsOptions>();
    CLI::App* cmd = app.add_subcommand("results", "Print or write the stored Criterion 5 results");
    add_server_access_options(*cmd, o->access);
    cmd->add_option("--format", o->format,
                    "csv (the results CSV), json, or table (the lines syncd evaluate prints)")
        ->capture_default_str()
        ->check(CLI::IsMember({"csv", "json", "table"}));
    cmd->add_option("--out", o->out, "Write to this file instead of standard output");
    cmd->callback([o, &exit_code] { exit_code = run_results(*o); });
}

}  // namespace c5::syncd
