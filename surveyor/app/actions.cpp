// The surveyor's actions on an unlocked store.
#include "surveyor/app/actions.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/crypto/recovery_key.hpp"
#include "core/io/interchange.hpp"
#include "core/scoring/evaluate.hpp"
#include "core/sync/sync_client.hpp"
#include "core/text/timestamp.hpp"

namespace c5::surveyor {

namespace {

std::string random_hex(std::size_t bytes) {
    const SecretKey random = SecretKey::random();
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes && i < SecretKey::kSize; ++i) {
        out.push_back(kDigits[random.data()[i] >> 4]);
        out.push_back(kDigits[random.data()[i] & 15]);
    }
    return out;
}

Error import_error(const ImportIssues& issues) {
    std::string message = "the file was refused (" + std::to_string(issues.size()) +
                          (issues.size() == 1 ? " problem" : " problems") + "); nothing saved";
    for (std::size_t i = 0; i < issues.size() && i < 20; ++i)
        message += "\n  " + issues[i].to_string();
    if (issues.size() > 20) message += "\n  …";
    return Error{ErrorKind::InvalidInput, message};
}

// Whether a filter list takes `code`: an empty list takes everything.
bool taken(const std::vector<std::string>& wanted, const std::string& code) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), code) != wanted.end();
}

// Whether this laptop works on `unit`: one of its units or a ward of one of them. Rows of
// other units would only be refused by the server at the next sync, so an import leaves them
// out and counts them instead. A province laptop, or one with no unit yet, takes every row.
bool laptop_covers(const Session& session, const std::string& unit) {
    const Profile& profile = session.profile;
    if (profile.role == Role::Province || taken(profile.units, unit)) return true;
    const Unit* found = session.catalog->registry.find(unit);
    return found && taken(profile.units, found->parent_code);
}

std::string text_of(const Value& value) {
    const auto* text = std::get_if<std::string>(&value);
    return text ? *text : std::string();
}

bool may_review(const Session& session) {
    return session.profile.role != Role::Surveyor;
}

// The household records of a ward, or every record of a form and unit.
std::vector<StoredRecord> records_of(const Session& session, const std::string& form,
                                     const std::string& unit) {
    return session.store.list(ListFilter{form, unit, false}).records;
}

}  // namespace

Result<CreateOutcome> create_store(const CreateStoreRequest& request) {
    std::string recovery_secret;
    RecoveryPublicKey recovery;
    if (request.recovery_key.empty()) {
        const RecoveryKeyPair pair = generate_recovery_key_pair();
        recovery = pair.public_key;
        recovery_secret = encode_recovery_secret_key(pair.secret_key);
    } else {
        auto key = decode_recovery_public_key(request.recovery_key);
        if (!key) return std::unexpected(key.error().with_context("create store: recovery key"));
        recovery = *key;
    }

    auto catalog = load_catalog(request.forms_dir, request.registry_csv);
    if (!catalog) return std::unexpected(catalog.error().with_context("create store"));
    if (!request.unit_code.empty() && !catalog->registry.find(request.unit_code)) {
        return fail(ErrorKind::InvalidInput,
                    "create store: unit " + request.unit_code + " is not in the registry");
    }

    const std::string device_id =
        request.device_id.empty() ? "local-" + random_hex(8) : request.device_id;
    auto store =
        Store::create(request.path, request.passphrase, recovery, device_id, request.options);
    if (!store) return std::unexpected(store.error());

    Profile profile;
    profile.user_name = request.user_name;
    profile.device_name = request.device_name;
    profile.role = request.role;
    if (!request.unit_code.empty()) profile.units.push_back(request.unit_code);
    if (auto saved = save_profile(*store, profile); !saved)
        return std::unexpected(saved.error().with_context("create store"));
    if (auto saved = save_registry_text(*store, request.registry_csv); !saved)
        return std::unexpected(saved.error().with_context("create store"));

    return CreateOutcome{Session{std::move(*store), std::move(profile),
                                 std::make_shared<const Catalog>(std::move(*catalog)), request.path,
                                 request.forms_dir},
                         std::move(recovery_secret)};
}

