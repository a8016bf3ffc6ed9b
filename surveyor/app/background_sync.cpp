// The background sync: the worker runs it and posts progress and the outcome to the UI.
#include "surveyor/app/background_sync.hpp"

#include "surveyor/app/commands.hpp"

namespace c5::surveyor {

namespace {

// What the screens show after a sync, read from the store on the worker.
struct AfterSync {
    std::vector<RecordRow> rows;
    Profile profile;
    std::size_t waiting = 0;
    std::optional<std::vector<RefusedChange>> refused;
};

AfterSync read_after_sync(const Session& session) {
    AfterSync after{list_rows(session), session.profile, changes_waiting(session), {}};
    if (auto refused = refused_changes(session)) after.refused = std::move(*refused);
    return after;
}

void show_after_sync(AppState& state, AfterSync after) {
    state.rows = std::move(after.rows);
    state.profile = std::move(after.profile);
    state.sync.waiting = after.waiting;
    if (after.refused) state.sync.refused = std::move(after.refused);
    rows_changed(state);
    state.report.reset();
}

// A stop the person asked for is news, not a problem; every failure offers its one action.
Notice outcome_notice(const SyncOutcome<SyncSummary>& outcome, bool cancelled) {
    if (outcome)
        return Notice{txt::kSyncDone.label(), "", txt::kDismiss.label(), NoticeAction::Dismiss,
                      false};
    const SyncFailure& f = outcome.error();
    return Notice{f.message, f.detail, f.action,
                  f.retry ? NoticeAction::RetrySync : NoticeAction::Dismiss, !cancelled};
}

}  // namespace

void start_sync(AppState& state) {
    if (!state.profile.enrolled) {
        enrol_now(state);
        return;
    }
    if (state.sync.running) return;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    state.sync.cancel = cancel;
    state.sync.running = true;
    state.sync.progress = 0.0f;
    state.sync.stage = txt::kSyncing.label();
    state.worker->post([cancel](WorkerContext& ctx) {
        if (!ctx.session) {
            ctx.ui.post([](AppState& s) {
                s.sync.running = false;
                s.sync.cancel.reset();
            });
            return;
        }
        MainQueue& ui = ctx.ui;
        auto outcome = sync_session(
            *ctx.session,
            [&ui](const SyncStep& step) {
                ui.post([step](AppState& s) {
                    s.sync.progress = step.fraction;
                    s.sync.stage = step.stage;
                });
            },
            cancel.get());
        AfterSync after = read_after_sync(*ctx.session);
        const bool cancelled = cancel->load();
        ui.post([outcome, after = std::move(after), cancelled](AppState& s) mutable {
            s.sync.running = false;
            s.sync.cancel.reset();
            if (!s.unlocked) return;  // locked meanwhile: the records are not shown
            show_after_sync(s, std::move(after));
            if (outcome) s.sync.last = *outcome;
            s.notice = outcome_notice(outcome, cancelled);
        });
    });
}

void cancel_sync(AppState& state) {
    if (state.sync.cancel) state.sync.cancel->store(true);
    state.sync.stage = txt::kStopping.label();
}

void load_refused(AppState& state) {
    if (state.sync.refused || !state.unlocked) return;
    state.sync.refused.emplace();  // asked once; filled when the worker answers
    state.worker->post([](WorkerContext& ctx) {
        if (!ctx.session) return;
        auto refused = refused_changes(*ctx.session);
        if (!refused) return;
        ctx.ui.post([refused = std::move(*refused)](AppState& s) { s.sync.refused = refused; });
    });
}

}  // namespace c5::surveyor
