// The sync tests' world: a real syncd (tests/support/syncd_process.hpp) with the sample
// registry of Hà Nội, and laptops enrolled through the real client over HTTP on 127.0.0.1,
// each with its own throwaway store (weakest Argon2id) and, when a test needs exact stamps,
// a clock it moves by hand.
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "core/sync/sync_client.hpp"
#include "core/sync/wire_messages.hpp"
#include "net/http_transport.hpp"
#include "support/syncd_process.hpp"
#include "support/temp_dir.hpp"

namespace sync_test {

using namespace c5;

inline constexpr const char* kPassphrase = "mật khẩu thử 2024";
inline constexpr const char* kWardA = "00004";  // Phường Trúc Bạch
inline constexpr const char* kWardB = "00006";  // Phường Vĩnh Phúc
// What Laptop::household writes: eight answers and the draft status.
inline constexpr std::size_t kHouseholdChanges = 9;
inline const std::string kRegistryCsv = std::string(C5_SOURCE_DIR) + "/samples/registry-hanoi.csv";

// A started syncd holding the sample registry.
class SyncServer {
public:
    SyncServer() {
        REQUIRE_MESSAGE(process.init(), process.last_error());
        const auto imported = process.run("import-registry", {kRegistryCsv});
        REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
        REQUIRE_MESSAGE(process.start(), (process.last_error() + "\n" + process.server_log()));
    }

    std::string url() const { return process.base_url(); }

    // A one-time enrolment code for a role at a unit.
    std::string code(const std::string& role, const std::string& unit,
                     const std::string& name = "Nguyễn Thị Lan") {
        const std::string code = process.enroll(role, unit, name);
        REQUIRE_MESSAGE(!code.empty(), process.last_error());
        return code;
    }

    // Makes every unused code expired, as if its hours had passed (syncd has no clock
    // option, so the test moves the stored expiry instead).
    void expire_unused_codes() const {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(process.database_file().c_str(), &db) == SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
        char* error = nullptr;
        const int rc =
            sqlite3_exec(db, "UPDATE enrolments SET expires_ms = 1 WHERE used_ms IS NULL", nullptr,
                         nullptr, &error);
        const std::string message = error ? error : "";
        sqlite3_free(error);
        sqlite3_close(db);
        REQUIRE_MESSAGE(rc == SQLITE_OK, message);
    }

    // `syncd results` as CSV.
    std::string results_csv() const {
        const auto out = process.run("results", {"--format", "csv"});
        REQUIRE_MESSAGE(out.exit_code == 0, out.err);
        return out.out;
    }

    void revoke(const std::string& device_id) const {
        const auto out = process.run("devices", {"--revoke", device_id});
        REQUIRE_MESSAGE(out.exit_code == 0, out.err);
    }

    c5::test::SyncdProcess process;
};

inline net::HttpTransport transport_to(const std::string& url) {
    net::HttpTransportOptions options;
    options.connect_timeout = std::chrono::seconds(5);
    options.read_timeout = std::chrono::seconds(30);
    auto transport = net::HttpTransport::create(url, options);
    REQUIRE_MESSAGE(transport, (transport ? std::string() : transport.error().message));
    return std::move(*transport);
}

// A laptop enrolled with the server: its store, its transport and, optionally, a clock
// the test sets (stamps of local edits then follow it exactly).
class Laptop {
public:
    Laptop(SyncServer& server, const std::string& role, const std::string& unit,
           bool manual_clock = false, const std::string& name = "Laptop")
        : transport_(transport_to(server.url())) {
        StoreOptions options;
        options.user = "Nguyễn Thị Lan";
        options.kdf_strength = KdfStrength::Minimum;
        if (manual_clock) {
            options.clock = [now = now_] { return now->load(); };
        }
        auto store = sync::enroll(dir_ / "survey.c5store", kPassphrase, transport_,
                                  server.code(role, unit), name, options);
        REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));
        store_.emplace(std::move(*store));
    }

    Store& store() { return *store_; }
    const std::string& device_id() const { return store_->device_id(); }
    net::HttpTransport& transport() { return transport_; }

    // Sends later requests to another address (a proxy, or syncd after a restart).
    void use_url(const std::string& url) { transport_ = transport_to(url); }

    // Sets the store clock of a laptop made with manual_clock.
    void set_clock(std::int64_t ms) { now_->store(ms); }

    sync::SyncResult<sync::SyncReport> sync(sync::SyncOptions options = {}) {
        return sync::sync(*store_, transport_, options);
    }

    // Syncs and requires success.
    sync::SyncReport sync_ok(sync::SyncOptions options = {}) {
        auto report = sync(std::move(options));
        REQUIRE_MESSAGE(report, (report ? std::string() : report.error().message));
        return *report;
    }

    RecordId save(const std::string& unit, std::map<std::string, Value> values,
                  std::optional<RecordId> id = std::nullopt) {
        RecordEdit edit{id, "household", 1, unit, std::move(values)};
        auto saved = store_->save(edit);
        REQUIRE_MESSAGE(saved, (saved ? std::string() : saved.error().message));
        return saved->record_id;
    }

    // A new household record with a few answers: kHouseholdChanges changes.
    RecordId household(const std::string& unit, const std::string& code) {
        return save(unit, {{"ward_code", Value{unit}},
                           {"group", Value{std::string("01")}},
                           {"household_code", Value{code}},
                           {"head_name", Value{std::string("Trần Văn ") + code}},
                           {"visit_outcome", Value{std::string("interviewed")}},
                           {"smart_tv", Value{true}},
                           {"adults_15plus", Value{std::int64_t{3}}},
                           {"adults_smartphone", Value{std::int64_t{2}}}});
    }

    std::size_t waiting() {
        auto status = sync::sync_status(*store_);
        REQUIRE(status);
        return status->waiting;
    }

private:
    c5::test::TempDir dir_;
    std::shared_ptr<std::atomic<std::int64_t>> now_ =
        std::make_shared<std::atomic<std::int64_t>>(0);
    net::HttpTransport transport_;
    std::optional<Store> store_;
};

// Everything a person would see of a store's records, without device ids (which differ
// between runs): values, status, deletion and conflicts.
inline std::string snapshot(const Store& store) {
    std::ostringstream out;
    const RecordList list = store.list(ListFilter{"", "", true});
    for (const StoredRecord& r : list.records) {
        out << r.record.record_id << " " << r.record.unit_code << " "
            << review_status_name(r.status) << (r.record.deleted ? " deleted" : "") << "\n";
        for (const auto& [field, value] : r.record.values) {
            out << "  " << field << "=" << to_display(value) << "\n";
        }
        for (const FieldConflict& c : r.conflicts) {
            out << "  conflict " << c.field << ": " << to_display(c.winner.value) << " over";
            for (const FieldChange& loser : c.losers) out << " " << to_display(loser.value);
            out << "\n";
        }
    }
    for (const DamagedRecord& d : list.damaged) out << "damaged " << to_string(d.record_id) << "\n";
    return out.str();
}

// The number of records a store holds, deleted ones included.
inline std::size_t record_count(const Store& store) {
    return store.list(ListFilter{"", "", true}).records.size();
}

}  // namespace sync_test
