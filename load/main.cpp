// c5-load: many simulated laptops syncing at once against one real syncd on loopback, with
// the figures and the exact-acknowledgement check (docs/reliability.md, "Load").
#include <CLI/CLI.hpp>
#include <iostream>

#include "load/load_run.hpp"

int main(int argc, char** argv) {
    // 1. The plan from the command line.
    c5::load::LoadPlan plan;
    int probe_ms = 250;
    CLI::App app{"Runs simulated laptops syncing against a real syncd serve on loopback"};
    app.add_option("--laptops", plan.laptops, "Laptops syncing at once")
        ->check(CLI::Range(1, 2000))
        ->capture_default_str();
    app.add_option("--seconds", plan.seconds, "How long they sync")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    app.add_option("--syncd-threads", plan.syncd_threads,
                   "syncd serve --threads (0: syncd's default)")
        ->check(CLI::Range(0, 256));
    app.add_option("--pause-ms", plan.pause_ms, "A laptop's pause between two syncs")
        ->check(CLI::Range(0, 600000))
        ->capture_default_str();
    app.add_option("--probe-ms", probe_ms, "Time between two polls of health and the page")
        ->check(CLI::Range(10, 60000))
        ->capture_default_str();
    app.add_option("--seed", plan.seed, "Seed of the laptops' edits")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    plan.probe_every = std::chrono::milliseconds(probe_ms);

    // 2. The run, its report, and a status a test can assert on.
    const c5::load::LoadReport report = c5::load::run_load(plan, std::cerr);
    c5::load::print_report(plan, report, std::cout);
    return report.passed() ? 0 : 1;
}
