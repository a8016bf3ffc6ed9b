// The load run's report: the figures a reader compares between runs, then the checks.
#include <iomanip>
#include <ostream>

#include "load/load_run.hpp"

namespace c5::load {
namespace {

std::string by_kind(const Figures& f) {
    if (f.failures.empty()) return "none";
    std::string out;
    for (const auto& [kind, count] : f.failures) {
        out += (out.empty() ? "" : ", ") + kind + " " + std::to_string(count);
    }
    return out + " (first: " + f.first_failure + ")";
}

void print_timings(std::ostream& out, const std::string& what, const Figures& f) {
    out << what << ": " << f.ms.size() << " answered, " << f.failed() << " failed; p50 "
        << f.quantile(0.5) << " ms, p99 " << f.quantile(0.99) << " ms, max " << f.max()
        << " ms; failures: " << by_kind(f) << "\n";
}

void print_ack_check(std::ostream& out, const std::string& when, const AckCheck& c) {
    out << when << ": " << c.on_server << " changes on the server, " << c.acknowledged
        << " acknowledged; " << c.missing << " acknowledged but missing, " << c.doubled
        << " doubled, " << c.unknown << " written by no laptop, " << c.unacknowledged
        << " received whose acknowledgement was lost\n";
}

}  // namespace

void print_report(const LoadPlan& plan, const LoadReport& r, std::ostream& out) {
    out << std::fixed << std::setprecision(1);
    out << "\nc5-load: " << plan.laptops << " laptops for " << plan.seconds
        << " s against one syncd on 127.0.0.1:" << r.syncd_port << " ("
        << (plan.syncd_threads > 0 ? std::to_string(plan.syncd_threads) : "default")
        << " request threads)\n";
    if (!r.failure.empty()) {
        out << "stopped: " << r.failure << "\nresult: FAIL\n";
        return;
    }
    out << "enrolment: " << plan.laptops << " laptops in " << r.enrol_seconds << " s\n";
    const double per_second = static_cast<double>(r.syncs.ms.size()) / r.load_seconds;
    out << "syncs: " << r.syncs.ms.size() << " completed in " << r.load_seconds << " s ("
        << per_second << " per second), " << r.syncs.failed() << " failed; latency p50 "
        << r.syncs.quantile(0.5) << " ms, p99 " << r.syncs.quantile(0.99) << " ms, max "
        << r.syncs.max() << " ms\n";
    out << "errors by kind: " << by_kind(r.syncs) << "\n";
    out << "changes written by the laptops: " << r.changes_written << "\n";
    print_timings(out, "health (GET /v1/health)", r.health);
    print_timings(out, "results page (GET /web/ and /web/api/overview, logged in)", r.results_page);
    print_ack_check(out, "after the run", r.after_load);
    print_timings(out, "final syncs (two per laptop)", r.drain);
    print_ack_check(out, "after the final syncs", r.after_drain);
    out << "records: " << r.states.records_on_server << " households on the server, "
        << r.states.records_made << " made; " << r.states.differing << " of "
        << r.states.laptops_compared << " laptops differ from the server"
        << (r.states.first_difference.empty() ? "" : " (first: " + r.states.first_difference + ")")
        << "\n";
    out << "syncd: peak memory " << r.syncd_peak_rss_mb << " MB, " << r.server_errors_logged
        << " error lines in its log\n";
    out << "result: " << (r.passed() ? "PASS" : "FAIL") << "\n";
}

}  // namespace c5::load
