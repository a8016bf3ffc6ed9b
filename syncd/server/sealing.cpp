// Sealed values, record states and names for the syncd database.
#include "syncd/server/sealing.hpp"

#include <sodium.h>

#include "core/crypto/aead.hpp"
#include "core/sync/wire.hpp"

namespace c5::syncd {
namespace {

// Plaintexts are padded to a multiple of this, so a ciphertext's length says little about
// the length of a name or an address.
constexpr std::size_t kPadBlock = 32;
constexpr std::string_view kValueContext = "c5syncd change value v1";
constexpr std::string_view kRecordContext = "c5syncd record state v1";
constexpr std::string_view kTextContext = "c5syncd text v1";
constexpr std::size_t kMaxRecordStateBytes = 64u << 20;

Bytes padded(std::string_view text) {
    Bytes plain(text.begin(), text.end());
    const std::size_t unpadded = plain.size();
    plain.resize(unpadded + kPadBlock);
    std::size_t size = 0;
    sodium_pad(&size, plain.data(), unpadded, kPadBlock, plain.size());
    plain.resize(size);
    return plain;
}

Result<std::string> unpadded(Bytes plain) {
    std::size_t size = 0;
    if (sodium_unpad(&size, plain.data(), plain.size(), kPadBlock) != 0) {
        wipe(plain);
        return fail(ErrorKind::Damaged, "bad padding");
    }
    std::string text(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(size));
    wipe(plain);
    return text;
}

Bytes value_context(std::int64_t seq, const FieldChange& c) {
    Bytes ad;
    append_field(ad, kValueContext);
    append_field(ad, static_cast<std::uint64_t>(seq));
    append_field(ad, std::span<const std::uint8_t>(c.record_id.bytes));
    append_field(ad, c.form);
    append_field(ad, static_cast<std::uint64_t>(c.form_version));
    append_field(ad, c.unit_code);
    append_field(ad, c.field);
    append_field(ad, static_cast<std::uint64_t>(c.stamp.wall_ms));
    append_field(ad, static_cast<std::uint64_t>(c.stamp.counter));
    append_field(ad, c.device_id);
    append_field(ad, static_cast<std::uint64_t>(c.base.stamp.wall_ms));
    append_field(ad, static_cast<std::uint64_t>(c.base.stamp.counter));
    append_field(ad, c.base.device_id);
    return ad;
}

}  // namespace

Bytes seal_change_value(const SecretKey& key, std::int64_t seq, const FieldChange& change) {
    Bytes plain = padded(sync::value_to_json(change.value).dump());
    Bytes sealed = aead_seal(key, plain, value_context(seq, change));
    wipe(plain);
    return sealed;
}

Result<Value> open_change_value(const SecretKey& key, std::int64_t seq, const FieldChange& change,
                                std::span<const std::uint8_t> sealed) {
    auto plain = aead_open(key, sealed, value_context(seq, change));
    if (!plain) return std::unexpected(plain.error().with_context("change " + std::to_string(seq)));
    auto text = unpadded(std::move(*plain));
    if (!text) return std::unexpected(text.error());
    auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded()) return fail(ErrorKind::Damaged, "sealed value does not decode");
    auto value = sync::value_from_json(json);
    if (!value) return fail(ErrorKind::Damaged, "sealed value does not decode");
    return value;
}

Bytes seal_record_state(const SecretKey& key, const VersionedRecord& record) {
    const auto changes = record.changes();
    std::string json = sync::changes_to_json(changes).dump();
    Bytes packed = sync::zlib_compress(json);
    std::fill(json.begin(), json.end(), '\0');
    Bytes ad;
    append_field(ad, kRecordContext);
    append_field(ad, std::span<const std::uint8_t>(record.id().bytes));
    Bytes sealed = aead_seal(key, packed, ad);
    wipe(packed);
    return sealed;
}

Result<VersionedRecord> open_record_state(const SecretKey& key, const RecordId& id,
                                          std::span<const std::uint8_t> sealed) {
    const std::string where = "record " + to_string(id);
    Bytes ad;
    append_field(ad, kRecordContext);
    append_field(ad, std::span<const std::uint8_t>(id.bytes));
    auto packed = aead_open(key, sealed, ad);
    if (!packed) return std::unexpected(packed.error().with_context(where));
    auto text = sync::zlib_inflate(*packed, kMaxRecordStateBytes);
    wipe(*packed);
    if (!text) return fail(ErrorKind::Damaged, where + ": state does not inflate");
    auto json = nlohmann::json::parse(*text, nullptr, false);
    std::fill(text->begin(), text->end(), '\0');
    auto changes = sync::changes_from_json(json);
    if (!changes) return fail(ErrorKind::Damaged, where + ": " + changes.error().message);
    VersionedRecord record(id);
    for (const auto& c : *changes) {
        if (c.record_id != id) return fail(ErrorKind::Damaged, where + ": foreign change");
        record.apply(c);
    }
    return record;
}

Bytes seal_text(const SecretKey& key, std::string_view text, std::string_view context) {
    Bytes ad;
    append_field(ad, kTextContext);
    append_field(ad, context);
    Bytes plain = padded(text);
    Bytes sealed = aead_seal(key, plain, ad);
    wipe(plain);
    return sealed;
}

Result<std::string> open_text(const SecretKey& key, std::span<const std::uint8_t> sealed,
                              std::string_view context) {
    Bytes ad;
    append_field(ad, kTextContext);
    append_field(ad, context);
    auto plain = aead_open(key, sealed, ad);
    if (!plain) return std::unexpected(plain.error().with_context(std::string(context)));
    return unpadded(std::move(*plain));
}

}  // namespace c5::syncd
