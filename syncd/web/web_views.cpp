// Reading results, change times, conflicts and reviews for the results pages.
#include "syncd/web/web_views.hpp"

#include <map>
#include <regex>

#include "core/records/record_id.hpp"
#include "syncd/server/result_json.hpp"
#include "syncd/server/results_store.hpp"

namespace c5::syncd {
namespace {

using nlohmann::json;

// When each unit's data last reached the server (ms), from the change log.
Result<std::map<std::string, std::int64_t>> last_changes(Database& db) {
    auto select =
        db.prepare("SELECT unit_code, max(received_ms) FROM change_log GROUP BY unit_code");
    if (!select) return std::unexpected(select.error());
    std::map<std::string, std::int64_t> out;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out[select->column_text(0)] = select->column_int(1);
    }
    return out;
}

std::string record_id_text(const Bytes& bytes) {
    RecordId id;
    std::copy_n(bytes.begin(), std::min<std::size_t>(bytes.size(), 16), id.bytes.begin());
    return to_string(id);
}

// Household code of each household record of the unit, to name records for a supervisor.
Result<std::map<std::string, std::string>> household_codes(Database& db,
                                                           const ServerContext& ctx,
                                                           const std::string& unit_code) {
    auto records = merged_records(db, ctx.keys.data_key, ctx.definitions.criteria.household_form,
                                  unit_code, true);
    if (!records) return std::unexpected(records.error());
    std::map<std::string, std::string> out;
    for (const FormRecord& r : *records) out[r.record_id] = to_display(r.get("household_code"));
    return out;
}

// Conflicts, records completed but not yet approved, and held changes of one unit.
Result<json> review_json(Database& db, const ServerContext& ctx, const std::string& unit_code,
                         bool with_codes) {
    std::map<std::string, std::string> codes;
    if (with_codes) {
        auto found = household_codes(db, ctx, unit_code);
        if (!found) return std::unexpected(found.error());
        codes = std::move(*found);
    }
    const auto name_of = [&](const std::string& record) {
        auto it = codes.find(record);
        return it == codes.end() ? std::string() : it->second;
    };

    json conflicts = json::array();
    auto select = db.prepare(
        "SELECT c.record_id, c.field, r.form FROM conflicts c JOIN records r USING (record_id) "
        "WHERE c.unit_code = ? ORDER BY c.since_seq");
    if (!select) return std::unexpected(select.error());
    select->bind(1, unit_code);
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const std::string record = record_id_text(select->column_blob(0));
        conflicts.push_back({{"record", record},
                             {"field", select->column_text(1)},
                             {"form", select->column_text(2)},
                             {"household_code", name_of(record)}});
    }

    json waiting = json::array();
    auto pending = db.prepare(
        "SELECT record_id, form FROM records WHERE unit_code = ? AND status = 'completed' "
        "AND deleted = 0 ORDER BY record_id");
    if (!pending) return std::unexpected(pending.error());
    pending->bind(1, unit_code);
    while (true) {
        auto row = pending->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const std::string record = record_id_text(pending->column_blob(0));
        // The province gets the count alone, so the list stays empty for it.
        if (with_codes) {
            waiting.push_back({{"record", record},
                               {"form", pending->column_text(1)},
                               {"household_code", name_of(record)}});
        }
    }
    auto waiting_count = db.prepare(
        "SELECT count(*) FROM records WHERE unit_code = ? AND status = 'completed' AND "
        "deleted = 0");
    if (!waiting_count) return std::unexpected(waiting_count.error());
    waiting_count->bind(1, unit_code);
    if (auto row = waiting_count->step(); !row) return std::unexpected(row.error());

    auto held = db.prepare("SELECT count(*) FROM held_changes WHERE unit_code = ?");
    if (!held) return std::unexpected(held.error());
    held->bind(1, unit_code);
    if (auto row = held->step(); !row) return std::unexpected(row.error());

    return json{{"conflicts", conflicts},
                {"waiting_review", waiting},
                {"waiting_review_count", waiting_count->column_int(0)},
                {"held_changes", held->column_int(0)}};
}

// The province sees how many households lack something, not which: the lists go, and the
// reasons' "(2 hộ: 01-0003, 01-0007)" becomes "(2 hộ)".
void drop_household_codes(json& result) {
    static const std::regex listed(R"(\(([0-9]+) hộ: [^)]*\))");
    for (json& content : result["contents"]) {
        for (json& reason : content["reasons"]) {
            reason = std::regex_replace(reason.get<std::string>(), listed, "($1 hộ)");
        }
    }
    for (json& s : result["shortfalls"]) s["household_codes"] = json::array();
    for (json& d : result["duplicates"]) {
        d["household_code"] = "";
        d["kept_record"] = "";
        d["other_records"] = json::array();
    }
}

}  // namespace

DeviceScope web_scope(const WebUser& user, const Registry* registry) {
    return scope_of(user.role, user.unit_code, registry);
}

bool sees_households(const WebUser& user, const DeviceScope& scope, const std::string& unit) {
    return user.role == Role::Supervisor && user.unit_code == unit && scope.covers(unit);
}

