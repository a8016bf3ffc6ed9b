// `syncd recovery-key`: the province recovery key, which opens a laptop store whose
// passphrase is lost. The public half by default; the secret half only with --secret and the
// recovery passphrase (from a file or the environment), for the moment of a recovery.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/crypto/recovery_key.hpp"
#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"

namespace c5::syncd {
namespace {

struct RecoveryKeyOptions {
    std::string data_dir;
    std::string recovery_passphrase_file;
    bool secret = false;
};

Result<std::string> recovery_key_text(const RecoveryKeyOptions& o) {
    auto db = Database::open(database_file_in(o.data_dir), false);
    if (!db) return std::unexpected(db.error());
    if (!o.secret) {
        auto row = db->prepare("SELECT recovery_pk FROM server_keys WHERE id = 1");
        if (!row) return std::unexpected(row.error());
        auto found = row->step();
        if (!found) return std::unexpected(found.error());
        if (!*found) return fail(ErrorKind::NotFound, "the database has no server keys");
        return row->column_text(0);
    }
    auto passphrase = read_secret(o.recovery_passphrase_file, kRecoveryPassphraseEnv,
                                  "recovery passphrase", "--recovery-passphrase-file");
    if (!passphrase) return std::unexpected(passphrase.error());
    auto secret = unlock_recovery_secret(*db, *passphrase);
    std::fill(passphrase->begin(), passphrase->end(), '\0');
    if (!secret) return std::unexpected(secret.error());
    return encode_recovery_secret_key(*secret);
}

}  // namespace

void add_recovery_key_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<RecoveryKeyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "recovery-key", "Print the province recovery key (public; --secret for the secret half)");
    cmd->add_option("--data", o->data_dir, "The server's data folder")->required();
    cmd->add_flag("--secret", o->secret,
                  "Print the secret half, to open a laptop store whose passphrase is lost");
    cmd->add_option("--recovery-passphrase-file", o->recovery_passphrase_file,
                    std::string("File holding the recovery passphrase (else $") +
                        kRecoveryPassphraseEnv + ")")
        ->check(CLI::ExistingFile);
    cmd->footer(
        "The secret half opens every laptop store of the province: print it only to "
        "recover one, and keep it off shared screens and files.");
    cmd->callback([o, &exit_code] {
        auto text = recovery_key_text(*o);
        if (!text) {
            exit_code = report_failure("recovery-key", text.error());
            return;
        }
        std::cout << *text << "\n";
    });
}

}  // namespace c5::syncd
