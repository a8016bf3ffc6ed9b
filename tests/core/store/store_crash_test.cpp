// Crash safety: a child process saves records in a loop and reports each save once it has
// returned; the parent kills it with SIGKILL at random moments, then reopens the store and
// checks that the file is sound and every acknowledged save is there.
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>
#include <set>

#include "store_fixture.hpp"
#include "support/killed_child.hpp"

using store_test::household;
using store_test::StoreFixture;

namespace {

constexpr int kKills = 40;

// The child: open, then save until killed, writing each saved id to the pipe after save
// returns. Never returns; exits with 2 when anything fails.
[[noreturn]] void save_forever(const StoreFixture& f, int ack_fd, int round) {
    auto store = c5::Store::open(f.path(), store_test::kPassphrase, f.options());
    if (!store) _exit(2);
    for (int i = 0;; ++i) {
        c5::RecordEdit edit = household("Hộ số " + std::to_string(round) + "-" + std::to_string(i),
                                        "Tổ " + std::to_string(i % 9), "09" + std::to_string(i));
        auto saved = store->save(edit);
        if (!saved) _exit(2);
        if (write(ack_fd, saved->record_id.bytes.data(), 16) != 16) _exit(2);
    }
}

}  // namespace

TEST_CASE("store: saves acknowledged before a kill survive it, and the file stays sound") {
    StoreFixture f;
    { f.create(); }
    std::mt19937 rng(20240605);
    std::set<c5::RecordId> acked;
    int children_that_saved = 0;

    for (int round = 0; round < kKills; ++round) {
        // Kill anywhere from during open to well into a run of saves.
        const auto run_for = std::chrono::milliseconds(1 + rng() % 120);
        const c5::test::KilledChild child = c5::test::run_and_kill(
            [&](int ack_fd) -> int { save_forever(f, ack_fd, round); }, run_for);
        REQUIRE_MESSAGE(child.killed, "the child failed on its own, status " << child.exit_code);
        const std::size_t before = acked.size();
        for (std::size_t at = 0; at + 16 <= child.reports.size(); at += 16) {
            c5::RecordId id;
            std::memcpy(id.bytes.data(), child.reports.data() + at, 16);
            acked.insert(id);
        }
        children_that_saved += acked.size() > before ? 1 : 0;

        auto store = c5::Store::open(f.path(), store_test::kPassphrase, f.options());
        REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));
        REQUIRE(store->check_integrity());
        const c5::RecordList list = store->list();
        REQUIRE(list.damaged.empty());
        for (const c5::RecordId& id : acked) {
            CAPTURE(c5::to_string(id));
            REQUIRE(store->get(id));
        }
    }
    MESSAGE(acked.size() << " acknowledged saves over " << kKills << " kills");
    CHECK(children_that_saved > kKills / 2);
}
