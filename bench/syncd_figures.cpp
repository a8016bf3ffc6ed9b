// The province server's figures: a real `syncd serve` on loopback holding the benchmark
// province, laptops enrolled through the real client, pushes of signed and boxed batches over
// HTTP, then rescoring and memory measured on the same database.
#include "bench/syncd_figures.hpp"

#include <sys/resource.h>

#include <fstream>
#include <iostream>
#include <stdexcept>

#include "bench/measure.hpp"
#include "bench/province.hpp"
#include "core/sync/sync_client.hpp"
#include "core/sync/wire_messages.hpp"
#include "net/http_transport.hpp"
#include "support/syncd_process.hpp"
#include "syncd/commands/default_paths.hpp"
#include "syncd/server/merge_engine.hpp"
#include "syncd/server/results_store.hpp"

namespace c5::bench {
namespace {

void require(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error(what);
}

void ok_or_throw(Result<void> result, const std::string& what) {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
}

template <class T>
T value_or_throw(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
    return std::move(*result);
}

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The server data folder opened in this process, as `syncd rescore` opens it.
syncd::ServerContext open_context(const test::SyncdProcess& server) {
    syncd::ServerOptions options;
    options.data_dir = server.data_dir();
    options.forms_dir = syncd::default_forms_dir();
    options.criteria_file = syncd::default_criteria_file();
    return value_or_throw(syncd::open_server(options, server.passphrase()), "open the server");
}

// Fills wards [0, wards) through the server's own merge engine, one transaction per ward,
// as an import would: the change log, the merged records and the ward's results.
void seed_wards(const syncd::ServerContext& ctx, int wards) {
    auto db = value_or_throw(ctx.connect(), "connect");
    const std::int64_t wall = now_ms() - 60'000;
    for (int w = 0; w < wards; ++w) {
        std::vector<FieldChange> changes;
        for (int h = 0; h < kHouseholdsPerWard; ++h) {
            auto more = household_changes(w, h, "dev-bench-seed", wall);
            std::move(more.begin(), more.end(), std::back_inserter(changes));
        }
        auto tx = value_or_throw(syncd::Transaction::begin(db), "begin");
        value_or_throw(syncd::merge_changes(db, ctx, changes, std::nullopt), "seed merge");
        ok_or_throw(tx.commit(), "seed commit");
        if ((w + 1) % 50 == 0) std::cerr << "  seeded " << (w + 1) << " wards\n";
    }
}

// A laptop of one ward, enrolled through the real client, with its batches signed and
// boxed in advance by the client's own builder (2,000 changes a batch, the client's default,
// never splitting a household).
struct Laptop {
    sync::Enrollment enrollment;
    std::vector<std::string> bodies;
    std::size_t records = 0;
};

Laptop enrol_laptop(test::SyncdProcess& server, net::HttpTransport& transport, int ward) {
    const std::string code =
        server.enroll("surveyor", ward_code(ward), "Nguyễn Thị Lan " + std::to_string(ward));
    require(!code.empty(), "enroll: " + server.last_error());
    auto enrolled = sync::request_enrollment(transport, code, "Laptop " + std::to_string(ward));
    if (!enrolled) throw std::runtime_error("enrolment: " + enrolled.error().message);
    return Laptop{std::move(*enrolled), {}, 0};
}

void prepare_batches(Laptop& laptop, int ward, std::size_t batch_changes) {
    const std::string& device = laptop.enrollment.record.device_id;
    const std::int64_t wall = now_ms() - 1000;
    sync::Hash32 prev{};
    std::int64_t seq = 0;
    std::vector<FieldChange> batch;
    const auto flush = [&] {
        if (batch.empty()) return;
        const sync::PushRequest request =
            sync::make_push_request(device, ++seq, prev, batch, laptop.enrollment.keys,
                                    laptop.enrollment.record.server_box_pk);
        prev = request.hash();
        laptop.bodies.push_back(sync::to_json(request).dump());
        batch.clear();
    };
    for (int h = 0; h < kHouseholdsPerWard; ++h) {
        auto changes = household_changes(ward, h, device, wall);
        if (batch.size() + changes.size() > batch_changes) flush();
        std::move(changes.begin(), changes.end(), std::back_inserter(batch));
    }
    flush();
    laptop.records = kHouseholdsPerWard;
}

// Sends a laptop's batches in order and returns records per second; adds the body bytes
// both ways to `wire_bytes`.
double push_all(net::HttpTransport& transport, const Laptop& laptop, std::size_t& wire_bytes) {
    const auto start = SteadyClock::now();
    for (const std::string& body : laptop.bodies) {
        auto response = transport.post("/v1/push", body);
        if (!response) throw std::runtime_error("push: " + response.error().message);
        if (response->status != 200) {
            throw std::runtime_error("push refused (" + std::to_string(response->status) +
                                     "): " + response->body);
        }
        wire_bytes += body.size() + response->body.size();
    }
    return static_cast<double>(laptop.records) / (ms_since(start) / 1000.0);
}

// The peak resident memory of a running process, in MB (VmHWM).
double peak_rss_mb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

double incremental_rescore_ms(const syncd::ServerContext& ctx, int ward) {
    auto db = value_or_throw(ctx.connect(), "connect");
    auto tx = value_or_throw(syncd::Transaction::begin(db), "begin");
    const std::int64_t version = value_or_throw(syncd::last_change_seq(db), "last seq");
    const auto start = SteadyClock::now();
    ok_or_throw(syncd::recompute_results(db, ctx, {ward_code(ward)}, version), "rescore a ward");
    const double ms = ms_since(start);
    ok_or_throw(tx.commit(), "commit");
    return ms;
}

double full_rescore_ms(const syncd::ServerContext& ctx) {
    auto db = value_or_throw(ctx.connect(), "connect");
    auto tx = value_or_throw(syncd::Transaction::begin(db), "begin");
    const auto start = SteadyClock::now();
    ok_or_throw(syncd::recompute_all_results(db, ctx), "rescore every ward");
    const double ms = ms_since(start);
    ok_or_throw(tx.commit(), "commit");
    return ms;
}

}  // namespace

SyncdFigures measure_syncd(const SyncdPlan& plan) {
    SyncdFigures out;
    test::SyncdOptions options;
    options.deadline = std::chrono::minutes(5);
    test::SyncdProcess server(options);
    require(server.init(), server.last_error());
    const auto registry_file = server.data_dir().parent_path() / "registry.csv";
    std::ofstream(registry_file, std::ios::binary) << province_registry_csv();
    const auto imported = server.run("import-registry", {registry_file.string()});
    require(imported.exit_code == 0, "import-registry: " + imported.err);

    // 1. The province before the pushes: every ward but the pushed ones, merged in place.
    const int pushed_wards = plan.push_runs;
    const int seeded = plan.wards - pushed_wards;
    auto ctx = open_context(server);
    auto start = SteadyClock::now();
    seed_wards(ctx, seeded);
    out.seed_seconds = ms_since(start) / 1000.0;
    out.households = static_cast<std::int64_t>(plan.wards) * kHouseholdsPerWard;

    // 2. Pushes over loopback HTTP, one laptop per remaining ward.
    require(server.start(), server.last_error());
    net::HttpTransportOptions http;
    http.read_timeout = std::chrono::minutes(5);
    auto transport = value_or_throw(net::HttpTransport::create(server.base_url(), http), "url");
    std::vector<Laptop> laptops;
    for (int w = seeded; w < plan.wards; ++w) {
        laptops.push_back(enrol_laptop(server, transport, w));
        prepare_batches(laptops.back(), w, plan.batch_changes);
    }
    std::vector<double> rates;
    std::size_t wire_bytes = 0;
    for (const Laptop& laptop : laptops) rates.push_back(push_all(transport, laptop, wire_bytes));
    out.ingest_records_per_second = median(rates);
    out.ingest_runs = static_cast<int>(rates.size());
    out.wire_bytes_per_record =
        static_cast<double>(wire_bytes) / static_cast<double>(pushed_wards * kHouseholdsPerWard);
    out.serve_peak_rss_mb = peak_rss_mb(server.pid());

    // 3. Rescoring on the full database, in this process like `syncd rescore`.
    std::vector<double> incremental;
    for (int run = 0; run < plan.incremental_runs; ++run) {
        const int ward = run * plan.wards / plan.incremental_runs;
        incremental.push_back(incremental_rescore_ms(ctx, ward));
    }
    out.incremental_rescore_ms = median(incremental);
    out.incremental_runs = plan.incremental_runs;
    std::vector<double> full;
    for (int run = 0; run < plan.full_runs; ++run) full.push_back(full_rescore_ms(ctx));
    out.full_rescore_ms = median(full);
    out.full_runs = plan.full_runs;
    require(server.stop(), server.last_error());

    // 4. `syncd rescore` as a separate process: the largest resident set of any syncd run
    // (the server was reaped by stop, so its peak counts as well).
    const auto rescored = server.run("rescore");
    require(rescored.exit_code == 0, "syncd rescore: " + rescored.err);
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    out.rescore_command_peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return out;
}

}  // namespace c5::bench
