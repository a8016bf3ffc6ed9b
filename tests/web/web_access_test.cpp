// The access rules of the results pages, over plain HTTP against a real syncd: no session,
// a wrong password, a forged form and another ward's unit are refused and change nothing;
// each role gets only what it may see; failed logins are throttled; a disabled account is
// locked out at once.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "web/web_fixture.hpp"

using namespace c5::test;
using nlohmann::json;

TEST_CASE("results pages refuse a missing session, a wrong password and a forged form") {
    WebServer web;
    WebClient client(web.server.port());

    // Without a session: the API and downloads say 401, pages send to the login page.
    for (const char* path :
         {"/web/api/overview", "/web/api/unit?code=00001", "/web/download/results.csv",
          "/web/download/households.csv?unit=00001"}) {
        auto res = client.get(path);
        REQUIRE(res);
        CHECK_MESSAGE(res->status == 401, path);
    }
    auto page = client.get("/web/");
    REQUIRE(page);
    CHECK(page->status == 302);
    CHECK(page->get_header_value("Location") == "/web/login");
    auto login_page = client.get("/web/login");
    REQUIRE(login_page);
    CHECK(login_page->status == 200);
    CHECK(login_page->body.find("login-form") != std::string::npos);

    // A wrong password or an unknown name: 401 and no cookie.
    auto wrong = client.login("tinh", "not the password");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK_FALSE(wrong->has_header("Set-Cookie"));
    auto unknown = client.login("nobody", kProvincePassword);
    REQUIRE(unknown);
    CHECK(unknown->status == 401);

    // A login posted from another site's page is refused even with the right password.
    auto cross = client.login("tinh", kProvincePassword, "http://evil.example");
    REQUIRE(cross);
    CHECK(cross->status == 403);
    CHECK(client.cookie().empty());

    auto good = client.login("tinh", kProvincePassword);
    REQUIRE(good);
    REQUIRE(good->status == 200);
    const std::string set_cookie = good->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(set_cookie.find("Secure") != std::string::npos);
    CHECK(set_cookie.find("Path=/web") != std::string::npos);

    auto me = client.get("/web/api/me");
    REQUIRE(me);
    REQUIRE(me->status == 200);
    const std::string csrf = json::parse(me->body)["csrf"].get<std::string>();
    CHECK(csrf.size() == 64);

    // Forged logouts (no token, a wrong token, the right token from another site's page)
    // are refused and the session still works.
    for (const httplib::Headers& forged :
         {httplib::Headers{}, httplib::Headers{{"X-CSRF-Token", std::string(64, 'a')}},
          httplib::Headers{{"X-CSRF-Token", csrf}, {"Origin", "http://evil.example"}}}) {
        auto res = client.post("/web/api/logout", forged);
        REQUIRE(res);
        CHECK(res->status == 403);
        auto still = client.get("/web/api/me");
        REQUIRE(still);
        CHECK(still->status == 200);
    }

    // The real logout ends the session: the same cookie is refused afterwards.
    auto out = client.post("/web/api/logout", {{"X-CSRF-Token", csrf}});
    REQUIRE(out);
    CHECK(out->status == 200);
    auto after = client.get("/web/api/overview");
    REQUIRE(after);
    CHECK(after->status == 401);

    // A made-up cookie is no session either.
    WebClient guesser(web.server.port());
    auto guessed = guesser.get("/web/api/me");
    REQUIRE(guessed);
    CHECK(guessed->status == 401);
}

