// Value and audit encodings and the associated data of every sealed column.
#include "core/store/sealing.hpp"

#include <sodium.h>

#include <string_view>

#include "core/crypto/aead.hpp"

namespace c5::sealing {
namespace {

// Plaintexts are padded to a multiple of this, so a ciphertext's length tells little about
// the length of a name or an address.
constexpr std::size_t kPadBlock = 32;

// Format tags: a change of encoding gets a new tag, and old rows keep opening.
constexpr std::string_view kValueContext = "c5kit field value v1";
constexpr std::string_view kAuditContext = "c5kit audit entry v1";
constexpr std::string_view kWrapContext = "c5kit passphrase wrap v1";
constexpr std::string_view kItemContext = "c5kit sealed item v1";
constexpr std::string_view kSnapshotContext = "c5kit record snapshot v1";
constexpr std::uint8_t kAuditFormat = 1;
constexpr std::uint8_t kSnapshotFormat = 1;

enum ValueTag : std::uint8_t { kTagEmpty = 0, kTagBool = 1, kTagInt = 2, kTagText = 3 };

void pad(Bytes& plain) {
    const std::size_t unpadded = plain.size();
    plain.resize(unpadded + kPadBlock);
    std::size_t padded = 0;
    sodium_pad(&padded, plain.data(), unpadded, kPadBlock, plain.size());
    plain.resize(padded);
}

Result<std::size_t> unpadded_size(const Bytes& plain) {
    // An empty buffer has no data() to hand to libsodium (found by fuzz/targets/store_value).
    if (plain.empty()) return fail(ErrorKind::Damaged, "bad padding");
    std::size_t size = 0;
    if (sodium_unpad(&size, plain.data(), plain.size(), kPadBlock) != 0) {
        return fail(ErrorKind::Damaged, "bad padding");
    }
    return size;
}

// Reads what append_field wrote; every read checks the remaining length.
class Reader {
public:
    Reader(const Bytes& bytes, std::size_t size) : bytes_(bytes), size_(size) {}

