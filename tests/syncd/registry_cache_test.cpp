// The registry syncd keeps parsed between requests: parsed once per imported text, and a new
// import is seen by the next request without a restart.
#include "syncd/server/registry_cache.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/syncd/server_fixture.hpp"

using namespace c5;
using namespace c5::test;

TEST_CASE("the registry cache parses once and sees a new import at once") {
    ServerFixture server(false);
    auto db = server.db();
    const syncd::RegistryCache& cache = *server.ctx->registry_cache;

    auto none = cache.get(db);
    REQUIRE(none);
    CHECK(*none == nullptr);

    REQUIRE(syncd::import_registry(db, *server.ctx, kSamplesDir + "registry-hanoi.csv"));
    auto first = cache.get(db);
    REQUIRE(first);
    REQUIRE(*first);
    CHECK((*first)->find("00001")->name == "Phường Phúc Xá");
    CHECK((*first)->groups_of("00001").size() > 0);
    auto again = cache.get(db);
    REQUIRE(again);
    CHECK(again->get() == first->get());

    // The same registry with the ward renamed: the next read gives the new name.
    std::ifstream in(kSamplesDir + "registry-hanoi.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string csv = text.str();
    const std::string old_name = "Phường Phúc Xá";
    csv.replace(csv.find(old_name), old_name.size(), "Phường Phúc Xá Mới");
    const auto renamed = server.dir.write("renamed.csv", csv);
    auto imported = syncd::import_registry(db, *server.ctx, renamed);
    REQUIRE(imported);
    REQUIRE(*imported);
    auto after = cache.get(db);
    REQUIRE(after);
    CHECK((*after)->find("00001")->name == "Phường Phúc Xá Mới");
    CHECK((*first)->find("00001")->name == "Phường Phúc Xá");  // held copies stay whole
}
