// Crash safety: a child process saves records in a loop and reports each save once it has
// returned; the parent kills it with SIGKILL at random moments, then reopens the store and
// checks that the file is sound and every acknowledged save is there.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>
#include <set>

#include "store_fixture.hpp"

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

// Reads whole 16-byte ids from the pipe until it is closed or `deadline` passes.
void read_acks(int fd, std::string& pending, std::set<c5::RecordId>& acked,
               std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return;
        char buf[4096];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return;  // closed: the child is gone
        pending.append(buf, static_cast<std::size_t>(n));
        while (pending.size() >= 16) {
            c5::RecordId id;
            std::memcpy(id.bytes.data(), pending.data(), 16);
            acked.insert(id);
            pending.erase(0, 16);
        }
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
        int fds[2];
        REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(fds[0]);
            save_forever(f, fds[1], round);
        }
        close(fds[1]);

        // Kill anywhere from during open to well into a run of saves.
        const auto run_for = std::chrono::milliseconds(1 + rng() % 120);
        std::string pending;
        const std::size_t before = acked.size();
        read_acks(fds[0], pending, acked, std::chrono::steady_clock::now() + run_for);
        REQUIRE(kill(child, SIGKILL) == 0);
        // Acks written before the kill are still in the pipe: drain them.
        read_acks(fds[0], pending, acked,
                  std::chrono::steady_clock::now() + std::chrono::seconds(5));
        close(fds[0]);
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        REQUIRE_MESSAGE(WIFSIGNALED(status), "the child failed on its own, status " << status);
        children_that_saved += acked.size() > before ? 1 : 0;

        auto store = c5::Store::open(f.path(), store_test::kPassphrase, f.options());
        REQUIRE_MESSAGE(store, store.error().message);
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