Result<Session> open_session(const std::filesystem::path& path, std::string_view passphrase,
                             const std::filesystem::path& forms_dir, StoreOptions options) {
    auto store = Store::open(path, passphrase, std::move(options));
    if (!store) return std::unexpected(store.error());
    auto profile = load_profile(*store);
    if (!profile && profile.error().kind != ErrorKind::NotFound)
        return std::unexpected(profile.error());
    auto registry = load_registry_text(*store);
    if (!registry) return std::unexpected(registry.error());
    auto catalog = load_store_catalog(*store, forms_dir, *registry);
    if (!catalog) return std::unexpected(catalog.error());
    return Session{std::move(*store), profile ? std::move(*profile) : Profile{},
                   std::make_shared<const Catalog>(std::move(*catalog)), path, forms_dir};
}

std::vector<RecordRow> list_rows(const Session& session) {
    const RecordList list = session.store.list();
    const auto& units = session.profile.units;
    std::vector<RecordRow> rows;
    rows.reserve(list.records.size());
    for (const StoredRecord& stored : list.records) {
        const bool mine = units.empty() || std::find(units.begin(), units.end(),
                                                     stored.record.unit_code) != units.end();
        if (mine) rows.push_back(make_row(stored));
    }
    return rows;
}

std::map<std::string, Value> applicable_values(const Form& form,
                                               std::map<std::string, Value> values) {
    for (const FieldDef& field : form.fields) {
        if (!is_relevant(field, values)) values.erase(field.id);
    }
    std::erase_if(values, [](const auto& entry) { return is_empty(entry.second); });
    return values;
}

std::vector<FieldIssue> check_record(const Session& session, const SaveRequest& request,
                                     Completeness completeness) {
    const Form* form = session.catalog->form(request.form);
    if (!form) return {};
    const auto values = applicable_values(*form, request.values);
    std::vector<FieldIssue> issues = validate_values(*form, values, completeness);
    const auto code = values.find("household_code");
    if (request.form != "household" || code == values.end()) return issues;
    // Asked of the store's merged values, not of a listing: this runs on every save.
    const auto same_code =
        session.store.find_by_value("household", request.unit_code, "household_code", code->second);
    const bool used = std::any_of(same_code.begin(), same_code.end(), [&](const RecordId& id) {
        return !request.record_id || id != *request.record_id;
    });
    if (used) {
        issues.push_back(
            {"household_code",
             {"Mã hộ này đã có trong phường", "This code is already used in the ward"}});
    }
    return issues;
}

namespace {

// The edit, then the status it leads to; save_record runs both in one transaction.
Result<SaveOutcome> save_with_status(Session& session, const Form* form,
                                     const SaveRequest& request) {
    RecordEdit edit;
    edit.record_id = request.record_id;
    edit.form = form->id;
    edit.form_version = form->version;
    edit.unit_code = request.unit_code;
    const auto values = applicable_values(*form, request.values);
    for (const FieldDef& field : form->fields) {
        auto it = values.find(field.id);
        edit.values[field.id] = it == values.end() ? Value{} : it->second;
    }
    if (auto ward = values.find("ward_code"); ward != values.end()) {
        if (const auto* s = std::get_if<std::string>(&ward->second); s && !s->empty())
            edit.unit_code = *s;
    }
    auto saved = session.store.save(edit);
    if (!saved) return std::unexpected(saved.error().with_context("save record"));

    SaveOutcome outcome;
    outcome.record_id = saved->record_id;
    outcome.changed_fields = saved->changed_fields;
    auto stored = session.store.get(saved->record_id);
    if (!stored) return std::unexpected(stored.error().with_context("save record"));
    outcome.status = stored->status;

    SaveRequest checked = request;
    checked.record_id = saved->record_id;
    checked.unit_code = edit.unit_code;
    ReviewStatus wanted = outcome.status;
    if (request.complete) {
        outcome.issues = check_record(session, checked, Completeness::Complete);
        wanted = outcome.issues.empty()                     ? ReviewStatus::Completed
                 : outcome.status == ReviewStatus::Rejected ? ReviewStatus::Rejected
                                                            : ReviewStatus::Draft;
    } else if (!saved->changed_fields.empty() && outcome.status != ReviewStatus::Rejected) {
        wanted = ReviewStatus::Draft;  // an edit reopens a completed or approved record
    }
    if (wanted != outcome.status) {
        if (auto set = session.store.set_status(saved->record_id, wanted); !set)
            return std::unexpected(set.error().with_context("save record"));
        outcome.status = wanted;
    }
    return outcome;
}

}  // namespace

