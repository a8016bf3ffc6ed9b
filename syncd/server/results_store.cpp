// Scoring touched units from merged records and storing the results.
#include "syncd/server/results_store.hpp"

#include <map>

#include "core/scoring/evaluate.hpp"
#include "core/text/timestamp.hpp"
#include "syncd/server/result_json.hpp"
#include "syncd/server/score_inputs.hpp"
#include "syncd/server/sealing.hpp"

namespace c5::syncd {
namespace {

Result<Statement> prepare_store(Database& db) {
    return db.prepare(
        "INSERT INTO results (unit_code, level, result_json, data_version, computed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit_code) DO UPDATE SET level = ?2, "
        "result_json = ?3, data_version = ?4, computed_at = ?5");
}

Result<void> store_result(Statement& upsert, const UnitResult& result, std::int64_t data_version) {
    upsert.reset();
    upsert.bind(1, result.unit_code)
        .bind(2, unit_level_name(result.level))
        .bind(3, unit_result_to_json(result).dump())
        .bind(4, data_version)
        .bind(5, result.computed_at);
    return upsert.run();
}

// The checklist scoring uses when several exist for one unit: the newest created, as
// evaluate_all keeps the last one it reads.
const FormRecord* pick_checklist(const std::vector<FormRecord>& checklists) {
    return checklists.empty() ? nullptr : &checklists.back();
}

std::vector<const FormRecord*> pointers_to(const std::vector<FormRecord>& records) {
    std::vector<const FormRecord*> pointers;
    pointers.reserve(records.size());
    for (const FormRecord& r : records) pointers.push_back(&r);
    return pointers;
}

// Scores one unit; a ward's households come from the scoring inputs, not the sealed records.
Result<UnitResult> evaluate_unit(Database& db, const ServerContext& ctx,
                                 const ScoreInputLayout& layout, const Registry& registry,
                                 const Unit& unit, const EvaluationStamp& stamp) {
    const Definitions& defs = ctx.definitions;
    auto checklists =
        merged_records(db, ctx.keys.data_key, defs.checklist_form(unit.level), unit.code, false);
    if (!checklists) return std::unexpected(checklists.error());
    if (unit.level == UnitLevel::District) {
        return evaluate_district(defs.criteria, unit, pick_checklist(*checklists), stamp);
    }
    auto households = unit_score_inputs(db, layout, unit.code);
    if (!households) return std::unexpected(households.error());
    return evaluate_ward(defs.criteria, registry, unit, pick_checklist(*checklists),
                         pointers_to(*households), stamp);
}

// Every live checklist of the criteria, the one scoring uses per unit (the last by record
// id, as pick_checklist picks), keyed by form and unit.
Result<std::map<std::pair<std::string, std::string>, FormRecord>> checklists_by_unit(
    Database& db, const ServerContext& ctx) {
    std::map<std::pair<std::string, std::string>, FormRecord> out;
    for (UnitLevel level : {UnitLevel::Ward, UnitLevel::District}) {
        const std::string form = ctx.definitions.checklist_form(level);
        auto records = merged_records(db, ctx.keys.data_key, form, "", false);
        if (!records) return std::unexpected(records.error());
        for (FormRecord& r : *records) out[{form, r.unit_code}] = std::move(r);
    }
    return out;
}

}  // namespace

Result<std::vector<FormRecord>> merged_records(Database& db, const SecretKey& key,
                                               const std::string& form,
                                               const std::string& unit_code, bool include_deleted) {
    std::vector<FormRecord> out;
    if (form.empty()) return out;
    // Two statements, not one with "?2 = '' OR unit_code = ?2": SQLite cannot use the
    // (form, unit_code) index for that, and one ward's rescore would read every record of
    // the province.
    auto select = db.prepare(
        unit_code.empty()
            ? "SELECT record_id, sealed_state FROM records WHERE form = ?1 AND "
              "(?3 OR deleted = 0) ORDER BY record_id"
            : "SELECT record_id, sealed_state FROM records WHERE form = ?1 AND unit_code = ?2 "
              "AND (?3 OR deleted = 0) ORDER BY record_id");
    if (!select) return std::unexpected(select.error());
    select->bind(1, form).bind(3, std::int64_t{include_deleted ? 1 : 0});
    if (!unit_code.empty()) select->bind(2, unit_code);
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        RecordId id;
        const Bytes bytes = select->column_blob(0);
        std::copy_n(bytes.begin(), std::min<std::size_t>(bytes.size(), 16), id.bytes.begin());
        auto record = open_record_state(key, id, select->column_blob(1));
        if (!record) return std::unexpected(record.error());
        out.push_back(record->flatten());
    }
    return out;
}

