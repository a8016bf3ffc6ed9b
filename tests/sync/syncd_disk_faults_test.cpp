// syncd on a full disk and in a read-only folder: `init`, an import and a laptop's push
// each fail with words naming the problem, write nothing of themselves, leave the database
// opening with everything it held, and succeed once space or the write permission returns.
// tests/support/disk_faults.hpp says how both faults are made without a mount.
#include <algorithm>

#include "support/disk_faults.hpp"
#include "sync/sync_fixture.hpp"

using namespace sync_test;

namespace {

const std::string kHouseholdsCsv = std::string(C5_SOURCE_DIR) + "/samples/households.csv";

std::uint64_t wal_size(const c5::test::SyncdProcess& process) {
    std::error_code missing;
    const auto size =
        std::filesystem::file_size(process.database_file().string() + "-wal", missing);
    return missing ? 0 : size;
}

// What `syncd results` prints: it opens the database and reads every stored result.
std::string results_of(const c5::test::SyncdProcess& process) {
    const auto out = process.run("results", {"--format", "csv"});
    REQUIRE_MESSAGE(out.exit_code == 0, out.err);
    return out.out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("syncd init on a full disk says so, leaves no half database, and works after") {
    c5::test::SyncdProcess process;
    {
        c5::test::FileSizeLimit full(4096);
        CHECK_FALSE(process.init());
    }
    CHECK_MESSAGE(has(process.last_error(), "the disk is full"), process.last_error());
    CHECK_FALSE(std::filesystem::exists(process.database_file()));
    REQUIRE_MESSAGE(process.init(), process.last_error());
    CHECK(process.run("import-registry", {kRegistryCsv}).exit_code == 0);
}

TEST_CASE("syncd init in a read-only folder says so, and works once it may write") {
    c5::test::SyncdProcess process;
    std::filesystem::create_directories(process.data_dir());
    {
        c5::test::ReadOnlyFolder read_only(process.data_dir());
        REQUIRE_MESSAGE(read_only.active(), "could not make the folder read-only");
        CHECK_FALSE(process.init());
    }
    CHECK(has(process.last_error(),
              "cannot write to " + process.data_dir().string() + ": read-only"));
    CHECK_FALSE(std::filesystem::exists(process.database_file()));
    REQUIRE_MESSAGE(process.init(), process.last_error());
}

TEST_CASE("a syncd import on a full disk or in a read-only folder says so and changes nothing") {
    c5::test::SyncdProcess process;
    REQUIRE_MESSAGE(process.init(), process.last_error());
    REQUIRE(process.run("import-registry", {kRegistryCsv}).exit_code == 0);
    const std::string before = results_of(process);

    c5::test::ProcessResult refused;
    SUBCASE("full disk") {
        c5::test::FileSizeLimit full(wal_size(process));
        refused = process.run("import-households", {kHouseholdsCsv});
        CHECK_MESSAGE(has(refused.err, "the disk is full"), refused.err);
    }
    SUBCASE("read-only folder") {
        c5::test::ReadOnlyFolder read_only(process.data_dir());
        REQUIRE_MESSAGE(read_only.active(), "could not make the folder read-only");
        refused = process.run("import-households", {kHouseholdsCsv});
        CHECK(has(refused.err, "cannot write to " + process.data_dir().string() + ": read-only"));
    }
    CHECK(refused.exit_code != 0);
    CHECK(results_of(process) == before);

    const auto imported = process.run("import-households", {kHouseholdsCsv});
    CHECK_MESSAGE(imported.exit_code == 0, imported.err);
    CHECK(results_of(process) != before);
}

TEST_CASE("a push to syncd on a full disk is refused whole and sent again once space returns") {
    SyncServer server;
    // Restarted with SIGXFSZ ignored, which syncd inherits: its writes past the limit then
    // fail like writes to a full disk instead of killing it.
    {
        c5::test::FileSizeLimit signal_ignored(c5::test::kNoSizeLimit);
        REQUIRE(server.process.stop());
        REQUIRE_MESSAGE(server.process.start(), server.process.last_error());
    }
    Laptop laptop(server, "surveyor", kWardA);
    laptop.household(kWardA, "A-1");
    laptop.sync_ok();
    for (int i = 0; i < 400; ++i) laptop.household(kWardA, "B-" + std::to_string(i));

    // The log files are limited too: leave them room for the lines that tell what happened.
    std::error_code no_log;
    const std::uint64_t logs = std::max<std::uint64_t>(
        server.process.server_log().size(),
        std::filesystem::file_size(server.process.data_dir() / "logs" / "syncd.log", no_log));
    const std::uint64_t room = 64 * 1024;
    REQUIRE(c5::test::limit_file_size(server.process.pid(),
                                      std::max(wal_size(server.process), logs) + room));
    auto refused = laptop.sync();
    REQUIRE_FALSE(refused.has_value());
    CHECK_MESSAGE(has(server.process.server_log(), "the disk is full"),
                  server.process.server_log());
    CHECK(server.process.healthy());

    // Space returns: the server holds none of the refused batch, and takes it whole now.
    REQUIRE(c5::test::limit_file_size(server.process.pid(), c5::test::kNoSizeLimit));
    {
        Laptop check(server, "surveyor", kWardA);
        CHECK(check.sync_ok().received == kHouseholdChanges);
    }
    laptop.sync_ok();
    CHECK(laptop.waiting() == 0);
    Laptop fresh(server, "surveyor", kWardA);
    CHECK(fresh.sync_ok().received == 401 * kHouseholdChanges);
    CHECK(snapshot(fresh.store()) == snapshot(laptop.store()));
}
