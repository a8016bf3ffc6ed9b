// The results pages in Debian's headless Chromium against a real syncd with the samples:
// log in, the overview's table agrees with `syncd results`, search without diacritics,
// a ward's page and its report, every download (CSV with BOM, XLSX with the same figures,
// JSON), and a supervisor kept out of another ward. Screenshots go to the build folder.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "web/web_fixture.hpp"
#include "web/webdriver.hpp"
#include "web/xlsx_reader.hpp"

using namespace c5::test;
using nlohmann::json;

namespace {

const std::filesystem::path kShots = C5_WEB_SCREENSHOT_DIR;

void log_in(Browser& browser, const std::string& base, const std::string& name,
            const std::string& password) {
    browser.go(base + "/web/");
    REQUIRE(browser.wait_for("return !!document.getElementById('login-form');"));
    browser.type("#name", name);
    browser.type("#password", password);
    browser.click("#login-button");
    REQUIRE_MESSAGE(browser.wait_for("return document.body.dataset.ready === '1';"),
                    browser.text("body"));
}

// Cells of the XLSX results sheet against the CSV rows: text equal, numbers equal.
void check_sheet_matches(const SheetCells& cells, const std::vector<c5::CsvRow>& rows) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
            const std::string& want = rows[r].cells[c];
            auto it = cells.find({static_cast<int>(r), static_cast<int>(c)});
            const std::string got = it == cells.end() ? "" : it->second;
            const bool number = r > 0 && c >= 9 && c <= 14 && !want.empty();
            INFO("row ", r, " column ", c, ": csv '", want, "' xlsx '", got, "'");
            if (number) {
                CHECK(std::stod(got) == doctest::Approx(std::stod(want)).epsilon(1e-12));
            } else {
                CHECK(got == want);
            }
        }
    }
}

}  // namespace

