// Logged-in browsers and the login throttle, both in the server's memory: a restart logs
// everyone out and forgets failed attempts, which is safe in both directions.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "syncd/server/attempt_throttle.hpp"
#include "syncd/web/accounts.hpp"

namespace c5::syncd {

struct WebSession {
    WebUser user;
    std::string csrf_token;  // sent back in X-CSRF-Token or a form's csrf field on POSTs
    std::int64_t expires_ms = 0;
};

inline constexpr std::int64_t kSessionIdleMs = 8 * 60 * 60 * 1000;  // a working day

class SessionStore {
public:
    // A new session for `user`; returns its token (the cookie value).
    std::string open(const WebUser& user, std::int64_t now_ms);

    // The session of a token that has not expired (its idle time restarts), else nullopt.
    std::optional<WebSession> find(const std::string& token, std::int64_t now_ms);

    void close(const std::string& token);

    // Ends every session of an account (after it was disabled).
    void close_all_of(const std::string& user_name);

private:
    std::mutex mutex_;
    std::map<std::string, WebSession> sessions_;
};

// Failed logins per account name and per client address: after kMaxFailures within
// kFailureWindowMs, logins from there (or for that name) are refused until the window ends.
class LoginThrottle {
public:
    static constexpr int kMaxFailures = 5;
    static constexpr std::int64_t kFailureWindowMs = 15 * 60 * 1000;

    // Milliseconds to wait before the next attempt, 0 when one may be made now.
    std::int64_t wait_ms(const std::string& name, const std::string& address, std::int64_t now_ms);
    void failed(const std::string& name, const std::string& address, std::int64_t now_ms);
    // A good login clears the name's failures (not the address's).
    void succeeded(const std::string& name);

private:
    AttemptThrottle by_name_{kMaxFailures, kFailureWindowMs};
    AttemptThrottle by_address_{kMaxFailures, kFailureWindowMs};
};

// A fresh random token: 32 bytes from libsodium as 64 hex digits.
std::string random_token();

}  // namespace c5::syncd
