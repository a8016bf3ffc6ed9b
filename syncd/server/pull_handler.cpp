// POST /v1/pull: a signed, fresh request; then the changes after the cursor that the
// device's role may see, boxed to the device.
#include <cstdlib>

#include "core/sync/wire_body.hpp"
#include "core/sync/wire_messages.hpp"
#include "syncd/server/devices.hpp"
#include "syncd/server/sealing.hpp"
#include "syncd/server/sync_service.hpp"

namespace c5::syncd {
namespace {

// Ends a read transaction however the function leaves.
struct ReadSnapshot {
    Database& db;
    ~ReadSnapshot() { (void)db.exec("COMMIT"); }
};

FieldChange change_from_row(const Statement& row) {
    FieldChange c;
    const Bytes id = row.column_blob(1);
    std::copy_n(id.begin(), std::min<std::size_t>(id.size(), 16), c.record_id.bytes.begin());
    c.form = row.column_text(2);
    c.form_version = static_cast<int>(row.column_int(3));
    c.unit_code = row.column_text(4);
    c.field = row.column_text(5);
    c.stamp = Stamp{row.column_int(6), static_cast<std::uint32_t>(row.column_int(7))};
    c.device_id = row.column_text(8);
    c.base = Version{Stamp{row.column_int(9), static_cast<std::uint32_t>(row.column_int(10))},
                     row.column_text(11)};
    return c;
}

// Up to `limit` changes after `cursor` in the scope, not written by the device itself.
Result<sync::PullPage> read_page(Database& db, const ServerContext& ctx, const Device& device,
                                 const DeviceScope& scope, std::int64_t cursor,
                                 std::int64_t limit) {
    std::string sql =
        "SELECT seq, record_id, form, form_version, unit_code, field, wall_ms, counter, "
        "device_id, base_wall_ms, base_counter, base_device, sealed_value FROM change_log "
        "WHERE seq > ?1 AND device_id != ?2";
    if (!scope.everything) {
        sql += " AND unit_code IN (";
        for (std::size_t i = 0; i < scope.units.size(); ++i) {
            sql += (i ? ", ?" : "?") + std::to_string(i + 4);
        }
        sql += ")";
    }
    sql += " ORDER BY seq LIMIT ?3";
    auto select = db.prepare(sql);
    if (!select) return std::unexpected(select.error());
    select->bind(1, cursor).bind(2, device.device_id).bind(3, limit + 1);
    int pos = 4;
    if (!scope.everything) {
        for (const std::string& unit : scope.units) select->bind(pos++, unit);
    }
    sync::PullPage page;
    std::int64_t last_seq = cursor;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (static_cast<std::int64_t>(page.changes.size()) == limit) {
            page.more = true;
            break;
        }
        FieldChange c = change_from_row(*select);
        last_seq = select->column_int(0);
        auto value = open_change_value(ctx.keys.data_key, last_seq, c, select->column_blob(12));
        if (!value) return std::unexpected(value.error());
        c.value = std::move(*value);
        page.changes.push_back(std::move(c));
    }
    if (page.more) {
        page.next_cursor = last_seq;
    } else {
        // Everything up to the end of the log was looked at, filtered out or not.
        auto newest = db.query_int("SELECT coalesce(max(seq), 0) FROM change_log");
        if (!newest) return std::unexpected(newest.error());
        page.next_cursor = std::max(cursor, *newest);
    }
    page.server_ms = ctx.now_ms();
    return page;
}

}  // namespace

bool NonceCache::remember(const std::string& device_id, const std::string& nonce,
                          std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    std::erase_if(seen_, [&](const auto& entry) { return entry.second < now_ms - kNonceMemoryMs; });
    return seen_.emplace(std::pair{device_id, nonce}, now_ms).second;
}

std::optional<Reply> SyncService::refuse_pull(const sync::PullRequest& r, const Device& d,
                                              const Bytes& signature) {
    const auto refuse = [&](std::string code, std::string message) {
        Reply reply = refusal(401, std::move(code), std::move(message));
        reply.device_id = d.device_id;
        return reply;
    };
    if (d.revoked_ms) return refuse("revoked", "this device has been revoked");
    if (!sync::verify_detached(d.sign_pk, r.signed_bytes(), signature)) {
        return refuse("bad_signature", "the signature does not verify");
    }
    const std::int64_t now = ctx_.now_ms();
    if (std::llabs(r.at - now) > kPullWindowMs) {
        return refuse("stale_request",
                      "the request time is more than 5 minutes from the server "
                      "clock");
    }
    if (!nonces_.remember(d.device_id, r.nonce, now)) {
        return refuse("replayed", "this request was received before");
    }
    return std::nullopt;
}

Reply SyncService::pull(std::string_view body) {
    auto json = sync::parse_body_json(body);
    if (!json) return refusal(400, "malformed", json.error().message);
    auto request = sync::pull_request_from_json(*json);
    if (!request) return refusal(400, "malformed", request.error().message);
    const sync::PullRequest& r = *request;
    auto nonce = sync::from_base64_exact(r.nonce, 16);
    auto sig = sync::from_base64_exact(r.sig, 64);
    if (!nonce || !sig) {
        return refusal(400, "malformed", "nonce or sig is not base64 of the right length");
    }
    if (r.cursor < 0 || r.limit < 1 || r.limit > kMaxPullLimit) {
        return refusal(400, "malformed", "cursor must be 0 or more and limit 1 to 5000");
    }

    auto db = ctx_.connect();
    if (!db) return internal_error("the database does not open", db.error());
    auto device = find_device(*db, ctx_.keys.data_key, r.device_id);
    if (!device) return internal_error("the device table does not read", device.error());
    if (!*device) return refusal(401, "unknown_device", "no enrolled device " + r.device_id);
    const Device& d = **device;
    if (auto refused = refuse_pull(r, d, *sig)) return *refused;

    // One read snapshot: the scope, the changes and the end of the log agree.
    auto page = [&]() -> Result<sync::PullPage> {
        if (auto begun = db->exec("BEGIN"); !begun) return std::unexpected(begun.error());
        ReadSnapshot snapshot{*db};
        auto registry = ctx_.registry_cache->get(*db);
        if (!registry) return std::unexpected(registry.error());
        const DeviceScope scope = scope_of(d.role, d.unit_code, *registry ? &**registry : nullptr);
        return read_page(*db, ctx_, d, scope, r.cursor, r.limit);
    }();
    if (!page) {
        Reply failed = internal_error("the change log does not read", page.error());
        failed.device_id = d.device_id;
        return failed;
    }

    const sync::BoxedPayload boxed =
        sync::seal_payload(sync::to_json(*page), d.box_pk, ctx_.keys.identity.box.secret_key);
    Reply reply{200, {{"nonce", boxed.nonce}, {"box", boxed.box}}, d.device_id, {}};
    reply.summary = "cursor=" + std::to_string(r.cursor) +
                    " changes=" + std::to_string(page->changes.size()) +
                    " next_cursor=" + std::to_string(page->next_cursor) +
                    " more=" + (page->more ? "true" : "false");
    if (!page->changes.empty()) {
        // Audited after the read: a busy audit write must not deny a device its data.
        (void)append_audit(*db, ctx_.now_ms(), "pull", d.device_id, reply.summary);
    }
    return reply;
}

}  // namespace c5::syncd
