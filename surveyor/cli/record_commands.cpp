// edit, settle, conflicts and review --approve-completed: what the form and review screens
// do to one record (or to every completed one), from a shell.
#include "surveyor/cli/record_commands.hpp"

#include <algorithm>
#include <cstdio>

#include "surveyor/app/actions.hpp"
#include "surveyor/app/form_editor.hpp"

namespace c5::surveyor {

namespace {

Error invalid(std::string message) {
    return Error{ErrorKind::InvalidInput, std::move(message)};
}

// The record a command names: by id, or by a household code that has one record here.
Result<StoredRecord> find_record(const Session& session, const std::string& text) {
    if (auto id = parse_record_id(text)) return session.store.get(*id);
    std::vector<RecordRow> found;
    for (const RecordRow& row : list_rows(session))
        if (row.form == "household" && row.household_code == text) found.push_back(row);
    if (found.empty())
        return fail(ErrorKind::NotFound, "no record or household " + text + " on this laptop");
    if (found.size() > 1) {
        return std::unexpected(invalid("household " + text + " has " +
                                       std::to_string(found.size()) +
                                       " records: name one by its id (surveyor list)"));
    }
    return session.store.get(found.front().id);
}

// The value typed for a field of the record's form. The text is not repeated in the
// message: it may be a name typed into the wrong field.
Result<std::pair<std::string, Value>> read_answer(const Form& form, const std::string& field,
                                                  const std::string& text) {
    const FieldDef* def = nullptr;
    for (const FieldDef& f : form.fields)
        if (f.id == field) def = &f;
    if (!def) return std::unexpected(invalid("form " + form.id + " has no field '" + field + "'"));
    auto value = parse_text(*def, text);
    if (!value) {
        return std::unexpected(
            invalid("field '" + field + "': the value is not a " + field_type_name(def->type)));
    }
    return std::pair{field, std::move(*value)};
}

const char* status_word(ReviewStatus status) {
    return review_status_name(status);
}

}  // namespace

int cmd_edit(const HeadlessOptions& opt, const RecordCommandOptions& rc) {
    int status = 0;
    auto session = open_command_store("edit", opt, status);
    if (!session) return status;
    auto stored = find_record(*session, rc.record);
    if (!stored) return refuse_command("edit", stored.error());
    const Form* form = session->catalog->form(stored->record.form);
    if (!form) return refuse_command("edit", invalid("no form " + stored->record.form));

    // Every answer is read before anything is saved, so a bad one changes nothing.
    std::map<std::string, Value> values = stored->record.values;
    for (const std::string& answer : rc.answers) {
        const auto equals = answer.find('=');
        if (equals == std::string::npos || equals == 0)
            return refuse_command("edit", invalid("give answers as field=value"));
        auto read = read_answer(*form, answer.substr(0, equals), answer.substr(equals + 1));
        if (!read) return refuse_command("edit", read.error());
        values[read->first] = std::move(read->second);
    }

    auto id = parse_record_id(stored->record.record_id);
    if (!id) return refuse_command("edit", id.error());
    SaveRequest request{*id, form->id, stored->record.unit_code, std::move(values), rc.complete};
    auto saved = save_record(*session, request);
    if (!saved) return refuse_command("edit", saved.error());

    std::string fields;
    for (const std::string& f : saved->changed_fields) fields += (fields.empty() ? "" : ", ") + f;
    std::printf("saved %s: %s; status %s\n", to_string(saved->record_id).c_str(),
                fields.empty() ? "nothing changed" : ("changed " + fields).c_str(),
                status_word(saved->status));
    for (const FieldIssue& issue : saved->issues)
        std::fprintf(stderr, "  %s: %s\n", issue.field.c_str(), issue.message.en.c_str());
    return saved->issues.empty() ? 0 : 1;
}

int cmd_settle(const HeadlessOptions& opt, const RecordCommandOptions& rc) {
    int status = 0;
    auto session = open_command_store("settle", opt, status);
    if (!session) return status;
    auto stored = find_record(*session, rc.record);
    if (!stored) return refuse_command("settle", stored.error());
    const Form* form = session->catalog->form(stored->record.form);
    if (!form) return refuse_command("settle", invalid("no form " + stored->record.form));
    const bool has_conflict =
        std::any_of(stored->conflicts.begin(), stored->conflicts.end(),
                    [&](const FieldConflict& c) { return c.field == rc.field; });
    if (!has_conflict) {
        return refuse_command("settle", invalid("record " + stored->record.record_id +
                                                " has no conflict on field '" + rc.field + "'"));
    }
    auto chosen = read_answer(*form, rc.field, rc.value);
    if (!chosen) return refuse_command("settle", chosen.error());
    auto id = parse_record_id(stored->record.record_id);
    if (!id) return refuse_command("settle", id.error());
    if (auto done = settle_field(*session, *id, rc.field, chosen->second); !done)
        return refuse_command("settle", done.error());
    std::printf("settled field %s of %s\n", rc.field.c_str(), stored->record.record_id.c_str());
    return 0;
}

int cmd_conflicts(const HeadlessOptions& opt) {
    int status = 0;
    auto session = open_command_store("conflicts", opt, status);
    if (!session) return status;
    for (const StoredRecord& s : session->store.list().records) {
        for (const FieldConflict& c : s.conflicts) {
            std::printf("%s %s %s field %s:\n", s.record.record_id.c_str(),
                        s.record.unit_code.c_str(),
                        to_display(s.record.get("household_code")).c_str(), c.field.c_str());
            std::printf("  shown:  %s (device %s)\n", to_display(c.winner.value).c_str(),
                        c.winner.device_id.c_str());
            for (const FieldChange& loser : c.losers) {
                std::printf("  also:   %s (device %s)\n", to_display(loser.value).c_str(),
                            loser.device_id.c_str());
            }
        }
    }
    return 0;
}

int cmd_approve_completed(const HeadlessOptions& opt) {
    int status = 0;
    auto session = open_command_store("review", opt, status);
    if (!session) return status;
    std::size_t approved = 0;
    std::size_t conflicted = 0;
    // One transaction for all of them: a ward's worth of approvals commits at once.
    auto done = session->store.batch([&](Store&) -> Result<void> {
        for (const RecordRow& row : list_rows(*session)) {
            if (row.status != ReviewStatus::Completed) continue;
            if (row.conflict) {
                ++conflicted;
                continue;
            }
            if (auto ok = approve_record(*session, row.id); !ok) return ok;
            ++approved;
        }
        return {};
    });
    if (!done) return refuse_command("review", done.error());
    std::printf("approved %zu completed records", approved);
    if (conflicted) std::printf("; %zu with a conflict left to settle first", conflicted);
    std::printf("\n");
    return 0;
}

}  // namespace c5::surveyor