TEST_CASE("a supervisor sees its ward with household codes, the province counts only") {
    WebServer web;
    WebClient supervisor(web.server.port());
    REQUIRE(supervisor.login("gs-phucxa", kSupervisorPassword)->status == 200);

    // Another ward's page and files are forbidden; a unit that does not exist is not found.
    for (const char* path :
         {"/web/api/unit?code=00004", "/web/download/households.csv?unit=00004",
          "/web/download/households.xlsx?unit=00004", "/web/api/unit?code=001"}) {
        auto res = supervisor.get(path);
        REQUIRE(res);
        CHECK_MESSAGE(res->status == 403, path);
        CHECK(res->body.find("00004\"") == std::string::npos);
    }
    CHECK(supervisor.get("/web/api/unit?code=99999")->status == 404);

    // Its overview and its results files hold its ward alone.
    auto overview = json::parse(supervisor.get("/web/api/overview")->body);
    REQUIRE(overview["units"].size() == 1);
    CHECK(overview["units"][0]["code"] == "00001");
    auto csv = supervisor.get("/web/download/results.csv");
    REQUIRE(csv->status == 200);
    CHECK(csv->body.find("\n00001,") != std::string::npos);
    CHECK(csv->body.find("\n00004,") == std::string::npos);

    // Its ward: shortfalls name households; the household file has the personal fields.
    auto unit = json::parse(supervisor.get("/web/api/unit?code=00001")->body);
    CHECK(unit["sees_households"] == true);
    bool named = false;
    for (const auto& s : unit["result"]["shortfalls"]) named |= !s["household_codes"].empty();
    CHECK(named);
    auto households = supervisor.get("/web/download/households.csv?unit=00001");
    REQUIRE(households->status == 200);
    CHECK(households->body.starts_with("\xEF\xBB\xBFrecord_id,"));
    CHECK(households->body.find(",head_name,address,phone,") != std::string::npos);
    CHECK(households->body.find("Đặng Văn Quân") != std::string::npos);

    // The province: every unit, counts without household codes, no personal fields.
    WebClient province(web.server.port());
    REQUIRE(province.login("tinh", kProvincePassword)->status == 200);
    auto all = json::parse(province.get("/web/api/overview")->body);
    CHECK(all["units"].size() == web.results_rows().size() - 1);
    auto seen = json::parse(province.get("/web/api/unit?code=00001")->body);
    CHECK(seen["sees_households"] == false);
    std::int64_t lacking = 0;
    for (const auto& s : seen["result"]["shortfalls"]) {
        CHECK(s["household_codes"].empty());
        lacking += s["count"].get<std::int64_t>();
    }
    CHECK(lacking > 0);
    // The reasons say how many households, not which (the supervisor's say which).
    const auto reasons_of = [](const json& page) {
        std::string all;
        for (const auto& c : page["result"]["contents"]) {
            for (const auto& r : c["reasons"]) all += r.get<std::string>() + "\n";
        }
        return all;
    };
    CHECK(reasons_of(seen).find(" hộ)") != std::string::npos);
    CHECK(reasons_of(seen).find(" hộ: ") == std::string::npos);
    CHECK(reasons_of(unit).find(" hộ: ") != std::string::npos);
    CHECK(seen["review"]["waiting_review"].empty());
    CHECK(seen["review"]["waiting_review_count"].get<int>() > 0);
    auto plain = province.get("/web/download/households.csv?unit=00001");
    REQUIRE(plain->status == 200);
    CHECK(plain->body.find("head_name") == std::string::npos);
    CHECK(plain->body.find("Đặng Văn Quân") == std::string::npos);
    CHECK(plain->body.find("0974604036") == std::string::npos);
    CHECK(plain->body.find(",visit_outcome,") != std::string::npos);
}

TEST_CASE("a district's supervisor sees its wards' results but no household's identity") {
    WebServer web;
    REQUIRE(web.add_user("gs-badinh", "supervisor", "001", kSupervisorPassword).exit_code == 0);
    WebClient district(web.server.port());
    REQUIRE(district.login("gs-badinh", kSupervisorPassword)->status == 200);

    auto ward = json::parse(district.get("/web/api/unit?code=00001")->body);
    CHECK(ward["sees_households"] == false);
    for (const auto& s : ward["result"]["shortfalls"]) CHECK(s["household_codes"].empty());
    auto households = district.get("/web/download/households.csv?unit=00001");
    REQUIRE(households->status == 200);
    CHECK(households->body.find("head_name") == std::string::npos);
    CHECK(households->body.find("Đặng Văn Quân") == std::string::npos);
    CHECK(households->body.find("0974604036") == std::string::npos);
    CHECK(district.get("/web/api/unit?code=00037")->status == 403);
}