json user_json(const WebUser& user) {
    return {{"name", user.name}, {"role", role_name(user.role)}, {"unit_code", user.unit_code}};
}

Result<std::vector<UnitResult>> visible_results(Database& db, const ServerContext& ctx,
                                                const WebUser& user) {
    auto registry = ctx.registry_cache->get(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) return fail(ErrorKind::NotFound, "no registry imported yet");
    auto results = stored_results(db, **registry);
    if (!results) return std::unexpected(results.error());
    const DeviceScope scope = web_scope(user, registry->get());
    std::erase_if(*results, [&](const UnitResult& r) { return !scope.covers(r.unit_code); });
    return results;
}

Result<json> overview_json(Database& db, const ServerContext& ctx, const WebUser& user) {
    auto registry = ctx.registry_cache->get(db);
    if (!registry) return std::unexpected(registry.error());
    auto results = visible_results(db, ctx, user);
    if (!results) return std::unexpected(results.error());
    auto changed = last_changes(db);
    if (!changed) return std::unexpected(changed.error());

    json units = json::array();
    for (const UnitResult& r : *results) {
        const Unit* unit = (*registry)->find(r.unit_code);
        const Unit* district = nullptr;
        if (unit && r.level == UnitLevel::Ward) district = (*registry)->find(unit->parent_code);
        if (unit && r.level == UnitLevel::District) district = unit;
        json contents = json::array();
        for (const ContentResult& c : r.contents) {
            contents.push_back({{"id", c.id}, {"status", status_name(c.status)}});
        }
        auto last = changed->find(r.unit_code);
        units.push_back({{"code", r.unit_code},
                         {"name", r.unit_name},
                         {"level", unit_level_name(r.level)},
                         {"district_code", district ? district->code : ""},
                         {"district_name", district ? district->name : ""},
                         {"criterion", status_name(r.criterion)},
                         {"contents", contents},
                         {"data_version", r.data_version},
                         {"computed_at", r.computed_at},
                         {"last_change_ms", last == changed->end() ? json(nullptr)
                                                                   : json(last->second)}});
    }
    return json{{"user", user_json(user)}, {"units", units}};
}

// A checklist answer picked from a list is stored as its code ("wired_fm"); the page and
// the printed report show the form's Vietnamese wording for it instead.
void label_choice_values(json& result, const Definitions& defs, UnitLevel level) {
    const AnnexDef* annex = defs.criteria.annex_for(level);
    auto form = defs.forms.find(defs.checklist_form(level));
    if (!annex || form == defs.forms.end() || !result.contains("contents")) return;
    for (json& content : result["contents"]) {
        for (json& item : content["items"]) {
            if (!item.contains("value") || !item["value"].is_string()) continue;
            for (const ContentDef& def : annex->contents) {
                for (const ItemRule& rule : def.items) {
                    if (rule.id != item["id"] || rule.kind != ItemRuleKind::NotIn) continue;
                    const FieldDef* field = form->second.find(rule.field);
                    if (!field) continue;
                    for (const Choice& choice : field->choices) {
                        if (choice.id == item["value"]) item["value"] = choice.label.vi;
                    }
                }
            }
        }
    }
}

Result<std::optional<json>> unit_json(Database& db, const ServerContext& ctx,
                                      const WebUser& user, const std::string& unit_code) {
    auto registry = ctx.registry_cache->get(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) return std::optional<json>();
    const DeviceScope scope = web_scope(user, &**registry);
    const Unit* unit = (**registry).find(unit_code);
    if (!unit || !scope.covers(unit_code) ||
        (unit->level != UnitLevel::Ward && unit->level != UnitLevel::District)) {
        return std::optional<json>();
    }
    auto select = db.prepare("SELECT result_json FROM results WHERE unit_code = ?");
    if (!select) return std::unexpected(select.error());
    select->bind(1, unit_code);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorKind::NotFound, "no stored result for unit " + unit_code);
    json result = json::parse(select->column_text(0), nullptr, false);
    if (result.is_discarded()) return fail(ErrorKind::Damaged, "stored result does not decode");

    const bool with_codes = sees_households(user, scope, unit_code);
    if (!with_codes) drop_household_codes(result);
    label_choice_values(result, ctx.definitions, unit->level);
    auto review = review_json(db, ctx, unit_code, with_codes);
    if (!review) return std::unexpected(review.error());
    auto changed = last_changes(db);
    if (!changed) return std::unexpected(changed.error());
    auto last = changed->find(unit_code);

    const Unit* parent = (**registry).find(unit->parent_code);
    json groups = json::object();
    for (const Unit* g : (**registry).groups_of(unit_code)) groups[g->code] = g->name;
    return std::optional<json>(json{
        {"user", user_json(user)},
        {"sees_households", with_codes},
        {"result", result},
        {"parent_name", parent ? parent->name : ""},
        {"groups", groups},
        {"review", *review},
        {"last_change_ms", last == changed->end() ? json(nullptr) : json(last->second)}});
}

}  // namespace c5::syncd