Result<SaveOutcome> save_record(Session& session, const SaveRequest& request) {
    const Form* form = session.catalog->form(request.form);
    if (!form) return fail(ErrorKind::InvalidInput, "save: no form " + request.form);

    // Inside an import's batch the import's transaction holds both.
    if (session.store.in_batch()) return save_with_status(session, form, request);
    // One durable commit for the edit and its status, not one each: a save is then one
    // fsync, and a crash between the two cannot leave a completed visit marked draft.
    std::optional<SaveOutcome> outcome;
    auto done = session.store.batch([&](Store&) -> Result<void> {
        auto saved = save_with_status(session, form, request);
        if (!saved) return std::unexpected(saved.error());
        outcome = std::move(*saved);
        return {};
    });
    // The work's own errors come back as they are; a failed commit is named as the save's.
    if (!done)
        return std::unexpected(outcome ? done.error().with_context("save record") : done.error());
    return std::move(*outcome);
}

Result<void> approve_record(Session& session, const RecordId& id) {
    if (!may_review(session))
        return fail(ErrorKind::InvalidInput, "approve: only a supervisor's laptop reviews");
    return with_context(session.store.set_status(id, ReviewStatus::Approved), "approve");
}

Result<void> reject_record(Session& session, const RecordId& id, const std::string& comment) {
    if (!may_review(session))
        return fail(ErrorKind::InvalidInput, "reject: only a supervisor's laptop reviews");
    if (comment.find_first_not_of(" \t\r\n") == std::string::npos)
        return fail(ErrorKind::InvalidInput, "reject: say why the record is returned");
    return with_context(session.store.set_status(id, ReviewStatus::Rejected, comment), "reject");
}

Result<void> settle_field(Session& session, const RecordId& id, const std::string& field,
                          const Value& value) {
    if (!may_review(session))
        return fail(ErrorKind::InvalidInput, "settle: only a supervisor's laptop settles");
    return with_context(session.store.settle_conflict(id, field, value), "settle conflict");
}

Result<UnitReport> compute_report(const Session& session, const std::string& unit_code) {
    const Catalog& catalog = *session.catalog;
    const Unit* unit = catalog.registry.find(unit_code);
    if (!unit)
        return fail(ErrorKind::NotFound, "results: unit " + unit_code + " is not in the registry");
    const AnnexDef* annex = catalog.criteria.annex_for(unit->level);
    if (!annex) return fail(ErrorKind::NotFound, "results: no annex for unit " + unit_code);

    UnitReport report;
    // Of several checklists (two laptops each made one), the newest counts.
    const auto checklists = records_of(session, annex->checklist_form, unit_code);
    const StoredRecord* checklist = nullptr;
    for (const StoredRecord& c : checklists)
        if (!checklist || checklist->newest < c.newest) checklist = &c;
    report.has_checklist = checklist != nullptr;

    const auto households = records_of(session, catalog.criteria.household_form, unit_code);
    std::vector<const FormRecord*> household_ptrs;
    for (const StoredRecord& h : households) household_ptrs.push_back(&h.record);

    const EvaluationStamp stamp{format_timestamp_utc(std::time(nullptr)),
                                "local:" + std::to_string(households.size() + checklists.size())};
    const FormRecord* checklist_record = checklist ? &checklist->record : nullptr;
    report.result = unit->level == UnitLevel::Ward
                        ? evaluate_ward(catalog.criteria, catalog.registry, *unit, checklist_record,
                                        household_ptrs, stamp)
                        : evaluate_district(catalog.criteria, *unit, checklist_record, stamp);

    if (unit->level == UnitLevel::Ward) {
        std::vector<RecordRow> rows;
        for (const StoredRecord& h : households) rows.push_back(make_row(h));
        for (const GroupProgress& g : group_progress(catalog.registry, unit_code, rows)) {
            if (!g.registered || g.visited < *g.registered)
                report.groups_not_done.push_back({g.code, g.name, g.visited, g.registered});
        }
    }
    if (const Form* form = catalog.form(annex->checklist_form); form && checklist) {
        for (const FieldDef& f : form->fields) {
            if (f.required && is_relevant(f, checklist->record.values) &&
                is_empty(checklist->record.get(f.id)))
                report.unanswered.push_back(f.label);
        }
    }
    return report;
}

