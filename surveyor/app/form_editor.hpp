// A form being filled in: what was typed in each question, parsed into values on the fly so
// that hidden questions and inline messages follow every keystroke. Drawn by screens/form;
// knows nothing of ImGui.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/forms/validation.hpp"
#include "core/store/store.hpp"

namespace c5::surveyor {

struct FormEditor {
    std::string form_id;
    RecordId record_id;  // minted when a new record is opened, so every save names it
    std::uint64_t serial = 0;  // which opening of a form this is, to match late results
    std::string unit_code;
    ReviewStatus status = ReviewStatus::Draft;
    std::string review_comment;
    std::vector<FieldConflict> conflicts;
    std::map<std::string, std::string> text;  // per field, what is typed
    bool dirty = false;           // changed since the last save
    std::uint64_t edits = 0;      // counts answers set, to tell edits made while saving
    bool saving = false;          // a save is on its way to the store
    bool tried_complete = false;  // show "not answered" too, after asking to complete
    std::vector<FieldIssue> issues;
    std::string focus_field;      // the question to put the cursor in next frame
    // Move the cursor `focus_step` questions on from `focus_from` (-1: back) once the
    // questions that apply are known again: an answer typed just before Tab may show or
    // hide the next ones.
    std::string focus_from;
    int focus_step = 0;
    std::int64_t saved_at_ms = 0;
};

// Text for a value as the form screen shows it in its input: "1"/"0" for yes/no, the
// choice's number (from 1) for a choice, digits, or the text.
std::string format_value(const FieldDef& field, const Value& value);

// The value typed text stands for: empty text is an empty value; nullopt when the text
// cannot be read as the field's type (the message says so inline).
std::optional<Value> parse_text(const FieldDef& field, const std::string& text);

// Normalises one typed answer to a yes/no question: c/y/1/t -> "1", k/n/0/f -> "0";
// nullopt for anything else.
std::optional<std::string> yes_no_key(char key);

FormEditor new_editor(const Form& form, const std::string& unit_code,
                      const std::map<std::string, Value>& defaults);
FormEditor editor_for(const Form& form, const StoredRecord& stored);

// The values as typed (unparseable answers left out).
std::map<std::string, Value> editor_values(const Form& form, const FormEditor& editor);

// Recomputes editor.issues: unreadable answers, then the form's checks (as a completed
// record once the person asked to complete it).
void refresh_issues(const Form& form, FormEditor& editor);

// Sets one answer, marks the editor dirty and refreshes the messages.
void set_answer(const Form& form, FormEditor& editor, const std::string& field,
                std::string text);

// The first message about a field, or nullptr.
const FieldIssue* issue_for(const FormEditor& editor, const std::string& field);

// The relevant fields in form order: the questions on screen right now.
std::vector<const FieldDef*> visible_fields(const Form& form, const FormEditor& editor);

}  // namespace c5::surveyor
