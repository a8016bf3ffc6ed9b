// Who this laptop is and what it works on: its role, units, server and names. Kept as a
// sealed item inside the store (it names people), together with the unit registry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "core/util/result.hpp"

namespace c5::surveyor {

enum class Role { Surveyor, Supervisor, Province };

const char* role_name(Role role);  // "surveyor", "supervisor", "province"
std::optional<Role> parse_role(const std::string& text);

// What the last sync did, shown on the Sync screen until the next one.
struct SyncSummary {
    std::int64_t finished_ms = 0;
    std::int64_t sent = 0;
    std::int64_t received = 0;
    std::int64_t conflicts = 0;
    std::int64_t rejected = 0;
};

struct Profile {
    std::string user_name;    // who works at this laptop
    std::string device_name;  // "Laptop 3"
    Role role = Role::Surveyor;
    std::vector<std::string> units;  // ward (or district) codes this laptop works on
    std::string server_url;          // empty until enrolled
    bool enrolled = false;
    std::optional<SyncSummary> last_sync;

    // The first unit, the one the screens show.
    std::string unit() const { return units.empty() ? std::string() : units.front(); }
};

inline constexpr const char* kProfileItem = "surveyor/profile";
inline constexpr const char* kRegistryItem = "surveyor/registry_csv";

std::string profile_to_json(const Profile& profile);
[[nodiscard]] Result<Profile> profile_from_json(const std::string& text);

// Reads and writes the profile item of a store. Errors: NotFound when the store has none
// (made by another program); Damaged; Io.
[[nodiscard]] Result<Profile> load_profile(const Store& store);
[[nodiscard]] Result<void> save_profile(Store& store, const Profile& profile);

// The registry CSV text kept in the store ("" when there is none).
[[nodiscard]] Result<std::string> load_registry_text(const Store& store);
[[nodiscard]] Result<void> save_registry_text(Store& store, const std::string& csv);

}  // namespace c5::surveyor
