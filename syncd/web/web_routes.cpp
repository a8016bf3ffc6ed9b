// Handlers of the results pages.
#include "syncd/web/web_routes.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/io/interchange.hpp"
#include "syncd/server/result_json.hpp"
#include "syncd/server/results_store.hpp"
#include "syncd/web/household_export.hpp"
#include "syncd/web/web_assets.hpp"
#include "syncd/web/web_views.hpp"
#include "syncd/web/xlsx_export.hpp"

namespace c5::syncd {
namespace {

using nlohmann::json;
using httplib::Request;
using httplib::Response;

void send_json(Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void send_error(Response& res, int status, const std::string& code, const std::string& message) {
    send_json(res, status, {{"error", code}, {"message", message}});
}

// Pages and answers are never cached (they hold results and, for a supervisor, household
// codes), never framed, and run only their own scripts.
void harden(Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                   "script-src 'self'; object-src 'none'; base-uri 'none'; "
                   "form-action 'self'; frame-ancestors 'none'");
}

std::string cookie_value(const Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string part = header.substr(pos, end - pos);
        const std::size_t first = part.find_first_not_of(' ');
        part = first == std::string::npos ? "" : part.substr(first);
        if (part.starts_with(name + "=")) return part.substr(name.size() + 1);
        pos = end + 1;
    }
    return "";
}

httplib::Params form_params(const Request& req) {
    httplib::Params params;
    httplib::detail::parse_query_text(req.body, params);
    return params;
}

std::string param(const httplib::Params& params, const std::string& key) {
    auto it = params.find(key);
    return it == params.end() ? "" : it->second;
}

// A POST from a page of another site carries that site's Origin; browsers send Origin on
// every POST, so one that names another host is a forgery. Requests without an Origin
// (command-line clients) still need the CSRF token once logged in.
bool same_origin(const Request& req) {
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty() || origin == "null") return origin.empty();
    const std::string host = req.get_header_value("Host");
    return origin == "http://" + host || origin == "https://" + host;
}

std::string content_disposition(const std::string& file_name) {
    return "attachment; filename=\"" + file_name + "\"";
}

}  // namespace

