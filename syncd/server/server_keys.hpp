// The server's secrets: a random data key wrapped under the server passphrase (Argon2id),
// the signing and box key pairs sealed under it, and the province recovery key pair whose
// secret half is wrapped under its own passphrase.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/crypto/passphrase.hpp"
#include "core/crypto/recovery_key.hpp"
#include "core/sync/wire.hpp"
#include "syncd/server/database.hpp"

namespace c5::syncd {

struct ServerKeys {
    std::string server_device_id;  // "srv-…": the author of changes made by imports
    SecretKey data_key;
    sync::IdentityKeys identity;
    RecoveryPublicKey recovery_pk;
};

struct InitSecrets {
    std::string passphrase;
    std::string recovery_passphrase;
    KdfStrength strength = KdfStrength::Interactive;
};

// Makes every key and writes the server_keys row. Errors: InvalidInput for an empty
// passphrase or a recovery passphrase equal to it; Io.
[[nodiscard]] Result<ServerKeys> create_server_keys(Database& db, const InitSecrets& secrets,
                                                    std::int64_t now_ms);

// Reads and unwraps the keys. Errors: WrongPassphrase; NotFound when the database has no
// keys; Damaged; Io.
[[nodiscard]] Result<ServerKeys> unlock_server_keys(Database& db, std::string_view passphrase);

// The recovery secret key, for recovering a laptop store. Errors: WrongPassphrase; Io.
[[nodiscard]] Result<SecretKey> unlock_recovery_secret(Database& db,
                                                       std::string_view recovery_passphrase);

// A keyed hash of an enrolment code (normalised first), so the table of codes is useless
// without the data key.
Bytes enrolment_code_hash(const SecretKey& data_key, std::string_view normalised_code);

// The strength `syncd init` uses: Minimum when C5_KDF=min (tests only), else Interactive.
KdfStrength kdf_strength_from_env();

}  // namespace c5::syncd
