// What stored results are checked against: the samples imported into a test server, and
// evaluate_all run on every record opened from its sealed state, both as results CSV text.
#pragma once

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/io/interchange.hpp"
#include "core/scoring/evaluate.hpp"
#include "syncd/server/results_store.hpp"
#include "tests/syncd/server_fixture.hpp"

namespace c5::test {

inline std::string results_csv(const std::vector<UnitResult>& results) {
    std::ostringstream out;
    write_results_csv(out, results);
    return out.str();
}

// What evaluate_all gives on every merged record: what stored results must equal.
inline std::string evaluated_from_merged(ServerFixture& server) {
    auto db = server.db();
    auto registry = syncd::load_registry(db);
    REQUIRE(registry);
    const SecretKey& key = server.ctx->keys.data_key;
    auto households = syncd::merged_records(db, key, "household", "", true);
    auto wards = syncd::merged_records(db, key, "ward_checklist", "", false);
    auto districts = syncd::merged_records(db, key, "district_checklist", "", false);
    REQUIRE(households);
    REQUIRE(wards);
    REQUIRE(districts);
    std::vector<FormRecord> checklists = *wards;
    checklists.insert(checklists.end(), districts->begin(), districts->end());
    return results_csv(
        evaluate_all(server.ctx->definitions.criteria, **registry, checklists, *households, {}));
}

// The sample households and checklists, imported as `syncd import-*` would.
inline void import_samples(ServerFixture& server) {
    auto db = server.db();
    auto households = syncd::import_households(db, *server.ctx, kSamplesDir + "households.csv");
    REQUIRE(households);
    REQUIRE(*households);
    auto checklists = syncd::import_checklists(db, *server.ctx, kSamplesDir + "checklists.json");
    REQUIRE(checklists);
    REQUIRE(*checklists);
}

}  // namespace c5::test
