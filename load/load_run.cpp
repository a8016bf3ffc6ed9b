// The steps of the load run, from an empty server to the checked report.
#include "load/load_run.hpp"

#include <fstream>
#include <ostream>
#include <random>
#include <sstream>
#include <thread>

#include "load/server_probes.hpp"
#include "support/syncd_process.hpp"

namespace c5::load {
namespace {

using SteadyClock = std::chrono::steady_clock;

const std::string kRegistryCsv = std::string(C5_SOURCE_DIR) + "/samples/registry-hanoi.csv";
constexpr const char* kWebUser = "tai-thu";
constexpr const char* kWebPassword = "mật khẩu trang kết quả";

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// The ward codes of the sample registry, in file order.
std::vector<std::string> sample_wards() {
    std::ifstream in(kRegistryCsv);
    std::vector<std::string> wards;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("ward,", 0) == 0) wards.push_back(line.substr(5, line.find(',', 5) - 5));
    }
    return wards;
}

// A started syncd with the sample registry and one province web account.
std::string prepare_server(test::SyncdProcess& server) {
    if (!server.init()) return "syncd init: " + server.last_error();
    const auto imported = server.run("import-registry", {kRegistryCsv});
    if (imported.exit_code != 0) return "syncd import-registry: " + imported.err;
    const auto password_file = server.data_dir().parent_path() / "web.pass";
    std::ofstream(password_file) << kWebPassword << "\n";
    const auto user = server.run("users", {"add", "--name", kWebUser, "--role", "province",
                                           "--password-file", password_file.string()});
    if (user.exit_code != 0) return "syncd users add: " + user.err;
    if (!server.start()) return "syncd serve: " + server.last_error() + "\n" + server.server_log();
    return "";
}

std::string enrol_laptops(test::SyncdProcess& server, const LoadPlan& plan,
                          const std::filesystem::path& folder,
                          std::vector<SimulatedLaptop>& laptops, std::ostream& log) {
    const std::vector<std::string> wards = sample_wards();
    if (wards.empty()) return "no ward in " + kRegistryCsv;
    for (int i = 0; i < plan.laptops; ++i) {
        const std::string& ward = wards[static_cast<std::size_t>(i) % wards.size()];
        const std::string code =
            server.enroll("surveyor", ward, "Người khảo sát " + std::to_string(i));
        if (code.empty()) return "syncd enroll: " + server.last_error();
        auto laptop =
            SimulatedLaptop::enrol(i, ward, folder / ("laptop-" + std::to_string(i) + ".c5store"),
                                   server.base_url(), code);
        if (!laptop) return laptop.error();
        laptops.push_back(std::move(*laptop));
        if ((i + 1) % 50 == 0) log << "  enrolled " << (i + 1) << " laptops\n" << std::flush;
    }
    return "";
}

// Every laptop works and syncs on its own thread until the deadline; each one's figures
// are kept apart and summed after the join.
Figures run_laptops(std::vector<SimulatedLaptop>& laptops, const LoadPlan& plan) {
    const auto deadline = SteadyClock::now() + std::chrono::seconds(plan.seconds);
    std::vector<Figures> each(laptops.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < laptops.size(); ++i) {
        threads.emplace_back([&, i] {
            std::mt19937 random(plan.seed + static_cast<std::uint32_t>(i));
            while (SteadyClock::now() < deadline) {
                if (auto worked = laptops[i].work(random); !worked) {
                    each[i].fail("store", worked.error().message);
                    return;
                }
                const SyncSample sample = laptops[i].sync_once();
                if (sample.error) {
                    each[i].fail(sync::sync_error_kind_name(*sample.error), sample.message);
                } else {
                    each[i].ms.push_back(sample.ms);
                }
                if (plan.pause_ms > 0) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(plan.pause_ms));
                }
            }
        });
    }
    for (std::thread& t : threads) t.join();
    Figures all;
    for (const Figures& f : each) all.add(f);
    return all;
}

