// The accounts of the results web pages: a name, a role (province or supervisor), the unit a
// supervisor answers for, and an Argon2id hash of the password. `syncd users` manages them;
// the login handler checks them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syncd/server/database.hpp"
#include "syncd/server/roles.hpp"

namespace c5::syncd {

struct WebUser {
    std::string name;
    Role role = Role::Province;
    std::string unit_code;  // a supervisor's ward or district; "" for the province
    std::int64_t created_ms = 0;
    std::optional<std::int64_t> disabled_ms;
};

inline constexpr std::size_t kMinPasswordLength = 10;

// Adds an account. The name is 1 to 64 printable characters without spaces; the password at
// least kMinPasswordLength characters; a supervisor needs a unit of the registry, a province
// account gets none. Errors: InvalidInput (saying which), Conflict (the name exists), Io.
[[nodiscard]] Result<WebUser> add_web_user(Database& db, const std::string& name, Role role,
                                           const std::string& unit_code,
                                           std::string_view password, std::int64_t now_ms);

// Every account, by name. Errors: Io.
[[nodiscard]] Result<std::vector<WebUser>> list_web_users(Database& db);

// Disables an account from now on. Errors: NotFound, Io.
[[nodiscard]] Result<void> disable_web_user(Database& db, const std::string& name,
                                            std::int64_t now_ms);

// The account when the name exists, is not disabled and the password matches; nullopt
// otherwise (which of the three is not said). Errors: Io.
[[nodiscard]] Result<std::optional<WebUser>> check_web_login(Database& db,
                                                             const std::string& name,
                                                             std::string_view password);

// The account by name, disabled or not, or nullopt. Errors: Io.
[[nodiscard]] Result<std::optional<WebUser>> find_web_user(Database& db, const std::string& name);

}  // namespace c5::syncd
