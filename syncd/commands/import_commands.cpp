// `syncd import-registry`, `import-households`, `import-checklists`: files into the server,
// refused whole (every problem listed, nothing changed) when any row is bad.
#include <CLI/CLI.hpp>
#include <iostream>

#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/imports.hpp"

namespace c5::syncd {
namespace {

using Importer = Result<ImportOutcome> (*)(Database&, const ServerContext&,
                                           const std::filesystem::path&);

struct ImportOptions {
    ServerAccess access;
    std::string file;
};

int run_import(const std::string& command, Importer importer, const ImportOptions& o) {
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure(command, ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure(command, db.error());
    auto outcome = importer(*db, *ctx, o.file);
    if (!outcome) return report_failure(command, outcome.error());
    if (!*outcome) {
        const ImportIssues& issues = outcome->error();
        std::cerr << "syncd " << command << ": the file was refused (" << issues.size()
                  << " problem" << (issues.size() == 1 ? "" : "s") << "); nothing was changed:\n";
        for (const auto& issue : issues) std::cerr << "  " << issue.to_string() << "\n";
        return kExitFailed;
    }
    const ImportSummary& s = **outcome;
    std::cout << "Imported " << o.file << ": " << s.records << " rows, " << s.changes
              << " changes; results recomputed at data version " << s.data_version << ".\n";
    return 0;
}

void add_import(CLI::App& app, int& exit_code, const std::string& name, const std::string& help,
                const std::string& file_help, Importer importer) {
    auto o = std::make_shared<ImportOptions>();
    CLI::App* cmd = app.add_subcommand(name, help);
    add_server_access_options(*cmd, o->access);
    cmd->add_option("file", o->file, file_help)->required()->check(CLI::ExistingFile);
    cmd->callback([o, name, importer, &exit_code] { exit_code = run_import(name, importer, *o); });
}

}  // namespace

void add_import_commands(CLI::App& app, int& exit_code) {
    add_import(app, exit_code, "import-registry",
               "Replace the registry of units and rescore every ward and district",
               "Registry CSV (level,code,name,parent_code,households_registered)",
               &import_registry);
    add_import(app, exit_code, "import-households",
               "Import household surveys (earlier paper surveys) as server changes",
               "Household CSV with the household form's fields", &import_households);
    add_import(app, exit_code, "import-checklists",
               "Import ward and district checklists as server changes",
               "Checklist JSON ([{\"form\", \"unit_code\", \"values\"}])", &import_checklists);
}

}  // namespace c5::syncd