Result<void> recompute_results(Database& db, const ServerContext& ctx,
                               const std::set<std::string>& unit_codes, std::int64_t data_version) {
    auto layout = ensure_score_inputs(db, ctx);
    if (!layout) return std::unexpected(layout.error());
    auto registry = ctx.registry_cache->get(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) return {};
    auto upsert = prepare_store(db);
    if (!upsert) return std::unexpected(upsert.error());
    const EvaluationStamp stamp{format_timestamp_utc(ctx.now_ms() / 1000),
                                std::to_string(data_version)};
    for (const std::string& code : unit_codes) {
        const Unit* unit = (*registry)->find(code);
        if (!unit || (unit->level != UnitLevel::Ward && unit->level != UnitLevel::District)) {
            continue;
        }
        auto result = evaluate_unit(db, ctx, *layout, **registry, *unit, stamp);
        if (!result) return std::unexpected(result.error());
        if (auto r = store_result(*upsert, *result, data_version); !r) return r;
    }
    return {};
}

Result<void> recompute_all_results(Database& db, const ServerContext& ctx) {
    auto layout = ensure_score_inputs(db, ctx);
    if (!layout) return std::unexpected(layout.error());
    auto registry = ctx.registry_cache->get(db);
    if (!registry) return std::unexpected(registry.error());
    if (auto r = db.exec("DELETE FROM results"); !r) return r;
    if (!*registry) return {};
    const Registry& units = **registry;
    auto seq = db.query_int("SELECT coalesce(max(seq), 0) FROM change_log");
    if (!seq) return std::unexpected(seq.error());
    auto checklists = checklists_by_unit(db, ctx);
    if (!checklists) return std::unexpected(checklists.error());
    auto upsert = prepare_store(db);
    if (!upsert) return std::unexpected(upsert.error());
    const EvaluationStamp stamp{format_timestamp_utc(ctx.now_ms() / 1000), std::to_string(*seq)};
    const CriteriaDef& criteria = ctx.definitions.criteria;
    const auto checklist_of = [&](const Unit& unit) -> const FormRecord* {
        auto it = checklists->find({ctx.definitions.checklist_form(unit.level), unit.code});
        return it == checklists->end() ? nullptr : &it->second;
    };
    const auto score_ward = [&](const Unit& ward, const std::vector<FormRecord>& households) {
        return store_result(*upsert,
                            evaluate_ward(criteria, units, ward, checklist_of(ward),
                                          pointers_to(households), stamp),
                            *seq);
    };

    // One ordered scan of the scoring inputs, one ward in memory at a time.
    std::set<std::string> scored;
    auto scanned = scan_score_inputs(
        db, *layout,
        [&](const std::string& code, std::vector<FormRecord>& households) -> Result<void> {
            const Unit* unit = units.find(code);
            if (!unit || unit->level != UnitLevel::Ward) return {};
            scored.insert(code);
            return score_ward(*unit, households);
        });
    if (!scanned) return scanned;

    // Wards without a household yet, and districts.
    for (const Unit& unit : units.units()) {
        Result<void> stored;
        if (unit.level == UnitLevel::Ward && !scored.contains(unit.code)) {
            stored = score_ward(unit, {});
        } else if (unit.level == UnitLevel::District) {
            stored = store_result(
                *upsert, evaluate_district(criteria, unit, checklist_of(unit), stamp), *seq);
        }
        if (!stored) return stored;
    }
    return {};
}

Result<std::vector<UnitResult>> stored_results(Database& db) {
    auto registry = load_registry(db);
    if (!registry) return std::unexpected(registry.error());
    if (!*registry) return fail(ErrorKind::NotFound, "no registry imported yet");
    return stored_results(db, **registry);
}

Result<std::vector<UnitResult>> stored_results(Database& db, const Registry& registry) {
    auto select = db.prepare("SELECT result_json FROM results WHERE unit_code = ?");
    if (!select) return std::unexpected(select.error());
    std::vector<UnitResult> out;
    for (const Unit& unit : registry.units()) {
        if (unit.level != UnitLevel::Ward && unit.level != UnitLevel::District) continue;
        select->reset();
        select->bind(1, unit.code);
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorKind::NotFound,
                        "no stored result for unit " + unit.code + " (run `syncd rescore`)");
        auto json = nlohmann::json::parse(select->column_text(0), nullptr, false);
        auto result = unit_result_from_json(json);
        if (!result) return std::unexpected(result.error().with_context("unit " + unit.code));
        out.push_back(std::move(*result));
    }
    return out;
}

}  // namespace c5::syncd
