// Convergence over random histories: 3 to 5 replicas edit the same records concurrently,
// exchange single changes in random order with duplicates, and merge each other's whole
// states (regroupings). In the end every replica must hold the same records, equal to the
// result of applying every change once, in the order they were made and in reverse.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>

#include "core/merge/versioned_record.hpp"

namespace {

constexpr int kSeeds = 1200;
constexpr int kSteps = 60;

const char* const kFields[] = {"head_name", "phone", "smart_tv", "_deleted", "_status"};
const std::int64_t kStartMs = 1718000000000;

using Records = std::map<c5::RecordId, c5::VersionedRecord>;

struct Replica {
    std::string device;
    std::int64_t wall_ms = kStartMs;
    c5::HybridClock clock{[this] { return wall_ms; }};
    Records records;
    std::vector<c5::FieldChange> inbox;  // changes sent to it, not yet delivered

    explicit Replica(std::string name) : device(std::move(name)) {}
    Replica(const Replica&) = delete;  // the clock refers to this replica's wall_ms
    Replica& operator=(const Replica&) = delete;

    void receive(const c5::FieldChange& change) {
        clock.observe(change.stamp);
        records.try_emplace(change.record_id, change.record_id).first->second.apply(change);
    }

    void merge_from(const Replica& other) {
        for (const auto& [id, record] : other.records) {
            clock.observe(record.newest().stamp);
            records.try_emplace(id, id).first->second.merge(record);
        }
    }
};

c5::Value random_value(std::mt19937_64& rng, const std::string& field) {
    const int pick = static_cast<int>(rng() % 6);
    if (pick == 0) return c5::Value{};  // clears happen often: they are the tricky case
    if (field == "_deleted" || field == "smart_tv") return c5::Value{pick % 2 == 0};
    if (field == "_status") {
        const char* statuses[] = {"draft", "completed", "approved", "rejected", "draft"};
        return c5::Value{std::string(statuses[pick - 1])};
    }
    if (pick == 5) return c5::Value{std::int64_t{pick}};
    const char* texts[] = {"Nguyễn Văn An", "Trần Thị Bình", "0912 345 678", "Lê Hoa"};
    return c5::Value{std::string(texts[pick - 1])};
}

// A local edit by one replica: based on what it has seen of the field, stamped by its clock.
c5::FieldChange local_edit(std::mt19937_64& rng, Replica& r, const c5::RecordId& id) {
    auto& record = r.records.try_emplace(id, id).first->second;
    c5::FieldChange c;
    c.record_id = id;
    c.form = "household";
    c.form_version = 1 + static_cast<int>(rng() % 2);
    c.unit_code = rng() % 2 ? "00001" : "00002";
    c.field = kFields[rng() % std::size(kFields)];
    c.value = random_value(rng, c.field);
    c.base = record.head(c.field);
    c.stamp = r.clock.tick();
    c.device_id = r.device;
    record.apply(c);
    return c;
}

// Delivers part of a replica's inbox in random order; some changes stay for a redelivery.
void deliver_some(std::mt19937_64& rng, Replica& r) {
    std::shuffle(r.inbox.begin(), r.inbox.end(), rng);
    const std::size_t n = r.inbox.empty() ? 0 : rng() % (r.inbox.size() + 1);
    for (std::size_t i = 0; i < n; ++i) r.receive(r.inbox[i]);
    const bool keep_as_duplicates = rng() % 3 == 0;
    if (!keep_as_duplicates) r.inbox.erase(r.inbox.begin(), r.inbox.begin() + n);
}

Records apply_all(const std::vector<c5::FieldChange>& changes) {
    Records out;
    for (const auto& c : changes) out.try_emplace(c.record_id, c.record_id).first->second.apply(c);
    return out;
}

// How much of the merge rules the random histories exercised.
struct Coverage {
    int histories_with_conflicts = 0;
    int values_kept_over_a_clear = 0;
};

// Runs one random history; returns an empty string when everything converged.
std::string run_history(std::uint64_t seed, Coverage& coverage) {
    std::mt19937_64 rng(seed);
    const int replica_count = 3 + static_cast<int>(rng() % 3);
    std::vector<std::unique_ptr<Replica>> replicas;
    for (int i = 0; i < replica_count; ++i) {
        replicas.push_back(std::make_unique<Replica>("device-" + std::to_string(i)));
    }
    const c5::RecordId ids[] = {c5::mint_record_id(kStartMs), c5::mint_record_id(kStartMs + 1)};
    std::vector<c5::FieldChange> all;

    for (int step = 0; step < kSteps; ++step) {
        Replica& r = *replicas[rng() % replicas.size()];
        // Clocks drift apart and stall, so stamps tie and counters and device ids decide.
        r.wall_ms += static_cast<std::int64_t>(rng() % 3);
        const int action = static_cast<int>(rng() % 10);
        if (action < 6) {
            c5::FieldChange c = local_edit(rng, r, ids[rng() % 2]);
            if (!c5::check_change(c)) return "generated an invalid change";
            all.push_back(c);
            for (auto& other : replicas) {
                if (other.get() != &r) other->inbox.push_back(c);
            }
        } else if (action < 9) {
            deliver_some(rng, r);
        } else {
            r.merge_from(*replicas[rng() % replicas.size()]);
        }
    }

    // Everyone catches up: some through a peer's merged state, the rest from their inbox,
    // in random order and with duplicates.
    for (auto& r : replicas) {
        if (rng() % 2) r->merge_from(*replicas[rng() % replicas.size()]);
        auto pending = r->inbox;
        pending.insert(pending.end(), all.begin(), all.end());
        std::shuffle(pending.begin(), pending.end(), rng);
        for (const auto& c : pending) r->receive(c);
    }

    const Records in_order = apply_all(all);
    std::vector<c5::FieldChange> reversed(all.rbegin(), all.rend());
    if (apply_all(reversed) != in_order) return "order of application changed the result";
    for (const auto& r : replicas) {
        if (r->records != in_order) return r->device + " differs from the reference";
        for (const auto& [id, record] : r->records) {
            if (record.flatten().values != in_order.at(id).flatten().values) {
                return r->device + " flattens differently";
            }
        }
    }
    bool conflicted = false;
    for (const auto& [id, record] : in_order) {
        for (const auto& conflict : record.conflicts()) {
            conflicted = true;
            for (const auto& loser : conflict.losers) {
                if (c5::is_empty(loser.value) && loser.version() > conflict.winner.version()) {
                    ++coverage.values_kept_over_a_clear;
                }
            }
        }
    }
    coverage.histories_with_conflicts += conflicted ? 1 : 0;
    return {};
}

}  // namespace

