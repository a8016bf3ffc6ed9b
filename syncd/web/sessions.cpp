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
    std::erase_if(sessions_, [now_ms](const auto& entry) {
        return entry.second.expires_ms <= now_ms;
    });
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
    std::erase_if(sessions_, [&](const auto& entry) {
        return entry.second.user.name == user_name;
    });
}

std::int64_t LoginThrottle::wait_for(std::map<std::string, Failures>& table,
                                     const std::string& key, std::int64_t now_ms) {
    auto it = table.find(key);
    if (it == table.end()) return 0;
    const std::int64_t window_end = it->second.first_ms + kFailureWindowMs;
    if (window_end <= now_ms) {
        table.erase(it);
        return 0;
    }
    return it->second.count >= kMaxFailures ? window_end - now_ms : 0;
}

void LoginThrottle::count(std::map<std::string, Failures>& table, const std::string& key,
                          std::int64_t now_ms) {
    Failures& f = table[key];
    if (f.count == 0 || f.first_ms + kFailureWindowMs <= now_ms) f = Failures{0, now_ms};
    ++f.count;
}

std::int64_t LoginThrottle::wait_ms(const std::string& name, const std::string& address,
                                    std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    return std::max(wait_for(by_name_, name, now_ms), wait_for(by_address_, address, now_ms));
}

void LoginThrottle::failed(const std::string& name, const std::string& address,
                           std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    count(by_name_, name, now_ms);
    count(by_address_, address, now_ms);
}

void LoginThrottle::succeeded(const std::string& name) {
    std::lock_guard lock(mutex_);
    by_name_.erase(name);
}

}  // namespace c5::syncd