Result<ImportOutcome> import_households(Session& session, const std::filesystem::path& file,
                                        const ImportFilter& filter) {
    const Form* form = session.catalog->form("household");
    if (!form) return fail(ErrorKind::InvalidInput, "import: no household form");
    auto records = read_household_csv(file, *form, &session.catalog->registry);
    if (!records) return std::unexpected(import_error(records.error()));

    ImportOutcome outcome;
    // One transaction for the file: thousands of rows commit at once, or none does.
    auto saved_all = session.store.batch([&](Store& store) -> Result<void> {
        for (const FormRecord& record : *records) {
            if (!laptop_covers(session, record.unit_code) ||
                !taken(filter.units, record.unit_code) ||
                !taken(filter.groups, text_of(record.get("group")))) {
                ++outcome.skipped;
                continue;
            }
            RecordEdit edit{std::nullopt, form->id, form->version, record.unit_code, record.values};
            if (!record.record_id.empty()) {
                auto id = parse_record_id(record.record_id);
                if (!id) return std::unexpected(id.error().with_context(record.source));
                edit.record_id = *id;
            }
            auto saved = store.save(edit);
            if (!saved)
                return std::unexpected(saved.error().with_context("import " + record.source));
            if (auto set = store.set_status(saved->record_id, ReviewStatus::Completed); !set)
                return std::unexpected(set.error().with_context("import " + record.source));
            ++outcome.records;
            outcome.changed_fields += saved->changed_fields.size();
        }
        return {};
    });
    if (!saved_all) return std::unexpected(saved_all.error());
    return outcome;
}

Result<ImportOutcome> import_checklists(Session& session, const std::filesystem::path& file,
                                        const ImportFilter& filter) {
    auto records = read_checklists_json(file, session.catalog->forms, &session.catalog->registry);
    if (!records) return std::unexpected(import_error(records.error()));

    ImportOutcome outcome;
    auto saved_all = session.store.batch([&](Store&) -> Result<void> {
        for (const FormRecord& record : *records) {
            if (!laptop_covers(session, record.unit_code) ||
                !taken(filter.units, record.unit_code)) {
                ++outcome.skipped;
                continue;
            }
            SaveRequest request{std::nullopt, record.form, record.unit_code, record.values, true};
            const auto existing = records_of(session, record.form, record.unit_code);
            if (!existing.empty()) {
                const FormRecord& current = existing.back().record;
                if (auto id = parse_record_id(current.record_id)) request.record_id = *id;

                // A file that leaves a question out (or gives null) says nothing about it: the
                // answer already in the store stays, as an empty household cell keeps its.
                for (const auto& [field, value] : current.values)
                    request.values.try_emplace(field, value);
            }
            auto saved = save_record(session, request);
            if (!saved)
                return std::unexpected(saved.error().with_context("import " + record.source));
            ++outcome.records;
            outcome.changed_fields += saved->changed_fields.size();
        }
        return {};
    });
    if (!saved_all) return std::unexpected(saved_all.error());
    return outcome;
}

void export_households(const Session& session, std::ostream& out) {
    std::vector<FormRecord> records;
    for (const StoredRecord& s : records_of(session, "household", "")) records.push_back(s.record);
    if (const Form* form = session.catalog->form("household"))
        write_household_csv(out, records, *form);
}

void export_checklists(const Session& session, std::ostream& out) {
    std::vector<FormRecord> records;
    for (const char* form : {"ward_checklist", "district_checklist"})
        for (const StoredRecord& s : records_of(session, form, "")) records.push_back(s.record);
    write_checklists_json(out, records);
}

std::size_t changes_waiting(const Session& session) {
    // Changes the server refused are not waiting to be sent: they are listed apart.
    if (auto status = sync::sync_status(session.store)) return status->waiting;
    auto changes = session.store.unsynced_changes();
    return changes ? changes->size() : 0;
}

std::string local_timestamp_now() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
    const long offset_min = local.tm_gmtoff / 60;
    char zone[48];
    std::snprintf(zone, sizeof zone, "%c%02ld:%02ld", offset_min < 0 ? '-' : '+',
                  std::labs(offset_min) / 60, std::labs(offset_min) % 60);
    return std::string(text) + zone;
}

}  // namespace c5::surveyor
