// Web accounts in the web_users table; passwords hashed with libsodium's Argon2id string.
#include "syncd/web/accounts.hpp"

#include <sodium.h>

#include "syncd/server/server_context.hpp"
#include "syncd/server/server_keys.hpp"

namespace c5::syncd {
namespace {

constexpr const char* kSelect =
    "SELECT name, role, unit_code, created_ms, disabled_ms, password_hash FROM web_users";

WebUser user_from_row(const Statement& row) {
    WebUser user;
    user.name = row.column_text(0);
    user.role = parse_role(row.column_text(1)).value_or(Role::Supervisor);
    user.unit_code = row.column_text(2);
    user.created_ms = row.column_int(3);
    if (!row.column_is_null(4)) user.disabled_ms = row.column_int(4);
    return user;
}

// Tests run with C5_KDF=min, as for the server keys; real accounts get the interactive limits.
Result<std::string> hash_password(std::string_view password) {
    const bool weakest = kdf_strength_from_env() == KdfStrength::Minimum;
    const auto ops = weakest ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto mem = weakest ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(ErrorKind::Io, "not enough memory to hash the password");
    }
    return std::string(out);
}

Result<void> check_name(const std::string& name) {
    if (name.empty() || name.size() > 64) {
        return fail(ErrorKind::InvalidInput, "the account name must be 1 to 64 characters");
    }
    for (unsigned char c : name) {
        if (c <= ' ' || c == 0x7F || c == '"' || c == '\\') {
            return fail(ErrorKind::InvalidInput,
                        "the account name may not hold spaces, quotes or control characters");
        }
    }
    return {};
}

Result<void> check_unit(Database& db, Role role, const std::string& unit_code) {
    if (role == Role::Province) {
        if (!unit_code.empty()) {
            return fail(ErrorKind::InvalidInput, "a province account sees every unit: no --unit");
        }
        return {};
    }
    if (role != Role::Supervisor) {
        return fail(ErrorKind::InvalidInput, "web accounts are province or supervisor");
    }
    if (unit_code.empty()) {
        return fail(ErrorKind::InvalidInput,
                    "a supervisor account needs --unit, the code of its ward or district");
    }
    auto registry = load_registry(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) {
        return fail(ErrorKind::InvalidInput,
                    "import the registry first: a supervisor account needs its unit");
    }
    const Unit* unit = (*registry)->find(unit_code);
    if (!unit || (unit->level != UnitLevel::Ward && unit->level != UnitLevel::District)) {
        return fail(ErrorKind::InvalidInput,
                    "--unit " + unit_code + " is not a ward or district of the registry");
    }
    return {};
}

}  // namespace

Result<WebUser> add_web_user(Database& db, const std::string& name, Role role,
                             const std::string& unit_code, std::string_view password,
                             std::int64_t now_ms) {
    if (auto ok = check_name(name); !ok) return std::unexpected(ok.error());
    if (password.size() < kMinPasswordLength) {
        return fail(ErrorKind::InvalidInput, "the password must have at least " +
                                                 std::to_string(kMinPasswordLength) +
                                                 " characters");
    }
    if (auto ok = check_unit(db, role, unit_code); !ok) return std::unexpected(ok.error());
    auto existing = find_web_user(db, name);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) return fail(ErrorKind::Conflict, "an account named " + name + " exists");

    auto hash = hash_password(password);
    if (!hash) return std::unexpected(hash.error());
    auto insert = db.prepare(
        "INSERT INTO web_users (name, role, unit_code, password_hash, created_ms) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, name).bind(2, role_name(role)).bind(3, unit_code).bind(4, *hash).bind(
        5, now_ms);
    if (auto r = insert->run(); !r) return std::unexpected(r.error());
    if (auto r = append_audit(db, now_ms, "web_user_added", "admin",
                              "name=" + name + " role=" + role_name(role) + " unit=" + unit_code);
        !r) {
        return std::unexpected(r.error());
    }
    return WebUser{name, role, unit_code, now_ms, std::nullopt};
}

Result<std::vector<WebUser>> list_web_users(Database& db) {
    auto select = db.prepare(std::string(kSelect) + " ORDER BY name");
    if (!select) return std::unexpected(select.error());
    std::vector<WebUser> out;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out.push_back(user_from_row(*select));
    }
    return out;
}

Result<void> disable_web_user(Database& db, const std::string& name, std::int64_t now_ms) {
    auto update = db.prepare(
        "UPDATE web_users SET disabled_ms = coalesce(disabled_ms, ?1) WHERE name = ?2");
    if (!update) return std::unexpected(update.error());
    update->bind(1, now_ms).bind(2, name);
    if (auto r = update->run(); !r) return r;
    if (db.changes() == 0) return fail(ErrorKind::NotFound, "no account named " + name);
    return append_audit(db, now_ms, "web_user_disabled", "admin", "name=" + name);
}

Result<std::optional<WebUser>> find_web_user(Database& db, const std::string& name) {
    auto select = db.prepare(std::string(kSelect) + " WHERE name = ?");
    if (!select) return std::unexpected(select.error());
    select->bind(1, name);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<WebUser>();
    return std::optional<WebUser>(user_from_row(*select));
}

Result<std::optional<WebUser>> check_web_login(Database& db, const std::string& name,
                                               std::string_view password) {
    auto select = db.prepare(std::string(kSelect) + " WHERE name = ?");
    if (!select) return std::unexpected(select.error());
    select->bind(1, name);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
        // Spend the time a real check takes, so an unknown name does not answer faster than
        // a wrong password and account names cannot be probed by timing.
        static const std::string dummy = hash_password("not an account").value_or("");
        [[maybe_unused]] const int ignored =
            crypto_pwhash_str_verify(dummy.c_str(), password.data(), password.size());
        return std::optional<WebUser>();
    }
    WebUser user = user_from_row(*select);
    const std::string hash = select->column_text(5);
    const bool matches =
        crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
    if (!matches || user.disabled_ms) return std::optional<WebUser>();
    return std::optional<WebUser>(std::move(user));
}

}  // namespace c5::syncd
