// `syncd init --data DIR`: creates DIR/syncd.db with the server's key pairs and data key
// (wrapped under the server passphrase), the province recovery key pair (its secret half
// under the recovery passphrase), and prints a one-time enrolment code for a province device.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "core/text/timestamp.hpp"
#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/devices.hpp"

namespace c5::syncd {
namespace {

namespace fs = std::filesystem;

struct InitOptions {
    ServerAccess access;
    std::string recovery_passphrase_file;
    std::string province_name = "Province";
    std::string unit;
    std::int64_t hours = kDefaultCodeHours;
};

// Why the data folder could not be made, in the words a full disk or a folder that may not
// be written deserve.
std::string cannot_create(const fs::path& folder, const std::error_code& ec) {
    if (ec == std::errc::read_only_file_system || ec == std::errc::permission_denied ||
        ec == std::errc::operation_not_permitted) {
        return "cannot write to " + folder.string() + ": read-only";
    }
    if (ec == std::errc::no_space_on_device)
        return "the disk is full: cannot create " + folder.string();
    return "cannot create " + folder.string() + ": " + ec.message();
}

Result<InitSecrets> read_init_secrets(const InitOptions& o) {
    auto passphrase = read_secret(o.access.passphrase_file, kPassphraseEnv, "server passphrase",
                                  "--passphrase-file");
    if (!passphrase) return std::unexpected(passphrase.error());
    auto recovery = read_secret(o.recovery_passphrase_file, kRecoveryPassphraseEnv,
                                "recovery passphrase", "--recovery-passphrase-file");
    if (!recovery) return std::unexpected(recovery.error());
    return InitSecrets{std::move(*passphrase), std::move(*recovery), kdf_strength_from_env()};
}

// Creates the database, keys and the first province code; the file is removed again when
// any step fails, so a retry starts clean.
Result<NewCode> create_server(const InitOptions& o, const InitSecrets& secrets) {
    const ServerOptions options = server_options(o.access);
    std::error_code ec;
    fs::create_directories(options.data_dir / "logs", ec);
    if (ec) return fail(ErrorKind::Io, cannot_create(options.data_dir, ec));
    // Only the account syncd runs as may read the database and logs.
    fs::permissions(options.data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    auto made = [&]() -> Result<NewCode> {
        auto db = Database::open(database_file_in(options.data_dir), true);
        if (!db) return std::unexpected(db.error());
        auto tx = Transaction::begin(*db);
        if (!tx) return std::unexpected(tx.error());
        const std::int64_t now = system_clock()();
        auto keys = create_server_keys(*db, secrets, now);
        if (!keys) return std::unexpected(keys.error());
        if (auto r = append_audit(*db, now, "init", "operator", "server=" + keys->server_device_id);
            !r) {
            return std::unexpected(r.error());
        }
        if (auto r = tx->commit(); !r) return std::unexpected(r.error());
        auto defs = load_definitions(options.forms_dir, options.criteria_file);
        if (!defs) return std::unexpected(defs.error());
        ServerContext ctx{options, std::move(*keys), std::move(*defs)};
        ctx.options.clock = system_clock();
        return create_enrolment(*db, ctx, Role::Province, o.unit, o.province_name, o.hours);
    }();
    if (!made && made.error().kind != ErrorKind::Conflict) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(database_file_in(options.data_dir).string() + suffix, ec);
        }
    }
    return made;
}

int run_init(const InitOptions& o) {
    auto secrets = read_init_secrets(o);
    if (!secrets) return report_failure("init", secrets.error());
    auto code = create_server(o, *secrets);
    if (!code) return report_failure("init", code.error());
    std::cout << "Created the syncd server in " << o.access.data_dir << ".\n"
              << "One-time enrolment code for a province device: " << code->code << "\n"
              << "  (role province, expires " << format_timestamp_utc(code->expires_ms / 1000)
              << "; enrol more devices with `syncd enroll`)\n";
    return 0;
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<InitOptions>();
    CLI::App* cmd = app.add_subcommand(
        "init",
        "Create a server: its database, key pairs, the province recovery key pair, and "
        "a first province enrolment code");
    add_server_access_options(*cmd, o->access);
    cmd->add_option("--recovery-passphrase-file", o->recovery_passphrase_file,
                    std::string("File holding the recovery passphrase (else $") +
                        kRecoveryPassphraseEnv + "); it protects the key that recovers a laptop")
        ->check(CLI::ExistingFile);
    cmd->add_option("--province-name", o->province_name,
                    "Name of the person the province code is for")
        ->capture_default_str();
    cmd->add_option("--unit", o->unit, "Province code, recorded with the province account");
    cmd->add_option("--expires-hours", o->hours, "Hours the enrolment code stays valid")
        ->capture_default_str();
    cmd->footer(
        "Secrets are read from files or the environment, never from the command line. "
        "C5_KDF=min selects the weakest key derivation: for tests only.");
    cmd->callback([o, &exit_code] { exit_code = run_init(*o); });
}

}  // namespace c5::syncd
