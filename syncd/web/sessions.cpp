// Session tokens and login throttling.
#include "syncd/web/sessions.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace c5::syncd {

std::string random_token() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    hex.pop_back();
    return hex;
}

std::string SessionStore::open(const WebUser& user, std::int64_t now_ms) {
    std::string token = random_token();
    std::lock_guard lock(mutex_);
    // Drop expired sessions now and then, so the map does not grow with abandoned ones.
    std::erase_if(sessions_,
                  [now_ms](const auto& entry) { return entry.second.expires_ms <= now_ms; });
    sessions_[token] = WebSession{user, random_token(), now_ms + kSessionIdleMs};
    return token;
}

std::optional<WebSession> SessionStore::find(const std::string& token, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    if (it->second.expires_ms <= now_ms) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.expires_ms = now_ms + kSessionIdleMs;
    return it->second;
}

void SessionStore::close(const std::string& token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

void SessionStore::close_all_of(const std::string& user_name) {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_,
                  [&](const auto& entry) { return entry.second.user.name == user_name; });
}

std::int64_t LoginThrottle::wait_ms(const std::string& name, const std::string& address,
                                    std::int64_t now_ms) {
    return std::max(by_name_.wait_ms(name, now_ms), by_address_.wait_ms(address, now_ms));
}

void LoginThrottle::failed(const std::string& name, const std::string& address,
                           std::int64_t now_ms) {
    by_name_.failed(name, now_ms);
    by_address_.failed(address, now_ms);
}

void LoginThrottle::succeeded(const std::string& name) {
    by_name_.clear(name);
}

}  // namespace c5::syncd