TEST_CASE("province staff read the results in Chromium and download them") {
    WebServer web;
    TempDir scratch;
    std::filesystem::create_directories(scratch / "downloads");
    std::filesystem::create_directories(kShots);
    Browser browser(scratch / "downloads", scratch / "profile");
    REQUIRE_MESSAGE(browser.ok(), browser.error());
    const std::string base = web.server.base_url();
    const auto rows = web.results_rows();

    // Without a session the pages lead to the login form; a wrong password says so.
    browser.go(base + "/web/unit?code=00001");
    REQUIRE(browser.wait_for("return location.pathname === '/web/login';"));
    browser.type("#name", "tinh");
    browser.type("#password", "wrong password");
    browser.click("#login-button");
    REQUIRE_MESSAGE(
        browser.wait_for("return document.getElementById('login-error').textContent !== '';"),
        browser.current_url(), browser.run("return document.body.outerHTML;").dump());
    CHECK(browser.text("#login-error").find("Sai") != std::string::npos);

    log_in(browser, base, "tinh", kProvincePassword);

    // The overview's rows are the units of `syncd results`, with the same statuses.
    const json table = browser.run(R"(
        return [...document.querySelectorAll('#units tbody tr')].map((tr) => [
            tr.dataset.code,
            ...[...tr.querySelectorAll('td[data-content]')].map(
                (td) => (td.querySelector('[data-status]') || {dataset: {}}).dataset.status || ''),
            tr.querySelector('td.criterion [data-status]').dataset.status]);)");
    REQUIRE(table.size() == rows.size() - 1);
    int passing_wards = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& csv = rows[i].cells;
        const json& shown = table[i - 1];
        CHECK(shown[0] == csv[0]);
        for (int c = 0; c < 5; ++c) CHECK(shown[1 + c] == csv[3 + c]);
        CHECK(shown[6] == csv[8]);
        if (csv[2] == "ward" && csv[8] == "pass") ++passing_wards;
    }
    CHECK(browser.text("#count-pass").starts_with(std::to_string(passing_wards) + " "));

    // Search ignores diacritics: "phuc xa" finds Phường Phúc Xá, and only it.
    browser.type("#search", "phuc xa");
    REQUIRE(browser.wait_for(
        "return document.querySelectorAll('#units tbody tr').length === 1;"));
    CHECK(browser.text("#units tbody tr").find("Phường Phúc Xá") != std::string::npos);
    browser.run("const s = document.getElementById('search'); s.value = '';"
                "s.dispatchEvent(new Event('input')); return true;");
    REQUIRE(browser.wait_for("return document.querySelectorAll('#units tbody tr').length > 1;"));
    browser.screenshot(kShots / "web-overview.png", 1440);

    // Every results file, downloaded by clicking as a user does.
    browser.click("#download-csv");
    browser.click("#download-xlsx");
    browser.click("#download-json");
    const auto csv_file = wait_for_download(scratch / "downloads", ".csv");
    const auto xlsx_file = wait_for_download(scratch / "downloads", ".xlsx");
    const auto json_file = wait_for_download(scratch / "downloads", ".json");
    REQUIRE(!csv_file.empty());
    REQUIRE(!xlsx_file.empty());
    REQUIRE(!json_file.empty());
    const auto csv_printed = web.server.run("results", {"--format", "csv"}).out;
    CHECK(read_all(csv_file) == "\xEF\xBB\xBF" + csv_printed);
    CHECK(json::parse(read_all(json_file)) ==
          json::parse(web.server.run("results", {"--format", "json"}).out));
    CHECK(read_xlsx_sheet_names(xlsx_file) == std::vector<std::string>{"Kết quả", "Nội dung 4"});
    check_sheet_matches(read_xlsx_sheet(xlsx_file, 1), rows);

    // The content 4 sheet holds each ward's figures as `syncd results --format json` has them.
    const SheetCells figures = read_xlsx_sheet(xlsx_file, 2);
    int row = 1;
    for (const json& unit : json::parse(read_all(json_file))) {
        if (unit["level"] != "ward") continue;
        CHECK(figures.at({row, 0}) == unit["unit_code"].get<std::string>());
        const char* ids[] = {"device_share", "broadband_share", "smartphone_share"};
        for (int s = 0; s < 3; ++s) {
            for (const json& share : unit["shares"]) {
                if (share["id"] != ids[s]) continue;
                CHECK(std::stoll(figures.at({row, 2 + 5 * s})) == share["numerator"]);
                CHECK(std::stoll(figures.at({row, 3 + 5 * s})) == share["denominator"]);
            }
        }
        ++row;
    }

    // A ward's page: its result, the three shares, the groups that lack something.
    browser.click("#units tbody tr[data-code='00001'] a");
    REQUIRE(browser.wait_for("return location.pathname === '/web/unit' && "
                             "document.body.dataset.ready === '1';"));
    CHECK(browser.text("#unit-title").find("Phường Phúc Xá") != std::string::npos);
    CHECK(browser.run("return document.querySelector('#criterion [data-status]')"
                      ".dataset.status;") == rows[2].cells[8]);
    CHECK(browser.run("return document.querySelectorAll('#shares tbody tr').length;") == 3);
    CHECK(browser.run("return document.querySelectorAll('#shortfalls tbody tr').length;") > 0);
    browser.screenshot(kShots / "web-ward.png");

    // Its household file, without the personal fields for the province.
    browser.click("#households-csv");
    const auto households = wait_for_download(scratch / "downloads", "00001.csv");
    REQUIRE(!households.empty());
    const std::string household_text = read_all(households);
    CHECK(household_text.starts_with("\xEF\xBB\xBFrecord_id,ward_code,group,household_code,"));
    CHECK(household_text.find("head_name") == std::string::npos);
    browser.click("#households-xlsx");
    const auto households_book = wait_for_download(scratch / "downloads", "00001.xlsx");
    REQUIRE(!households_book.empty());
    const SheetCells household_cells = read_xlsx_sheet(households_book, 1);
    CHECK(household_cells.at({0, 3}) == "household_code");
    CHECK(household_cells.count({1, 3}) == 1);

    // The report: the unit, the data version, each content and the conclusion.
    browser.click("#report-link");
    REQUIRE(browser.wait_for("return location.pathname === '/web/report' && "
                             "document.body.dataset.ready === '1';"));
    CHECK(browser.text("#report-unit") == "Phường Phúc Xá");
    CHECK(browser.run("return document.querySelectorAll('#report-contents tbody tr').length;") ==
          5);
    CHECK(browser.run("return document.getElementById('verdict').dataset.status;") ==
          rows[2].cells[8]);
    CHECK(browser.text("#report-version").find("phiên bản dữ liệu") != std::string::npos);
    browser.screenshot(kShots / "web-report.png", 900);
}

TEST_CASE("in Chromium a supervisor sees its ward and cannot open another") {
    WebServer web;
    TempDir scratch;
    std::filesystem::create_directories(scratch / "downloads");
    Browser browser(scratch / "downloads", scratch / "profile");
    REQUIRE_MESSAGE(browser.ok(), browser.error());
    const std::string base = web.server.base_url();

    log_in(browser, base, "gs-phucxa", kSupervisorPassword);
    CHECK(browser.run("return [...document.querySelectorAll('#units tbody tr')]"
                      ".map((tr) => tr.dataset.code);") == json::array({"00001"}));

    browser.go(base + "/web/unit?code=00004");
    REQUIRE(browser.wait_for("return !!document.getElementById('failure');"));
    CHECK(browser.text("#failure").find("00004") == std::string::npos);
    CHECK(browser.text("body").find("Trúc Bạch") == std::string::npos);

    // Its own ward shows household codes, and logging out ends the session.
    browser.go(base + "/web/unit?code=00001");
    REQUIRE(browser.wait_for("return document.body.dataset.ready === '1';"));
    CHECK(browser.text("#shortfalls").find("01-") != std::string::npos);
    browser.click("#logout");
    REQUIRE(browser.wait_for("return location.pathname === '/web/login';"));
    browser.go(base + "/web/unit?code=00001");
    REQUIRE(browser.wait_for("return location.pathname === '/web/login';"));
}
