// The surveyor tests' world: a throwaway store (weakest key derivation) for Phường Trúc Bạch
// from the sample registry, and helpers to make household answers.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <string>

#include "support/temp_dir.hpp"
#include "surveyor/app/actions.hpp"

namespace surveyor_test {

using namespace c5;
using namespace c5::surveyor;

inline constexpr const char* kPassphrase = "mây trắng bay qua phố cổ";
inline constexpr const char* kWard = "00004";  // Phường Trúc Bạch: groups 01 (84) and 02 (71)
inline const std::filesystem::path kSamples = std::filesystem::path(C5_SOURCE_DIR) / "samples";

inline std::string registry_text() {
    std::ifstream in(kSamples / "registry-hanoi.csv", std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline CreateStoreRequest create_request(const std::filesystem::path& path,
                                         Role role = Role::Surveyor) {
    CreateStoreRequest request;
    request.path = path;
    request.passphrase = kPassphrase;
    request.user_name = role == Role::Surveyor ? "Lê Thu Trang" : "Nguyễn Văn Bình";
    request.device_name = "Laptop 1";
    request.registry_csv = registry_text();
    request.unit_code = kWard;
    request.role = role;
    request.forms_dir = std::filesystem::path(C5_SOURCE_DIR) / "forms";
    request.options.kdf_strength = KdfStrength::Minimum;
    return request;
}

inline Session new_session(const std::filesystem::path& path, Role role = Role::Surveyor) {
    auto created = create_store(create_request(path, role));
    REQUIRE_MESSAGE(created.has_value(), (created ? "" : created.error().message));
    return std::move(created->session);
}

// A complete interview: every device answered, consent given.
inline std::map<std::string, Value> interview(const std::string& group, const std::string& code,
                                              const std::string& head) {
    std::map<std::string, Value> v{
        {"ward_code", std::string(kWard)}, {"group", group},           {"household_code", code},
        {"head_name", head},               {"address", "Số 1 phố Châu Long"},
        {"visit_outcome", std::string("interviewed")},
        {"consent", true},                 {"adults_15plus", std::int64_t{3}},
        {"adults_smartphone", std::int64_t{3}},
        {"visited_at", std::string("2024-10-05T09:12:00+07:00")},
        {"surveyor", std::string("Lê Thu Trang")}};
    for (const char* device : {"smart_tv", "smart_tv_box", "smart_projector", "smart_audio",
                               "tablet", "smart_camera", "ereader", "smart_entertainment",
                               "broadband_fixed", "broadband_mobile"})
        v[device] = std::string(device) == "smart_tv" || std::string(device) == "broadband_fixed";
    return v;
}

inline SaveOutcome save(Session& session, std::map<std::string, Value> values, bool complete,
                        std::optional<RecordId> id = std::nullopt,
                        const std::string& form = "household") {
    auto saved = save_record(session, SaveRequest{id, form, kWard, std::move(values), complete});
    REQUIRE_MESSAGE(saved.has_value(), (saved ? "" : saved.error().message));
    return *saved;
}

}  // namespace surveyor_test
