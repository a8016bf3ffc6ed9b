// Creating, opening and unlocking a store, and the two wraps of its key: under the
// passphrase (Argon2id) and sealed to the province's recovery key.
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/crypto/aead.hpp"
#include "core/store/schema.hpp"
#include "core/store/store_state.hpp"

namespace c5 {
namespace {

using store_rows::id_blob;

constexpr std::size_t kMaxDeviceIdBytes = 64;

// Pragmas set on every connection, whatever SQLite's compiled-in defaults are. WAL with
// synchronous=FULL makes a returned commit durable across a power cut; secure_delete
// zeroes freed content so a replaced key wrap does not linger in free pages.
Result<void> configure(sql::Db& db) {
    auto mode = db.prepare("PRAGMA journal_mode = WAL");
    if (!mode) return std::unexpected(mode.error());
    auto row = mode->step();
    if (!row) return std::unexpected(row.error());
    if (!*row || mode->column_text(0) != "wal") {
        return fail(ErrorKind::Io, "the file system does not support write-ahead logging");
    }
    return db.exec(
        "PRAGMA synchronous = FULL;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA secure_delete = ON;"
        "PRAGMA busy_timeout = 5000;"
        "PRAGMA trusted_schema = OFF;"
        "PRAGMA cell_size_check = ON;");
}

Result<void> check_device_id(std::string_view device_id) {
    if (device_id.empty() || device_id.size() > kMaxDeviceIdBytes) {
        return fail(ErrorKind::InvalidInput, "device id must be 1 to 64 bytes");
    }
    for (unsigned char c : device_id) {
        if (c < 0x20 || c == 0x7F) {
            return fail(ErrorKind::InvalidInput, "device id has a control character");
        }
    }
    return {};
}

// Makes the file first, readable by its owner only; SQLite gives its -wal and -shm files
// the same permissions.
Result<void> make_private_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return fail(ErrorKind::Conflict, path.string() + " already exists");
        return fail(ErrorKind::Io, path.string() + ": " + std::strerror(errno));
    }
    ::close(fd);
    return {};
}

void remove_store_files(const std::filesystem::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix, ignored);
    }
}

Result<void> write_passphrase_wrap(Store::State& s, std::string_view passphrase) {
    const KdfParams params = new_kdf_params(s.options.kdf_strength);
    auto kek = derive_key(passphrase, params);
    if (!kek) return std::unexpected(kek.error());
    const Bytes context = sealing::passphrase_wrap_context(
        s.store_id, params.algorithm, params.opslimit, params.memlimit, params.salt);
    const Bytes wrapped = aead_seal(*kek, s.key.view(), context);
    auto stmt = s.db.prepare(
        "INSERT OR REPLACE INTO key_wraps (kind, kdf_algorithm, kdf_opslimit, kdf_memlimit, "
        "kdf_salt, wrapped_key, changed_ms) VALUES ('passphrase', ?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, std::int64_t{params.algorithm})
        .bind(2, static_cast<std::int64_t>(params.opslimit))
        .bind(3, static_cast<std::int64_t>(params.memlimit))
        .bind(4, params.salt)
        .bind(5, wrapped)
        .bind(6, s.now_ms());
    return stmt->run();
}

Result<void> write_recovery_wrap(Store::State& s, const RecoveryPublicKey& recovery_key) {
    // The store id goes in with the key, so a sealed key from another store is refused.
    Bytes message(s.store_id.begin(), s.store_id.end());
    message.insert(message.end(), s.key.data(), s.key.data() + SecretKey::kSize);
    const Bytes sealed = seal_to_recovery_key(message, recovery_key);
    wipe(message);
    auto stmt = s.db.prepare(
        "INSERT OR REPLACE INTO key_wraps (kind, recovery_public_key, wrapped_key, changed_ms) "
        "VALUES ('recovery', ?1, ?2, ?3)");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, recovery_key.bytes).bind(2, sealed).bind(3, s.now_ms());
    return stmt->run();
}

Result<void> initialise(Store::State& s, std::string_view passphrase,
                        const RecoveryPublicKey& recovery_key) {
    if (auto ok = configure(s.db); !ok) return ok;
    if (auto ok = sql::migrate(s.db); !ok) return ok;
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return std::unexpected(tx.error());
    auto info = s.db.prepare(
        "INSERT INTO store_info (id, store_id, device_id, created_ms) VALUES (1, ?1, ?2, ?3)");
    if (!info) return std::unexpected(info.error());
    info->bind(1, s.store_id).bind(2, std::string_view(s.device_id)).bind(3, s.now_ms());
    if (auto ok = info->run(); !ok) return ok;
    if (auto ok = write_passphrase_wrap(s, passphrase); !ok) return ok;
    if (auto ok = write_recovery_wrap(s, recovery_key); !ok) return ok;
    return tx->commit();
}

