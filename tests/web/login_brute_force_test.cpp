// Login brute force against the results pages: many wrong passwords from one address are
// refused (401, then 429 before any password is looked at), change nothing and leave syncd
// answering; once the throttle window has passed, the right password works again (checked on
// syncd's own pages served in this process with a clock the test moves).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <thread>

#include "syncd/commands/default_paths.hpp"
#include "syncd/server/server_context.hpp"
#include "syncd/web/web_routes.hpp"
#include "web/web_fixture.hpp"

using namespace c5::test;

namespace {

// The accounts as stored (name, hash, disabled) and the number of audit rows, read directly.
std::string accounts_and_audit(const std::filesystem::path& database) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    std::string out;
    const char* sql =
        "SELECT name || ' ' || password_hash || ' ' || coalesce(disabled_ms, '-') FROM web_users "
        "UNION ALL SELECT 'audit rows ' || count(*) FROM audit";
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        out += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        out += "\n";
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return out;
}

// syncd's web pages served in this process on loopback, on the data folder of `server`
// (initialised, not serving), with a clock the test sets.
class PagesWithClock {
public:
    explicit PagesWithClock(const SyncdProcess& server) {
        c5::syncd::ServerOptions options;
        options.data_dir = server.data_dir();
        options.forms_dir = c5::syncd::default_forms_dir();
        options.criteria_file = c5::syncd::default_criteria_file();
        options.clock = [now = now_] { return now->load(); };
        auto ctx = c5::syncd::open_server(options, server.passphrase());
        REQUIRE_MESSAGE(ctx, (ctx ? std::string() : ctx.error().message));
        ctx_.emplace(std::move(*ctx));
        pages_ = std::make_unique<c5::syncd::WebPages>(*ctx_, c5::syncd::WebOptions{true});
        pages_->add_routes(http_);
        port_ = http_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { http_.listen_after_bind(); });
    }
    ~PagesWithClock() {
        http_.stop();
        thread_.join();
    }

    int port() const { return port_; }
    void advance(std::int64_t ms) { *now_ += ms; }

private:
    std::shared_ptr<std::atomic<std::int64_t>> now_ =
        std::make_shared<std::atomic<std::int64_t>>(1'800'000'000'000);
    std::optional<c5::syncd::ServerContext> ctx_;
    httplib::Server http_;
    std::unique_ptr<c5::syncd::WebPages> pages_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace

TEST_CASE("a login brute force is refused with 401 then 429 and changes nothing") {
    WebServer web;
    const std::string before = accounts_and_audit(web.server.database_file());
    WebClient attacker(web.server.port());

    // 300 guesses at the province account: the first five are checked and refused, the rest
    // are refused before any password is looked at, with the time to wait.
    std::map<int, int> statuses;
    bool retry_after_on_every_429 = true;
    for (int i = 0; i < 300; ++i) {
        auto res = attacker.login("tinh", "guess number " + std::to_string(i));
        REQUIRE(res);
        ++statuses[res->status];
        if (res->status == 429 && !res->has_header("Retry-After")) {
            retry_after_on_every_429 = false;
        }
        CHECK_FALSE(res->has_header("Set-Cookie"));
    }
    CHECK(statuses == std::map<int, int>{{401, 5}, {429, 295}});
    CHECK(retry_after_on_every_429);

    // The address is held back for every account, the right password and another name too.
    CHECK(attacker.login("tinh", kProvincePassword)->status == 429);
    CHECK(attacker.login("gs-phucxa", kSupervisorPassword)->status == 429);
    CHECK(attacker.login("no-such-account", "whatever it is")->status == 429);
    CHECK(attacker.cookie().empty());
    CHECK(attacker.get("/web/api/me")->status == 401);

    // Nothing changed: the accounts, their hashes and the audit are as they were.
    CHECK(accounts_and_audit(web.server.database_file()) == before);
    CHECK(web.server.healthy());
    std::printf("login brute force: 300 wrong passwords, %d refused 401, %d refused 429\n",
                statuses[401], statuses[429]);
}

TEST_CASE("after the throttle window the right password logs in again") {
    WebServer web;
    REQUIRE(web.server.stop());
    PagesWithClock pages(web.server);
    WebClient client(pages.port());

    for (int i = 0; i < 5; ++i) {
        CHECK(client.login("tinh", "wrong " + std::to_string(i))->status == 401);
    }
    CHECK(client.login("tinh", kProvincePassword)->status == 429);

    // A second before the window ends the address still waits; after it, the right password
    // works and the session it opens is good.
    const std::int64_t window = c5::syncd::LoginThrottle::kFailureWindowMs;
    pages.advance(window - 1000);
    auto waiting = client.login("tinh", kProvincePassword);
    CHECK(waiting->status == 429);
    CHECK(waiting->get_header_value("Retry-After") == "1");
    pages.advance(1000);
    CHECK(client.login("tinh", kProvincePassword)->status == 200);
    CHECK(client.get("/web/api/me")->status == 200);

    // A new run of wrong passwords starts a new window.
    WebClient attacker(pages.port());
    for (int i = 0; i < 5; ++i) CHECK(attacker.login("tinh", "again")->status == 401);
    CHECK(attacker.login("tinh", kProvincePassword)->status == 429);
}
