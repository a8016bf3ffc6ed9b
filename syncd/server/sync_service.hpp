// The protocol endpoints of docs/sync-protocol.md without the HTTP around them: each takes a
// request body and returns a status and a JSON body, so they can be tested in-process and
// served by any transport. Thread-safe: pushes are applied one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/secret_key.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::sync {
struct PullRequest;
}

namespace c5::syncd {

struct Reply {
    int status = 200;
    nlohmann::json body = nlohmann::json::object();
    std::string device_id;  // who asked, for the request log; "" when unknown
    std::string summary;    // a short key=value note for the log: counts, never values
};

// A refusal: {"error": code, "message": message} with its status.
Reply refusal(int status, std::string code, std::string message);

// A 500: the message for the device, and the cause (the database's words, which never hold a
// value) in the log summary.
Reply internal_error(std::string message, const Error& cause);

// Pull nonces seen in the last 10 minutes, to refuse a replayed pull. Kept in memory: a
// restart forgets them, and the 5-minute window on `at` bounds what a replay could do then.
class NonceCache {
public:
    // False when the nonce was seen within the window; remembers it otherwise.
    bool remember(const std::string& device_id, const std::string& nonce, std::int64_t now_ms);

private:
    std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, std::int64_t> seen_;
};

struct PushContext;  // a verified push request on its way to the merge (push_handler.cpp)
struct Device;

class SyncService {
public:
    explicit SyncService(const ServerContext& ctx) : ctx_(ctx) {}

    Reply health() const;
    Reply enroll(std::string_view body);
    Reply push(std::string_view body);
    Reply pull(std::string_view body);

    // Merges held changes whose time has come (and rescores their units), one merge at a
    // time with pushes. Returns how many were released. Errors: Damaged, Io.
    [[nodiscard]] Result<std::int64_t> release_held();

    const ServerContext& context() const { return ctx_; }

private:
    Reply apply_push(const PushContext& push);
    // The 401 for a pull from a revoked device, with a bad signature, a stale time or a
    // nonce seen before; nullopt when the pull may proceed.
    std::optional<Reply> refuse_pull(const sync::PullRequest& request, const Device& device,
                                     const Bytes& signature);

    const ServerContext& ctx_;
    std::mutex apply_mutex_;  // one merge at a time: seq and hash are checked inside it
    NonceCache nonces_;
};

// Protocol limits a pull and push obey.
inline constexpr std::int64_t kMaxPullLimit = 5000;
inline constexpr std::int64_t kPullWindowMs = 5 * 60 * 1000;
inline constexpr std::int64_t kNonceMemoryMs = 10 * 60 * 1000;

}  // namespace c5::syncd
