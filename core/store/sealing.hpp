// How the store turns values and audit entries into sealed bytes and back: a small tagged
// binary encoding, padded so lengths say little, and the associated data that ties each
// ciphertext to its place. Internal to core/store.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/crypto/secret_key.hpp"
#include "core/merge/field_change.hpp"
#include "core/store/audit.hpp"
#include "core/util/result.hpp"

namespace c5::sealing {

using StoreId = std::array<std::uint8_t, 16>;

// Seals a change's value, binding everything else in the change.
Bytes seal_value(const SecretKey& key, const FieldChange& change);

// Opens a sealed value for a change whose other members are filled in. Errors: Damaged
// when the bytes were changed or belong to another record, field or version.
[[nodiscard]] Result<Value> open_value(const SecretKey& key, const FieldChange& change,
                                       std::span<const std::uint8_t> sealed);

// Seals an audit entry; its sequence number and time are bound.
Bytes seal_audit(const SecretKey& key, const AuditEntry& entry);

// Opens an audit entry whose seq and at_ms are filled in. Errors: Damaged.
[[nodiscard]] Result<AuditEntry> open_audit(const SecretKey& key, std::int64_t seq,
                                            std::int64_t at_ms,
                                            std::span<const std::uint8_t> sealed);

// The decoding under open_value and open_audit, from plaintext that already opened: exposed
// so the fuzz targets can reach it without forging ciphertexts. Errors: Damaged.
[[nodiscard]] Result<Value> decode_value_plaintext(const Bytes& plain);
[[nodiscard]] Result<AuditEntry> decode_audit_plaintext(const Bytes& plain, std::int64_t seq,
                                                        std::int64_t at_ms);

// Seals a named item's bytes, binding the name.
Bytes seal_item(const SecretKey& key, std::string_view name, std::span<const std::uint8_t> bytes);

// Opens a named item. Errors: Damaged when changed or stored under another name.
[[nodiscard]] Result<Bytes> open_item(const SecretKey& key, std::string_view name,
                                      std::span<const std::uint8_t> sealed);

// The values of a record's stored field versions, in the order the rows are read (by field,
// then stamp and device), and a digest of those rows as stored: opening one snapshot stands
// in for opening each version while the rows are unchanged.
struct RecordSnapshot {
    std::array<std::uint8_t, 32> rows_digest{};
    std::vector<Value> values;
};

// Seals a record's snapshot, binding the record id.
Bytes seal_snapshot(const SecretKey& key, const RecordId& id, const RecordSnapshot& snapshot);

// Opens a record's snapshot. Errors: Damaged when changed or stored under another record.
[[nodiscard]] Result<RecordSnapshot> open_snapshot(const SecretKey& key, const RecordId& id,
                                                   std::span<const std::uint8_t> sealed);

// The decoding under open_snapshot, for the fuzz targets (see decode_value_plaintext).
[[nodiscard]] Result<RecordSnapshot> decode_snapshot_plaintext(const Bytes& plain);

// Associated data for the passphrase wrap of the store key: the store id and the
// key-derivation parameters, so neither can be swapped.
Bytes passphrase_wrap_context(const StoreId& store_id, int algorithm, std::uint64_t opslimit,
                              std::uint64_t memlimit, std::span<const std::uint8_t> salt);

}  // namespace c5::sealing
