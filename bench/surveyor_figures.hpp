// The figures of the surveyor field app on a store of 20,000 households.
#pragma once

#include <filesystem>

namespace c5::bench {

struct SurveyorPlan {
    std::filesystem::path store_file;  // must not exist yet
    std::filesystem::path forms_dir;
    int households = 20'000;
    int open_runs = 3;
    int search_runs = 3;  // each over six queries
    int save_runs = 3;
    int saves_per_run = 40;
};

struct SurveyorFigures {
    double save_p99_ms = 0;  // median over runs of each run's 99th percentile
    double save_median_ms = 0;
    int save_runs = 0;
    double open_ms = 0;  // unlock (Argon2id INTERACTIVE), open, list the households
    int open_runs = 0;
    double search_ms = 0;       // the home screen's filter over the listed rows
    double core_search_ms = 0;  // Store::search over the decrypted records
    int search_runs = 0;
};

// A surveyor store of one ward at `file` (which must not exist) holding `households`
// households of the benchmark province, as after pulling them from the server; Argon2id at
// the default INTERACTIVE limits. Throws std::runtime_error.
void create_bench_store(const std::filesystem::path& file, const std::filesystem::path& forms_dir,
                        int households);
const char* bench_store_passphrase();

// Creates the store, fills it and measures. Throws std::runtime_error naming the step.
SurveyorFigures measure_surveyor(const SurveyorPlan& plan);

}  // namespace c5::bench
