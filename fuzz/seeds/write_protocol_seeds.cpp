// Writes seed inputs for the fuzz targets whose inputs are built by code, not kept as files:
// real sync messages (signed and boxed with fresh keys, as the client and syncd build them),
// payloads, and plaintexts of stored values and audit entries.
// Usage: write_protocol_seeds TARGET DIR   (TARGET: wire_messages, sync_payload, store_value)
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "core/sync/wire_messages.hpp"

namespace {

using namespace c5;
using namespace c5::sync;

void write_seed(const std::filesystem::path& file, std::uint8_t selector, std::string_view body) {
    std::ofstream out(file, std::ios::binary);
    out.put(static_cast<char>(selector));
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

std::vector<FieldChange> sample_changes(const std::string& device_id) {
    const RecordId id = mint_record_id(1764000000000);
    std::vector<FieldChange> changes;
    const std::vector<std::pair<std::string, Value>> fields = {
        {"head_name", std::string("Nguyễn Văn An")},
        {"adults_15plus", std::int64_t{3}},
        {"has_broadband", true},
        {"_status", std::string("completed")}};
    std::uint32_t counter = 0;
    for (const auto& [field, value] : fields) {
        changes.push_back(FieldChange{id, "household", 1, "00004", field, value,
                                      Stamp{1764000000000, counter++}, device_id, Version{}});
    }
    changes.back().base = Version{Stamp{1763999999000, 0}, device_id};
    return changes;
}

void wire_messages(const std::filesystem::path& dir) {
    const IdentityKeys device = generate_identity_keys();
    const IdentityKeys server = generate_identity_keys();
    const std::string device_id = "dev-5f3a";
    const auto changes = sample_changes(device_id);

    const EnrollRequest enroll{"K7QF-9M2X", "Máy 1", device.sign.public_key, device.box.public_key};
    write_seed(dir / "enroll_request", 0, to_json(enroll).dump());
    EnrollResponse answer;
    answer.device_id = device_id;
    answer.role = "surveyor";
    answer.user_name = "Lan";
    answer.units = {"00004"};
    answer.server_sign_pk = server.sign.public_key;
    answer.server_box_pk = server.box.public_key;
    answer.registry_csv = "level,code,name,parent_code,households_registered\r\n";
    write_seed(dir / "enroll_response", 1, to_json(answer).dump());

    const PushRequest push =
        make_push_request(device_id, 1, kZeroHash, changes, device, server.box.public_key);
    write_seed(dir / "push_request", 2, to_json(push).dump());
    write_seed(dir / "push_ack", 3, to_json(PushAck{1, false, 4, 0, 0, "c2ln"}).dump());
    write_seed(dir / "pull_request", 4,
               to_json(make_pull_request(device_id, 0, 500, 1764000000000, device)).dump());
    write_seed(dir / "pull_page", 5, to_json(PullPage{changes, 4, false, 1764000000001}).dump());
    write_seed(dir / "error_body", 6,
               to_json(ErrorBody{"out_of_order", "expected batch 2", 2}).dump());
    write_seed(dir / "changes", 7, changes_to_json(changes).dump());
}

void sync_payload(const std::filesystem::path& dir) {
    const nlohmann::json payload = {{"changes", changes_to_json(sample_changes("dev-5f3a"))}};
    write_seed(dir / "changes_deflated", 1, payload.dump());
    const Bytes deflated = zlib_compress(payload.dump());
    write_seed(dir / "changes_raw", 0,
               std::string_view(reinterpret_cast<const char*>(deflated.data()), deflated.size()));
}

// The plaintext layout of core/store/sealing.cpp: tag or format bytes, big-endian lengths,
// then ISO/IEC 7816-4 padding to 32 bytes.
std::string padded(std::string plain) {
    plain.push_back(static_cast<char>(0x80));
    while (plain.size() % 32 != 0) plain.push_back('\0');
    return plain;
}

std::string text_field(std::string_view text) {
    std::string out(4, '\0');
    for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(text.size() >> (24 - 8 * i) & 0xff);
    return out + std::string(text);
}

void store_value(const std::filesystem::path& dir) {
    write_seed(dir / "value_empty", 0, padded(std::string(1, '\0')));
    write_seed(dir / "value_bool", 0, padded(std::string("\x01\x01", 2)));
    write_seed(dir / "value_int", 0, padded(std::string("\x02\0\0\0\0\0\0\0\x2a", 9)));
    write_seed(dir / "value_text", 0, padded("\x03" + text_field("Nguyễn Văn An")));
    write_seed(dir / "audit", 1,
               padded(std::string("\x01\x02", 2) + text_field("dev-5f3a") + text_field("lan") +
                      text_field("0190a5c2-0000-7000-8000-000000000000") + text_field("save")));
    // A record snapshot: format 1, a 32-byte digest, a count of 2, then two tagged values.
    write_seed(dir / "snapshot", 2,
               padded(std::string(1, '\x01') + std::string(32, '\x5a') +
                      std::string("\0\0\0\0\0\0\0\x02", 8) + "\x01\x01" + "\x03" +
                      text_field("Trúc Bạch")));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 || sodium_init() < 0) {
        std::cerr << "usage: write_protocol_seeds wire_messages|sync_payload|store_value DIR\n";
        return 2;
    }
    const std::string target = argv[1];
    const std::filesystem::path dir = argv[2];
    std::filesystem::create_directories(dir);
    if (target == "wire_messages") {
        wire_messages(dir);
    } else if (target == "sync_payload") {
        sync_payload(dir);
    } else if (target == "store_value") {
        store_value(dir);
    } else {
        std::cerr << "write_protocol_seeds: no seeds are built for '" << target << "'\n";
        return 2;
    }
    return 0;
}
