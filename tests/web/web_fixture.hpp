// A real syncd with the samples imported and two web accounts (a province account and the
// supervisor of ward 00001), plus a small client that logs in and keeps the session cookie.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <string>

#include "core/io/csv.hpp"
#include "support/syncd_process.hpp"

namespace c5::test {

inline const std::string kSamples = std::string(C5_SOURCE_DIR) + "/samples/";
inline const std::string kProvincePassword = "province pass 2024";
inline const std::string kSupervisorPassword = "supervisor pass 2024";

struct WebServer {
    SyncdProcess server;
    TempDir files;

    // Adds an account through `syncd users add` with its password in a file.
    ProcessResult add_user(const std::string& name, const std::string& role,
                           const std::string& unit, const std::string& password) {
        const auto file = files.write(name + ".pass", password + "\n");
        std::vector<std::string> args{"add",  "--name",          name, "--role",
                                      role,   "--password-file", file.string()};
        if (!unit.empty()) {
            args.push_back("--unit");
            args.push_back(unit);
        }
        return server.run("users", args);
    }

    WebServer() {
        REQUIRE_MESSAGE(server.init(), server.last_error());
        REQUIRE(server.run("import-registry", {kSamples + "registry-hanoi.csv"}).exit_code == 0);
        REQUIRE(server.run("import-households", {kSamples + "households.csv"}).exit_code == 0);
        REQUIRE(server.run("import-checklists", {kSamples + "checklists.json"}).exit_code == 0);
        REQUIRE(add_user("tinh", "province", "", kProvincePassword).exit_code == 0);
        REQUIRE(add_user("gs-phucxa", "supervisor", "00001", kSupervisorPassword).exit_code == 0);
        REQUIRE_MESSAGE(server.start(), server.last_error());
    }

    // The stored results as `syncd results --format csv` prints them, parsed.
    std::vector<CsvRow> results_rows() {
        auto run = server.run("results", {"--format", "csv"});
        REQUIRE(run.exit_code == 0);
        auto rows = parse_csv(run.out);
        REQUIRE(rows.has_value());
        return *rows;
    }
};

// A browser-less client: logs in and sends the session cookie with every request.
class WebClient {
public:
    explicit WebClient(int port) : http_("127.0.0.1", port) {}

    // The login answer; on a 200 the session cookie is kept.
    httplib::Result login(const std::string& name, const std::string& password,
                          const std::string& origin = "") {
        httplib::Params form{{"name", name}, {"password", password}};
        httplib::Headers headers;
        if (!origin.empty()) headers.emplace("Origin", origin);
        auto res = http_.Post("/web/api/login", headers, form);
        if (res && res->status == 200) {
            const std::string cookie = res->get_header_value("Set-Cookie");
            cookie_ = cookie.substr(0, cookie.find(';'));
        }
        return res;
    }

    httplib::Result get(const std::string& path) {
        return http_.Get(path.c_str(), headers());
    }

    httplib::Result post(const std::string& path, httplib::Headers extra = {}) {
        for (const auto& h : headers()) extra.insert(h);
        return http_.Post(path.c_str(), extra, "", "application/x-www-form-urlencoded");
    }

    void forget_cookie() { cookie_.clear(); }
    const std::string& cookie() const { return cookie_; }

private:
    httplib::Headers headers() const {
        httplib::Headers h;
        if (!cookie_.empty()) h.emplace("Cookie", cookie_);
        return h;
    }

    httplib::Client http_;
    std::string cookie_;
};

}  // namespace c5::test
