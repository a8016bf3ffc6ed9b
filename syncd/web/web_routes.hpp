// The results pages under /web/: login, the overview, a unit's page, the ward report and
// the downloads, for province and supervisor accounts (`syncd users`). Pages are static
// files; their scripts read /web/api/*. Every API answer and download checks the session
// cookie and the account's units; POSTs check the Origin and, once logged in, the CSRF token.
#pragma once

#include "syncd/server/server_context.hpp"
#include "syncd/web/sessions.hpp"

namespace httplib {
class Server;
}

namespace c5::syncd {

struct WebOptions {
    // Mark the session cookie Secure: true under HTTPS and on a loopback address (browsers
    // keep Secure cookies for http://127.0.0.1 and localhost); false for plain HTTP on a
    // network address, where a Secure cookie would be dropped and no one could log in.
    bool secure_cookie = true;
};

class WebPages {
public:
    WebPages(const ServerContext& ctx, WebOptions options) : ctx_(ctx), options_(options) {}

    void add_routes(httplib::Server& server);

private:
    const ServerContext& ctx_;
    WebOptions options_;
    SessionStore sessions_;
    LoginThrottle throttle_;
};

inline constexpr const char* kSessionCookie = "c5_session";

}  // namespace c5::syncd
