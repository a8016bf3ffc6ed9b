// What the screens ask for. Each command changes the state at once where it can and hands
// anything that touches the store to the worker; the outcome comes back through the main
// queue (pump) and shows on the next frame.
#pragma once

#include <cstdint>

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

// Chooses the first screen: first run when there is no store file, else unlock.
void start(AppState& state);

// Runs the tasks the worker sent back, and locks after the idle time. `now_ms` is the wall
// clock; `had_input` says whether the person did something since the last call.
void pump(AppState& state, std::int64_t now_ms, bool had_input);

// Waits for the worker, then runs what it sent back: for tests and the headless commands.
void settle(AppState& state);

// First run: checks the input and creates the store (and enrols, when asked).
void submit_first_run(AppState& state);
void unlock(AppState& state);
// Saves an open form as a draft, closes the store, forgets the records.
void lock(AppState& state);

void open_new_household(AppState& state);
// The unit's checklist: the existing one, or a new one.
void open_checklist(AppState& state);
void open_record(AppState& state, const RecordId& id);
// Saves the open form: as a draft, or asking to mark it completed.
void save_form(AppState& state, bool complete);
// Saves a dirty form as a draft and goes back home.
void close_form(AppState& state);

void show_results(AppState& state);
void show_review(AppState& state);
void open_for_review(AppState& state, const RecordId& id);
void approve(AppState& state);
void reject(AppState& state);
void settle_conflict(AppState& state, const std::string& field, const Value& value);

void show_sync(AppState& state);
// Enrols a store made offline with the server and code typed on the Sync screen.
void enrol_now(AppState& state);

// Puts the state on a screen by name for a screenshot (first_run, unlock, home, form,
// checklist, results, sync, review, settings), waiting for what the screen loads.
void prepare_screen(AppState& state, const std::string& name);

void set_language(AppState& state, Language language);
void set_ui_scale(AppState& state, float scale);
void set_idle_lock(AppState& state, int minutes);

// After state.rows changed: the group progress now, the list's order and filter before the
// next draw.
void rows_changed(AppState& state);

// Records of the household list, recomputed when the search, group or filter changed.
const std::vector<std::size_t>& visible_households(AppState& state);

// The label of a row's state in the current language.
const char* state_label(const AppState& state, StatusFilter s);

// How strong a passphrase looks, 0 (too short) to 3 (strong), with its hint.
int passphrase_strength(const std::string& passphrase);
const Tr& passphrase_hint(int strength);

}  // namespace c5::surveyor
