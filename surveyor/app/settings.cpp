// Reading and writing the settings file.
#include "surveyor/app/settings.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

namespace c5::surveyor {

std::filesystem::path settings_path(const std::filesystem::path& store_path) {
    return store_path.string() + ".settings.json";
}

Settings load_settings(const std::filesystem::path& file) {
    Settings settings;
    std::ifstream in(file);
    if (!in) return settings;
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object()) return settings;
    settings.language = j.value("language", "vi") == "en" ? Language::En : Language::Vi;
    settings.ui_scale = std::clamp(j.value("ui_scale", 1.0f), 0.75f, 2.0f);
    settings.idle_lock_minutes = std::clamp(j.value("idle_lock_minutes", 10), 0, 240);
    return settings;
}

bool save_settings(const std::filesystem::path& file, const Settings& settings) {
    const nlohmann::json j{{"language", settings.language == Language::En ? "en" : "vi"},
                           {"ui_scale", settings.ui_scale},
                           {"idle_lock_minutes", settings.idle_lock_minutes}};
    std::ofstream out(file, std::ios::trunc);
    out << j.dump(2) << '\n';
    return static_cast<bool>(out);
}

}  // namespace c5::surveyor
