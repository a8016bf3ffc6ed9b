// Who this device is to syncd: its key pairs (made at enrolment) and what enrolment told it
// (device id, role, units, the server's pinned keys, the definitions). Both are kept as
// sealed items inside the encrypted store, so they travel and are protected with the data.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.hpp"
#include "core/sync/wire.hpp"

namespace c5::sync {

// Names of the store's sealed items that hold the device's sync identity.
inline constexpr std::string_view kDeviceKeysItem = "sync.device_keys";
inline constexpr std::string_view kEnrollmentItem = "sync.enrollment";

// What the server answered at enrolment, as the device keeps it.
struct DeviceEnrollment {
    std::string device_id;  // "dev-…": also the store's device id
    std::string role;       // "surveyor", "supervisor" or "province"
    std::string user_name;  // who this laptop was enrolled for
    std::string device_name;
    std::vector<std::string> units;  // the units the role covers
    SignPublicKey server_sign_pk;    // pinned: every later answer must come from these keys
    BoxPublicKey server_box_pk;
    std::string recovery_pk;   // "c5rpk1:…", the province's recovery public key
    std::string registry_csv;  // the registry as the server had it ("" when none)
    nlohmann::json forms = nlohmann::json::object();  // form id -> definition
    nlohmann::json criteria = nlohmann::json::object();
    std::int64_t enrolled_ms = 0;  // the device's clock when enrolment succeeded

    bool operator==(const DeviceEnrollment&) const = default;
};

// Writes the enrolment record, then the keys, each sealed under the store key. The keys go
// last, so a store holding keys always holds the record too. Errors: Conflict when the
// record's device id is not the store's; Io.
[[nodiscard]] Result<void> save_device_identity(Store& store, const IdentityKeys& keys,
                                                const DeviceEnrollment& enrollment);

// The device's key pairs, or nullopt when the store was never enrolled. Errors: Damaged when
// the item does not open or has the wrong shape; Io.
[[nodiscard]] Result<std::optional<IdentityKeys>> load_device_keys(const Store& store);

// The enrolment record, or nullopt when the store was never enrolled. Errors: Damaged, Io.
[[nodiscard]] Result<std::optional<DeviceEnrollment>> load_enrollment(const Store& store);

// The record as JSON and back (the form it is sealed in). Errors: Damaged naming the member.
nlohmann::json enrollment_to_json(const DeviceEnrollment& enrollment);
[[nodiscard]] Result<DeviceEnrollment> enrollment_from_json(const nlohmann::json& json);

}  // namespace c5::sync
