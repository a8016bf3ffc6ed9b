// The command-line entry: options, subcommands, and the screenshot mode.
#include "surveyor/cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "surveyor/app/commands.hpp"
#include "surveyor/cli/headless.hpp"
#include "surveyor/cli/record_commands.hpp"
#include "surveyor/render/ui_runtime.hpp"

namespace c5::surveyor {

namespace {

std::filesystem::path default_store_path() {
    if (const char* path = std::getenv("C5_STORE"); path && *path) return path;
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local/share/c5kit/surveyor.c5store";
    return "surveyor.c5store";
}

}  // namespace

Launch run_command_line(int argc, char** argv) {
    CLI::App app{
        "c5kit surveyor: the Criterion 5 field survey app. Without a subcommand it "
        "opens its window."};
    app.set_version_flag("--version", "c5kit surveyor 0.1");
    HeadlessOptions opt;
    opt.store = default_store_path();
    opt.forms_dir = default_forms_dir();
    app.add_option("--store", opt.store,
                   "the encrypted data file (default $C5_STORE or "
                   "~/.local/share/c5kit/surveyor.c5store)");
    app.add_option("--forms", opt.forms_dir, "folder of form definitions (default $C5_FORMS_DIR)");
    app.add_option("--passphrase-file", opt.passphrase_file,
                   "read the passphrase from this file (else $C5_PASSPHRASE)");
    std::string screenshot;
    std::filesystem::path out;
    std::string size = "1280x820";
    std::string lang;
    bool strict = false;
    app.add_option("--screenshot", screenshot,
                   "render a screen to PNG: first_run, unlock, home, form, checklist, results, "
                   "sync, review, settings");
    app.add_option("--out", out, "the PNG file for --screenshot");
    app.add_option("--size", size, "window size for --screenshot, WIDTHxHEIGHT");
    app.add_option("--lang", lang, "vi or en (default: the saved setting)");
    app.add_flag("--strict", strict, "with --screenshot: fail when a text does not fit");

    auto* create = app.add_subcommand("create", "create the encrypted store of this laptop");
    create->add_option("--user", opt.user, "who works at this laptop")->required();
    create->add_option("--device-name", opt.device_name, "this laptop's name");
    create->add_option("--registry", opt.registry, "the unit registry CSV");
    create->add_option("--unit", opt.unit, "the ward (or district) code this laptop works on");
    create->add_option("--role", opt.role, "surveyor (default) or supervisor, until enrolment");
    create->add_option("--recovery-key", opt.recovery_key,
                       "the province's recovery public key (c5rpk1:…); else one is made and "
                       "its secret printed once");
    create->add_flag("--fast-kdf", opt.fast_kdf, "weakest key derivation: for tests only");

    auto* enrol = app.add_subcommand("enrol", "enrol this laptop with a sync server");
    enrol->add_option("--server", opt.server, "the server address, http://host:port")->required();
    enrol->add_option("--code", opt.code, "the enrolment code printed by syncd enroll")->required();
    enrol->add_flag("--fast-kdf", opt.fast_kdf, "weakest key derivation: for tests only");

    auto* import = app.add_subcommand("import", "import a household CSV or a checklist JSON");
    import->add_option("files", opt.files, "files: *.csv households, *.json checklists")
        ->required();
    import->add_option("--unit", opt.import_units, "take only the rows of this unit (repeatable)");
    import->add_option("--group", opt.import_groups,
                       "take only households of this residential group (repeatable)");

    auto* export_cmd = app.add_subcommand("export", "write the records out");
    export_cmd->add_option("--households", opt.households_out, "household CSV to write");
    export_cmd->add_option("--checklists", opt.checklists_out, "checklist JSON to write");

    auto* results = app.add_subcommand("results", "compute and print the unit's result");
    results->add_option("--unit", opt.unit, "the unit (default: this laptop's)");

    auto* list = app.add_subcommand("list", "list the records with their status");

    auto* review = app.add_subcommand("review", "approve or reject a record (supervisor)");
    review->add_option("--approve", opt.approve_id, "record id to approve");
    review->add_option("--reject", opt.reject_id, "record id to reject");
    review->add_option("--comment", opt.comment, "why it is rejected");
    bool approve_completed = false;
    review->add_flag("--approve-completed", approve_completed,
                     "approve every completed record without a conflict, at once");

    RecordCommandOptions rc;
    auto* edit = app.add_subcommand("edit", "change answers of one record, as the form does");
    edit->add_option("record", rc.record, "record id, or a household code with one record")
        ->required();
    edit->add_option("answers", rc.answers,
                     "field=value, typed as in the form (yes/no 1/0, a choice's number)")
        ->required();
    edit->add_flag("--complete", rc.complete, "mark it completed (else it is saved as a draft)");

    auto* settle = app.add_subcommand("settle", "settle a conflict on a field (supervisor)");
    settle->add_option("record", rc.record, "record id, or a household code")->required();
    settle->add_option("field", rc.field, "the field in conflict")->required();
    settle->add_option("--value", rc.value, "the value kept, typed as in the form")->required();

    auto* conflicts = app.add_subcommand("conflicts", "list fields in conflict and their values");

    auto* sync = app.add_subcommand("sync", "send and receive changes with the server");
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return Launch{app.exit(e), std::nullopt};
    }

    if (!screenshot.empty()) {
        ScreenshotOptions shot{screenshot, out, size, lang, strict};
        return Launch{take_screenshot(opt, shot), std::nullopt};
    }
    if (*create) return Launch{cmd_create(opt), std::nullopt};
    if (*enrol) return Launch{cmd_enrol(opt), std::nullopt};
    if (*import) return Launch{cmd_import(opt), std::nullopt};
    if (*export_cmd) return Launch{cmd_export(opt), std::nullopt};
    if (*results) return Launch{cmd_results(opt), std::nullopt};
    if (*list) return Launch{cmd_list(opt), std::nullopt};
    if (*review && approve_completed) {
        const int status = cmd_approve_completed(opt);
        // Done unless single records are to be approved or rejected as well.
        const bool more = !opt.approve_id.empty() || !opt.reject_id.empty();
        if (status != 0 || !more) return Launch{status, std::nullopt};
    }
    if (*review) return Launch{cmd_review(opt), std::nullopt};
    if (*edit) return Launch{cmd_edit(opt, rc), std::nullopt};
    if (*settle) return Launch{cmd_settle(opt, rc), std::nullopt};
    if (*conflicts) return Launch{cmd_conflicts(opt), std::nullopt};
    if (*sync) return Launch{cmd_sync(opt), std::nullopt};
    return Launch{0, AppConfig{opt.store, opt.forms_dir, {}}};
}

}  // namespace c5::surveyor
