// The load run: one real `syncd serve` on loopback, many simulated laptops enrolled and
// syncing at once for a fixed time, the health endpoint and the results page polled
// meanwhile, then the server's contents checked against what the laptops saw acknowledged.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "load/figures.hpp"
#include "load/server_audit.hpp"

namespace c5::load {

struct LoadPlan {
    int laptops = 200;
    int seconds = 60;
    int syncd_threads = 0;  // syncd serve --threads; 0 keeps syncd's default
    int pause_ms = 0;       // a laptop's pause between two syncs
    std::chrono::milliseconds probe_every{250};
    std::uint32_t seed = 2026;
};

struct LoadReport {
    double enrol_seconds = 0;
    double load_seconds = 0;
    Figures syncs;  // every sync of the timed run
    std::size_t changes_written = 0;
    Figures health;
    Figures results_page;
    AckCheck after_load;   // allows changes whose acknowledgement was lost on the way
    Figures drain;         // the final syncs of every laptop after the run
    AckCheck after_drain;  // exact: the server holds what was acknowledged, nothing else
    StateCheck states;
    std::size_t server_errors_logged = 0;  // syncd's own error lines (5xx, failures)
    double syncd_peak_rss_mb = 0;
    int syncd_port = 0;
    std::string failure;  // a step that could not run at all, "" when every step ran

    // No sync failed, every probe answered, and both checks hold.
    bool passed() const;
};

// Runs the plan; progress goes to `log`. Never throws for a server or client failure: they
// are counted in the report, and a step that cannot run is named in `failure`.
LoadReport run_load(const LoadPlan& plan, std::ostream& log);

void print_report(const LoadPlan& plan, const LoadReport& report, std::ostream& out);

}  // namespace c5::load
