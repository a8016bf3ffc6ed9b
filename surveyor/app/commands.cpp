// The commands behind the screens: state changes on the UI thread, store work on the worker.
#include "surveyor/app/commands.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>

#include "core/crypto/secret_key.hpp"
#include "surveyor/app/sync_actions.hpp"

namespace c5::surveyor {

namespace {

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Notice problem(const Tr& message, const Error& error, const Tr& action = txt::kDismiss,
               NoticeAction on_action = NoticeAction::Dismiss) {
    return Notice{message.label(), error.message, action.label(), on_action, true};
}

// What the screens keep of an unlocked session.
struct Snapshot {
    Profile profile;
    std::string device_id;
    std::shared_ptr<const Catalog> catalog;
    std::vector<RecordRow> rows;
    std::size_t waiting = 0;
};

std::shared_ptr<Snapshot> take_snapshot(const Session& session) {
    auto snap = std::make_shared<Snapshot>();
    snap->profile = session.profile;
    snap->device_id = session.store.device_id();
    snap->catalog = session.catalog;
    snap->rows = list_rows(session);
    snap->waiting = changes_waiting(session);
    return snap;
}

void apply_snapshot(AppState& state, Snapshot& snap) {
    state.busy.reset();
    state.unlocked = true;
    state.profile = std::move(snap.profile);
    state.device_id = std::move(snap.device_id);
    state.catalog = std::move(snap.catalog);
    state.rows = std::move(snap.rows);
    state.sync.waiting = snap.waiting;
    state.sync.last = state.profile.last_sync;
    state.report.reset();
    rows_changed(state);
    state.screen = Screen::Home;
}

void upsert_row(AppState& state, RecordRow row) {
    if (!state.unlocked) return;  // a save that finished after the store was locked
    auto it = std::find_if(state.rows.begin(), state.rows.end(),
                           [&](const RecordRow& r) { return r.id == row.id; });
    if (it == state.rows.end())
        state.rows.push_back(std::move(row));
    else
        *it = std::move(row);
    state.report.reset();
    rows_changed(state);
}

// Posts a job that needs the unlocked session; does nothing when the store is locked.
template <class Body>
void with_session(AppState& state, Body body) {
    state.worker->post([body](WorkerContext& ctx) {
        if (ctx.session) body(*ctx.session, ctx.ui);
    });
}

// After a review action: the record's new row, and the review pane reloaded.
void reload_reviewed(Session& session, MainQueue& ui, const RecordId& id) {
    auto stored = session.store.get(id);
    if (!stored) return;
    auto row = make_row(*stored);
    const std::size_t waiting = changes_waiting(session);
    ui.post([row, stored = *stored, waiting](AppState& s) {
        upsert_row(s, row);
        s.sync.waiting = waiting;
        if (s.review.record && s.review.record->record.record_id == stored.record.record_id)
            s.review.record = stored;
    });
}

const std::string& checklist_form_of(const AppState& state) {
    static const std::string kWard = "ward_checklist";
    const Unit* unit = state.catalog->registry.find(state.profile.unit());
    const AnnexDef* annex = unit ? state.catalog->criteria.annex_for(unit->level) : nullptr;
    return annex ? annex->checklist_form : kWard;
}

}  // namespace

void start(AppState& state) {
    state.screen =
        std::filesystem::exists(state.config.store_path) ? Screen::Unlock : Screen::FirstRun;
    state.first_run.registry_file = default_registry_file().string();
    state.last_input_ms = wall_ms();
}

void pump(AppState& state, std::int64_t now_ms, bool had_input) {
    state.queue.drain(state);
    if (had_input || state.last_input_ms == 0) state.last_input_ms = now_ms;
    const int minutes = state.settings.idle_lock_minutes;
    if (state.unlocked && minutes > 0 && now_ms - state.last_input_ms > minutes * 60'000LL) {
        lock(state);
        state.notice = Notice{txt::kLockedAfterIdle.label(), "", txt::kDismiss.label(),
                              NoticeAction::Dismiss, false};
    }
}

void settle(AppState& state) {
    // A task may post more work (a save that reloads a row), so repeat until quiet.
    do {
        state.worker->wait_idle();
    } while (state.queue.drain(state) > 0);
}

void submit_first_run(AppState& state) {
    FirstRunInput& in = state.first_run;
    if (in.passphrase != in.passphrase_again) {
        state.notice = Notice{txt::kPassphraseMismatch.label(), "", txt::kCheckAndRetry.label()};
        return;
    }
    if (passphrase_strength(in.passphrase) == 0) {
        state.notice = Notice{txt::kStrengthTooShort.label(), "", txt::kCheckAndRetry.label()};
        return;
    }
    if (in.user_name.empty()) {
        state.notice = Notice{txt::kNeedName.label()};
        return;
    }
    if (!in.enrol && in.ward_code.empty()) {
        state.notice = Notice{txt::kNeedWard.label()};
        return;
    }
    CreateStoreRequest request;
    request.path = state.config.store_path;
    request.passphrase = in.passphrase;
    request.recovery_key = in.recovery_key;
    request.user_name = in.user_name;
    request.device_name = in.device_name;
    request.unit_code = in.ward_code;
    request.forms_dir = state.config.forms_dir;
    request.options = state.config.store_options;
    request.options.user = in.user_name;
    const std::filesystem::path registry_file =
        in.enrol ? std::filesystem::path() : std::filesystem::path(in.registry_file);
    const bool enrol = in.enrol;
    const std::string server_url = in.server_url;
    const std::string code = in.enrol_code;
    in.passphrase.assign(in.passphrase.size(), '\0');
    in.passphrase.clear();
    in.passphrase_again.clear();

    state.busy = txt::kCreating.label();
    state.worker->post([request, registry_file, enrol, server_url,
                        code](WorkerContext& ctx) mutable {
        if (enrol) {
            auto session = create_enrolled_store(request, server_url, code);
            request.passphrase.assign(request.passphrase.size(), '\0');
            if (!session) {
                ctx.ui.post([f = session.error()](AppState& s) {
                    s.busy.reset();
                    s.notice = Notice{f.message, f.detail, f.action, NoticeAction::Dismiss, true};
                });
                return;
            }
            auto snap = take_snapshot(*session);
            ctx.session = std::move(*session);
            ctx.ui.post([snap](AppState& s) {
                apply_snapshot(s, *snap);
                save_settings(settings_path(s.config.store_path), s.settings);
            });
            return;
        }
        if (!registry_file.empty()) {
            std::ifstream file(registry_file, std::ios::binary);
            if (!file) {
                const Error error{ErrorKind::NotFound,
                                  "registry: cannot read " + registry_file.string()};
                ctx.ui.post([error](AppState& s) {
                    s.busy.reset();
                    s.notice = problem(txt::kCreateFailed, error);
                });
                return;
            }
            request.registry_csv.assign(std::istreambuf_iterator<char>(file), {});
        }
        auto created = create_store(request);
        request.passphrase.assign(request.passphrase.size(), '\0');
        if (!created) {
            ctx.ui.post([error = created.error()](AppState& s) {
                s.busy.reset();
                s.notice = problem(txt::kCreateFailed, error);
            });
            return;
        }
        auto snap = take_snapshot(created->session);
        ctx.session = std::move(created->session);
        ctx.ui.post([snap, secret = created->recovery_secret](AppState& s) {
            apply_snapshot(s, *snap);
            s.first_run.recovery_secret = secret;
            save_settings(settings_path(s.config.store_path), s.settings);
        });
    });
}

void unlock(AppState& state) {
    const std::string passphrase = state.unlock_passphrase;
    state.unlock_passphrase.assign(state.unlock_passphrase.size(), '\0');
    state.unlock_passphrase.clear();
    state.busy = txt::kUnlocking.label();
    const AppConfig config = state.config;
    state.worker->post([passphrase, config](WorkerContext& ctx) {
        auto session =
            open_session(config.store_path, passphrase, config.forms_dir, config.store_options);
        if (!session) {
            ctx.ui.post([error = session.error()](AppState& s) {
                s.busy.reset();
                if (error.kind == ErrorKind::WrongPassphrase)
                    s.notice = problem(txt::kWrongPassphrase, error, txt::kCheckAndRetry);
                else if (error.kind == ErrorKind::NotFound)
                    s.notice = problem(txt::kStoreMissing, error);
                else
                    s.notice = problem(txt::kUnlockFailed, error);
            });
            return;
        }
        auto snap = take_snapshot(*session);
        ctx.session = std::move(*session);
        ctx.ui.post([snap](AppState& s) { apply_snapshot(s, *snap); });
    });
}

void lock(AppState& state) {
    if (state.editor && state.editor->dirty) save_form(state, false);
    state.worker->post([](WorkerContext& ctx) { ctx.session.reset(); });
    state.unlocked = false;
    state.editor.reset();
    state.rows.clear();
    state.groups.clear();
    state.report.reset();
    state.review = ReviewView{};
    state.home = HomeView{};
    state.catalog.reset();
    state.screen = Screen::Unlock;
}

void open_new_household(AppState& state) {
    const Form* form = state.catalog ? state.catalog->form("household") : nullptr;
    if (!form) return;
    std::string group = state.home.group;
    if (group.empty() && !state.groups.empty()) group = state.groups.front().code;
    const std::map<std::string, Value> defaults{
        {"ward_code", state.profile.unit()},
        {"group", group},
        {"household_code", next_household_code(state.rows, group)},
        {"visited_at", local_timestamp_now()},
        {"surveyor", state.profile.user_name}};
    state.editor = new_editor(*form, state.profile.unit(), defaults);
    state.editor->record_id = mint_record_id(wall_ms());
    state.editor->serial = wall_ms();
    state.editor->focus_field = "head_name";
    state.screen = Screen::Form;
}

void open_checklist(AppState& state) {
    if (!state.catalog) return;
    const std::string& form_id = checklist_form_of(state);
    for (const RecordRow& row : state.rows) {
        if (row.form == form_id && row.unit_code == state.profile.unit()) {
            open_record(state, row.id);
            return;
        }
    }
    const Form* form = state.catalog->form(form_id);
    if (!form) return;
    state.editor = new_editor(*form, state.profile.unit(), {});
    state.editor->record_id = mint_record_id(wall_ms());
    state.editor->serial = wall_ms();
    if (!form->fields.empty()) state.editor->focus_field = form->fields.front().id;
    state.screen = Screen::Form;
}

void open_record(AppState& state, const RecordId& id) {
    with_session(state, [id](Session& session, MainQueue& ui) {
        auto stored = session.store.get(id);
        if (!stored) {
            ui.post([error = stored.error()](AppState& s) {
                s.notice = problem(txt::kLoadFailed, error);
            });
            return;
        }
        ui.post([stored = *stored](AppState& s) {
            const Form* form = s.catalog ? s.catalog->form(stored.record.form) : nullptr;
            if (!form) return;
            s.editor = editor_for(*form, stored);
            s.editor->serial = wall_ms();
            for (const FieldDef& f : form->fields) {
                if (is_relevant(f, editor_values(*form, *s.editor)) &&
                    s.editor->text[f.id].empty()) {
                    s.editor->focus_field = f.id;
                    break;
                }
            }
            s.screen = Screen::Form;
        });
    });
}

void save_form(AppState& state, bool complete) {
    if (!state.editor || !state.catalog) return;
    FormEditor& editor = *state.editor;
    const Form* form = state.catalog->form(editor.form_id);
    if (!form) return;
    if (complete) {
        editor.tried_complete = true;
        refresh_issues(*form, editor);
    }
    const SaveRequest request{editor.record_id, editor.form_id, editor.unit_code,
                              editor_values(*form, editor), complete};
    editor.saving = true;
    const std::uint64_t serial = editor.serial;
    const std::uint64_t edits = editor.edits;
    with_session(state, [request, serial, edits](Session& session, MainQueue& ui) {
        auto saved = save_record(session, request);
        if (!saved) {
            ui.post([error = saved.error(), serial](AppState& s) {
                if (s.editor && s.editor->serial == serial) s.editor->saving = false;
                s.notice = problem(txt::kSaveFailed, error);
            });
            return;
        }
        auto stored = session.store.get(saved->record_id);
        std::optional<RecordRow> row;
        if (stored) row = make_row(*stored);
        const std::size_t waiting = changes_waiting(session);
        ui.post([outcome = *saved, row, waiting, serial, edits](AppState& s) {
            if (row) upsert_row(s, *row);
            s.sync.waiting = waiting;
            if (!s.editor || s.editor->serial != serial) return;
            FormEditor& e = *s.editor;
            e.saving = false;
            e.status = outcome.status;
            if (e.edits == edits) e.dirty = false;
            e.saved_at_ms = wall_ms();
            for (const FieldIssue& issue : outcome.issues)
                if (!issue_for(e, issue.field)) e.issues.push_back(issue);
            if (!outcome.issues.empty()) {
                s.notice = Notice{txt::kCannotComplete.label(), "", txt::kFixAnswers.label()};
                e.focus_field = outcome.issues.front().field;
            }
        });
    });
}

void close_form(AppState& state) {
    if (state.editor && state.editor->dirty) save_form(state, false);
    state.editor.reset();
    state.screen = Screen::Home;
}

void show_results(AppState& state) {
    state.screen = Screen::Results;
    const std::string unit = state.profile.unit();
    with_session(state, [unit](Session& session, MainQueue& ui) {
        auto report = compute_report(session, unit);
        ui.post([report](AppState& s) {
            if (report)
                s.report = *report;
            else
                s.notice = problem(txt::kResultsFailed, report.error());
        });
    });
}

void show_review(AppState& state) {
    state.screen = Screen::Review;
    state.review = ReviewView{};
}

void open_for_review(AppState& state, const RecordId& id) {
    state.review.loading = true;
    state.review.comment.clear();
    with_session(state, [id](Session& session, MainQueue& ui) {
        auto stored = session.store.get(id);
        ui.post([stored](AppState& s) {
            s.review.loading = false;
            if (stored)
                s.review.record = *stored;
            else
                s.notice = problem(txt::kLoadFailed, stored.error());
        });
    });
}

void approve(AppState& state) {
    if (!state.review.record) return;
    auto id = parse_record_id(state.review.record->record.record_id);
    if (!id) return;
    with_session(state, [id = *id](Session& session, MainQueue& ui) {
        if (auto done = approve_record(session, id); !done) {
            ui.post([error = done.error()](AppState& s) {
                s.notice = problem(txt::kReviewFailed, error);
            });
            return;
        }
        reload_reviewed(session, ui, id);
    });
}

void reject(AppState& state) {
    if (!state.review.record) return;
    if (state.review.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
        state.notice = Notice{txt::kNeedComment.label()};
        return;
    }
    auto id = parse_record_id(state.review.record->record.record_id);
    if (!id) return;
    const std::string comment = state.review.comment;
    with_session(state, [id = *id, comment](Session& session, MainQueue& ui) {
        if (auto done = reject_record(session, id, comment); !done) {
            ui.post([error = done.error()](AppState& s) {
                s.notice = problem(txt::kReviewFailed, error);
            });
            return;
        }
        reload_reviewed(session, ui, id);
    });
    state.review.comment.clear();
}

void settle_conflict(AppState& state, const std::string& field, const Value& value) {
    if (!state.review.record) return;
    auto id = parse_record_id(state.review.record->record.record_id);
    if (!id) return;
    with_session(state, [id = *id, field, value](Session& session, MainQueue& ui) {
        if (auto done = settle_field(session, id, field, value); !done) {
            ui.post([error = done.error()](AppState& s) {
                s.notice = problem(txt::kReviewFailed, error);
            });
            return;
        }
        reload_reviewed(session, ui, id);
    });
}

void show_sync(AppState& state) {
    state.screen = Screen::Sync;
    with_session(state, [](Session& session, MainQueue& ui) {
        const std::size_t waiting = changes_waiting(session);
        ui.post([waiting](AppState& s) { s.sync.waiting = waiting; });
    });
}

void enrol_now(AppState& state) {
    if (state.sync.running) return;
    const std::string passphrase = state.sync.passphrase;
    const std::string server = state.sync.server_url;
    const std::string code = state.sync.code;
    state.sync.passphrase.assign(state.sync.passphrase.size(), '\0');
    state.sync.passphrase.clear();
    state.sync.running = true;
    state.sync.progress = 0.0f;
    state.sync.stage = txt::kEnrolling.label();
    state.worker->post([passphrase, server, code](WorkerContext& ctx) {
        if (!ctx.session) return;
        auto enrolled = enrol_session(*ctx.session, passphrase, server, code);
        if (!enrolled) {
            const bool closed = enrolled.error().store_closed;
            if (closed) ctx.session.reset();
            ctx.ui.post([f = enrolled.error(), closed](AppState& s) {
                s.sync.running = false;
                if (closed) lock(s);
                s.notice = Notice{f.message, f.detail, f.action, NoticeAction::Dismiss, true};
            });
            return;
        }
        auto snap = take_snapshot(*ctx.session);
        ctx.ui.post([snap](AppState& s) {
            s.sync.running = false;
            apply_snapshot(s, *snap);
            s.screen = Screen::Sync;
        });
    });
}

void prepare_screen(AppState& state, const std::string& name) {
    if (name == "home") {
        state.screen = Screen::Home;
    } else if (name == "form") {
        open_new_household(state);
        if (state.editor && state.catalog) {
            const Form& form = *state.catalog->form("household");
            set_answer(form, *state.editor, "visit_outcome", "1");
            set_answer(form, *state.editor, "consent", "1");
            set_answer(form, *state.editor, "smart_tv", "1");
            set_answer(form, *state.editor, "adults_15plus", "3");
            set_answer(form, *state.editor, "adults_smartphone", "4");
            state.editor->focus_field = "adults_smartphone";
        }
    } else if (name == "checklist") {
        open_checklist(state);
    } else if (name == "results") {
        show_results(state);
    } else if (name == "sync") {
        show_sync(state);
    } else if (name == "review") {
        show_review(state);
        for (const RecordRow& row : state.rows) {
            if (row.status == ReviewStatus::Completed || row.conflict) {
                open_for_review(state, row.id);
                break;
            }
        }
    } else if (name == "settings") {
        state.screen = Screen::Settings;
    }
    settle(state);
}

void set_language(AppState& state, Language language) {
    state.settings.language = language;
    save_settings(settings_path(state.config.store_path), state.settings);
}

void set_ui_scale(AppState& state, float scale) {
    state.settings.ui_scale = std::clamp(scale, 0.75f, 2.0f);
    save_settings(settings_path(state.config.store_path), state.settings);
}

void set_idle_lock(AppState& state, int minutes) {
    state.settings.idle_lock_minutes = std::clamp(minutes, 0, 240);
    save_settings(settings_path(state.config.store_path), state.settings);
}

void rows_changed(AppState& state) {
    if (state.catalog) {
        state.groups = group_progress(state.catalog->registry, state.profile.unit(), state.rows);
    }
    state.home.stale = true;
    state.home.order_stale = true;
}

const std::vector<std::size_t>& visible_households(AppState& state) {
    if (state.home.stale) {
        if (state.home.order_stale) {
            state.home.order = household_order(state.rows);
            state.home.order_stale = false;
        }
        state.home.visible = filter_households(state.rows, state.home.order, state.home.group,
                                               state.home.query, state.home.filter);
        state.home.stale = false;
    }
    return state.home.visible;
}

const char* state_label(const AppState& state, StatusFilter s) {
    switch (s) {
        case StatusFilter::All:
            return state.tr(txt::kFilterAll);
        case StatusFilter::NotVisited:
            return state.tr(txt::kNotVisited);
        case StatusFilter::Draft:
            return state.tr(txt::kDraft);
        case StatusFilter::Completed:
            return state.tr(txt::kCompleted);
        case StatusFilter::Approved:
            return state.tr(txt::kApproved);
        case StatusFilter::Rejected:
            return state.tr(txt::kRejected);
        case StatusFilter::Conflict:
            return state.tr(txt::kInConflict);
    }
    return "";
}

int passphrase_strength(const std::string& passphrase) {
    // Counts code points, not bytes, so Vietnamese letters weigh one each.
    std::size_t length = 0;
    bool lower = false, upper = false, digit = false, other = false;
    int words = 1;
    for (unsigned char c : passphrase) {
        if ((c & 0xC0) != 0x80) ++length;
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (c >= 'A' && c <= 'Z')
            upper = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else if (c == ' ')
            ++words;
        else
            other = true;
    }
    if (length < 10) return 0;
    const int kinds = lower + upper + digit + other;
    if (length >= 20 || (words >= 4 && length >= 16)) return 3;
    if (length >= 14 || kinds >= 3) return 2;
    return 1;
}

const Tr& passphrase_hint(int strength) {
    switch (strength) {
        case 0:
            return txt::kStrengthTooShort;
        case 1:
            return txt::kStrengthWeak;
        case 2:
            return txt::kStrengthFair;
        default:
            return txt::kStrengthStrong;
    }
}

}  // namespace c5::surveyor
