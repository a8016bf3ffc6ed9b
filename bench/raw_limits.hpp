// What the hardware and the libraries do on their own, the limits the figures are set
// against: raw SQLite upserts of 1.5 KB rows, raw XChaCha20-Poly1305 on 1.5 KB messages,
// one durable commit, one Argon2id derivation.
#pragma once

#include <cstddef>
#include <filesystem>

namespace c5::bench {

// Upserts of `rows` 1.5 KB rows in one transaction into a WAL, synchronous=FULL database
// made in `dir`, per second (commit included).
double raw_upserts_per_second(const std::filesystem::path& dir, std::size_t rows);

// The 99th percentile of `commits` transactions of one 1.5 KB upsert each, in ms, on a
// table of 20,000 rows: the floor under a durable save.
double raw_durable_commit_p99_ms(const std::filesystem::path& dir, std::size_t commits);

struct AeadRates {
    double seal_per_second = 0;  // 1.5 KB messages
    double open_per_second = 0;
};

// XChaCha20-Poly1305 (libsodium) over `messages` 1.5 KB messages each way.
AeadRates raw_aead_rates(std::size_t messages);

// One Argon2id derivation at libsodium's INTERACTIVE limits (the store's default), in ms.
double raw_argon2id_interactive_ms();

}  // namespace c5::bench
