// `syncd evaluate` run as a user runs it: real files in, a results file and a table out, and
// a bad input refused whole with its line and field named and nothing written.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/io/csv.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

using namespace c5::test;

namespace {

const std::string kSamples = std::string(C5_SOURCE_DIR) + "/samples/";

std::vector<std::string> evaluate_args(const std::string& households, const std::string& out) {
    return {"evaluate", "--registry",   kSamples + "registry-hanoi.csv", "--households",
            households, "--checklists", kSamples + "checklists.json",    "--out",
            out};
}

// The sample household file with one line replaced.
std::string with_line_replaced(int line_number, const std::string& replacement) {
    const std::string text = read_all(kSamples + "households.csv");
    std::size_t start = 0;
    for (int line = 1; line < line_number; ++line) start = text.find('\n', start) + 1;
    const std::size_t end = text.find('\n', start);
    return text.substr(0, start) + replacement + text.substr(end);
}

}  // namespace

TEST_CASE("syncd evaluate writes the results CSV and prints a table") {
    TempDir dir;
    const auto out = dir / "results.csv";
    auto run = run_process(C5_SYNCD_PATH, evaluate_args(kSamples + "households.csv", out.string()));
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("00004 Phường Trúc Bạch") != std::string::npos);
    CHECK(run.out.find("Results written to") != std::string::npos);
    // Written with a byte-order mark so spreadsheets show Vietnamese names correctly.
    CHECK(read_all(out) ==
          "\xEF\xBB\xBF" + read_all(std::string(C5_TEST_DATA_DIR) + "/golden/samples-results.csv"));
}

TEST_CASE("syncd evaluate refuses a household file with one bad row and writes nothing") {
    TempDir dir;
    auto rows = c5::parse_csv(read_all(kSamples + "households.csv"));
    REQUIRE(rows);
    const auto& header = rows->front().cells;
    const auto column = [&](const std::string& name) {
        return std::find(header.begin(), header.end(), name) - header.begin();
    };

    // The first interviewed household gets one more smartphone user than it has adults.
    auto row = std::find_if(rows->begin() + 1, rows->end(), [&](const c5::CsvRow& r) {
        return r.cells[column("visit_outcome")] == "interviewed";
    });
    REQUIRE(row != rows->end());
    auto cells = row->cells;
    cells[column("adults_smartphone")] =
        std::to_string(std::stoi(cells[column("adults_15plus")]) + 1);
    std::string bad_row;
    for (std::size_t i = 0; i < cells.size(); ++i)
        bad_row += (i ? "," : "") + c5::csv_escape(cells[i]);

    const auto households = dir.write("households.csv", with_line_replaced(row->line, bad_row));
    const auto out = dir / "results.csv";
    auto run = run_process(C5_SYNCD_PATH, evaluate_args(households.string(), out.string()));

    CHECK(run.exit_code == 1);
    CHECK(run.err.find("refused (1 problem); no results were written") != std::string::npos);
    CHECK(run.err.find("households.csv:" + std::to_string(row->line) +
                       ": field adults_smartphone") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("syncd evaluate lists problems of every input file in one run") {
    TempDir dir;
    const auto households = dir.write("households.csv", with_line_replaced(3, "not,a,row"));
    const auto checklists = dir.write("checklists.json", "[{\"form\": \"ward_checklist\"}");
    const auto out = dir / "results.csv";
    auto run =
        run_process(C5_SYNCD_PATH, {"evaluate", "--registry", kSamples + "registry-hanoi.csv",
                                    "--households", households.string(), "--checklists",
                                    checklists.string(), "--out", out.string()});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("households.csv:3") != std::string::npos);
    CHECK(run.err.find("checklists.json") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("syncd evaluate names a missing input file") {
    TempDir dir;
    auto run = run_process(C5_SYNCD_PATH,
                           evaluate_args((dir / "nope.csv").string(), (dir / "r.csv").string()));
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("nope.csv") != std::string::npos);
}

TEST_CASE("syncd evaluate refuses to write over a folder and says why") {
    TempDir dir;
    std::filesystem::create_directory(dir / "results");
    auto run = run_process(C5_SYNCD_PATH,
                           evaluate_args(kSamples + "households.csv", (dir / "results").string()));
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("is not a regular file") != std::string::npos);
    CHECK(std::filesystem::is_directory(dir / "results"));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("syncd evaluate writes through a link to a results file and keeps the link") {
    TempDir dir;
    dir.write("real.csv", "old");
    std::filesystem::create_symlink(dir / "real.csv", dir / "link.csv");
    auto run = run_process(C5_SYNCD_PATH,
                           evaluate_args(kSamples + "households.csv", (dir / "link.csv").string()));
    CHECK(run.exit_code == 0);
    CHECK(std::filesystem::is_symlink(dir / "link.csv"));
    CHECK(read_all(dir / "real.csv").find("unit_code,unit_name") == 3);
}
