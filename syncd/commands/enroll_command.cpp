// `syncd enroll`: prints a one-time code with which a laptop enrols for a role and unit.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/text/timestamp.hpp"
#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/devices.hpp"

namespace c5::syncd {
namespace {

struct EnrollOptions {
    ServerAccess access;
    std::string role;
    std::string unit;
    std::string name;
    std::int64_t hours = kDefaultCodeHours;
};

int run_enroll(const EnrollOptions& o) {
    const auto role = parse_role(o.role);
    if (!role) return report_failure("enroll", Error{ErrorKind::InvalidInput, "unknown role"});
    if (*role != Role::Province && o.unit.empty()) {
        return report_failure("enroll", Error{ErrorKind::InvalidInput,
                                              "--unit is required for a surveyor or supervisor"});
    }
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("enroll", ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure("enroll", db.error());
    auto code = create_enrolment(*db, *ctx, *role, o.unit, o.name, o.hours);
    if (!code) return report_failure("enroll", code.error());
    std::cout << "Enrolment code: " << code->code << "\n"
              << "  role " << o.role << ", unit " << (o.unit.empty() ? "-" : o.unit) << ", expires "
              << format_timestamp_utc(code->expires_ms / 1000) << "; it works once.\n";
    return 0;
}

}  // namespace

void add_enroll_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<EnrollOptions>();
    CLI::App* cmd = app.add_subcommand(
        "enroll", "Print a one-time code with which a laptop enrols for a role and unit");
    add_server_access_options(*cmd, o->access);
    cmd->add_option("--role", o->role, "surveyor, supervisor or province")
        ->required()
        ->check(CLI::IsMember({"surveyor", "supervisor", "province"}));
    cmd->add_option("--unit", o->unit, "Ward or district code the device works in");
    cmd->add_option("--name", o->name, "Name of the person who will use the device")->required();
    cmd->add_option("--expires-hours", o->hours, "Hours the code stays valid")
        ->capture_default_str()
        ->check(CLI::Range(1, 720));
    cmd->footer("The code is stored only as a keyed hash; it cannot be shown again.");
    cmd->callback([o, &exit_code] { exit_code = run_enroll(*o); });
}

}  // namespace c5::syncd
