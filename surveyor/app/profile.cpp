// The profile item: JSON inside a sealed store item.
#include "surveyor/app/profile.hpp"

#include <nlohmann/json.hpp>

namespace c5::surveyor {

const char* role_name(Role role) {
    switch (role) {
        case Role::Surveyor: return "surveyor";
        case Role::Supervisor: return "supervisor";
        case Role::Province: return "province";
    }
    return "surveyor";
}

std::optional<Role> parse_role(const std::string& text) {
    if (text == "surveyor") return Role::Surveyor;
    if (text == "supervisor") return Role::Supervisor;
    if (text == "province") return Role::Province;
    return std::nullopt;
}

std::string profile_to_json(const Profile& p) {
    nlohmann::json j{{"user_name", p.user_name},   {"device_name", p.device_name},
                     {"role", role_name(p.role)},   {"units", p.units},
                     {"server_url", p.server_url}, {"enrolled", p.enrolled}};
    if (p.last_sync) {
        j["last_sync"] = {{"finished_ms", p.last_sync->finished_ms},
                          {"sent", p.last_sync->sent},
                          {"received", p.last_sync->received},
                          {"conflicts", p.last_sync->conflicts},
                          {"rejected", p.last_sync->rejected}};
    }
    return j.dump();
}

Result<Profile> profile_from_json(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return fail(ErrorKind::Damaged, "profile: not a JSON object");
    Profile p;
    p.user_name = j.value("user_name", "");
    p.device_name = j.value("device_name", "");
    p.role = parse_role(j.value("role", "surveyor")).value_or(Role::Surveyor);
    if (j.contains("units") && j["units"].is_array())
        for (const auto& u : j["units"])
            if (u.is_string()) p.units.push_back(u.get<std::string>());
    p.server_url = j.value("server_url", "");
    p.enrolled = j.value("enrolled", false);
    if (j.contains("last_sync") && j["last_sync"].is_object()) {
        const auto& s = j["last_sync"];
        p.last_sync = SyncSummary{s.value("finished_ms", std::int64_t{0}),
                                  s.value("sent", std::int64_t{0}),
                                  s.value("received", std::int64_t{0}),
                                  s.value("conflicts", std::int64_t{0}),
                                  s.value("rejected", std::int64_t{0})};
    }
    return p;
}

namespace {

Result<std::string> load_text_item(const Store& store, const char* name) {
    auto bytes = store.get_sealed(name);
    if (!bytes) return std::unexpected(bytes.error());
    if (!*bytes) return fail(ErrorKind::NotFound, std::string("no item ") + name);
    return std::string((*bytes)->begin(), (*bytes)->end());
}

Result<void> save_text_item(Store& store, const char* name, const std::string& text) {
    const Bytes bytes(text.begin(), text.end());
    return store.put_sealed(name, bytes);
}

}  // namespace

Result<Profile> load_profile(const Store& store) {
    auto text = load_text_item(store, kProfileItem);
    if (!text) return std::unexpected(text.error().with_context("read profile"));
    return profile_from_json(*text);
}

Result<void> save_profile(Store& store, const Profile& profile) {
    return with_context(save_text_item(store, kProfileItem, profile_to_json(profile)),
                        "save profile");
}

Result<std::string> load_registry_text(const Store& store) {
    auto text = load_text_item(store, kRegistryItem);
    if (!text && text.error().kind == ErrorKind::NotFound) return std::string();
    return text;
}

Result<void> save_registry_text(Store& store, const std::string& csv) {
    return with_context(save_text_item(store, kRegistryItem, csv), "save registry");
}

}  // namespace c5::surveyor