// Opens the file and reads what unlocking needs, changing nothing in it.
Result<std::unique_ptr<Store::State>> open_locked(const std::filesystem::path& path,
                                                  StoreOptions options) {
    auto db = sql::Db::open(path, false);
    if (!db) return std::unexpected(db.error());
    auto version = db->query_int("PRAGMA user_version");
    if (!version) return std::unexpected(version.error());
    if (*version == 0) return fail(ErrorKind::InvalidInput, "not a c5kit store");
    if (*version > current_schema_version()) {
        return fail(ErrorKind::Unsupported,
                    "made by a newer c5kit (schema version " + std::to_string(*version) + ")");
    }
    if (auto ok = configure(*db); !ok) return std::unexpected(ok.error());
    auto s = std::make_unique<Store::State>(std::move(*db), std::move(options));
    auto info = s->db.prepare("SELECT store_id, device_id FROM store_info WHERE id = 1");
    if (!info) return std::unexpected(info.error());
    auto row = info->step();
    if (!row) return std::unexpected(row.error());
    const Bytes store_id = *row ? info->column_blob(0) : Bytes();
    if (store_id.size() != s->store_id.size()) {
        return fail(ErrorKind::Damaged, "the store's identity row is missing");
    }
    std::memcpy(s->store_id.data(), store_id.data(), store_id.size());
    s->device_id = info->column_text(1);
    return s;
}

Result<SecretKey> unwrap_with_passphrase(Store::State& s, std::string_view passphrase) {
    auto stmt = s.db.prepare(
        "SELECT kdf_algorithm, kdf_opslimit, kdf_memlimit, kdf_salt, wrapped_key "
        "FROM key_wraps WHERE kind = 'passphrase'");
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorKind::Damaged, "the passphrase key wrap is missing");
    KdfParams params;
    params.algorithm = static_cast<int>(stmt->column_int(0));
    params.opslimit = static_cast<std::uint64_t>(stmt->column_int(1));
    params.memlimit = static_cast<std::uint64_t>(stmt->column_int(2));
    const Bytes salt = stmt->column_blob(3);
    if (salt.size() != params.salt.size()) {
        return fail(ErrorKind::Damaged, "the passphrase key wrap has a bad salt");
    }
    std::memcpy(params.salt.data(), salt.data(), salt.size());
    auto kek = derive_key(passphrase, params);
    if (!kek) return std::unexpected(kek.error());
    const Bytes context = sealing::passphrase_wrap_context(
        s.store_id, params.algorithm, params.opslimit, params.memlimit, params.salt);
    auto key = aead_open(*kek, stmt->column_blob(4), context);
    // A wrong passphrase and a changed wrap cannot be told apart; the first is far likelier.
    if (!key || key->size() != SecretKey::kSize) {
        return fail(ErrorKind::WrongPassphrase, "wrong passphrase");
    }
    SecretKey out = SecretKey::from_bytes(std::span<const std::uint8_t, 32>(key->data(), 32));
    wipe(*key);
    return out;
}

Result<SecretKey> unwrap_with_recovery(Store::State& s, const SecretKey& recovery_secret) {
    auto stmt = s.db.prepare("SELECT wrapped_key FROM key_wraps WHERE kind = 'recovery'");
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorKind::Damaged, "the recovery key wrap is missing");
    auto message = open_with_recovery_key(stmt->column_blob(0), recovery_secret);
    if (!message) return std::unexpected(message.error());
    constexpr std::size_t kIdSize = sizeof(sealing::StoreId);
    if (message->size() != kIdSize + SecretKey::kSize ||
        std::memcmp(message->data(), s.store_id.data(), kIdSize) != 0) {
        wipe(*message);
        return fail(ErrorKind::WrongPassphrase, "the recovery wrap belongs to another store");
    }
    SecretKey out = SecretKey::from_bytes(
        std::span<const std::uint8_t, 32>(message->data() + kIdSize, SecretKey::kSize));
    wipe(*message);
    return out;
}

// Snapshots for the records that had to be read version by version (a store from before
// snapshots, or one whose rows were changed), in one transaction, so the next unlock is fast.
// Only an optimisation: when it cannot be written (a full disk), the records are open all
// the same and the next unlock tries again.
void write_due_snapshots(Store::State& s) {
    if (s.snapshots_due.empty()) return;
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return;
    for (const RecordId& id : s.snapshots_due) {
        auto it = s.records.find(id);
        if (it == s.records.end()) continue;
        if (!store_rows::write_index(s, it->second)) return;
    }
    if (tx->commit()) s.snapshots_due.clear();
}

