// Argon2id key derivation with bounded parameters.
#include "core/crypto/passphrase.hpp"

#include <sodium.h>

#include "core/text/unicode.hpp"

namespace c5 {
namespace {

// Past these, unlocking a laptop would take minutes or fail; no store of ours asks for it.
constexpr std::uint64_t kMaxOpslimit = 16;
constexpr std::uint64_t kMaxMemlimit = 1ULL << 30;

}  // namespace

static_assert(sizeof(KdfParams::salt) == crypto_pwhash_SALTBYTES);

KdfParams new_kdf_params(KdfStrength strength) {
    init_sodium();
    KdfParams params;
    params.algorithm = crypto_pwhash_ALG_ARGON2ID13;
    switch (strength) {
        case KdfStrength::Interactive:
            params.opslimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
            params.memlimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
            break;
        case KdfStrength::Moderate:
            params.opslimit = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
            params.memlimit = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
            break;
        case KdfStrength::Minimum:
            params.opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
            params.memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN;
            break;
    }
    randombytes_buf(params.salt.data(), params.salt.size());
    return params;
}

Result<SecretKey> derive_key(std::string_view passphrase, const KdfParams& params) {
    init_sodium();
    if (params.algorithm != crypto_pwhash_ALG_ARGON2ID13) {
        return fail(
            ErrorKind::Unsupported,
            "key derivation algorithm " + std::to_string(params.algorithm) + " is not Argon2id");
    }
    if (params.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || params.opslimit > kMaxOpslimit ||
        params.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || params.memlimit > kMaxMemlimit) {
        return fail(ErrorKind::Unsupported, "key derivation limits out of range (ops " +
                                                std::to_string(params.opslimit) + ", memory " +
                                                std::to_string(params.memlimit) + ")");
    }

    // Vietnamese keyboards differ: Unikey and the system IMEs may send "ấ" as one code point
    // or as "a" with two combining marks. The same typed passphrase must give the same key.
    const std::string normal = to_nfc(passphrase);
    SecretKey key;
    const int rc = crypto_pwhash(key.data(), SecretKey::kSize, normal.data(), normal.size(),
                                 params.salt.data(), params.opslimit,
                                 static_cast<std::size_t>(params.memlimit), params.algorithm);
    if (rc != 0) {
        return fail(ErrorKind::Internal, "key derivation ran out of memory (" +
                                             std::to_string(params.memlimit >> 20) + " MiB)");
    }
    return key;
}

}  // namespace c5
