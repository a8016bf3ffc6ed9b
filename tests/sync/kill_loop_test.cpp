// syncd killed with SIGKILL at random moments while two laptops push and pull, round after
// round: after every restart the server holds every batch a laptop saw acknowledged, and in
// the end every replica holds the same records, each change once. C5_SYNCD_KILLS sets the
// number of rounds (3 in ./c5 test; hundreds to hunt, see docs/reliability.md).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "sync/sync_fixture.hpp"

using namespace sync_test;

namespace {

int kill_rounds() {
    const char* text = std::getenv("C5_SYNCD_KILLS");
    const int rounds = text ? std::atoi(text) : 3;
    return rounds > 0 ? rounds : 3;
}

}  // namespace

TEST_CASE("syncd killed at random moments of syncs loses and doubles nothing") {
    const int rounds = kill_rounds();
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    SyncServer server;
    Laptop first(server, "surveyor", kWardA);
    Laptop second(server, "surveyor", kWardA);
    std::size_t written_first = 0;
    std::size_t written_second = 0;
    int interrupted = 0;  // syncs the kill cut short, to show the kills land mid-sync
    std::size_t acknowledged = 0;
    const auto add_households = [&](const std::string& prefix) {
        for (int i = 0; i < 30; ++i) {
            first.household(kWardA, "A" + prefix + "-" + std::to_string(i));
            second.household(kWardA, "B" + prefix + "-" + std::to_string(i));
        }
        written_first += 30 * kHouseholdChanges;
        written_second += 30 * kHouseholdChanges;
    };

    // How long the two syncs of a round take without a kill: each kill then lands within
    // that time, so it cuts a sync short however fast the machine is.
    add_households("calibration");
    const auto began = std::chrono::steady_clock::now();
    bool first_calibrated = false;
    bool second_calibrated = false;
    std::thread first_sync([&] { first_calibrated = first.sync().has_value(); });
    std::thread second_sync([&] { second_calibrated = second.sync().has_value(); });
    first_sync.join();
    second_sync.join();
    REQUIRE(first_calibrated);
    REQUIRE(second_calibrated);
    const auto sync_ms =
        std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - began)
                                      .count());
    INFO("two syncs took " << sync_ms << " ms");

    for (int round = 0; round < rounds; ++round) {
        add_households(std::to_string(round));

        // Both sync while the server is killed somewhere in their pushes, pulls or merges.
        bool first_done = false;
        bool second_done = false;
        std::thread one([&] { first_done = first.sync().has_value(); });
        std::thread two([&] { second_done = second.sync().has_value(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % sync_ms));
        server.process.kill();
        one.join();
        two.join();
        interrupted += (first_done ? 0 : 1) + (second_done ? 0 : 1);
        REQUIRE_MESSAGE(server.process.start(), server.process.last_error());
        first.use_url(server.url());
        second.use_url(server.url());

        // What a laptop no longer waits to send was acknowledged: the server must have it.
        acknowledged = (written_first - first.waiting()) + (written_second - second.waiting());
        Laptop check(server, "surveyor", kWardA);
        CHECK(check.sync_ok().received >= acknowledged);
    }

    CHECK(interrupted > 0);  // the kills landed during syncs, not between them
    first.sync_ok();
    second.sync_ok();
    first.sync_ok();
    CHECK(first.waiting() == 0);
    CHECK(second.waiting() == 0);
    Laptop fresh(server, "surveyor", kWardA);
    CHECK(fresh.sync_ok().received == written_first + written_second);
    CHECK(snapshot(first.store()) == snapshot(fresh.store()));
    CHECK(snapshot(second.store()) == snapshot(fresh.store()));
    std::printf(
        "syncd kill loop: %d kills survived, %d syncs cut short, %zu of %zu changes "
        "acknowledged before the last kill, 0 lost, 0 doubled, seed %u\n",
        rounds, interrupted, acknowledged, written_first + written_second, seed);
}