StoreOptions with_defaults(StoreOptions options) {
    if (!options.clock) options.clock = system_clock();
    return options;
}

}  // namespace

Store::Store(std::unique_ptr<State> state) : state_(std::move(state)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::device_id() const {
    return state_->device_id;
}

Result<Store> Store::create(const std::filesystem::path& path, std::string_view passphrase,
                            const RecoveryPublicKey& recovery_key, std::string_view device_id,
                            StoreOptions options) {
    const std::string context = "create store " + path.string();
    if (passphrase.empty()) return fail(ErrorKind::InvalidInput, context + ": empty passphrase");
    if (auto ok = check_device_id(device_id); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    if (auto ok = make_private_file(path); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    auto db = sql::Db::open(path, false);
    if (!db) {
        remove_store_files(path);
        return std::unexpected(db.error().with_context(context));
    }
    auto s = std::make_unique<State>(std::move(*db), with_defaults(std::move(options)));
    s->device_id = std::string(device_id);
    s->key = SecretKey::random();
    randombytes_buf(s->store_id.data(), s->store_id.size());
    if (auto ok = initialise(*s, passphrase, recovery_key); !ok) {
        s.reset();
        remove_store_files(path);
        return std::unexpected(ok.error().with_context(context));
    }
    return Store(std::move(s));
}

Result<Store> Store::finish_open(std::unique_ptr<State> s, const char* audit_note) {
    if (auto ok = sql::migrate(s->db); !ok) return std::unexpected(ok.error());
    if (auto ok = store_rows::load_records(*s, nullptr); !ok) return std::unexpected(ok.error());
    if (auto ok = store_rows::load_unsynced(*s); !ok) return std::unexpected(ok.error());
    write_due_snapshots(*s);
    if (audit_note) {
        auto tx = sql::Transaction::begin(s->db);
        if (!tx) return std::unexpected(tx.error());
        if (auto ok = store_rows::write_audit(*s, AuditAction::Recovery, "", audit_note); !ok) {
            return std::unexpected(ok.error());
        }
        if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error());
    }
    // Held changes whose time came while the store was closed merge now.
    Store store(std::move(s));
    if (auto released = store.release_held(); !released) {
        return std::unexpected(released.error());
    }
    return store;
}

Result<Store> Store::open(const std::filesystem::path& path, std::string_view passphrase,
                          StoreOptions options) {
    const char* context = "open store";
    auto s = open_locked(path, with_defaults(std::move(options)));
    if (!s) return std::unexpected(s.error().with_context(context));
    auto key = unwrap_with_passphrase(**s, passphrase);
    if (!key) return std::unexpected(key.error().with_context(context));
    (*s)->key = std::move(*key);
    return with_context(finish_open(std::move(*s), nullptr), context);
}

Result<Store> Store::open_with_recovery(const std::filesystem::path& path,
                                        const SecretKey& recovery_secret_key,
                                        StoreOptions options) {
    const char* context = "open store with recovery key";
    auto s = open_locked(path, with_defaults(std::move(options)));
    if (!s) return std::unexpected(s.error().with_context(context));
    auto key = unwrap_with_recovery(**s, recovery_secret_key);
    if (!key) return std::unexpected(key.error().with_context(context));
    (*s)->key = std::move(*key);
    return with_context(finish_open(std::move(*s), "opened with the recovery key"), context);
}

Result<void> Store::change_passphrase(std::string_view new_passphrase) {
    const char* context = "change passphrase";
    if (new_passphrase.empty()) {
        return fail(ErrorKind::InvalidInput, std::string(context) + ": empty passphrase");
    }
    State& s = *state_;
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return std::unexpected(tx.error().with_context(context));
    if (auto ok = write_passphrase_wrap(s, new_passphrase); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    if (auto ok = store_rows::write_audit(s, AuditAction::PassphraseChange, "", ""); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error().with_context(context));
    // The journal still holds the page with the old wrap; fold it in and empty it.
    if (auto ok = s.db.exec("PRAGMA wal_checkpoint(TRUNCATE)"); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    return {};
}

Result<void> Store::check_integrity() const {
    auto stmt = state_->db.prepare("PRAGMA integrity_check");
    if (!stmt) return std::unexpected(stmt.error());
    std::string report;
    for (;;) {
        auto row = stmt->step();
        if (!row) return std::unexpected(row.error().with_context("integrity check"));
        if (!*row) break;
        if (!report.empty()) report += "; ";
        report += stmt->column_text(0);
    }
    if (report != "ok") return fail(ErrorKind::Damaged, "integrity check: " + report);
    return {};
}

}  // namespace c5
