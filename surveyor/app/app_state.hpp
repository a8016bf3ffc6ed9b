// The one state object of the surveyor, built in main(): which screen is up, what the person
// is typing, the records the screens show, and the worker that owns the store. Screens read
// it and call the commands in commands.hpp; nothing else holds mutable state.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "surveyor/app/actions.hpp"
#include "surveyor/app/form_editor.hpp"
#include "surveyor/app/settings.hpp"
#include "surveyor/app/strings.hpp"
#include "surveyor/app/sync_actions.hpp"
#include "surveyor/app/task_queue.hpp"

namespace c5::surveyor {

enum class Screen { FirstRun, Unlock, Home, Form, Results, Sync, Review, Settings };

// "first_run", "unlock", "home", "form", "results", "sync", "review", "settings".
const char* screen_name(Screen screen);
std::optional<Screen> parse_screen(const std::string& name);

struct AppConfig {
    std::filesystem::path store_path;
    std::filesystem::path forms_dir;
    StoreOptions store_options;  // tests use KdfStrength::Minimum
};

// What a notice's one button does.
enum class NoticeAction { Dismiss, RetrySync, RetryUnlock };

// A message in plain words: what happened, with context, and the one thing to do.
struct Notice {
    Label message;
    std::string detail;  // the technical context ("open store: …"), shown small
    Label action = txt::kDismiss.label();
    NoticeAction on_action = NoticeAction::Dismiss;
    bool problem = true;
};

struct FirstRunInput {
    std::string passphrase;
    std::string passphrase_again;
    std::string user_name;
    std::string device_name = "Laptop";
    std::string registry_file;
    std::string ward_code;
    std::string recovery_key;
    bool enrol = false;
    std::string server_url = "http://127.0.0.1:8470";
    std::string enrol_code;
    std::string recovery_secret;  // shown once after creation when the key was made here
};

struct HomeView {
    std::string group;  // "" for every group
    std::string query;
    StatusFilter filter = StatusFilter::All;
    std::vector<std::size_t> visible;  // indices into AppState::rows
    bool stale = true;                 // recompute visible before drawing
    std::vector<std::size_t> order;    // household rows by group and code
    bool order_stale = true;           // the rows changed: order them again
};

struct ReviewView {
    std::optional<StoredRecord> record;  // the record open for review
    std::string comment;
    bool loading = false;
};

struct SyncView {
    std::string server_url = "http://127.0.0.1:8470";  // for enrolling later
    std::string code;
    std::string passphrase;
    bool running = false;
    float progress = 0.0f;
    Label stage;
    std::size_t waiting = 0;  // changes not yet acknowledged by the server
    std::optional<SyncSummary> last;
    std::vector<RecordId> conflicts;
    std::vector<RecordId> rejected;
    // Set by Cancel, read by the worker between two requests; one flag per sync.
    std::shared_ptr<std::atomic<bool>> cancel;
    // Changes the server refused, with its reason; empty until loaded for this session.
    std::optional<std::vector<RefusedChange>> refused;
};

// Set by the drawing helpers when a text does not fit where it is drawn.
struct DebugInfo {
    std::vector<std::string> overflows;
};

struct AppState {
    explicit AppState(AppConfig config);
    ~AppState();
    AppState(const AppState&) = delete;
    AppState& operator=(const AppState&) = delete;

    Language lang() const { return settings.language; }
    const char* tr(const Tr& text) const { return text.in(settings.language); }
    const std::string& tr(const Label& label) const { return label.in(settings.language); }

    AppConfig config;
    Settings settings;
    Screen screen = Screen::Unlock;
    bool unlocked = false;
    std::optional<Label> busy;  // what the worker is doing that the person waits for
    std::optional<Notice> notice;
    std::int64_t last_input_ms = 0;

    FirstRunInput first_run;
    std::string unlock_passphrase;
    std::string import_path;  // typed on the Settings screen

    // Known while unlocked.
    Profile profile;
    std::string device_id;
    std::shared_ptr<const Catalog> catalog;
    std::vector<RecordRow> rows;
    std::vector<GroupProgress> groups;
    HomeView home;
    std::optional<FormEditor> editor;
    std::optional<UnitReport> report;
    ReviewView review;
    SyncView sync;

    DebugInfo debug;

    MainQueue queue;
    std::unique_ptr<Worker> worker;  // after queue: it is stopped first and posts to it
};

}  // namespace c5::surveyor
