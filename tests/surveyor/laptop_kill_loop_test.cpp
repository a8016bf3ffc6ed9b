// The laptop killed with SIGKILL at random moments of its saves and syncs, round after round,
// against a real syncd on 127.0.0.1: a child process runs either the surveyor program's
// `sync` or the app's own save and sync code, and reports each save and sync it finished.
// After every kill the store opens sound and holds each reported save once, and the server
// holds what every finished sync sent; in the end laptop, server and a fresh laptop agree,
// record for record and in the ward's result. C5_LAPTOP_KILLS sets the number of kills
// (4 in ./c5 test; hundreds to hunt, see docs/reliability.md).
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "core/io/interchange.hpp"
#include "support/killed_child.hpp"
#include "surveyor/server_laptops.hpp"

using namespace surveyor_test;

namespace {

constexpr int kSavesPerRound = 40;  // codes of round r are 01-(r*40) to 01-(r*40+39)

int wanted_kills() {
    const char* text = std::getenv("C5_LAPTOP_KILLS");
    const int kills = text ? std::atoi(text) : 4;
    return kills > 0 ? kills : 4;
}

std::string household_code(const std::string& group, int number) {
    char code[16];
    std::snprintf(code, sizeof code, "%s-%04d", group.c_str(), number);
    return code;
}

void report(int fd, const std::string& line) {
    // One write of a short line: the pipe takes it whole or not at all.
    const std::string text = line + "\n";
    if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) _exit(3);
}

// The child of an app round: saves a few households, syncs, and again, until killed.
// Reports "saved CODE" after each save returned and "sync" / "synced" around each sync.
int save_and_sync(const std::filesystem::path& store, int first_code, std::mt19937 random,
                  int report_fd) {
    auto session = open_session(store, kPassphrase, kForms);
    if (!session) return 2;
    int saved = 0;
    for (;;) {
        const int batch = 1 + static_cast<int>(random() % 4);
        for (int i = 0; i < batch && saved < kSavesPerRound; ++i, ++saved) {
            const std::string code = household_code("01", first_code + saved);
            auto done =
                save_record(*session, SaveRequest{std::nullopt, "household", kWard,
                                                  interview("01", code, "Hộ " + code), true});
            if (!done) return 2;
            report(report_fd, "saved " + code);
        }
        report(report_fd, "sync");
        if (!sync_session(*session, {})) return 4;
        report(report_fd, "synced");
    }
}

// The child of a program round: `surveyor sync` on the store, its output into the pipe.
int program_sync(const std::filesystem::path& store, int report_fd) {
    dup2(report_fd, 1);
    dup2(report_fd, 2);  // its progress lines and, should it fail, why
    setenv("C5_PASSPHRASE", kPassphrase, 1);
    const std::string store_arg = store.string();
    const std::string forms_arg = kForms.string();
    execl(C5_SURVEYOR_PATH, C5_SURVEYOR_PATH, "--store", store_arg.c_str(), "--forms",
          forms_arg.c_str(), "sync", static_cast<char*>(nullptr));
    return 127;
}

// Household code -> how many records of one laptop's store hold it.
std::map<std::string, int> codes_in(const Session& session) {
    std::map<std::string, int> codes;
    for (const RecordRow& row : list_rows(session)) ++codes[row.household_code];
    return codes;
}

// The ward's line of a results CSV (header and BOM left out).
std::string ward_line(const std::string& csv) {
    std::istringstream in(csv);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(std::string(kWard) + ",", 0) == 0) return line;
    return {};
}

std::string laptop_result_line(const Session& session) {
    auto report = compute_report(session, kWard);
    REQUIRE_MESSAGE(report, (report ? std::string() : report.error().message));
    std::ostringstream csv;
    write_results_csv(csv, {report->result}, false);
    return ward_line(csv.str());
}

}  // namespace