TEST_CASE(
    "merge: replicas converge over random histories with reordering, duplicates and "
    "regroupings") {
    Coverage coverage;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const std::string problem = run_history(seed, coverage);
        if (!problem.empty()) FAIL("seed " << seed << ": " << problem);
    }
    // The histories must reach the interesting rules, not only sequential edits.
    CHECK(coverage.histories_with_conflicts > kSeeds / 4);
    CHECK(coverage.values_kept_over_a_clear > 0);
}

TEST_CASE("merge: merging record states is commutative, associative and idempotent") {
    std::mt19937_64 rng(42);
    for (int round = 0; round < 200; ++round) {
        Replica a("a"), b("b"), c("c");
        const c5::RecordId id = c5::mint_record_id(kStartMs);
        for (int i = 0; i < 12; ++i) {
            Replica& r = i % 3 == 0 ? a : i % 3 == 1 ? b : c;
            r.wall_ms += static_cast<std::int64_t>(rng() % 2);
            local_edit(rng, r, id);
            if (rng() % 4 == 0) r.merge_from(i % 2 ? a : b);
        }
        const c5::VersionedRecord& ra = a.records.at(id);
        const c5::VersionedRecord& rb = b.records.at(id);
        const c5::VersionedRecord& rc = c.records.at(id);

        c5::VersionedRecord ab = ra, ba = rb;
        ab.merge(rb);
        ba.merge(ra);
        CHECK(ab == ba);

        c5::VersionedRecord ab_c = ab, a_bc = ra, bc = rb;
        ab_c.merge(rc);
        bc.merge(rc);
        a_bc.merge(bc);
        CHECK(ab_c == a_bc);

        c5::VersionedRecord twice = ab;
        twice.merge(ab);
        twice.merge(rb);
        CHECK(twice == ab);
    }
}
