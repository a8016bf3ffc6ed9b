// Pulling: signed requests from the stored cursor; each page opens only with the pinned
// server key, and its changes and next cursor are stored in one transaction, so a cut pull
// resumes where the last stored page ended.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/sync/client_session.hpp"

namespace c5::sync::client {
namespace {

SyncResult<PullPage> fetch_page(Session& s, std::int64_t cursor) {
    const std::string context = "pull from " + std::to_string(cursor);
    const std::int64_t limit = std::clamp<std::int64_t>(s.options.pull_limit, 1, kMaxBatchChanges);
    const PullRequest request =
        make_pull_request(s.enrollment.device_id, cursor, limit, s.clock(), s.keys);
    auto response = s.transport.post("/v1/pull", to_json(request).dump());
    if (!response) return std::unexpected(transport_failure(response.error(), context));
    if (response->status != 200) return std::unexpected(http_failure(*response, context));
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (json.is_discarded()) return std::unexpected(bad_response("not JSON", context));
    auto page = open_pull_response(json, s.enrollment.server_box_pk, s.keys.box.secret_key);
    if (!page) return std::unexpected(bad_response(page.error().message, context));
    if (page->next_cursor < cursor) {
        return std::unexpected(bad_response("its cursor went back", context));
    }
    if (page->more && page->next_cursor == cursor) {
        return std::unexpected(bad_response("it has more but its cursor did not move", context));
    }
    return std::move(*page);
}

SyncResult<void> store_page(Session& s, const PullPage& page) {
    const std::string context = "store pulled changes up to " + std::to_string(page.next_cursor);
    const CursorUpdate cursor{std::string(kPullCursorName), std::to_string(page.next_cursor)};
    auto applied = s.store.apply_remote(page.changes, &cursor);
    if (!applied) {
        // Malformed changes are the server's fault; anything else is the disk's.
        if (applied.error().kind == ErrorKind::InvalidInput) {
            return std::unexpected(bad_response(applied.error().message, context));
        }
        return std::unexpected(store_failure(applied.error(), context));
    }
    s.report.received += page.changes.size();
    s.report.merged += applied->added;
    s.report.held += applied->held.size();
    for (const RecordId& id : applied->conflicted_records) {
        auto& seen = s.report.conflicted_records;
        if (std::find(seen.begin(), seen.end(), id) == seen.end()) seen.push_back(id);
    }
    s.report.cursor = page.next_cursor;
    s.progress.received += page.changes.size();
    s.notify();
    return {};
}

}  // namespace

SyncResult<void> pull_all(Session& s) {
    auto cursor = load_pull_cursor(s.store);
    if (!cursor) return std::unexpected(store_failure(cursor.error(), "pull"));
    s.report.cursor = *cursor;
    s.progress.phase = SyncPhase::Pulling;
    s.notify();
    for (;;) {
        if (s.cancelled()) return std::unexpected(cancelled_error());
        auto page = fetch_page(s, *cursor);
        if (!page) return std::unexpected(page.error());
        if (auto ok = store_page(s, *page); !ok) return ok;
        *cursor = page->next_cursor;
        if (!page->more) return {};
    }
}

}  // namespace c5::sync::client
