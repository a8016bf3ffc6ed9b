// Settings of this laptop that are not secret and are needed before unlocking: language,
// interface size, idle lock. A small JSON file beside the store.
#pragma once

#include <filesystem>

#include "core/forms/label.hpp"

namespace c5::surveyor {

struct Settings {
    Language language = Language::Vi;
    float ui_scale = 1.0f;       // 0.75 … 2.0
    int idle_lock_minutes = 10;  // 0: never
};

// "<store>.settings.json".
std::filesystem::path settings_path(const std::filesystem::path& store_path);

// Missing or unreadable files give the defaults.
Settings load_settings(const std::filesystem::path& file);
// Returns false when the file cannot be written (the settings still apply this session).
bool save_settings(const std::filesystem::path& file, const Settings& settings);

}  // namespace c5::surveyor
