// The laptop's store on a full disk and in a read-only folder: a save, an import and a
// sync's pull each fail with words naming the problem, write nothing of themselves, leave
// every earlier record readable, and succeed once space or the write permission returns.
// tests/support/disk_faults.hpp says how both faults are made without a mount.
#include <doctest/doctest.h>

#include <functional>

#include "support/disk_faults.hpp"
#include "surveyor/server_laptops.hpp"

using namespace surveyor_test;

namespace {

constexpr std::size_t kEarlierRecords = 3;  // the laptop's own, sent before the fault
constexpr std::size_t kOtherLaptopRecords = 20;

// One store operation: "" when it succeeded, else the words it failed with.
using Operation = std::function<std::string(Session&)>;

struct Case {
    const char* name;
    Operation run;
    std::size_t adds;  // records the operation adds when it succeeds
};

std::string household_code(int number) {
    return "01-" + std::to_string(1000 + number);
}

// The records of the store file as a fresh open reads them.
std::size_t records_in(const std::filesystem::path& store) {
    const Session session = reopened_laptop(store);
    REQUIRE(session.store.check_integrity());
    REQUIRE(session.store.list().damaged.empty());
    return list_rows(session).size();
}

// A server, another laptop of the ward, and the three operations for a laptop of it.
struct World {
    sync_test::SyncServer server;
    c5::test::TempDir dir;
    Session other = enrolled_laptop(server, dir / "other.c5store");
    int next_code = 0;

    // A laptop store holding kEarlierRecords households of its own and all the server had,
    // closed; then the other laptop sends kOtherLaptopRecords new households for its pull.
    std::filesystem::path laptop(const std::string& name) {
        const std::filesystem::path folder = dir / name;
        std::filesystem::create_directories(folder);
        const std::filesystem::path store = folder / "laptop.c5store";
        {
            Session session = enrolled_laptop(server, store);
            for (std::size_t i = 0; i < kEarlierRecords; ++i) {
                save(session, interview("01", household_code(next_code++), "Hộ cũ"), true);
            }
            // Sent, so that a later sync has nothing to push and its writes are the pull's.
            sync_ok(session);
        }
        for (std::size_t i = 0; i < kOtherLaptopRecords; ++i) {
            const std::string code = "02-" + std::to_string(1000 + next_code++);
            save(other, interview("02", code, "Hộ " + code), true);
        }
        sync_ok(other);
        return store;
    }

    std::vector<Case> cases() {
        return {
            {"a save",
             [](Session& s) {
                 auto saved =
                     save_record(s, SaveRequest{std::nullopt, "household", kWard,
                                                interview("01", "01-2000", "Hộ mới"), true});
                 return saved ? std::string() : saved.error().message;
             },
             1},
            {"an import",
             [](Session& s) {
                 auto imported =
                     import_households(s, kSamples / "households.csv", ImportFilter{{kWard}, {}});
                 return imported ? std::string() : imported.error().message;
             },
             157},
            {"a sync's pull",
             [](Session& s) {
                 auto synced = sync_session(s, {});
                 return synced ? std::string() : synced.error().detail;
             },
             kOtherLaptopRecords},
        };
    }
};

std::uint64_t wal_size(const std::filesystem::path& store) {
    std::error_code missing;
    const auto size = std::filesystem::file_size(store.string() + "-wal", missing);
    return missing ? 0 : size;
}

}  // namespace

TEST_CASE(
    "the laptop's store on a full disk says so, loses nothing, and works once space returns") {
    World world;
    for (const Case& c : world.cases()) {
        const std::string name = c.name;
        CAPTURE(name);
        const std::filesystem::path store = world.laptop(std::string("full-") + c.name);
        const std::size_t earlier = records_in(store);
        std::optional<Session> session(reopened_laptop(store));

        std::string failure;
        {
            // No file may grow any more: the write-ahead log is where every write goes first.
            c5::test::FileSizeLimit full(wal_size(store));
            failure = c.run(*session);
        }
        CHECK_MESSAGE(failure.find("the disk is full") != std::string::npos, failure);
        CHECK_MESSAGE(failure.find("cannot write " + store.string()) != std::string::npos, failure);
        CHECK(records_in(store) == earlier);

        const std::string again = c.run(*session);
        CHECK_MESSAGE(again.empty(), again);
        session.reset();
        CHECK(records_in(store) == earlier + c.adds);
    }
}

TEST_CASE("the laptop's store in a read-only folder says so, loses nothing, and works after") {
    World world;
    for (const Case& c : world.cases()) {
        const std::string name = c.name;
        CAPTURE(name);
        const std::filesystem::path store = world.laptop(std::string("read-only-") + c.name);
        const std::size_t earlier = records_in(store);

        std::string failure;
        {
            c5::test::ReadOnlyFolder read_only(store.parent_path());
            REQUIRE_MESSAGE(read_only.active(), "could not make the folder read-only");
            auto opened = open_session(store, kPassphrase, kForms);
            failure = opened ? c.run(*opened) : opened.error().message;
        }
        CHECK_MESSAGE(failure.find("cannot write to " + store.parent_path().string() +
                                   ": read-only") != std::string::npos,
                      failure);
        CHECK(records_in(store) == earlier);

        std::optional<Session> session(reopened_laptop(store));
        const std::string again = c.run(*session);
        CHECK_MESSAGE(again.empty(), again);
        session.reset();
        CHECK(records_in(store) == earlier + c.adds);
    }
}
