// Importing from the window's Settings screen, through the app state: the command returns at
// once with the app marked busy (the worker reads and saves the file), and the records show
// when it is done; a file with a bad row changes nothing and says why.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "surveyor/app/commands.hpp"
#include "surveyor/app/import_command.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

// The sample households of the ward that fit on one line, as a file of their own; `rows`
// says how many.
std::filesystem::path ward_households(const c5::test::TempDir& dir, bool with_bad_row,
                                      std::size_t& rows) {
    std::ifstream in(kSamples / "households.csv");
    const auto path = dir / "ward.csv";
    std::ofstream out(path);
    std::string line;
    std::getline(in, line);
    out << line << "\n";
    rows = 0;
    while (std::getline(in, line)) {
        const bool whole = std::count(line.begin(), line.end(), '"') % 2 == 0;
        if (whole && line.find(std::string(",") + kWard + ",") != std::string::npos) {
            out << line << "\n";
            ++rows;
        }
    }
    if (with_bad_row)
        out << "01925a41-b386-70c0-b904-9ebc23c6ffff,00004,01,01-9999,Lỗi,Số 1,,interviewed,"
               "maybe,1,0,0,0,1,0,0,0,1,1,3,3,2024-10-05T08:18:00+07:00,Lê Thu Trang,\n";
    return path;
}

}  // namespace

TEST_CASE("a file imported from the window is read on the worker and its records shown") {
    c5::test::TempDir dir;
    { Session session = new_session(dir / "s.c5"); }
    AppState state(AppConfig{dir / "s.c5", std::filesystem::path(C5_SOURCE_DIR) / "forms", {}});
    start(state);
    state.unlock_passphrase = kPassphrase;
    unlock(state);
    settle(state);
    REQUIRE(state.unlocked);
    REQUIRE(state.rows.empty());

    // A bad row: nothing is saved, and the notice names the problem.
    std::size_t rows = 0;
    state.import_path = ward_households(dir, true, rows).string();
    import_file(state);
    CHECK(state.busy.has_value());
    settle(state);
    CHECK_FALSE(state.busy.has_value());
    REQUIRE(state.notice.has_value());
    CHECK(state.notice->problem);
    CHECK_MESSAGE(state.notice->detail.find("consent") != std::string::npos, state.notice->detail);
    CHECK(state.rows.empty());

    // The good file: busy at once, the records after.
    state.notice.reset();
    state.import_path = ward_households(dir, false, rows).string();
    REQUIRE(rows > 100);
    import_file(state);
    CHECK(state.busy.has_value());
    import_file(state);  // a second press while busy does nothing
    settle(state);
    CHECK_FALSE(state.busy.has_value());
    REQUIRE(state.notice.has_value());
    CHECK_MESSAGE(!state.notice->problem, state.notice->detail);
    CHECK(state.notice->message.en == "Imported " + std::to_string(rows) + " records.");
    CHECK(state.rows.size() == rows);
    CHECK(state.sync.waiting > 0);
    REQUIRE_FALSE(state.groups.empty());
    CHECK(state.groups.front().records > 0);
}
