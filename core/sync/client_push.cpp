// Pushing: each batch is built, stored as `push_pending`, then sent; only a 200 marks its
// changes synced and advances the chain. Batches keep each record's changes together, as the
// server checks a record's values against each other. A batch refused for its content is
// split at record boundaries until the refused records stand alone; their changes are set
// aside so they cannot block the rest.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/sync/client_session.hpp"

namespace c5::sync::client {
namespace {

constexpr std::string_view kPeer = "syncd";

// Well under the server's body limit: a batch this big is split before it is ever stored.
constexpr std::size_t kBodySoftLimit = kMaxBodyBytes / 4 * 3;

// A batch the server refused for what it carries; nothing of it was applied.
struct ContentRefusal {
    int status = 0;
    std::string code;
    std::string message;
};

// Acknowledged (nullopt), refused for its content, or failed.
using Delivery = std::expected<std::optional<ContentRefusal>, SyncError>;

using VersionKey = std::tuple<RecordId, std::string, Stamp, std::string>;

VersionKey key_of(const FieldChange& c) {
    return VersionKey{c.record_id, c.field, c.stamp, c.device_id};
}

bool is_content_refusal(int status) {
    return status == 403 || status == 413 || status == 422;
}

std::string batch_context(std::int64_t seq) {
    return "push batch " + std::to_string(seq);
}

// The bookkeeping of a 200, in an order that a crash at any point leaves resumable: the
// changes are marked first, then the chain moves, then the pending copy goes (a pending batch
// found later is simply sent again and answered as a repeat).
SyncResult<void> acknowledge(Session& s, const PendingPush& p, const PushAck& ack) {
    const std::string context = batch_context(p.seq);
    if (auto ok = s.store.mark_synced(p.changes, kPeer); !ok) {
        return std::unexpected(store_failure(ok.error(), context));
    }
    s.chain = PushChain{p.seq, p.hash};
    if (auto ok = save_chain(s.store, s.chain); !ok) {
        return std::unexpected(store_failure(ok.error(), context));
    }
    if (auto ok = clear_pending(s.store); !ok) {
        return std::unexpected(store_failure(ok.error(), context));
    }
    s.report.sent += p.changes.size();
    s.report.batches += 1;
    s.report.repeats += ack.duplicate ? 1 : 0;
    s.report.applied += static_cast<std::size_t>(std::max<std::int64_t>(ack.applied, 0));
    s.report.server_conflicts += static_cast<std::size_t>(std::max<std::int64_t>(ack.conflicts, 0));
    s.report.server_held += static_cast<std::size_t>(std::max<std::int64_t>(ack.held, 0));
    s.progress.sent += p.changes.size();
    s.notify();
    return {};
}

Delivery deliver(Session& s, const PendingPush& p) {
    const std::string context = batch_context(p.seq);
    auto response = s.transport.post("/v1/push", p.body);
    if (!response) return std::unexpected(transport_failure(response.error(), context));
    if (response->status != 200) {
        if (!is_content_refusal(response->status)) {
            return std::unexpected(http_failure(*response, context));
        }
        // Refused whole: the server kept nothing of it, so its number is free again.
        if (auto ok = clear_pending(s.store); !ok) {
            return std::unexpected(store_failure(ok.error(), context));
        }
        const auto body = error_body_of(*response);
        return ContentRefusal{response->status, body ? body->error : "", body ? body->message : ""};
    }
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    auto ack = push_ack_from_json(json);
    if (!ack) return std::unexpected(bad_response(ack.error().message, context));
    if (ack->ack != p.seq) {
        return std::unexpected(
            bad_response("it acknowledged batch " + std::to_string(ack->ack), context));
    }

    // Only the server this laptop enrolled with may tell it a batch is safe: an answer from
    // anything else in the path must not mark changes synced.
    if (!verify_push_ack(*ack, s.enrollment.device_id, p.seq, p.hash,
                         s.enrollment.server_sign_pk)) {
        return std::unexpected(
            bad_response("its acknowledgement is not signed by the enrolled server", context));
    }
    if (auto ok = acknowledge(s, p, *ack); !ok) return std::unexpected(ok.error());
    return std::nullopt;
}

// Sets the changes of one refused record aside.
SyncResult<void> reject(Session& s, std::span<const FieldChange> changes,
                        const ContentRefusal& why) {
    for (const FieldChange& change : changes) {
        RejectedChange rejected{change, why.status, why.code, why.message};
        s.rejected.push_back(rejected);
        s.report.rejected.push_back(std::move(rejected));
    }
    if (auto ok = save_rejected(s.store, s.rejected); !ok) {
        return std::unexpected(store_failure(ok.error(), "set refused changes aside"));
    }
    return {};
}

// The record boundary closest to the middle of changes grouped by record; 0 when they are
// all of one record.
std::size_t middle_boundary(std::span<const FieldChange> changes) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < changes.size(); ++i) {
        if (changes[i].record_id == changes[i - 1].record_id) continue;
        const auto distance = [&](std::size_t at) {
            return at > changes.size() / 2 ? at - changes.size() / 2 : changes.size() / 2 - at;
        };
        if (best == 0 || distance(i) < distance(best)) best = i;
    }
    return best;
}