TEST_CASE("a unit's page shows a listed answer in the form's words, not its code") {
    WebServer web;
    WebClient province(web.server.port());
    REQUIRE(province.login("tinh", kProvincePassword)->status == 200);
    auto page = json::parse(province.get("/web/api/unit?code=" + std::string("00001"))->body);
    std::string technology;
    for (const auto& content : page["result"]["contents"]) {
        for (const auto& item : content["items"]) {
            if (item["id"] == "radio_technology") technology = item["value"];
        }
    }
    CHECK(technology == "Cả có dây và không dây FM");
}

TEST_CASE("failed logins are throttled and a disabled account is locked out") {
    WebServer web;
    WebClient holder(web.server.port());
    REQUIRE(holder.login("gs-phucxa", kSupervisorPassword)->status == 200);

    WebClient attacker(web.server.port());
    for (int i = 0; i < 5; ++i) {
        CHECK(attacker.login("tinh", "guess " + std::to_string(i))->status == 401);
    }
    // The sixth try is refused before the password is looked at, even the right one.
    auto throttled = attacker.login("tinh", kProvincePassword);
    REQUIRE(throttled);
    CHECK(throttled->status == 429);
    CHECK(throttled->has_header("Retry-After"));
    CHECK(attacker.cookie().empty());

    // Disabling an account ends its open session at once and refuses new logins.
    REQUIRE(holder.get("/web/api/me")->status == 200);
    auto disabled = web.server.run("users", {"disable", "--name", "gs-phucxa"});
    CHECK(disabled.exit_code == 0);
    CHECK(holder.get("/web/api/me")->status == 401);
    auto listed = web.server.run("users", {"list"});
    CHECK(listed.out.find("gs-phucxa") != std::string::npos);
    CHECK(listed.out.find("disabled") != std::string::npos);
}

TEST_CASE("syncd users refuses a bad account and changes nothing") {
    WebServer web;
    const auto before = web.server.run("users", {"list"}).out;
    CHECK(web.add_user("short", "province", "", "tiny").exit_code == 1);
    CHECK(web.add_user("tinh", "province", "", "another long password").exit_code == 1);
    auto no_unit = web.add_user("gs-x", "supervisor", "99999", "a long enough password");
    CHECK(no_unit.exit_code == 1);
    CHECK(no_unit.err.find("99999") != std::string::npos);
    auto unitless = web.add_user("gs-z", "supervisor", "", "a long enough password");
    CHECK(unitless.exit_code == 1);
    CHECK(unitless.err.find("needs --unit") != std::string::npos);
    CHECK(web.add_user("gs-y", "province", "00001", "a long enough password").exit_code == 1);
    CHECK(web.add_user("has space", "province", "", "a long enough password").exit_code == 1);
    CHECK(web.server.run("users", {"disable", "--name", "nobody"}).exit_code == 1);
    CHECK(web.server.run("users", {"list"}).out == before);

    // A generated password is printed once and works.
    auto generated = web.server.run("users", {"add", "--name", "tinh2", "--role", "province",
                                              "--generate-password"});
    REQUIRE(generated.exit_code == 0);
    const auto at = generated.out.find("Password (shown once): ");
    REQUIRE(at != std::string::npos);
    const std::string password = generated.out.substr(at + 23, 19);
    WebClient client(web.server.port());
    CHECK(client.login("tinh2", password)->status == 200);
    // The password is in no log.
    CHECK(web.server.server_log().find(password) == std::string::npos);
}
