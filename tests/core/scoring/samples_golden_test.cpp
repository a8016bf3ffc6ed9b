// The samples evaluated end to end from their files: the results CSV must equal the committed
// golden file byte for byte, and agree with the figures designed by hand in samples/.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/io/csv.hpp"
#include "core/io/interchange.hpp"
#include "core/scoring/evaluate.hpp"

using namespace c5;

namespace {

const std::string kRoot = C5_SOURCE_DIR;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Results CSV of one sample set, computed the way `syncd evaluate` does.
std::string evaluate_sample_set(const std::string& registry, const std::string& households,
                                const std::string& checklists) {
    auto forms = load_forms(kRoot + "/forms");
    REQUIRE(forms);
    auto criteria = load_criteria(kRoot + "/forms/criteria/criterion5-2024.json");
    REQUIRE(criteria);
    auto reg = read_registry_csv(kRoot + "/samples/" + registry);
    REQUIRE(reg);
    auto hs = read_household_csv(kRoot + "/samples/" + households, forms->at("household"), &*reg);
    REQUIRE_MESSAGE(hs, (hs ? "" : hs.error().front().to_string()));
    auto cs = read_checklists_json(kRoot + "/samples/" + checklists, *forms, &*reg);
    REQUIRE_MESSAGE(cs, (cs ? "" : cs.error().front().to_string()));

    const auto results =
        evaluate_all(*criteria, *reg, *cs, *hs, {"2024-10-10T00:00:00Z", "golden"});
    std::ostringstream out;
    write_results_csv(out, results);
    return out.str();
}

// Every column of the hand-designed expected file must match the computed one.
void check_against_design(const std::string& computed, const std::string& expected_file) {
    auto got = parse_csv(computed);
    auto want = parse_csv(read_file(kRoot + "/samples/" + expected_file));
    REQUIRE(got);
    REQUIRE(want);
    REQUIRE(got->size() == want->size());
    const auto& got_header = got->front().cells;
    const auto& want_header = want->front().cells;
    for (std::size_t row = 1; row < want->size(); ++row) {
        for (std::size_t col = 0; col < want_header.size(); ++col) {
            auto at = std::find(got_header.begin(), got_header.end(), want_header[col]);
            REQUIRE(at != got_header.end());
            const std::string& got_cell = (*got)[row].cells[at - got_header.begin()];
            CAPTURE((*want)[row].cells[0]);
            CAPTURE(want_header[col]);
            CHECK(got_cell == (*want)[row].cells[col]);
        }
    }
}

void check_golden(const std::string& computed, const std::string& golden_name) {
    const std::string golden_path = std::string(C5_TEST_DATA_DIR) + "/golden/" + golden_name;
    if (std::getenv("C5_UPDATE_GOLDEN")) {
        std::ofstream(golden_path, std::ios::binary) << computed;
    }
    CHECK(computed == read_file(golden_path));
}

}  // namespace

TEST_CASE("the Hà Nội samples give the designed and the golden results") {
    const std::string csv =
        evaluate_sample_set("registry-hanoi.csv", "households.csv", "checklists.json");
    check_against_design(csv, "expected-results.csv");
    check_golden(csv, "samples-results.csv");
}

TEST_CASE("the post-2025 registry without districts evaluates the same way") {
    const std::string csv =
        evaluate_sample_set("registry-2025.csv", "households-2025.csv", "checklists-2025.json");
    check_against_design(csv, "expected-results-2025.csv");
    check_golden(csv, "samples-2025-results.csv");
}