// Two rounds of one sync per laptop, all at once: the first sends what is left, the second
// brings each laptop what the others sent in the first.
Figures drain(std::vector<SimulatedLaptop>& laptops) {
    Figures all;
    for (int round = 0; round < 2; ++round) {
        std::vector<Figures> each(laptops.size());
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < laptops.size(); ++i) {
            threads.emplace_back([&, i] {
                const SyncSample sample = laptops[i].sync_once();
                if (sample.error) {
                    each[i].fail(sync::sync_error_kind_name(*sample.error), sample.message);
                } else {
                    each[i].ms.push_back(sample.ms);
                }
            });
        }
        for (std::thread& t : threads) t.join();
        for (const Figures& f : each) all.add(f);
    }
    return all;
}

std::size_t count_error_lines(const std::string& server_log) {
    std::size_t count = 0;
    std::istringstream in(server_log);
    std::string line;
    while (std::getline(in, line)) {
        if (line.find("Z error ") != std::string::npos) ++count;
    }
    return count;
}

double peak_rss_mb(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

// The two checks of the server's contents after the run and after the drain.
std::string audit(test::SyncdProcess& server, std::vector<SimulatedLaptop>& laptops,
                  AckCheck& check) {
    const std::string code = server.enroll("province", server.province_code(), "Kiểm tra");
    if (code.empty()) return "syncd enroll: " + server.last_error();
    auto changes = pull_everything(server.base_url(), code);
    if (!changes) return changes.error();
    check = check_acknowledged(laptops, *changes);
    return "";
}

}  // namespace

bool LoadReport::passed() const {
    return failure.empty() && syncs.failed() == 0 && !syncs.ms.empty() && health.failed() == 0 &&
           results_page.failed() == 0 && drain.failed() == 0 && after_load.holds(false) &&
           after_drain.holds(true) && states.holds() && server_errors_logged == 0;
}

LoadReport run_load(const LoadPlan& plan, std::ostream& log) {
    LoadReport report;
    test::SyncdOptions options;
    options.deadline = std::chrono::minutes(2);
    if (plan.syncd_threads > 0) {
        options.serve_args = {"--threads", std::to_string(plan.syncd_threads)};
    }
    test::SyncdProcess server(options);
    test::TempDir stores;

    log << "1. syncd init, the sample registry, a web account, syncd serve\n" << std::flush;
    if (report.failure = prepare_server(server); !report.failure.empty()) return report;
    report.syncd_port = server.port();

    log << "2. enrolling " << plan.laptops << " laptops, each with its own store\n" << std::flush;
    std::vector<SimulatedLaptop> laptops;
    auto start = SteadyClock::now();
    report.failure = enrol_laptops(server, plan, stores.path(), laptops, log);
    if (!report.failure.empty()) return report;
    report.enrol_seconds = seconds_since(start);

    log << "3. " << plan.laptops << " laptops writing and syncing for " << plan.seconds
        << " s; health and results page polled\n"
        << std::flush;
    ServerProbes probes(
        ProbeTarget{"127.0.0.1", server.port(), kWebUser, kWebPassword, plan.probe_every});
    start = SteadyClock::now();
    report.syncs = run_laptops(laptops, plan);
    report.load_seconds = seconds_since(start);
    probes.stop();
    report.health = probes.health();
    report.results_page = probes.results_page();
    for (const SimulatedLaptop& laptop : laptops) report.changes_written += laptop.written().size();

    log << "4. checking the server holds what was acknowledged\n" << std::flush;
    if (report.failure = audit(server, laptops, report.after_load); !report.failure.empty()) {
        return report;
    }

    log << "5. a final sync of every laptop, then the same check, exact, and the records\n"
        << std::flush;
    report.drain = drain(laptops);
    if (report.failure = audit(server, laptops, report.after_drain); !report.failure.empty()) {
        return report;
    }
    const std::string code = server.enroll("province", server.province_code(), "Kiểm tra");
    auto states = check_states(laptops, server.base_url(), code, stores / "auditor.c5store");
    if (!states) {
        report.failure = states.error();
        return report;
    }
    report.states = *states;
    report.syncd_peak_rss_mb = peak_rss_mb(server.pid());
    if (!server.healthy()) report.failure = "syncd no longer answers /v1/health";
    server.stop();
    report.server_errors_logged = count_error_lines(server.server_log());
    return report;
}

}  // namespace c5::load
