// Enrolment codes, device rows, revocation.
#include "syncd/server/devices.hpp"

#include <sodium.h>

#include <cctype>
#include <cstring>

#include "syncd/server/sealing.hpp"

namespace c5::syncd {
namespace {

// 32 symbols without 0/O and 1/I, so a code read aloud or copied by hand is not mistaken.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr int kCodeLength = 8;
constexpr std::string_view kNameContext = "user name";
constexpr std::int64_t kMaxCodeHours = 720;

std::string new_code() {
    std::string code;
    for (int i = 0; i < kCodeLength; ++i) {
        code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
    return code;
}

std::string new_device_id() {
    std::array<std::uint8_t, 8> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string id = "dev-";
    static constexpr char kHex[] = "0123456789abcdef";
    for (auto b : bytes) {
        id += kHex[b >> 4];
        id += kHex[b & 15];
    }
    return id;
}

constexpr const char* kDeviceColumns =
    "device_id, device_name, role, unit_code, sealed_user_name, sign_pk, box_pk, enrolled_ms, "
    "revoked_ms, last_seq, last_hash, last_seen_ms";

Result<Device> read_device(const Statement& row, const SecretKey& key) {
    Device d;
    d.device_id = row.column_text(0);
    d.device_name = row.column_text(1);
    d.role = parse_role(row.column_text(2)).value_or(Role::Surveyor);
    d.unit_code = row.column_text(3);
    auto name = open_text(key, row.column_blob(4), kNameContext);
    if (!name) return std::unexpected(name.error().with_context("device " + d.device_id));
    d.user_name = std::move(*name);
    const Bytes sign = row.column_blob(5);
    const Bytes box = row.column_blob(6);
    const Bytes hash = row.column_blob(10);
    if (sign.size() != 32 || box.size() != 32 || hash.size() != 32) {
        return fail(ErrorKind::Damaged, "device " + d.device_id + ": key of wrong size");
    }
    std::memcpy(d.sign_pk.bytes.data(), sign.data(), 32);
    std::memcpy(d.box_pk.bytes.data(), box.data(), 32);
    std::memcpy(d.last_hash.data(), hash.data(), 32);
    d.enrolled_ms = row.column_int(7);
    if (!row.column_is_null(8)) d.revoked_ms = row.column_int(8);
    d.last_seq = row.column_int(9);
    if (!row.column_is_null(11)) d.last_seen_ms = row.column_int(11);
    return d;
}

Result<void> insert_device(Database& db, const Device& d, const Bytes& sealed_name) {
    auto insert = db.prepare(
        "INSERT INTO devices (device_id, device_name, role, unit_code, sealed_user_name, "
        "sign_pk, box_pk, enrolled_ms, last_seq, last_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, d.device_id)
        .bind(2, d.device_name)
        .bind(3, role_name(d.role))
        .bind(4, d.unit_code)
        .bind(5, sealed_name)
        .bind(6, std::span<const std::uint8_t>(d.sign_pk.bytes))
        .bind(7, std::span<const std::uint8_t>(d.box_pk.bytes))
        .bind(8, d.enrolled_ms)
        .bind(9, std::span<const std::uint8_t>(sync::kZeroHash));
    return insert->run();
}

}  // namespace

std::string normalise_code(std::string_view code) {
    std::string out;
    for (char ch : code) {
        if (ch == '-' || std::isspace(static_cast<unsigned char>(ch))) continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    return out;
}

Result<NewCode> create_enrolment(Database& db, const ServerContext& ctx, Role role,
                                 const std::string& unit_code, const std::string& user_name,
                                 std::int64_t hours) {
    if (hours < 1 || hours > kMaxCodeHours) {
        return fail(ErrorKind::InvalidInput, "--expires-hours must be 1 to 720");
    }
    if (user_name.empty()) return fail(ErrorKind::InvalidInput, "--name must not be empty");
    auto registry = load_registry(db);
    if (!registry) return std::unexpected(registry.error());
    if (*registry && role != Role::Province && !(*registry)->find(unit_code)) {
        return fail(ErrorKind::InvalidInput, "unit " + unit_code + " is not in the registry");
    }
    const std::int64_t now = ctx.now_ms();
    const std::string code = new_code();
    NewCode made{code.substr(0, 4) + "-" + code.substr(4), now + hours * 3600 * 1000};
    auto insert = db.prepare(
        "INSERT INTO enrolments (code_hash, role, unit_code, sealed_user_name, created_ms, "
        "expires_ms) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, enrolment_code_hash(ctx.keys.data_key, code))
        .bind(2, role_name(role))
        .bind(3, unit_code)
        .bind(4, seal_text(ctx.keys.data_key, user_name, kNameContext))
        .bind(5, now)
        .bind(6, made.expires_ms);
    if (auto r = insert->run(); !r) return std::unexpected(r.error());
    auto audited = append_audit(db, now, "enrolment_code", "operator",
                                "role=" + std::string(role_name(role)) + " unit=" + unit_code +
                                    " hours=" + std::to_string(hours));
    if (!audited) return std::unexpected(audited.error());
    return made;
}

Result<std::variant<Device, RedeemRefusal>> redeem_enrolment(Database& db, const ServerContext& ctx,
                                                             const std::string& code,
                                                             const std::string& device_name,
                                                             const sync::SignPublicKey& sign_pk,
                                                             const sync::BoxPublicKey& box_pk) {
    using Outcome = std::variant<Device, RedeemRefusal>;
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    const Bytes hash = enrolment_code_hash(ctx.keys.data_key, normalise_code(code));
    auto select = db.prepare(
        "SELECT role, unit_code, sealed_user_name, expires_ms, used_ms FROM enrolments "
        "WHERE code_hash = ?");
    if (!select) return std::unexpected(select.error());
    select->bind(1, hash);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return Outcome{RedeemRefusal::BadCode};
    if (!select->column_is_null(4)) return Outcome{RedeemRefusal::CodeUsed};
    const std::int64_t now = ctx.now_ms();
    if (select->column_int(3) < now) return Outcome{RedeemRefusal::CodeExpired};

    Device d;
    d.device_id = new_device_id();
    d.device_name = device_name;
    d.role = parse_role(select->column_text(0)).value_or(Role::Surveyor);
    d.unit_code = select->column_text(1);
    const Bytes sealed_name = select->column_blob(2);
    auto name = open_text(ctx.keys.data_key, sealed_name, kNameContext);
    if (!name) return std::unexpected(name.error());
    d.user_name = *name;
    d.sign_pk = sign_pk;
    d.box_pk = box_pk;
    d.enrolled_ms = now;
    if (auto r = insert_device(db, d, sealed_name); !r) return std::unexpected(r.error());
    auto used = db.prepare("UPDATE enrolments SET used_ms = ?, device_id = ? WHERE code_hash = ?");
    if (!used) return std::unexpected(used.error());
    if (auto r = used->bind(1, now).bind(2, d.device_id).bind(3, hash).run(); !r) {
        return std::unexpected(r.error());
    }
    auto audited = append_audit(db, now, "enrolment", d.device_id,
                                "role=" + std::string(role_name(d.role)) + " unit=" + d.unit_code);
    if (!audited) return std::unexpected(audited.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return Outcome{std::move(d)};
}

Result<std::optional<Device>> find_device(Database& db, const SecretKey& key,
                                          const std::string& device_id) {
    auto select =
        db.prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices WHERE device_id = ?");
    if (!select) return std::unexpected(select.error());
    select->bind(1, device_id);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Device>();
    auto device = read_device(*select, key);
    if (!device) return std::unexpected(device.error());
    return std::optional<Device>(std::move(*device));
}

Result<std::vector<Device>> list_devices(Database& db, const SecretKey& key) {
    auto select = db.prepare(std::string("SELECT ") + kDeviceColumns +
                             " FROM devices ORDER BY enrolled_ms, device_id");
    if (!select) return std::unexpected(select.error());
    std::vector<Device> out;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        auto device = read_device(*select, key);
        if (!device) return std::unexpected(device.error());
        out.push_back(std::move(*device));
    }
    return out;
}

Result<void> revoke_device(Database& db, const ServerContext& ctx, const std::string& device_id) {
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto update =
        db.prepare("UPDATE devices SET revoked_ms = coalesce(revoked_ms, ?) WHERE device_id = ?");
    if (!update) return std::unexpected(update.error());
    const std::int64_t now = ctx.now_ms();
    if (auto r = update->bind(1, now).bind(2, device_id).run(); !r) return r;
    if (db.changes() == 0) return fail(ErrorKind::NotFound, "no device " + device_id);
    if (auto r = append_audit(db, now, "revocation", "operator", "device=" + device_id); !r) {
        return r;
    }
    return tx->commit();
}

}  // namespace c5::syncd
