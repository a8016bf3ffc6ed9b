// Minting, printing and parsing record ids (UUID version 7, RFC 9562).
#include "core/records/record_id.hpp"

#include <sodium.h>

#include "core/crypto/secret_key.hpp"

namespace c5 {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_dash_position(std::size_t i) {
    return i == 8 || i == 13 || i == 18 || i == 23;
}

}  // namespace

bool RecordId::is_nil() const {
    for (auto b : bytes) {
        if (b != 0) return false;
    }
    return true;
}

RecordId mint_record_id(std::int64_t unix_ms) {
    init_sodium();
    RecordId id;
    randombytes_buf(id.bytes.data(), id.bytes.size());
    const auto ms = static_cast<std::uint64_t>(unix_ms < 0 ? 0 : unix_ms);
    for (int i = 0; i < 6; ++i) id.bytes[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    id.bytes[6] = static_cast<std::uint8_t>(0x70 | (id.bytes[6] & 0x0F));
    id.bytes[8] = static_cast<std::uint8_t>(0x80 | (id.bytes[8] & 0x3F));
    return id;
}

RecordId mint_record_id(std::int64_t unix_ms, std::uint32_t sequence) {
    RecordId id = mint_record_id(unix_ms);
    const std::uint32_t seq = sequence > 0x0FFF ? 0x0FFF : sequence;
    id.bytes[6] = static_cast<std::uint8_t>(0x70 | (seq >> 8));
    id.bytes[7] = static_cast<std::uint8_t>(seq & 0xFF);
    return id;
}

std::string to_string(const RecordId& id) {
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < id.bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHexDigits[id.bytes[i] >> 4]);
        out.push_back(kHexDigits[id.bytes[i] & 0x0F]);
    }
    return out;
}

Result<RecordId> parse_record_id(std::string_view text) {
    if (text.size() != 36) {
        return fail(ErrorKind::InvalidInput, "not a record id: '" + std::string(text) + "'");
    }
    RecordId id;
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (is_dash_position(i)) {
            if (text[i] != '-') break;
            ++i;
            continue;
        }
        const int hi = hex_value(text[i]);
        const int lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0) break;
        id.bytes[byte++] = static_cast<std::uint8_t>(hi << 4 | lo);
        i += 2;
    }
    if (byte != id.bytes.size()) {
        return fail(ErrorKind::InvalidInput, "not a record id: '" + std::string(text) + "'");
    }
    return id;
}

std::int64_t record_id_time_ms(const RecordId& id) {
    std::uint64_t ms = 0;
    for (int i = 0; i < 6; ++i) ms = ms << 8 | id.bytes[i];
    return static_cast<std::int64_t>(ms);
}

}  // namespace c5
