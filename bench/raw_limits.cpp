// The machine's own limits, measured in the same run as the figures: what SQLite and
// libsodium do with nothing of c5kit around them.
#include "bench/raw_limits.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/measure.hpp"

namespace c5::bench {
namespace {

constexpr std::size_t kRowBytes = 1536;

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
    }
}

// A database configured like the stores: WAL and synchronous=FULL.
sqlite3* open_raw(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       "CREATE TABLE IF NOT EXISTS t (id BLOB PRIMARY KEY, body BLOB NOT NULL);",
                       nullptr, nullptr, nullptr),
          db, "configure");
    return db;
}

std::array<std::uint8_t, 16> row_id(std::uint64_t n) {
    std::array<std::uint8_t, 16> id{};
    static constexpr unsigned char kSeed[randombytes_SEEDBYTES] = "c5kit bench raw ids, 32 bytes";
    randombytes_buf_deterministic(id.data(), id.size(), kSeed);
    for (int i = 0; i < 8; ++i) id[i] = static_cast<std::uint8_t>(n >> (8 * (7 - i)));
    return id;
}

void upsert(sqlite3_stmt* stmt, sqlite3* db, std::uint64_t n,
            const std::vector<std::uint8_t>& body) {
    const auto id = row_id(n);
    sqlite3_reset(stmt);
    sqlite3_bind_blob(stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(stmt, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    check(sqlite3_step(stmt), db, "upsert");
}

constexpr const char* kUpsertSql =
    "INSERT INTO t (id, body) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET body = ?2";

}  // namespace

double raw_upserts_per_second(const std::filesystem::path& dir, std::size_t rows) {
    const auto file = dir / "raw-upserts.db";
    std::filesystem::remove(file);
    sqlite3* db = open_raw(file);
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v2(db, kUpsertSql, -1, &stmt, nullptr), db, "prepare");
    std::vector<std::uint8_t> body(kRowBytes);
    randombytes_buf(body.data(), body.size());  // ciphertext-like: does not compress

    const auto start = SteadyClock::now();
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    for (std::size_t i = 0; i < rows; ++i) {
        // Spread the keys like record ids of many devices: a hash of the row number.
        upsert(stmt, db, (i * 0x9E3779B97F4A7C15ULL) >> 16, body);
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    const double seconds = ms_since(start) / 1000.0;

    sqlite3_finalize(stmt);
    sqlite3_close(db);
    std::filesystem::remove(file);
    std::filesystem::remove(dir / "raw-upserts.db-wal");
    std::filesystem::remove(dir / "raw-upserts.db-shm");
    return static_cast<double>(rows) / seconds;
}

double raw_durable_commit_p99_ms(const std::filesystem::path& dir, std::size_t commits) {
    const auto file = dir / "raw-commits.db";
    std::filesystem::remove(file);
    sqlite3* db = open_raw(file);
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v2(db, kUpsertSql, -1, &stmt, nullptr), db, "prepare");
    std::vector<std::uint8_t> body(kRowBytes);
    randombytes_buf(body.data(), body.size());
    // A store of 20,000 rows first, as the surveyor's.
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (std::uint64_t i = 0; i < 20'000; ++i) upsert(stmt, db, i, body);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");

    std::vector<double> samples;
    for (std::size_t i = 0; i < commits; ++i) {
        const auto start = SteadyClock::now();
        check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
        upsert(stmt, db, i * 7 % 20'000, body);
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
        samples.push_back(ms_since(start));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    std::filesystem::remove(file);
    std::filesystem::remove(dir / "raw-commits.db-wal");
    std::filesystem::remove(dir / "raw-commits.db-shm");
    return percentile(samples, 99);
}

AeadRates raw_aead_rates(std::size_t messages) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium does not start");
    std::vector<std::uint8_t> key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
    std::vector<std::uint8_t> plain(kRowBytes);
    randombytes_buf(plain.data(), plain.size());
    std::vector<std::uint8_t> sealed(kRowBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES> nonce{};
    const std::array<std::uint8_t, 16> associated{};
    unsigned long long sealed_len = 0;

    AeadRates rates;
    auto start = SteadyClock::now();
    for (std::size_t i = 0; i < messages; ++i) {
        randombytes_buf(nonce.data(), nonce.size());
        crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data(), &sealed_len, plain.data(),
                                                   plain.size(), associated.data(),
                                                   associated.size(), nullptr, nonce.data(),
                                                   key.data());
    }
    rates.seal_per_second = static_cast<double>(messages) / (ms_since(start) / 1000.0);

    unsigned long long opened_len = 0;
    start = SteadyClock::now();
    for (std::size_t i = 0; i < messages; ++i) {
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &opened_len, nullptr,
                                                       sealed.data(), sealed_len,
                                                       associated.data(), associated.size(),
                                                       nonce.data(), key.data()) != 0) {
            throw std::runtime_error("raw AEAD: a message did not open");
        }
    }
    rates.open_per_second = static_cast<double>(messages) / (ms_since(start) / 1000.0);
    return rates;
}

double raw_argon2id_interactive_ms() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium does not start");
    std::array<std::uint8_t, 32> out{};
    std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
    const std::string passphrase = "mật khẩu của bench";
    const auto start = SteadyClock::now();
    if (crypto_pwhash(out.data(), out.size(), passphrase.data(), passphrase.size(), salt.data(),
                      crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                      crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("Argon2id: out of memory");
    }
    return ms_since(start);
}

}  // namespace c5::bench
