// What every part of syncd shares once the server is unlocked: where its data lives, its
// keys, the form and criteria definitions, and its clock. Read-only after open_server, so
// request threads share one without locks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/forms/form.hpp"
#include "core/merge/stamp.hpp"
#include "core/registry/registry.hpp"
#include "core/scoring/criteria.hpp"
#include "syncd/server/database.hpp"
#include "syncd/server/registry_cache.hpp"
#include "syncd/server/server_keys.hpp"

namespace c5::syncd {

struct ServerOptions {
    std::filesystem::path data_dir;
    std::string forms_dir;      // folder of form definitions
    std::string criteria_file;  // criteria definition JSON
    Clock clock;                // the system clock when empty
    std::int64_t max_clock_skew_ms = kDefaultMaxClockSkewMs;
};

struct Definitions {
    std::map<std::string, Form> forms;
    CriteriaDef criteria;
    nlohmann::json forms_json = nlohmann::json::object();  // as sent at enrolment
    nlohmann::json criteria_json = nlohmann::json::object();

    // The checklist form of a level ("ward_checklist"), or "" when the criteria have none.
    std::string checklist_form(UnitLevel level) const;
};

struct ServerContext {
    ServerOptions options;
    ServerKeys keys;
    Definitions definitions;
    // Shared by the copies of a context, so every request thread parses a registry once.
    std::shared_ptr<RegistryCache> registry_cache = std::make_shared<RegistryCache>();

    std::filesystem::path database_file() const { return options.data_dir / "syncd.db"; }
    std::int64_t now_ms() const { return options.clock(); }
    // A new connection to the database (one per thread). Errors: as Database::open.
    [[nodiscard]] Result<Database> connect() const;
};

// The database file inside a data folder.
std::filesystem::path database_file_in(const std::filesystem::path& data_dir);

// Loads and cross-checks the forms and criteria. Errors: InvalidInput naming file and path.
[[nodiscard]] Result<Definitions> load_definitions(const std::string& forms_dir,
                                                   const std::string& criteria_file);

// Opens the database of an initialised data folder, unlocks the keys and loads the
// definitions. Errors: NotFound (not initialised), WrongPassphrase, InvalidInput, Io.
[[nodiscard]] Result<ServerContext> open_server(ServerOptions options, std::string_view passphrase);

// The stored registry, or nullopt before `syncd import-registry`. Errors: Damaged, Io.
[[nodiscard]] Result<std::optional<Registry>> load_registry(Database& db);
// The registry parsed from its stored CSV text. Errors: Damaged.
[[nodiscard]] Result<Registry> parse_stored_registry(std::string_view csv_text);
// The registry CSV text as imported ("" when none). Errors: Io.
[[nodiscard]] Result<std::string> load_registry_csv(Database& db);

// Appends an audit row. `detail` must hold no personal value. Errors: Io.
[[nodiscard]] Result<void> append_audit(Database& db, std::int64_t at_ms, std::string_view action,
                                        std::string_view actor, std::string_view detail);

}  // namespace c5::syncd
