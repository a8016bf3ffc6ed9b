// The import command: the file is read and saved on the worker thread.
#include "surveyor/app/import_command.hpp"

#include "surveyor/app/commands.hpp"

namespace c5::surveyor {

void import_file(AppState& state) {
    if (state.import_path.empty() || state.busy || !state.unlocked) return;
    const std::filesystem::path file = state.import_path;
    state.busy = txt::kImporting.label();
    state.worker->post([file](WorkerContext& ctx) {
        if (!ctx.session) {
            ctx.ui.post([](AppState& s) { s.busy.reset(); });
            return;
        }
        Session& session = *ctx.session;
        auto imported = file.extension() == ".csv" ? import_households(session, file)
                                                   : import_checklists(session, file);
        std::vector<RecordRow> rows = list_rows(session);
        const std::size_t waiting = changes_waiting(session);
        ctx.ui.post([imported, rows = std::move(rows), waiting](AppState& s) mutable {
            s.busy.reset();
            if (!s.unlocked) return;
            if (!imported) {
                s.notice = Notice{txt::kImportFailed.label(), imported.error().message};
                return;
            }
            s.rows = std::move(rows);
            s.sync.waiting = waiting;
            rows_changed(s);
            s.report.reset();
            const std::string n = std::to_string(imported->records);
            s.notice = Notice{Label{"Đã nhập " + n + " phiếu.", "Imported " + n + " records."}, "",
                              txt::kDismiss.label(), NoticeAction::Dismiss, false};
        });
    });
}

}  // namespace c5::surveyor