    bool read_u8(std::uint8_t& out) {
        if (pos_ + 1 > size_) return false;
        out = bytes_[pos_++];
        return true;
    }
    bool read_u64(std::uint64_t& out) {
        if (pos_ + 8 > size_) return false;
        out = 0;
        for (int i = 0; i < 8; ++i) out = out << 8 | bytes_[pos_++];
        return true;
    }
    bool read_text(std::string& out) {
        if (pos_ + 4 > size_) return false;
        std::uint32_t n = 0;
        for (int i = 0; i < 4; ++i) n = n << 8 | bytes_[pos_++];
        if (n > size_ - pos_) return false;
        out.assign(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    bool at_end() const { return pos_ == size_; }

private:
    const Bytes& bytes_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// A value as its tag and data, unpadded: one sealed value, or one entry of a snapshot.
void append_value(Bytes& out, const Value& value) {
    if (const auto* b = std::get_if<bool>(&value)) {
        out.push_back(kTagBool);
        out.push_back(static_cast<std::uint8_t>(*b ? 1 : 0));
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        out.push_back(kTagInt);
        append_field(out, static_cast<std::uint64_t>(*i));
    } else if (const auto* s = std::get_if<std::string>(&value)) {
        out.push_back(kTagText);
        append_field(out, std::string_view(*s));
    } else {
        out.push_back(kTagEmpty);
    }
}

// Reads what append_value wrote. False when the bytes do not hold a value.
bool read_value(Reader& in, Value& value) {
    std::uint8_t tag = 0;
    if (!in.read_u8(tag)) return false;
    switch (tag) {
        case kTagEmpty:
            value = Value{};
            return true;
        case kTagBool: {
            std::uint8_t b = 0;
            if (!in.read_u8(b) || b > 1) return false;
            value = b == 1;
            return true;
        }
        case kTagInt: {
            std::uint64_t i = 0;
            if (!in.read_u64(i)) return false;
            value = static_cast<std::int64_t>(i);
            return true;
        }
        case kTagText: {
            std::string s;
            if (!in.read_text(s)) return false;
            value = std::move(s);
            return true;
        }
        default:
            return false;
    }
}

Bytes encode_value(const Value& value) {
    Bytes out;
    append_value(out, value);
    pad(out);
    return out;
}

Result<Value> decode_value(const Bytes& plain) {
    auto size = unpadded_size(plain);
    if (!size) return std::unexpected(size.error());
    Reader in(plain, *size);
    if (*size == 0) return fail(ErrorKind::Damaged, "empty value");
    Value value;
    if (!read_value(in, value) || !in.at_end()) {
        return fail(ErrorKind::Damaged, "value does not decode");
    }
    return value;
}

Bytes value_context(const FieldChange& change) {
    Bytes ad;
    append_field(ad, kValueContext);
    append_field(ad, std::span<const std::uint8_t>(change.record_id.bytes));
    append_field(ad, std::string_view(change.field));
    append_field(ad, std::string_view(change.form));
    append_field(ad, static_cast<std::uint64_t>(change.form_version));
    append_field(ad, std::string_view(change.unit_code));
    append_field(ad, static_cast<std::uint64_t>(change.stamp.wall_ms));
    append_field(ad, static_cast<std::uint64_t>(change.stamp.counter));
    append_field(ad, std::string_view(change.device_id));
    append_field(ad, static_cast<std::uint64_t>(change.base.stamp.wall_ms));
    append_field(ad, static_cast<std::uint64_t>(change.base.stamp.counter));
    append_field(ad, std::string_view(change.base.device_id));
    return ad;
}

Bytes audit_context(std::int64_t seq, std::int64_t at_ms) {
    Bytes ad;
    append_field(ad, kAuditContext);
    append_field(ad, static_cast<std::uint64_t>(seq));
    append_field(ad, static_cast<std::uint64_t>(at_ms));
    return ad;
}

Bytes snapshot_context(const RecordId& id) {
    Bytes ad;
    append_field(ad, kSnapshotContext);
    append_field(ad, std::span<const std::uint8_t>(id.bytes));
    return ad;
}

Result<RecordSnapshot> decode_snapshot(const Bytes& plain) {
    auto size = unpadded_size(plain);
    if (!size) return std::unexpected(size.error());
    Reader in(plain, *size);
    RecordSnapshot out;
    std::uint8_t format = 0;
    bool ok = in.read_u8(format) && format == kSnapshotFormat;
    for (std::uint8_t& b : out.rows_digest) ok = ok && in.read_u8(b);
    std::uint64_t count = 0;
    // Each value takes at least one byte, which bounds the count before reserving.
    ok = ok && in.read_u64(count) && count <= *size;
    if (ok) out.values.resize(count);
    for (std::size_t i = 0; ok && i < out.values.size(); ++i) ok = read_value(in, out.values[i]);
    if (!ok || !in.at_end()) return fail(ErrorKind::Damaged, "record snapshot does not decode");
    return out;
}

}  // namespace

Bytes seal_value(const SecretKey& key, const FieldChange& change) {
    Bytes plain = encode_value(change.value);
    Bytes sealed = aead_seal(key, plain, value_context(change));
    wipe(plain);
    return sealed;
}

Result<Value> open_value(const SecretKey& key, const FieldChange& change,
                         std::span<const std::uint8_t> sealed) {
    auto plain = aead_open(key, sealed, value_context(change));
    if (!plain) return std::unexpected(plain.error());
    auto value = decode_value(*plain);
    wipe(*plain);
    return value;
}

Bytes seal_audit(const SecretKey& key, const AuditEntry& entry) {
    Bytes plain{kAuditFormat, static_cast<std::uint8_t>(entry.action)};
    append_field(plain, std::string_view(entry.device_id));
    append_field(plain, std::string_view(entry.user));
    append_field(plain, std::string_view(entry.record_id));
    append_field(plain, std::string_view(entry.detail));
    pad(plain);
    Bytes sealed = aead_seal(key, plain, audit_context(entry.seq, entry.at_ms));
    wipe(plain);
    return sealed;
}

Result<AuditEntry> open_audit(const SecretKey& key, std::int64_t seq, std::int64_t at_ms,
                              std::span<const std::uint8_t> sealed) {
    auto plain = aead_open(key, sealed, audit_context(seq, at_ms));
    if (!plain) return std::unexpected(plain.error());
    auto entry = decode_audit_plaintext(*plain, seq, at_ms);
    wipe(*plain);
    return entry;
}

Result<AuditEntry> decode_audit_plaintext(const Bytes& plain, std::int64_t seq,
                                          std::int64_t at_ms) {
    auto size = unpadded_size(plain);
    if (!size) return std::unexpected(size.error());
    AuditEntry entry{seq, at_ms};
    Reader in(plain, *size);
    std::uint8_t format = 0;
    std::uint8_t action = 0;
    const bool ok = in.read_u8(format) && format == kAuditFormat && in.read_u8(action) &&
                    action <= static_cast<std::uint8_t>(AuditAction::Recovery) &&
                    in.read_text(entry.device_id) && in.read_text(entry.user) &&
                    in.read_text(entry.record_id) && in.read_text(entry.detail) && in.at_end();
    if (!ok) return fail(ErrorKind::Damaged, "audit entry does not decode");
    entry.action = static_cast<AuditAction>(action);
    return entry;
}

Result<Value> decode_value_plaintext(const Bytes& plain) {
    return decode_value(plain);
}

Result<RecordSnapshot> decode_snapshot_plaintext(const Bytes& plain) {
    return decode_snapshot(plain);
}

Bytes seal_item(const SecretKey& key, std::string_view name, std::span<const std::uint8_t> bytes) {
    Bytes ad;
    append_field(ad, kItemContext);
    append_field(ad, name);
    return aead_seal(key, bytes, ad);
}

Result<Bytes> open_item(const SecretKey& key, std::string_view name,
                        std::span<const std::uint8_t> sealed) {
    Bytes ad;
    append_field(ad, kItemContext);
    append_field(ad, name);
    return aead_open(key, sealed, ad);
}

Bytes seal_snapshot(const SecretKey& key, const RecordId& id, const RecordSnapshot& snapshot) {
    Bytes plain{kSnapshotFormat};
    plain.insert(plain.end(), snapshot.rows_digest.begin(), snapshot.rows_digest.end());
    append_field(plain, static_cast<std::uint64_t>(snapshot.values.size()));
    for (const Value& value : snapshot.values) append_value(plain, value);
    pad(plain);
    Bytes sealed = aead_seal(key, plain, snapshot_context(id));
    wipe(plain);
    return sealed;
}

Result<RecordSnapshot> open_snapshot(const SecretKey& key, const RecordId& id,
                                     std::span<const std::uint8_t> sealed) {
    auto plain = aead_open(key, sealed, snapshot_context(id));
    if (!plain) return std::unexpected(plain.error());
    auto snapshot = decode_snapshot(*plain);
    wipe(*plain);
    return snapshot;
}

Bytes passphrase_wrap_context(const StoreId& store_id, int algorithm, std::uint64_t opslimit,
                              std::uint64_t memlimit, std::span<const std::uint8_t> salt) {
    Bytes ad;
    append_field(ad, kWrapContext);
    append_field(ad, std::span<const std::uint8_t>(store_id));
    append_field(ad, static_cast<std::uint64_t>(algorithm));
    append_field(ad, opslimit);
    append_field(ad, memlimit);
    append_field(ad, salt);
    return ad;
}

}  // namespace c5::sealing
