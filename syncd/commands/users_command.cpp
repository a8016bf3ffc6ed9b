// `syncd users add|list|disable`: the accounts of the results web pages. Passwords come from
// a file, the environment or are generated and printed once; never from the command line,
// where other users of the machine and shell histories would see them.
#include <sodium.h>

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>

#include "core/text/timestamp.hpp"
#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/web/accounts.hpp"

namespace c5::syncd {
namespace {

inline constexpr const char* kWebPasswordEnv = "C5_WEB_PASSWORD";

struct UsersOptions {
    ServerAccess access;
    std::string name;
    std::string role;
    std::string unit;
    std::string password_file;
    bool generate = false;
};

// Sixteen letters and digits in groups of four, without look-alikes (0/o, 1/l/i).
std::string generated_password() {
    constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return out;
}

int run_add(const UsersOptions& o) {
    std::string password;
    if (o.generate) {
        password = generated_password();
    } else {
        auto secret = read_secret(o.password_file, kWebPasswordEnv, "password for the account",
                                  "--password-file");
        if (!secret) return report_failure("users add", secret.error());
        password = std::move(*secret);
    }
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("users add", ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure("users add", db.error());
    const Role role = o.role == "province" ? Role::Province : Role::Supervisor;
    auto user = add_web_user(*db, o.name, role, o.unit, password, ctx->now_ms());
    if (!user) return report_failure("users add", user.error());
    std::cout << "Added " << role_name(role) << " account " << o.name
              << (o.unit.empty() ? "" : " for unit " + o.unit) << ".\n";
    if (o.generate) std::cout << "Password (shown once): " << password << "\n";
    std::fill(password.begin(), password.end(), '\0');
    return 0;
}

int run_list(const UsersOptions& o) {
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("users list", ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure("users list", db.error());
    auto users = list_web_users(*db);
    if (!users) return report_failure("users list", users.error());
    std::cout << std::left << std::setw(24) << "name" << std::setw(12) << "role" << std::setw(8)
              << "unit" << std::setw(10) << "state" << "created\n";
    for (const WebUser& u : *users) {
        std::cout << std::left << std::setw(24) << u.name << std::setw(12) << role_name(u.role)
                  << std::setw(8) << (u.unit_code.empty() ? "-" : u.unit_code) << std::setw(10)
                  << (u.disabled_ms ? "disabled" : "active")
                  << format_timestamp_utc(u.created_ms / 1000) << "\n";
    }
    if (users->empty()) std::cout << "(no account yet: syncd users add)\n";
    return 0;
}

int run_disable(const UsersOptions& o) {
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("users disable", ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure("users disable", db.error());
    if (auto r = disable_web_user(*db, o.name, ctx->now_ms()); !r) {
        return report_failure("users disable", r.error());
    }
    std::cout << "Disabled " << o.name << ": it cannot log in, and its open pages stop working.\n";
    return 0;
}

}  // namespace

void add_users_command(CLI::App& app, int& exit_code) {
    // The server options belong to `users` itself and fall through from its subcommands,
    // so `syncd users add --data DIR` and `syncd users --data DIR add` both work.
    auto o = std::make_shared<UsersOptions>();
    CLI::App* cmd = app.add_subcommand("users", "Accounts of the results web pages");
    cmd->require_subcommand(1);
    add_server_access_options(*cmd, o->access);

    CLI::App* add_cmd = cmd->add_subcommand("add", "Add a province or supervisor account");
    add_cmd->fallthrough();
    add_cmd->add_option("--name", o->name, "Account name used to log in")->required();
    add_cmd->add_option("--role", o->role, "province (every unit) or supervisor (its unit)")
        ->required()
        ->check(CLI::IsMember({"province", "supervisor"}));
    add_cmd->add_option("--unit", o->unit, "A supervisor's ward or district code");
    add_cmd->add_option("--password-file", o->password_file,
                        std::string("File holding the password (else $") + kWebPasswordEnv +
                            ")")
        ->check(CLI::ExistingFile);
    add_cmd->add_flag("--generate-password", o->generate,
                      "Make a random password and print it once");
    add_cmd->callback([o, &exit_code] { exit_code = run_add(*o); });

    CLI::App* list_cmd = cmd->add_subcommand("list", "List the accounts");
    list_cmd->fallthrough();
    list_cmd->callback([o, &exit_code] { exit_code = run_list(*o); });

    CLI::App* disable_cmd = cmd->add_subcommand("disable", "Disable an account");
    disable_cmd->fallthrough();
    disable_cmd->add_option("--name", o->name, "Account name")->required();
    disable_cmd->callback([o, &exit_code] { exit_code = run_disable(*o); });
}

}  // namespace c5::syncd
