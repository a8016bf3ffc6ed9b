// The app state's construction and the screen names.
#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

namespace {
constexpr const char* kScreenNames[] = {"first_run", "unlock", "home",   "form",
                                        "results",   "sync",   "review", "settings"};
}

const char* screen_name(Screen screen) {
    return kScreenNames[static_cast<int>(screen)];
}

std::optional<Screen> parse_screen(const std::string& name) {
    for (int i = 0; i < 8; ++i)
        if (name == kScreenNames[i]) return static_cast<Screen>(i);
    return std::nullopt;
}

AppState::AppState(AppConfig cfg)
    : config(std::move(cfg)), worker(std::make_unique<Worker>(queue)) {
    if (config.forms_dir.empty()) config.forms_dir = default_forms_dir();
    settings = load_settings(settings_path(config.store_path));
}

AppState::~AppState() {
    worker.reset();  // runs what is still queued (a last save), then closes the store
}

}  // namespace c5::surveyor