TEST_CASE("the laptop killed at random moments of saves and syncs loses and doubles nothing") {
    const int wanted = wanted_kills();
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    const auto started = std::chrono::steady_clock::now();
    sync_test::SyncServer server;
    c5::test::TempDir dir;
    const std::filesystem::path store = dir / "killed.c5store";
    { Session first = enrolled_laptop(server, store); }
    Session other = enrolled_laptop(server, dir / "other.c5store");
    Session checker = enrolled_laptop(server, dir / "checker.c5store");

    std::set<std::string> acknowledged;  // saves reported done by the killed laptop
    std::set<std::string> sent;          // of those, the ones a finished sync carried
    std::size_t written_by_other = 0;
    int syncs_started = 0;
    int syncs_cut_short = 0;
    int kills = 0;

    // A round whose surveyor program finished its sync before the moment of the kill is not
    // a kill: rounds go on until there were as many kills as asked.
    int rounds = 0;
    for (int round = 0; kills < wanted; ++round, ++rounds) {
        REQUIRE_MESSAGE(round < 4 * wanted, "too few rounds end in a kill");
        // Another laptop of the ward adds households, so the killed laptop's pulls bring some.
        for (int i = 0; i < 2; ++i, ++written_by_other) {
            const std::string code = household_code("02", static_cast<int>(written_by_other));
            save(other, interview("02", code, "Hộ " + code), true);
        }
        sync_ok(other);

        // Half the rounds run the surveyor program's sync, half the app's saves and syncs.
        const bool program_round = random() % 2 == 0;
        // The program spends its first few hundred milliseconds starting and opening the
        // store; the app's loop is already saving and syncing by then.
        const auto run_for = std::chrono::milliseconds(random() % (program_round ? 1000 : 400));
        c5::test::KilledChild child;
        if (program_round) {
            std::set<std::string> saved_before;
            {
                Session laptop = reopened_laptop(store);
                for (int i = 0; i < 3; ++i) {
                    const std::string code = household_code("01", round * kSavesPerRound + i);
                    save(laptop, interview("01", code, "Hộ " + code), true);
                    saved_before.insert(code);
                }
            }
            acknowledged.insert(saved_before.begin(), saved_before.end());
            child =
                c5::test::run_and_kill([&](int fd) { return program_sync(store, fd); }, run_for);
            ++syncs_started;
            if (!child.killed) {
                REQUIRE_MESSAGE(child.exit_code == 0, "surveyor sync failed: " << child.reports);
                sent.insert(acknowledged.begin(), acknowledged.end());
            } else {
                ++syncs_cut_short;
            }
        } else {
            const std::mt19937 child_random(static_cast<unsigned>(random()));
            child = c5::test::run_and_kill(
                [&](int fd) {
                    return save_and_sync(store, round * kSavesPerRound, child_random, fd);
                },
                run_for);
            REQUIRE_MESSAGE(child.killed,
                            "the child failed on its own, status " << child.exit_code);
            std::istringstream lines(child.reports);
            std::string line;
            bool in_sync = false;
            while (std::getline(lines, line)) {
                if (line.rfind("saved ", 0) == 0) acknowledged.insert(line.substr(6));
                if (line == "sync") ++syncs_started;
                if (line == "synced") sent.insert(acknowledged.begin(), acknowledged.end());
                in_sync = line == "sync";
            }
            syncs_cut_short += in_sync ? 1 : 0;
        }
        kills += child.killed ? 1 : 0;

        // The store opens, is sound, and holds every acknowledged save exactly once.
        {
            const Session opened = reopened_laptop(store);
            REQUIRE(opened.store.check_integrity());
            REQUIRE(opened.store.list().damaged.empty());
            const auto codes = codes_in(opened);
            for (const auto& [code, count] : codes) {
                CAPTURE(code);
                REQUIRE(count == 1);
            }
            for (const std::string& code : acknowledged) {
                CAPTURE(code);
                REQUIRE(codes.count(code) == 1);
            }
        }

        // The server holds what every finished sync sent.
        sync_ok(checker);
        const auto on_server = codes_in(checker);
        for (const std::string& code : sent) {
            CAPTURE(code);
            REQUIRE(on_server.count(code) == 1);
        }
    }

    // A last sync of everyone: the killed laptop, the other, the checker and a fresh laptop
    // hold the same records, each once, and the laptop's result is the server's.
    Session laptop = reopened_laptop(store);
    sync_ok(laptop);
    sync_ok(other);
    sync_ok(laptop);
    sync_ok(checker);
    CHECK(changes_waiting(laptop) == 0);
    CHECK(changes_waiting(other) == 0);
    Session fresh = enrolled_laptop(server, dir / "fresh.c5store");
    sync_ok(fresh);
    const std::size_t records = list_rows(laptop).size();
    CHECK(records == codes_in(laptop).size());
    CHECK(records >= acknowledged.size() + written_by_other);
    // Each household of interview() is its answers and its status: as many changes each.
    const std::size_t changes_each = interview("01", "01-0000", "").size() + 1;
    CHECK(fresh.profile.last_sync->received == static_cast<std::int64_t>(records * changes_each));
    const std::string expected = sync_test::snapshot(laptop.store);
    CHECK(sync_test::snapshot(other.store) == expected);
    CHECK(sync_test::snapshot(checker.store) == expected);
    CHECK(sync_test::snapshot(fresh.store) == expected);
    const std::string server_line = ward_line(server.results_csv());
    CHECK(!server_line.empty());
    CHECK(laptop_result_line(laptop) == server_line);
    CHECK(laptop_result_line(fresh) == server_line);

    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
            .count();
    std::printf(
        "laptop kill loop: %d rounds, %d kills, %d of %d syncs cut short, %zu saves "
        "acknowledged, %zu records and %zu changes on the server, 0 lost, 0 doubled, "
        "%lld s, seed %u\n",
        rounds, kills, syncs_cut_short, syncs_started, acknowledged.size(), records,
        records * changes_each, static_cast<long long>(seconds), seed);
}
