// The headless subcommands: the same actions the screens use, run in the foreground.
#include "surveyor/cli/headless.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>

#include "core/crypto/passphrase.hpp"
#include "surveyor/app/actions.hpp"
#include "surveyor/app/commands.hpp"
#include "surveyor/app/sync_actions.hpp"
#include "surveyor/render/ui_runtime.hpp"

namespace c5::surveyor {

namespace {

// The passphrase from --passphrase-file (its first line) or $C5_PASSPHRASE.
std::optional<std::string> read_passphrase(const HeadlessOptions& opt) {
    if (!opt.passphrase_file.empty()) {
        std::ifstream in(opt.passphrase_file, std::ios::binary);
        std::string line;
        if (!in || !std::getline(in, line)) return std::nullopt;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    if (const char* env = std::getenv("C5_PASSPHRASE"); env && *env) return std::string(env);
    return std::nullopt;
}

int no_passphrase(const char* command) {
    std::fprintf(stderr,
                 "surveyor %s: no passphrase: give --passphrase-file FILE or set C5_PASSPHRASE\n",
                 command);
    return 2;
}

// A command given nothing to do: said, with what it needs, before the store is opened.
int nothing_to_do(const char* command, const char* needs) {
    std::fprintf(stderr, "surveyor %s: nothing to do: give %s\n", command, needs);
    return 2;
}

int refused(const char* command, const Error& error) {
    std::fprintf(stderr, "surveyor %s: %s\n", command, error.message.c_str());
    return 1;
}

// Opens the store for a subcommand; prints the reason and returns nullopt when it cannot.
std::optional<Session> open_for(const char* command, const HeadlessOptions& opt, int& status) {
    auto passphrase = read_passphrase(opt);
    if (!passphrase) {
        status = no_passphrase(command);
        return std::nullopt;
    }
    auto session = open_session(opt.store, *passphrase, opt.forms_dir);
    if (!session) {
        status = refused(command, session.error());
        return std::nullopt;
    }
    return std::move(*session);
}

const char* review_status_vi(ReviewStatus s) {
    switch (s) {
        case ReviewStatus::Draft:
            return "draft";
        case ReviewStatus::Completed:
            return "completed";
        case ReviewStatus::Approved:
            return "approved";
        case ReviewStatus::Rejected:
            return "rejected";
    }
    return "";
}

}  // namespace

std::optional<Session> open_command_store(const char* command, const HeadlessOptions& opt,
                                          int& status) {
    return open_for(command, opt, status);
}

int refuse_command(const char* command, const Error& error) {
    return refused(command, error);
}

int cmd_create(const HeadlessOptions& opt) {
    auto passphrase = read_passphrase(opt);
    if (!passphrase) return no_passphrase("create");

    // The first-run screen asks for the same: the store is as safe as its passphrase.
    if (passphrase_strength(*passphrase) == 0) {
        return refused("create", Error{ErrorKind::InvalidInput,
                                       "the passphrase is too short: it needs at least 10 "
                                       "characters; nothing was created"});
    }

    CreateStoreRequest request;
    request.path = opt.store;
    request.passphrase = *passphrase;
    request.recovery_key = opt.recovery_key;
    request.user_name = opt.user;
    request.device_name = opt.device_name;
    request.unit_code = opt.unit;
    request.forms_dir = opt.forms_dir;
    request.options.user = opt.user;
    if (opt.fast_kdf) request.options.kdf_strength = KdfStrength::Minimum;
    auto role = parse_role(opt.role);
    if (!role) return refused("create", Error{ErrorKind::InvalidInput, "unknown role " + opt.role});
    request.role = *role;
    if (!opt.registry.empty()) {
        std::ifstream in(opt.registry, std::ios::binary);
        if (!in)
            return refused("create",
                           Error{ErrorKind::NotFound, "cannot read " + opt.registry.string()});
        request.registry_csv.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::filesystem::create_directories(std::filesystem::absolute(opt.store).parent_path());
    auto created = create_store(request);
    if (!created) return refused("create", created.error());
    std::printf("created %s for %s, device %s\n", opt.store.c_str(),
                opt.unit.empty() ? "no unit yet" : opt.unit.c_str(),
                created->session.store.device_id().c_str());
    if (!created->recovery_secret.empty()) {
        std::printf(
            "recovery secret key (write it down, give it to your supervisor; it is not "
            "shown again):\n%s\n",
            created->recovery_secret.c_str());
    }
    return 0;
}

int cmd_import(const HeadlessOptions& opt) {
    int status = 0;
    auto session = open_for("import", opt, status);
    if (!session) return status;
    const ImportFilter filter{opt.import_units, opt.import_groups};
    for (const auto& file : opt.files) {
        const bool json = file.extension() == ".json";
        auto imported = json ? import_checklists(*session, file, filter)
                             : import_households(*session, file, filter);
        if (!imported) return refused("import", imported.error().with_context(file.string()));
        std::printf("%s: %zu records imported (%zu fields changed)", file.c_str(),
                    imported->records, imported->changed_fields);
        if (imported->skipped)
            std::printf(", %zu of other units or groups left out", imported->skipped);
        std::printf("\n");
    }
    return 0;
}

int cmd_export(const HeadlessOptions& opt) {
    if (opt.households_out.empty() && opt.checklists_out.empty())
        return nothing_to_do("export", "--households FILE, --checklists FILE or both");
    int status = 0;
    auto session = open_for("export", opt, status);
    if (!session) return status;
    if (!opt.households_out.empty()) {
        std::ofstream out(opt.households_out, std::ios::binary);
        export_households(*session, out);
        if (!out)
            return refused("export",
                           Error{ErrorKind::Io, "cannot write " + opt.households_out.string()});
    }
    if (!opt.checklists_out.empty()) {
        std::ofstream out(opt.checklists_out, std::ios::binary);
        export_checklists(*session, out);
        if (!out)
            return refused("export",
                           Error{ErrorKind::Io, "cannot write " + opt.checklists_out.string()});
    }
    return 0;
}

int cmd_results(const HeadlessOptions& opt) {
    int status = 0;
    auto session = open_for("results", opt, status);
    if (!session) return status;
    const std::string unit = opt.unit.empty() ? session->profile.unit() : opt.unit;
    auto report = compute_report(*session, unit);
    if (!report) return refused("results", report.error());
    const UnitResult& r = report->result;
    std::printf("%s %s: criterion %s\n", r.unit_code.c_str(), r.unit_name.c_str(),
                status_name(r.criterion));
    for (const ContentResult& c : r.contents) {
        std::printf("  %s %s\n", c.id.c_str(), status_name(c.status));
        for (const std::string& reason : c.reasons) std::printf("     %s\n", reason.c_str());
    }
    if (!report->has_checklist) std::printf("missing: the checklist\n");
    for (const GroupGap& g : report->groups_not_done) {
        std::printf("missing: group %s: %lld of %s households visited\n", g.code.c_str(),
                    static_cast<long long>(g.visited),
                    g.registered ? std::to_string(*g.registered).c_str() : "?");
    }
    for (const Label& item : report->unanswered) std::printf("unanswered: %s\n", item.vi.c_str());
    return 0;
}

int cmd_list(const HeadlessOptions& opt) {
    int status = 0;
    auto session = open_for("list", opt, status);
    if (!session) return status;
    for (const RecordRow& row : list_rows(*session)) {
        std::printf("%s %-18s %-6s %-10s %-9s%s%s\n", to_string(row.id).c_str(), row.form.c_str(),
                    row.unit_code.c_str(), row.household_code.c_str(), review_status_vi(row.status),
                    row.conflict ? " conflict" : "", row.synced ? "" : " unsynced");
    }
    return 0;
}

int cmd_review(const HeadlessOptions& opt) {
    if (opt.approve_id.empty() && opt.reject_id.empty())
        return nothing_to_do("review",
                             "--approve ID, --reject ID --comment TEXT, or --approve-completed");
    int status = 0;
    auto session = open_for("review", opt, status);
    if (!session) return status;
    if (!opt.approve_id.empty()) {
        auto id = parse_record_id(opt.approve_id);
        if (!id) return refused("review", id.error());
        if (auto done = approve_record(*session, *id); !done)
            return refused("review", done.error());
        std::printf("approved %s\n", opt.approve_id.c_str());
    }
    if (!opt.reject_id.empty()) {
        auto id = parse_record_id(opt.reject_id);
        if (!id) return refused("review", id.error());
        if (auto done = reject_record(*session, *id, opt.comment); !done)
            return refused("review", done.error());
        std::printf("rejected %s\n", opt.reject_id.c_str());
    }
    return 0;
}

int sync_refused(const char* command, const SyncFailure& failure) {
    // The action names the app's button; "Close" says nothing on a command line.
    const bool closes = failure.action.en == txt::kDismiss.label().en;
    std::fprintf(stderr, "surveyor %s: %s%s%s\n", command, failure.message.en.c_str(),
                 closes ? "" : " ", closes ? "" : failure.action.en.c_str());
    if (!failure.detail.empty()) std::fprintf(stderr, "  (%s)\n", failure.detail.c_str());
    return 1;
}

int cmd_enrol(const HeadlessOptions& opt) {
    auto passphrase = read_passphrase(opt);
    if (!passphrase) return no_passphrase("enrol");
    StoreOptions options;
    if (opt.fast_kdf) options.kdf_strength = KdfStrength::Minimum;
    auto enrolled =
        enrol_store(opt.store, *passphrase, opt.forms_dir, opt.server, opt.code, options);
    if (!enrolled) return sync_refused("enrol", enrolled.error());
    std::printf("enrolled as %s (%s) for %s\n", enrolled->device_id.c_str(), enrolled->role.c_str(),
                enrolled->units.c_str());
    return 0;
}

int cmd_sync(const HeadlessOptions& opt) {
    int status = 0;
    auto session = open_for("sync", opt, status);
    if (!session) return status;
    auto summary = sync_session(*session, [](const SyncStep& step) {
        std::fprintf(stderr, "%s %3.0f%%\n", step.stage.en.c_str(), step.fraction * 100);
    });
    if (!summary) return sync_refused("sync", summary.error());
    std::printf("sent %lld, received %lld, conflicts %lld, rejected %lld\n",
                static_cast<long long>(summary->sent), static_cast<long long>(summary->received),
                static_cast<long long>(summary->conflicts),
                static_cast<long long>(summary->rejected));
    return 0;
}

int take_screenshot(const HeadlessOptions& opt, const ScreenshotOptions& shot) {
    auto screen_name_ok = shot.screen == "checklist" || parse_screen(shot.screen).has_value();
    if (!screen_name_ok || shot.out.empty()) {
        std::fprintf(stderr, "surveyor --screenshot: unknown screen '%s' or no --out\n",
                     shot.screen.c_str());
        return 1;
    }
    int width = 1280, height = 820;
    std::sscanf(shot.size.c_str(), "%dx%d", &width, &height);

    AppState state(AppConfig{opt.store, opt.forms_dir, {}});
    if (shot.lang == "en") state.settings.language = Language::En;
    if (shot.lang == "vi") state.settings.language = Language::Vi;
    start(state);
    if (shot.screen == "first_run") {
        state.screen = Screen::FirstRun;
        state.first_run.user_name = "Lê Thu Trang";
        state.first_run.passphrase = "mây trắng bay qua";
        state.first_run.passphrase_again = "mây trắng bay";
        state.first_run.ward_code = "00004";
    } else if (shot.screen != "unlock") {
        auto passphrase = read_passphrase(opt);
        if (!passphrase) return no_passphrase("--screenshot");
        state.unlock_passphrase = *passphrase;
        unlock(state);
        settle(state);
        if (!state.unlocked) {
            std::fprintf(stderr, "surveyor --screenshot: %s\n",
                         state.notice ? state.notice->detail.c_str() : "not unlocked");
            return 1;
        }
        prepare_screen(state, shot.screen);
    }
    const int status = write_screenshot(state, shot.out, width, height);
    for (const std::string& overflow : state.debug.overflows)
        std::fprintf(stderr, "text cut off: %s\n", overflow.c_str());
    if (status == 0 && shot.strict && !state.debug.overflows.empty()) return 3;
    return status;
}

}  // namespace c5::surveyor
