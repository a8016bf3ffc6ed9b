// `syncd devices`: the enrolled devices, and revoking one.
#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>

#include "core/text/timestamp.hpp"
#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/devices.hpp"

namespace c5::syncd {
namespace {

struct DevicesOptions {
    ServerAccess access;
    std::string revoke;
};

void print_devices(const std::vector<Device>& devices) {
    std::cout << std::left << std::setw(22) << "device" << std::setw(11) << "role" << std::setw(7)
              << "unit" << std::setw(9) << "state" << std::setw(8) << "batches" << std::setw(22)
              << "enrolled"
              << "device name / user\n";
    for (const Device& d : devices) {
        std::cout << std::left << std::setw(22) << d.device_id << std::setw(11) << role_name(d.role)
                  << std::setw(7) << (d.unit_code.empty() ? "-" : d.unit_code) << std::setw(9)
                  << (d.revoked_ms ? "revoked" : "active") << std::setw(8) << d.last_seq
                  << std::setw(22) << format_timestamp_utc(d.enrolled_ms / 1000) << d.device_name
                  << " / " << d.user_name << "\n";
    }
    if (devices.empty()) std::cout << "(no device enrolled yet)\n";
}

int run_devices(const DevicesOptions& o) {
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("devices", ctx.error());
    auto db = ctx->connect();
    if (!db) return report_failure("devices", db.error());
    if (!o.revoke.empty()) {
        if (auto r = revoke_device(*db, *ctx, o.revoke); !r) {
            return report_failure("devices", r.error());
        }
        std::cout << "Revoked " << o.revoke << ": its requests are refused from now on.\n";
        return 0;
    }
    auto devices = list_devices(*db, ctx->keys.data_key);
    if (!devices) return report_failure("devices", devices.error());
    print_devices(*devices);
    return 0;
}

}  // namespace

void add_devices_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<DevicesOptions>();
    CLI::App* cmd = app.add_subcommand("devices", "List enrolled devices, or revoke one");
    add_server_access_options(*cmd, o->access);
    cmd->add_option("--revoke", o->revoke, "Revoke this device id (its requests get 401)");
    cmd->callback([o, &exit_code] { exit_code = run_devices(*o); });
}

}  // namespace c5::syncd
