// How syncd seals what it stores under its data key: change values in the change log, each
// record's merged state, and people's names. Associated data ties each ciphertext to its
// row, so a sealed value cannot be moved to another record, field, seq or version unnoticed.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/crypto/secret_key.hpp"
#include "core/merge/versioned_record.hpp"
#include "core/util/result.hpp"

namespace c5::syncd {

// Seals the value of a change stored at change-log `seq`.
Bytes seal_change_value(const SecretKey& key, std::int64_t seq, const FieldChange& change);

// Opens it, for a change whose other members are filled in. Errors: Damaged.
[[nodiscard]] Result<Value> open_change_value(const SecretKey& key, std::int64_t seq,
                                              const FieldChange& change,
                                              std::span<const std::uint8_t> sealed);

// A record's kept changes, compressed and sealed as one blob bound to its id.
Bytes seal_record_state(const SecretKey& key, const VersionedRecord& record);
// Errors: Damaged when the blob was changed, belongs to another record or does not decode.
[[nodiscard]] Result<VersionedRecord> open_record_state(const SecretKey& key, const RecordId& id,
                                                        std::span<const std::uint8_t> sealed);

// A short text (a person's name) sealed under `context`, e.g. "user name".
Bytes seal_text(const SecretKey& key, std::string_view text, std::string_view context);
[[nodiscard]] Result<std::string> open_text(const SecretKey& key,
                                            std::span<const std::uint8_t> sealed,
                                            std::string_view context);

}  // namespace c5::syncd
