// The figures of syncd, the province server, on the benchmark province.
#pragma once

#include <cstddef>
#include <cstdint>

namespace c5::bench {

struct SyncdPlan {
    int wards = 500;                 // of 2,000 households each
    int push_runs = 10;              // wards pushed over HTTP (one laptop, one run each)
    std::size_t batch_changes = 2000;  // the sync client's default batch size
    int incremental_runs = 9;
    int full_runs = 3;
};

struct SyncdFigures {
    std::int64_t households = 0;
    double seed_seconds = 0;  // merging the wards that are not pushed, in process
    double ingest_records_per_second = 0;
    int ingest_runs = 0;
    double wire_bytes_per_record = 0;  // request and response bodies, per household
    double incremental_rescore_ms = 0;
    int incremental_runs = 0;
    double full_rescore_ms = 0;
    int full_runs = 0;
    double serve_peak_rss_mb = 0;            // syncd serve after the pushes and rescoring
    double rescore_command_peak_rss_mb = 0;  // the largest of every syncd run, `rescore` last
};

// Starts a real syncd in a throwaway folder, fills it to plan.wards wards, pushes the last
// plan.push_runs wards over loopback HTTP and measures. Throws std::runtime_error naming
// the step that failed.
SyncdFigures measure_syncd(const SyncdPlan& plan);

}  // namespace c5::bench
