// Enrolment codes and enrolled devices: making a one-time code, redeeming it for a device
// with pinned keys, looking devices up, listing and revoking them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/sync/wire.hpp"
#include "syncd/server/roles.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

inline constexpr std::int64_t kDefaultCodeHours = 72;

struct Device {
    std::string device_id;
    std::string device_name;
    Role role = Role::Surveyor;
    std::string unit_code;
    std::string user_name;  // opened from its sealed column
    sync::SignPublicKey sign_pk;
    sync::BoxPublicKey box_pk;
    std::int64_t enrolled_ms = 0;
    std::optional<std::int64_t> revoked_ms;
    std::int64_t last_seq = 0;
    sync::Hash32 last_hash{};
    std::optional<std::int64_t> last_seen_ms;
};

struct NewCode {
    std::string code;  // "K7QF-9M2X"
    std::int64_t expires_ms = 0;
};

// "K7QF9M2X", "k7qf-9m2x", " K7QF 9M2X " all read as "K7QF9M2X".
std::string normalise_code(std::string_view code);

// Makes a one-time code for a device of `role` at `unit_code` used by `user_name`, valid for
// `hours`; stores only its keyed hash and audits it. Errors: InvalidInput for a unit not in
// the registry (when there is one) or hours outside 1..720; Io.
[[nodiscard]] Result<NewCode> create_enrolment(Database& db, const ServerContext& ctx, Role role,
                                               const std::string& unit_code,
                                               const std::string& user_name, std::int64_t hours);

enum class RedeemRefusal { BadCode, CodeUsed, CodeExpired };

// Redeems a code for a new device with the given keys, in one transaction. Returns the
// device, or why the code was refused. Errors: Io, Damaged.
[[nodiscard]] Result<std::variant<Device, RedeemRefusal>> redeem_enrolment(
    Database& db, const ServerContext& ctx, const std::string& code, const std::string& device_name,
    const sync::SignPublicKey& sign_pk, const sync::BoxPublicKey& box_pk);

// A device by id, or nullopt. Errors: Damaged (its name does not open), Io.
[[nodiscard]] Result<std::optional<Device>> find_device(Database& db, const SecretKey& key,
                                                        const std::string& device_id);

// Every device, oldest enrolment first. Errors: Damaged, Io.
[[nodiscard]] Result<std::vector<Device>> list_devices(Database& db, const SecretKey& key);

// Marks a device revoked (its requests are refused from now on) and audits it. Errors:
// NotFound; Io.
[[nodiscard]] Result<void> revoke_device(Database& db, const ServerContext& ctx,
                                         const std::string& device_id);

}  // namespace c5::syncd
