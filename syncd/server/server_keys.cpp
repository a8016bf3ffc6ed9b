// Creating, storing and unlocking the server's keys.
#include "syncd/server/server_keys.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include "core/crypto/aead.hpp"

namespace c5::syncd {
namespace {

constexpr std::string_view kDataKeyContext = "c5syncd data key v1";
constexpr std::string_view kRecoveryContext = "c5syncd recovery secret v1";
constexpr std::string_view kSignContext = "c5syncd sign seed v1";
constexpr std::string_view kBoxContext = "c5syncd box secret v1";
constexpr std::string_view kCodeContext = "c5syncd enrolment code v1";

Bytes wrap_context(std::string_view context, const KdfParams& p) {
    Bytes ad;
    append_field(ad, context);
    append_field(ad, static_cast<std::uint64_t>(p.algorithm));
    append_field(ad, p.opslimit);
    append_field(ad, p.memlimit);
    append_field(ad, std::span<const std::uint8_t>(p.salt));
    return ad;
}

Bytes context_only(std::string_view context) {
    Bytes ad;
    append_field(ad, context);
    return ad;
}

Result<SecretKey> key_from(Result<Bytes> bytes) {
    if (!bytes) return std::unexpected(bytes.error());
    if (bytes->size() != SecretKey::kSize) return fail(ErrorKind::Damaged, "key of wrong size");
    SecretKey key = SecretKey::from_bytes(std::span<const std::uint8_t, 32>(bytes->data(), 32));
    wipe(*bytes);
    return key;
}

KdfParams read_params(const Statement& row, int first) {
    KdfParams p;
    p.algorithm = static_cast<int>(row.column_int(first));
    p.opslimit = static_cast<std::uint64_t>(row.column_int(first + 1));
    p.memlimit = static_cast<std::uint64_t>(row.column_int(first + 2));
    const Bytes salt = row.column_blob(first + 3);
    std::memcpy(p.salt.data(), salt.data(), std::min(salt.size(), p.salt.size()));
    return p;
}

std::string random_hex_id(std::string_view prefix) {
    std::array<std::uint8_t, 8> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string out(prefix);
    static constexpr char kHex[] = "0123456789abcdef";
    for (auto b : bytes) {
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

}  // namespace

KdfStrength kdf_strength_from_env() {
    const char* kdf = std::getenv("C5_KDF");
    return kdf && std::string_view(kdf) == "min" ? KdfStrength::Minimum : KdfStrength::Interactive;
}

Result<ServerKeys> create_server_keys(Database& db, const InitSecrets& secrets,
                                      std::int64_t now_ms) {
    if (secrets.passphrase.empty() || secrets.recovery_passphrase.empty()) {
        return fail(ErrorKind::InvalidInput, "a passphrase is empty");
    }
    if (secrets.passphrase == secrets.recovery_passphrase) {
        return fail(ErrorKind::InvalidInput,
                    "the recovery passphrase must differ from the server passphrase");
    }
    init_sodium();
    ServerKeys keys{random_hex_id("srv-"), SecretKey::random(), sync::generate_identity_keys(), {}};
    RecoveryKeyPair recovery = generate_recovery_key_pair();
    keys.recovery_pk = recovery.public_key;

    const KdfParams params = new_kdf_params(secrets.strength);
    auto wrap_key = derive_key(secrets.passphrase, params);
    if (!wrap_key) return std::unexpected(wrap_key.error());
    const KdfParams rparams = new_kdf_params(secrets.strength);
    auto recovery_wrap_key = derive_key(secrets.recovery_passphrase, rparams);
    if (!recovery_wrap_key) return std::unexpected(recovery_wrap_key.error());

    auto insert = db.prepare(
        "INSERT INTO server_keys VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15, ?16, ?17)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, keys.server_device_id)
        .bind(2, std::int64_t{params.algorithm})
        .bind(3, static_cast<std::int64_t>(params.opslimit))
        .bind(4, static_cast<std::int64_t>(params.memlimit))
        .bind(5, std::span<const std::uint8_t>(params.salt))
        .bind(6, aead_seal(*wrap_key, keys.data_key.view(), wrap_context(kDataKeyContext, params)))
        .bind(7, std::span<const std::uint8_t>(keys.identity.sign.public_key.bytes))
        .bind(8,
              aead_seal(keys.data_key, keys.identity.sign.seed.view(), context_only(kSignContext)))
        .bind(9, std::span<const std::uint8_t>(keys.identity.box.public_key.bytes))
        .bind(10, aead_seal(keys.data_key, keys.identity.box.secret_key.view(),
                            context_only(kBoxContext)))
        .bind(11, encode_recovery_public_key(recovery.public_key))
        .bind(12, std::int64_t{rparams.algorithm})
        .bind(13, static_cast<std::int64_t>(rparams.opslimit))
        .bind(14, static_cast<std::int64_t>(rparams.memlimit))
        .bind(15, std::span<const std::uint8_t>(rparams.salt))
        .bind(16, aead_seal(*recovery_wrap_key, recovery.secret_key.view(),
                            wrap_context(kRecoveryContext, rparams)))
        .bind(17, now_ms);
    if (auto r = insert->run(); !r) return std::unexpected(r.error());
    return keys;
}

Result<ServerKeys> unlock_server_keys(Database& db, std::string_view passphrase) {
    auto row = db.prepare(
        "SELECT server_device_id, kdf_algorithm, kdf_opslimit, kdf_memlimit, kdf_salt, "
        "wrapped_data_key, sign_pk, sealed_sign_seed, box_pk, sealed_box_secret, recovery_pk "
        "FROM server_keys WHERE id = 1");
    if (!row) return std::unexpected(row.error());
    auto found = row->step();
    if (!found) return std::unexpected(found.error());
    if (!*found) return fail(ErrorKind::NotFound, "the database has no server keys");

    const KdfParams params = read_params(*row, 1);
    auto wrap_key = derive_key(passphrase, params);
    if (!wrap_key) return std::unexpected(wrap_key.error());
    auto data_key =
        key_from(aead_open(*wrap_key, row->column_blob(5), wrap_context(kDataKeyContext, params)));
    if (!data_key) return fail(ErrorKind::WrongPassphrase, "wrong server passphrase");

    auto seed = key_from(aead_open(*data_key, row->column_blob(7), context_only(kSignContext)));
    auto box = key_from(aead_open(*data_key, row->column_blob(9), context_only(kBoxContext)));
    if (!seed || !box) return fail(ErrorKind::Damaged, "server key pairs do not open");
    auto recovery_pk = decode_recovery_public_key(row->column_text(10));
    if (!recovery_pk) return fail(ErrorKind::Damaged, "recovery public key is unreadable");

    ServerKeys keys{row->column_text(0),
                    *data_key,
                    {sync::signing_key_pair_from_seed(*seed), sync::box_key_pair_from_secret(*box)},
                    *recovery_pk};
    if (Bytes(keys.identity.sign.public_key.bytes.begin(),
              keys.identity.sign.public_key.bytes.end()) != row->column_blob(6)) {
        return fail(ErrorKind::Damaged, "server signing key does not match its public half");
    }
    return keys;
}

Result<SecretKey> unlock_recovery_secret(Database& db, std::string_view recovery_passphrase) {
    auto row = db.prepare(
        "SELECT recovery_kdf_algorithm, recovery_kdf_opslimit, recovery_kdf_memlimit, "
        "recovery_kdf_salt, wrapped_recovery_secret FROM server_keys WHERE id = 1");
    if (!row) return std::unexpected(row.error());
    auto found = row->step();
    if (!found) return std::unexpected(found.error());
    if (!*found) return fail(ErrorKind::NotFound, "the database has no server keys");
    const KdfParams params = read_params(*row, 0);
    auto wrap_key = derive_key(recovery_passphrase, params);
    if (!wrap_key) return std::unexpected(wrap_key.error());
    auto secret =
        key_from(aead_open(*wrap_key, row->column_blob(4), wrap_context(kRecoveryContext, params)));
    if (!secret) return fail(ErrorKind::WrongPassphrase, "wrong recovery passphrase");
    return secret;
}

Bytes enrolment_code_hash(const SecretKey& data_key, std::string_view normalised_code) {
    init_sodium();
    Bytes message;
    append_field(message, kCodeContext);
    append_field(message, normalised_code);
    Bytes out(32);
    crypto_generichash(out.data(), out.size(), message.data(), message.size(), data_key.data(),
                       SecretKey::kSize);
    return out;
}

}  // namespace c5::syncd
