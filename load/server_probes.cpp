// The health and results-page pollers of the load run, with cpp-httplib as a browser would
// speak to syncd: a fresh connection per request, the session cookie of one login.
#include "load/server_probes.hpp"

#include <httplib.h>

namespace c5::load {
namespace {

using SteadyClock = std::chrono::steady_clock;

double ms_since(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// "timeout", "no_connection" or "status 503": the kind of a failed request.
std::string failure_kind(const httplib::Result& result) {
    if (!result) {
        return result.error() == httplib::Error::Read
                   ? "timeout"
                   : "no_answer (" + httplib::to_string(result.error()) + ")";
    }
    return "status " + std::to_string(result->status);
}

httplib::Client client_for(const ProbeTarget& target) {
    httplib::Client client(target.host, target.port);
    client.set_connection_timeout(std::chrono::seconds(10));
    client.set_read_timeout(std::chrono::seconds(30));
    return client;
}

}  // namespace

ServerProbes::ServerProbes(ProbeTarget target)
    : target_(std::move(target)),
      health_thread_([this] { poll_health(); }),
      page_thread_([this] { poll_results_page(); }) {}

ServerProbes::~ServerProbes() {
    stop();
}

void ServerProbes::stop() {
    stopping_ = true;
    if (health_thread_.joinable()) health_thread_.join();
    if (page_thread_.joinable()) page_thread_.join();
}

void ServerProbes::pause() {
    const auto until = SteadyClock::now() + target_.every;
    while (!stopping_ && SteadyClock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void ServerProbes::poll_health() {
    auto client = client_for(target_);
    while (!stopping_) {
        const auto start = SteadyClock::now();
        auto result = client.Get("/v1/health");
        if (result && result->status == 200 && result->body.find("\"ok\"") != std::string::npos) {
            health_.ms.push_back(ms_since(start));
        } else {
            health_.fail(failure_kind(result), result ? result->body : "GET /v1/health");
        }
        pause();
    }
}

void ServerProbes::poll_results_page() {
    auto client = client_for(target_);
    std::string cookie;
    while (!stopping_ && cookie.empty()) {
        auto login = client.Post(
            "/web/api/login",
            httplib::Params{{"name", target_.web_user}, {"password", target_.web_password}});
        if (login && login->status == 200) {
            const std::string set_cookie = login->get_header_value("Set-Cookie");
            cookie = set_cookie.substr(0, set_cookie.find(';'));
        } else {
            results_page_.fail("login " + failure_kind(login), login ? login->body : "login");
            pause();
        }
    }
    const httplib::Headers headers{{"Cookie", cookie}};
    while (!stopping_) {
        const auto start = SteadyClock::now();
        auto page = client.Get("/web/", headers);
        if (!page || page->status != 200) {
            results_page_.fail("page " + failure_kind(page), page ? page->body : "GET /web/");
            pause();
            continue;
        }
        auto results = client.Get("/web/api/overview", headers);
        if (!results || results->status != 200) {
            results_page_.fail("overview " + failure_kind(results),
                               results ? results->body : "GET /web/api/overview");
        } else {
            results_page_.ms.push_back(ms_since(start));
        }
        pause();
    }
}

}  // namespace c5::load