SyncResult<void> push_changes(Session& s, std::span<const FieldChange> changes);

// Sends the two halves of a batch as batches of their own; a batch of one record that is
// refused (or too big to send) is rejected whole.
SyncResult<void> split(Session& s, std::span<const FieldChange> changes,
                       const ContentRefusal& why) {
    const std::size_t half = middle_boundary(changes);
    if (half == 0) return reject(s, changes, why);
    if (auto ok = push_changes(s, changes.first(half)); !ok) return ok;
    return push_changes(s, changes.subspan(half));
}

// Sends a stored batch and resolves a content refusal by splitting it.
SyncResult<void> settle(Session& s, const PendingPush& p) {
    auto delivered = deliver(s, p);
    if (!delivered) return std::unexpected(delivered.error());
    if (!*delivered) return {};
    return split(s, p.changes, **delivered);
}

SyncResult<void> push_changes(Session& s, std::span<const FieldChange> changes) {
    if (changes.empty()) return {};
    if (s.cancelled()) return std::unexpected(cancelled_error());
    const std::int64_t seq = s.chain.seq + 1;
    const PushRequest request = make_push_request(s.enrollment.device_id, seq, s.chain.hash,
                                                  changes, s.keys, s.enrollment.server_box_pk);
    std::string body = to_json(request).dump();
    if (body.size() > kBodySoftLimit) {
        return split(s, changes,
                     ContentRefusal{413, "too_large", "the record is too large to send"});
    }
    const PendingPush pending{seq, request.hash(), std::move(body),
                              std::vector<FieldChange>(changes.begin(), changes.end())};
    if (auto ok = save_pending(s.store, pending); !ok) {
        return std::unexpected(store_failure(ok.error(), batch_context(seq)));
    }
    return settle(s, pending);
}

// The changes grouped by record, records in the order of their oldest change.
std::vector<FieldChange> grouped_by_record(std::vector<FieldChange> changes) {
    std::map<RecordId, std::size_t> rank;
    for (const FieldChange& c : changes) rank.emplace(c.record_id, rank.size());
    std::stable_sort(changes.begin(), changes.end(),
                     [&](const FieldChange& a, const FieldChange& b) {
                         return rank.at(a.record_id) < rank.at(b.record_id);
                     });
    return changes;
}

// The length of the next batch from the front of `rest`: at most `limit` changes, ending at
// a record boundary unless one record alone is longer.
std::size_t next_batch_size(std::span<const FieldChange> rest, std::size_t limit) {
    if (rest.size() <= limit) return rest.size();
    std::size_t end = limit;
    while (end > 0 && rest[end].record_id == rest[end - 1].record_id) --end;
    return end == 0 ? limit : end;
}

}  // namespace

SyncResult<void> push_all(Session& s) {
    const char* context = "push";
    auto chain = load_chain(s.store);
    auto pending = load_pending(s.store);
    auto rejected = load_rejected(s.store);
    auto unsynced = s.store.unsynced_changes();
    for (const Error* e :
         {chain ? nullptr : &chain.error(), pending ? nullptr : &pending.error(),
          rejected ? nullptr : &rejected.error(), unsynced ? nullptr : &unsynced.error()}) {
        if (e) return std::unexpected(store_failure(*e, context));
    }
    s.chain = *chain;
    s.rejected = live_rejections(std::move(*rejected), *unsynced);
    if (auto ok = save_rejected(s.store, s.rejected); !ok) {
        return std::unexpected(store_failure(ok.error(), context));
    }

    std::set<VersionKey> skip;
    for (const RejectedChange& r : s.rejected) skip.insert(key_of(r.change));
    if (*pending) {
        for (const FieldChange& c : (*pending)->changes) skip.insert(key_of(c));
    }
    std::erase_if(*unsynced, [&](const FieldChange& c) { return skip.contains(key_of(c)); });
    const std::vector<FieldChange> to_send = grouped_by_record(std::move(*unsynced));
    s.progress.phase = SyncPhase::Pushing;
    s.progress.to_send = to_send.size() + (*pending ? (*pending)->changes.size() : 0);
    s.notify();

    if (*pending) {
        if (auto ok = settle(s, **pending); !ok) return ok;
    }
    const std::size_t limit = std::clamp<std::size_t>(s.options.batch_changes, 1, kMaxBatchChanges);
    std::span<const FieldChange> rest(to_send);
    while (!rest.empty()) {
        const std::size_t size = next_batch_size(rest, limit);
        if (auto ok = push_changes(s, rest.first(size)); !ok) return ok;
        rest = rest.subspan(size);
    }
    return {};
}

}  // namespace c5::sync::client
