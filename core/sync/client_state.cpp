// The sync client's items in the store, each a small JSON document sealed under the store
// key (a pending push carries personal values, so none of this is kept in clear).
#include "core/sync/client_state.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

namespace c5::sync::client {
namespace {

using nlohmann::json;

Result<std::optional<json>> read_item(const Store& store, std::string_view name) {
    auto item = store.get_sealed(name);
    if (!item) return std::unexpected(item.error());
    if (!*item) return std::optional<json>();
    auto parsed = json::parse((*item)->begin(), (*item)->end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return fail(ErrorKind::Damaged, "sealed item '" + std::string(name) + "' is not JSON");
    }
    return std::optional<json>(std::move(parsed));
}

Result<void> write_item(Store& store, std::string_view name, const json& j) {
    const std::string text = j.dump();
    return store.put_sealed(
        name, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Result<Hash32> hash_member(const json& j, const char* key) {
    auto bytes = from_base64_exact(j.value(key, std::string()), 32);
    if (!bytes) return fail(ErrorKind::Damaged, std::string("member '") + key + "' is not a hash");
    Hash32 out{};
    std::memcpy(out.data(), bytes->data(), out.size());
    return out;
}

Result<std::vector<FieldChange>> changes_member(const json& j) {
    auto changes = changes_from_json(j.value("changes", json::array()));
    if (!changes) return fail(ErrorKind::Damaged, changes.error().message);
    return changes;
}

}  // namespace

Result<PushChain> load_chain(const Store& store) {
    auto item = read_item(store, kPushChainItem);
    if (!item) return std::unexpected(item.error().with_context("read push chain"));
    if (!*item) return PushChain{};
    auto hash = hash_member(**item, "hash");
    if (!hash) return std::unexpected(hash.error().with_context("read push chain"));
    return PushChain{(*item)->value("seq", std::int64_t{0}), *hash};
}

Result<void> save_chain(Store& store, const PushChain& chain) {
    return with_context(write_item(store, kPushChainItem,
                                   json{{"seq", chain.seq}, {"hash", to_base64(chain.hash)}}),
                        "save push chain");
}

Result<std::optional<PendingPush>> load_pending(const Store& store) {
    const char* context = "read pending push";
    auto item = read_item(store, kPushPendingItem);
    if (!item) return std::unexpected(item.error().with_context(context));
    if (!*item) return std::optional<PendingPush>();
    const json& j = **item;
    auto hash = hash_member(j, "hash");
    if (!hash) return std::unexpected(hash.error().with_context(context));
    auto changes = changes_member(j);
    if (!changes) return std::unexpected(changes.error().with_context(context));
    return std::optional<PendingPush>(PendingPush{j.value("seq", std::int64_t{0}), *hash,
                                                  j.value("body", std::string()),
                                                  std::move(*changes)});
}

Result<void> save_pending(Store& store, const PendingPush& p) {
    const json j{{"seq", p.seq},
                 {"hash", to_base64(p.hash)},
                 {"body", p.body},
                 {"changes", changes_to_json(p.changes)}};
    return with_context(write_item(store, kPushPendingItem, j), "save pending push");
}

Result<void> clear_pending(Store& store) {
    return with_context(store.erase_sealed(kPushPendingItem), "clear pending push");
}

Result<std::vector<RejectedChange>> load_rejected(const Store& store) {
    const char* context = "read rejected changes";
    auto item = read_item(store, kRejectedItem);
    if (!item) return std::unexpected(item.error().with_context(context));
    std::vector<RejectedChange> out;
    if (!*item) return out;
    for (const json& entry : (*item)->value("rejected", json::array())) {
        auto change = change_from_json(entry.value("change", json::object()));
        if (!change) return fail(ErrorKind::Damaged, std::string(context) + ": bad change");
        out.push_back(RejectedChange{std::move(*change), entry.value("status", 0),
                                     entry.value("code", std::string()),
                                     entry.value("message", std::string())});
    }
    return out;
}

Result<void> save_rejected(Store& store, const std::vector<RejectedChange>& list) {
    if (list.empty()) {
        return with_context(store.erase_sealed(kRejectedItem), "save rejected changes");
    }
    json entries = json::array();
    for (const RejectedChange& r : list) {
        entries.push_back(json{{"change", change_to_json(r.change)},
                               {"status", r.status},
                               {"code", r.code},
                               {"message", r.message}});
    }
    return with_context(write_item(store, kRejectedItem, json{{"rejected", entries}}),
                        "save rejected changes");
}

Result<LastSync> load_last_sync(const Store& store) {
    auto item = read_item(store, kLastSyncItem);
    if (!item) return std::unexpected(item.error().with_context("read last sync"));
    LastSync last;
    if (!*item) return last;
    const json& j = **item;
    if (j.contains("ok_ms") && j["ok_ms"].is_number_integer()) last.ok_ms = j["ok_ms"];
    if (j.contains("attempt_ms") && j["attempt_ms"].is_number_integer()) {
        last.attempt_ms = j["attempt_ms"];
    }
    last.error = j.value("error", std::string());
    return last;
}

Result<void> save_last_sync(Store& store, const LastSync& last) {
    json j{{"error", last.error}};
    if (last.ok_ms) j["ok_ms"] = *last.ok_ms;
    if (last.attempt_ms) j["attempt_ms"] = *last.attempt_ms;
    return with_context(write_item(store, kLastSyncItem, j), "save last sync");
}

Result<std::int64_t> load_pull_cursor(const Store& store) {
    auto text = store.sync_cursor(kPullCursorName);
    if (!text) return std::unexpected(text.error());
    if (!*text) return std::int64_t{0};
    std::int64_t value = 0;
    const std::string& s = **text;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || value < 0) {
        return fail(ErrorKind::Damaged, "read pull cursor: '" + s + "' is not a position");
    }
    return value;
}

std::vector<RejectedChange> live_rejections(std::vector<RejectedChange> rejected,
                                            std::span<const FieldChange> unsynced) {
    std::set<RecordId> edited;  // records with an unsynced change that is not rejected
    for (const FieldChange& c : unsynced) {
        const bool is_rejected = std::any_of(rejected.begin(), rejected.end(),
                                             [&](auto& r) { return same_version(r.change, c); });
        if (!is_rejected) edited.insert(c.record_id);
    }
    std::erase_if(rejected, [&](const RejectedChange& r) {
        if (edited.contains(r.change.record_id)) return true;
        return std::none_of(unsynced.begin(), unsynced.end(),
                            [&](const FieldChange& c) { return same_version(r.change, c); });
    });
    return rejected;
}

bool same_version(const FieldChange& a, const FieldChange& b) {
    return a.record_id == b.record_id && a.field == b.field && a.stamp == b.stamp &&
           a.device_id == b.device_id;
}

}  // namespace c5::sync::client
