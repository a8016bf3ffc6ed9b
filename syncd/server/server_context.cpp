// Opening an initialised server: database, keys, definitions; and the small shared reads.
#include "syncd/server/server_context.hpp"

#include "core/forms/definition_reader.hpp"
#include "core/io/interchange.hpp"

namespace c5::syncd {

namespace fs = std::filesystem;

std::string Definitions::checklist_form(UnitLevel level) const {
    const AnnexDef* annex = criteria.annex_for(level);
    return annex ? annex->checklist_form : std::string();
}

Result<Database> ServerContext::connect() const {
    return Database::open(database_file(), false);
}

fs::path database_file_in(const fs::path& data_dir) {
    return data_dir / "syncd.db";
}

Result<Definitions> load_definitions(const std::string& forms_dir,
                                     const std::string& criteria_file) {
    Definitions defs;
    auto forms = load_forms(forms_dir);
    if (!forms) return std::unexpected(forms.error().with_context("forms"));
    auto criteria = load_criteria(criteria_file);
    if (!criteria) return std::unexpected(criteria.error().with_context("criteria"));
    if (auto checked = check_criteria_against_forms(*criteria, *forms); !checked) {
        return std::unexpected(checked.error());
    }
    defs.forms = std::move(*forms);
    defs.criteria = std::move(*criteria);
    // The definitions travel to devices as the JSON they were read from.
    for (const auto& entry : fs::directory_iterator(forms_dir)) {
        if (entry.path().extension() != ".json" || !entry.is_regular_file()) continue;
        auto text = definition::read_text_file(entry.path());
        if (!text) return std::unexpected(text.error());
        auto json = definition::parse_json(*text, entry.path().filename().string());
        if (!json) return std::unexpected(json.error());
        if (json->contains("form") && (*json)["form"].is_string()) {
            defs.forms_json[(*json)["form"].get<std::string>()] = *json;
        }
    }
    auto text = definition::read_text_file(criteria_file);
    if (!text) return std::unexpected(text.error());
    auto json = definition::parse_json(*text, criteria_file);
    if (!json) return std::unexpected(json.error());
    defs.criteria_json = std::move(*json);
    return defs;
}

Result<ServerContext> open_server(ServerOptions options, std::string_view passphrase) {
    if (!options.clock) options.clock = system_clock();
    auto db = Database::open(database_file_in(options.data_dir), false);
    if (!db) return std::unexpected(db.error());
    auto keys = unlock_server_keys(*db, passphrase);
    if (!keys) return std::unexpected(keys.error());
    auto defs = load_definitions(options.forms_dir, options.criteria_file);
    if (!defs) return std::unexpected(defs.error());
    return ServerContext{std::move(options), std::move(*keys), std::move(*defs)};
}

Result<std::string> load_registry_csv(Database& db) {
    auto row = db.prepare("SELECT csv_text FROM registry WHERE id = 1");
    if (!row) return std::unexpected(row.error());
    auto found = row->step();
    if (!found) return std::unexpected(found.error());
    return *found ? row->column_text(0) : std::string();
}

Result<Registry> parse_stored_registry(std::string_view csv_text) {
    auto registry = parse_registry_csv(csv_text, "registry.csv");
    if (!registry) return fail(ErrorKind::Damaged, "the stored registry no longer reads");
    return std::move(*registry);
}

Result<std::optional<Registry>> load_registry(Database& db) {
    auto text = load_registry_csv(db);
    if (!text) return std::unexpected(text.error());
    if (text->empty()) return std::optional<Registry>();
    auto registry = parse_stored_registry(*text);
    if (!registry) return std::unexpected(registry.error());
    return std::optional<Registry>(std::move(*registry));
}

Result<void> append_audit(Database& db, std::int64_t at_ms, std::string_view action,
                          std::string_view actor, std::string_view detail) {
    auto insert =
        db.prepare("INSERT INTO audit (at_ms, action, actor, detail) VALUES (?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, at_ms).bind(2, action).bind(3, actor).bind(4, detail);
    return insert->run();
}

}  // namespace c5::syncd
