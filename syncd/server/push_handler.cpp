// POST /v1/push: shape, size, device, signature, then, one push at a time and inside one
// transaction, the chain check, the box, role and value checks, and the merge.
#include <variant>

#include "core/sync/wire_body.hpp"
#include "core/sync/wire_messages.hpp"
#include "syncd/server/change_checks.hpp"
#include "syncd/server/devices.hpp"
#include "syncd/server/merge_engine.hpp"
#include "syncd/server/sync_service.hpp"

namespace c5::syncd {

struct PushContext {
    sync::PushRequest request;
    Device device;
    sync::Hash32 hash{};
    Bytes prev;
};

namespace {

std::string text_of(const sync::Hash32& hash) {
    return sync::to_base64(hash);
}

// The server's signature that it accepted this batch (see sync::verify_push_ack).
std::string sign_ack(const ServerContext& ctx, const PushContext& push) {
    return sync::to_base64(sync::sign_detached(
        ctx.keys.identity.sign,
        sync::push_ack_signed_bytes(push.device.device_id, push.request.seq, push.hash)));
}

// The answer to a batch number at or below the last accepted one: the same counts again
// when it is the same batch, else a fork.
Result<Reply> answer_repeat(Database& db, const ServerContext& ctx, const PushContext& push) {
    auto select = db.prepare(
        "SELECT hash, applied, held, conflicts FROM batches WHERE device_id = ? AND seq = ?");
    if (!select) return std::unexpected(select.error());
    select->bind(1, push.device.device_id).bind(2, push.request.seq);
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    const sync::Hash32& hash = push.hash;
    if (!*row || select->column_blob(0) != Bytes(hash.begin(), hash.end())) {
        return refusal(409, "fork",
                       "batch " + std::to_string(push.request.seq) +
                           " was accepted before with other content");
    }
    const sync::PushAck ack{push.request.seq,      true,
                            select->column_int(1), select->column_int(2),
                            select->column_int(3), sign_ack(ctx, push)};
    return Reply{200, sync::to_json(ack), push.device.device_id,
                 "seq=" + std::to_string(ack.ack) + " duplicate=true"};
}

Result<void> record_batch(Database& db, const ServerContext& ctx, const PushContext& push,
                          const MergeOutcome& outcome) {
    const std::int64_t now = ctx.now_ms();
    auto insert = db.prepare(
        "INSERT INTO batches (device_id, seq, hash, received_ms, applied, held, conflicts) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, push.device.device_id)
        .bind(2, push.request.seq)
        .bind(3, std::span<const std::uint8_t>(push.hash))
        .bind(4, now)
        .bind(5, outcome.applied)
        .bind(6, outcome.held)
        .bind(7, outcome.conflicts);
    if (auto r = insert->run(); !r) return r;
    auto update = db.prepare(
        "UPDATE devices SET last_seq = ?, last_hash = ?, last_seen_ms = ? WHERE device_id = ?");
    if (!update) return std::unexpected(update.error());
    update->bind(1, push.request.seq)
        .bind(2, std::span<const std::uint8_t>(push.hash))
        .bind(3, now)
        .bind(4, push.device.device_id);
    if (auto r = update->run(); !r) return r;
    return append_audit(db, now, "push", push.device.device_id,
                        "seq=" + std::to_string(push.request.seq) +
                            " applied=" + std::to_string(outcome.applied) +
                            " held=" + std::to_string(outcome.held) +
                            " conflicts=" + std::to_string(outcome.conflicts));
}

// Opens the box and checks its changes: shape (400), count (413), role (403) and values
// (422). Returns the changes, or the refusal.
std::variant<std::vector<FieldChange>, Reply> open_batch(Database& db, const ServerContext& ctx,
                                                         const sync::PushRequest& r,
                                                         const Device& device) {
    auto payload =
        sync::open_payload(r.nonce, r.box, device.box_pk, ctx.keys.identity.box.secret_key);
    if (!payload) return refusal(400, "malformed", payload.error().message);
    if (!payload->contains("changes")) return refusal(400, "malformed", "payload has no changes");
    if ((*payload)["changes"].is_array() && (*payload)["changes"].size() > sync::kMaxBatchChanges) {
        return refusal(413, "too_large", "a batch holds at most 5000 changes");
    }
    auto changes = sync::changes_from_json((*payload)["changes"]);
    if (!changes) return refusal(400, "malformed", changes.error().message);
    for (const FieldChange& c : *changes) {
        if (auto checked = check_change(c); !checked) {
            return refusal(400, "malformed", checked.error().message);
        }
    }

    auto registry = ctx.registry_cache->get(db);
    if (!registry) return internal_error("the registry does not read", registry.error());
    const Registry* units = *registry ? &**registry : nullptr;
    const DeviceScope scope = scope_of(device.role, device.unit_code, units);
    for (const FieldChange& c : *changes) {
        if (auto why = push_refusal(scope, device.device_id, c, ctx.definitions)) {
            return refusal(403, "outside_role", *why);
        }
    }
    if (auto why = invalid_values(*changes, ctx.definitions, units)) {
        return refusal(422, "invalid_values", *why);
    }

    return std::move(*changes);
}

}  // namespace

Reply SyncService::push(std::string_view body) {
    auto json = sync::parse_body_json(body);
    if (!json) return refusal(400, "malformed", json.error().message);
    auto request = sync::push_request_from_json(*json);
    if (!request) return refusal(400, "malformed", request.error().message);
    PushContext push{std::move(*request), {}, {}, {}};
    const sync::PushRequest& r = push.request;
    if (r.seq < 1) return refusal(400, "malformed", "seq must be 1 or more");
    auto prev = sync::from_base64_exact(r.prev, 32);
    auto nonce = sync::from_base64_exact(r.nonce, 24);
    auto sig = sync::from_base64_exact(r.sig, 64);
    if (!prev || !nonce || !sig) {
        return refusal(400, "malformed", "prev, nonce or sig is not base64 of the right length");
    }
    push.prev = std::move(*prev);

    auto db = ctx_.connect();
    if (!db) return internal_error("the database does not open", db.error());
    auto device = find_device(*db, ctx_.keys.data_key, r.device_id);
    if (!device) return internal_error("the device table does not read", device.error());
    if (!*device) return refusal(401, "unknown_device", "no enrolled device " + r.device_id);
    if ((*device)->revoked_ms) return refusal(401, "revoked", "this device has been revoked");
    push.device = std::move(**device);
    const std::string signed_bytes = r.signed_bytes();
    if (!sync::verify_detached(push.device.sign_pk, signed_bytes, *sig)) {
        Reply refused = refusal(401, "bad_signature", "the signature does not verify");
        refused.device_id = push.device.device_id;
        return refused;
    }
    push.hash = sync::batch_hash(signed_bytes);

    std::lock_guard lock(apply_mutex_);
    Reply reply = apply_push(push);
    reply.device_id = push.device.device_id;
    return reply;
}

Reply SyncService::apply_push(const PushContext& push) {
    const sync::PushRequest& r = push.request;
    auto db = ctx_.connect();
    if (!db) return internal_error("the database does not open", db.error());
    auto tx = Transaction::begin(*db);
    if (!tx) return internal_error("the database is busy; nothing was applied", tx.error());

    // The chain is read again inside the transaction: a push that raced this one has
    // committed by now, so a repeat is recognised and never applied twice.
    auto current = find_device(*db, ctx_.keys.data_key, push.device.device_id);
    if (!current || !*current) return refusal(500, "internal", "the device table does not read");
    const Device& device = **current;
    if (r.seq <= device.last_seq) {
        auto answer = answer_repeat(*db, ctx_, push);
        return answer ? *answer : internal_error("the batch table does not read", answer.error());
    }
    const Bytes last_hash(device.last_hash.begin(), device.last_hash.end());
    if (r.seq != device.last_seq + 1 || push.prev != last_hash) {
        Reply out_of_order = refusal(409, "out_of_order",
                                     "expected batch " + std::to_string(device.last_seq + 1) +
                                         " chained to " + text_of(device.last_hash));
        out_of_order.body["expected_seq"] = device.last_seq + 1;
        return out_of_order;
    }

    auto checked = open_batch(*db, ctx_, r, device);
    if (auto* refused = std::get_if<Reply>(&checked)) return *refused;
    const auto& batch = std::get<std::vector<FieldChange>>(checked);
    auto outcome = merge_changes(*db, ctx_, batch, r.seq);
    if (!outcome) return internal_error("the merge failed; nothing was applied", outcome.error());
    if (auto recorded = record_batch(*db, ctx_, push, *outcome); !recorded) {
        return internal_error("the batch was not recorded; nothing was applied", recorded.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return internal_error("the commit failed; nothing was applied", committed.error());
    }
    const sync::PushAck ack{
        r.seq, false, outcome->applied, outcome->held, outcome->conflicts, sign_ack(ctx_, push)};
    return Reply{200, sync::to_json(ack), device.device_id,
                 "seq=" + std::to_string(r.seq) + " applied=" + std::to_string(ack.applied) +
                     " held=" + std::to_string(ack.held) +
                     " conflicts=" + std::to_string(ack.conflicts) +
                     " data_version=" + std::to_string(outcome->last_seq)};
}

Result<std::int64_t> SyncService::release_held() {
    auto db = ctx_.connect();
    if (!db) return std::unexpected(db.error());
    // A cheap look first, so an idle server does not take the write lock every minute.
    auto due = db->prepare("SELECT count(*) FROM held_changes WHERE wall_ms <= ?");
    if (!due) return std::unexpected(due.error());
    due->bind(1, ctx_.now_ms() + ctx_.options.max_clock_skew_ms);
    auto row = due->step();
    if (!row) return std::unexpected(row.error());
    if (!*row || due->column_int(0) == 0) return 0;

    std::lock_guard lock(apply_mutex_);
    auto tx = Transaction::begin(*db);
    if (!tx) return std::unexpected(tx.error());
    auto merged = merge_changes(*db, ctx_, {}, std::nullopt);
    if (!merged) return std::unexpected(merged.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return merged->released;
}

}  // namespace c5::syncd