void WebPages::add_routes(httplib::Server& server) {
    // The session of a request whose account still exists and is not disabled (it may have
    // been disabled by `syncd users disable` in another process since the login).
    const auto session_of = [this](const Request& req) -> std::optional<WebSession> {
        const std::string token = cookie_value(req, kSessionCookie);
        if (token.empty()) return std::nullopt;
        auto session = sessions_.find(token, ctx_.now_ms());
        if (!session) return std::nullopt;
        auto db = ctx_.connect();
        if (!db) return std::nullopt;
        auto user = find_web_user(*db, session->user.name);
        if (!user || !*user || (*user)->disabled_ms) {
            sessions_.close(token);
            return std::nullopt;
        }
        session->user = **user;
        return session;
    };

    // Wraps an API handler: 401 without a session, 500 with a short reason on a failure.
    using ApiHandler = std::function<void(const Request&, Response&, const WebSession&, Database&)>;
    const auto api = [this, session_of](ApiHandler handler) {
        return [this, session_of, handler](const Request& req, Response& res) {
            harden(res);
            auto session = session_of(req);
            if (!session) {
                send_error(res, 401, "not_logged_in", "log in first");
                return;
            }
            auto db = ctx_.connect();
            if (!db) {
                send_error(res, 500, "internal", "the database does not open");
                return;
            }
            handler(req, res, *session, *db);
        };
    };

    // A page: served only with a session, else sent to the login page.
    const auto page = [session_of](const std::string& asset) {
        return [session_of, asset](const Request& req, Response& res) {
            harden(res);
            if (!session_of(req)) {
                res.set_redirect("/web/login");
                return;
            }
            auto found = find_web_asset(asset);
            res.set_content(std::string(found->content), std::string(found->mime).c_str());
        };
    };

    server.Get("/", [](const Request&, Response& res) { res.set_redirect("/web/"); });
    server.Get("/web", [](const Request&, Response& res) { res.set_redirect("/web/"); });
    // Browsers ask for an icon on every page; there is none, and a 404 would fill logs.
    server.Get("/favicon.ico", [](const Request&, Response& res) { res.status = 204; });
    server.Get("/web/", page("overview.html"));
    server.Get("/web/unit", page("unit.html"));
    server.Get("/web/report", page("report.html"));
    server.Get("/web/login", [](const Request&, Response& res) {
        harden(res);
        auto found = find_web_asset("login.html");
        res.set_content(std::string(found->content), std::string(found->mime).c_str());
    });
    server.Get(R"(/web/static/([a-z0-9_\-]+\.(css|js|svg)))", [](const Request& req,
                                                                   Response& res) {
        auto found = find_web_asset(req.matches[1].str());
        if (!found) {
            send_error(res, 404, "not_found", "no such file");
            return;
        }
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Cache-Control", "no-cache");
        res.set_content(std::string(found->content), std::string(found->mime).c_str());
    });

    server.Post("/web/api/login", [this](const Request& req, Response& res) {
        harden(res);
        if (!same_origin(req)) {
            send_error(res, 403, "cross_site", "a login from another site is refused");
            return;
        }
        const auto params = form_params(req);
        const std::string name = param(params, "name");
        const std::string password = param(params, "password");
        const std::int64_t now = ctx_.now_ms();
        if (const std::int64_t wait = throttle_.wait_ms(name, req.remote_addr, now); wait > 0) {
            res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
            send_error(res, 429, "too_many_attempts",
                       "too many failed logins; try again in " +
                           std::to_string((wait + 59999) / 60000) + " minutes");
            return;
        }
        auto db = ctx_.connect();
        if (!db) {
            send_error(res, 500, "internal", "the database does not open");
            return;
        }
        auto user = check_web_login(*db, name, password);
        if (!user) {
            send_error(res, 500, "internal", "the accounts cannot be read");
            return;
        }
        if (!*user) {
            throttle_.failed(name, req.remote_addr, now);
            send_error(res, 401, "wrong_login", "wrong name or password");
            return;
        }
        throttle_.succeeded(name);
        const std::string token = sessions_.open(**user, now);
        std::string cookie = std::string(kSessionCookie) + "=" + token +
                             "; Path=/web; HttpOnly; SameSite=Strict";
        if (options_.secure_cookie) cookie += "; Secure";
        res.set_header("Set-Cookie", cookie);
        send_json(res, 200, {{"user", user_json(**user)}});
    });

    // Logging out changes state: it needs the CSRF token of the session.
    server.Post("/web/api/logout", [this, session_of](const Request& req, Response& res) {
        harden(res);
        auto session = session_of(req);
        if (!session) {
            send_error(res, 401, "not_logged_in", "log in first");
            return;
        }
        const std::string sent = req.has_header("X-CSRF-Token")
                                     ? req.get_header_value("X-CSRF-Token")
                                     : param(form_params(req), "csrf");
        if (!same_origin(req) || sent != session->csrf_token) {
            send_error(res, 403, "forged_request", "the form did not come from this site");
            return;
        }
        sessions_.close(cookie_value(req, kSessionCookie));
        res.set_header("Set-Cookie", std::string(kSessionCookie) +
                                         "=; Path=/web; HttpOnly; SameSite=Strict; Max-Age=0" +
                                         (options_.secure_cookie ? "; Secure" : ""));
        send_json(res, 200, {{"logged_out", true}});
    });

    server.Get("/web/api/me", api([](const Request&, Response& res, const WebSession& s,
                                     Database&) {
        send_json(res, 200, {{"user", user_json(s.user)}, {"csrf", s.csrf_token}});
    }));

    server.Get("/web/api/criteria", api([this](const Request&, Response& res, const WebSession&,
                                               Database&) {
        send_json(res, 200, ctx_.definitions.criteria_json);
    }));

    server.Get("/web/api/overview", api([this](const Request&, Response& res,
                                               const WebSession& s, Database& db) {
        auto overview = overview_json(db, ctx_, s.user);
        if (!overview) {
            send_error(res, overview.error().kind == ErrorKind::NotFound ? 404 : 500,
                       "no_results", overview.error().message);
            return;
        }
        send_json(res, 200, *overview);
    }));

    // Which of a unit's pages or files the account may have: 404 for a unit that is not a
    // ward or district, 403 for one outside the account's units.
    const auto unit_refusal = [this](Database& db, const WebUser& user, const std::string& code)
        -> std::optional<std::pair<int, bool>> {
        auto registry = ctx_.registry_cache->get(db);
        if (!registry || !*registry) return std::pair{404, false};
        const Unit* unit = (**registry).find(code);
        if (!unit || (unit->level != UnitLevel::Ward && unit->level != UnitLevel::District)) {
            return std::pair{404, false};
        }
        const DeviceScope scope = web_scope(user, &**registry);
        if (!scope.covers(code)) return std::pair{403, false};
        return std::nullopt;
    };
    const auto refuse_unit = [](Response& res, int status) {
        if (status == 403) {
            send_error(res, 403, "forbidden", "this unit is not one of your account's units");
        } else {
            send_error(res, 404, "not_found", "no such ward or district");
        }
    };

    server.Get("/web/api/unit", api([this, unit_refusal, refuse_unit](
                                        const Request& req, Response& res, const WebSession& s,
                                        Database& db) {
        const std::string code = req.get_param_value("code");
        if (auto refused = unit_refusal(db, s.user, code)) {
            refuse_unit(res, refused->first);
            return;
        }
        auto unit = unit_json(db, ctx_, s.user, code);
        if (!unit || !*unit) {
            send_error(res, 500, "internal", unit ? "no result" : unit.error().message);
            return;
        }
        send_json(res, 200, **unit);
    }));

    server.Get(R"(/web/download/results\.(csv|xlsx|json))",
               api([this](const Request& req, Response& res, const WebSession& s,
                          Database& db) {
                   auto results = visible_results(db, ctx_, s.user);
                   if (!results) {
                       send_error(res, 404, "no_results", results.error().message);
                       return;
                   }
                   const std::string format = req.matches[1].str();
                   res.set_header("Content-Disposition",
                                  content_disposition("ket-qua-tieu-chi-5." + format));
                   if (format == "csv") {
                       std::ostringstream out;
                       write_results_csv(out, *results, true);
                       res.set_content(out.str(), "text/csv; charset=utf-8");
                   } else if (format == "json") {
                       json array = json::array();
                       for (const UnitResult& r : *results) array.push_back(unit_result_to_json(r));
                       res.set_content(array.dump(2), "application/json");
                   } else {
                       auto book = results_xlsx(*results);
                       if (!book) {
                           send_error(res, 500, "internal", book.error().message);
                           return;
                       }
                       res.set_content(*book, "application/vnd.openxmlformats-officedocument."
                                              "spreadsheetml.sheet");
                   }
               }));

    server.Get(R"(/web/download/households\.(csv|xlsx))",
               api([this, unit_refusal, refuse_unit](const Request& req, Response& res,
                                                     const WebSession& s, Database& db) {
                   const std::string code = req.get_param_value("unit");
                   if (auto refused = unit_refusal(db, s.user, code)) {
                       refuse_unit(res, refused->first);
                       return;
                   }
                   const std::string& form_id = ctx_.definitions.criteria.household_form;
                   auto records = merged_records(db, ctx_.keys.data_key, form_id, code, false);
                   if (!records) {
                       send_error(res, 500, "internal", records.error().message);
                       return;
                   }
                   // Personal fields only for the ward's own supervisor; the province and
                   // a district get the answers that count, without names or phones.
                   const DeviceScope scope = web_scope(s.user, nullptr);
                   const bool personal = sees_households(s.user, scope, code);
                   const auto columns =
                       household_columns(ctx_.definitions.forms.at(form_id), personal);
                   const std::string format = req.matches[1].str();
                   res.set_header("Content-Disposition",
                                  content_disposition("ho-gia-dinh-" + code + "." + format));
                   if (format == "csv") {
                       res.set_content(records_csv(columns, *records), "text/csv; charset=utf-8");
                       return;
                   }
                   auto book = records_xlsx("Hộ gia đình " + code, columns, *records);
                   if (!book) {
                       send_error(res, 500, "internal", book.error().message);
                       return;
                   }
                   res.set_content(*book, "application/vnd.openxmlformats-officedocument."
                                          "spreadsheetml.sheet");
               }));
}

}  // namespace c5::syncd
