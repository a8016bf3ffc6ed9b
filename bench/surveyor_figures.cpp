// The field laptop's figures on a store of 20,000 households of one large ward, made and
// used through the surveyor's own actions (create, unlock, save, list, search).
#include "bench/surveyor_figures.hpp"

#include <time.h>

#include <iostream>
#include <stdexcept>

#include "bench/measure.hpp"
#include "bench/province.hpp"
#include "surveyor/app/actions.hpp"
#include "surveyor/app/records_view.hpp"

namespace c5::bench {
namespace {

constexpr int kWard = 0;
constexpr const char* kPassphrase = "mây trắng bay qua đồi";

template <class T>
T value_or_throw(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
    return std::move(*result);
}

surveyor::Session open_store(const SurveyorPlan& plan) {
    StoreOptions options;
    options.user = "Lê Thu Trang";
    return value_or_throw(
        surveyor::open_session(plan.store_file, kPassphrase, plan.forms_dir, options), "unlock");
}

// The store as it stands after pulling its ward from the server: one transaction of every
// household's changes, written by another device.
void fill_store(surveyor::Session& session, int households) {
    std::vector<FieldChange> changes;
    const std::int64_t wall = 1'760'000'000'000;
    for (int h = 0; h < households; ++h) {
        auto more = household_changes(kWard, h, "dev-province-pull", wall + h);
        std::move(more.begin(), more.end(), std::back_inserter(changes));
    }
    value_or_throw(session.store.apply_remote(changes), "fill the store");
}

// One save as the household form does it: a visit's answers edited, marked complete.
double timed_save(surveyor::Session& session, const RecordId& id, int n) {
    surveyor::SaveRequest request;
    request.record_id = id;
    request.form = "household";
    request.unit_code = ward_code(kWard);
    request.values = household_values(kWard, n % 20'000);
    request.values["notes"] = "Đến lại lần " + std::to_string(n) + ", đã cập nhật thiết bị";
    request.values["adults_15plus"] = std::int64_t{2 + n % 3};
    request.values["adults_smartphone"] = std::int64_t{2};
    request.complete = true;
    const auto start = SteadyClock::now();
    value_or_throw(surveyor::save_record(session, request), "save");
    return ms_since(start);
}

// CPU time of this process, which a busy machine does not inflate as it does wall time.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1000 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

const char* bench_store_passphrase() {
    return kPassphrase;
}

void create_bench_store(const std::filesystem::path& file, const std::filesystem::path& forms_dir,
                        int households) {
    surveyor::CreateStoreRequest create;
    create.path = file;
    create.passphrase = kPassphrase;
    create.user_name = "Lê Thu Trang";
    create.device_name = "Laptop bench";
    create.registry_csv = province_registry_csv();
    create.unit_code = ward_code(kWard);
    create.forms_dir = forms_dir;
    auto created = value_or_throw(surveyor::create_store(create), "create the store");
    fill_store(created.session, households);
}

SurveyorFigures measure_surveyor(const SurveyorPlan& plan) {
    SurveyorFigures out;

    // 1. A surveyor laptop of one ward, created as the first-run screen does (Argon2id at
    // the default INTERACTIVE limits), holding `households` households.
    create_bench_store(plan.store_file, plan.forms_dir, plan.households);

    // 2. Unlock and open: the passphrase, the store's records and the list the home screen
    // shows.
    std::vector<double> opens;
    std::vector<double> open_cpu;
    for (int run = 0; run < plan.open_runs; ++run) {
        const auto start = SteadyClock::now();
        const double cpu_start = cpu_ms();
        surveyor::Session session = open_store(plan);
        const auto rows = surveyor::list_rows(session);
        opens.push_back(ms_since(start));
        open_cpu.push_back(cpu_ms() - cpu_start);
        if (static_cast<int>(rows.size()) != plan.households) {
            throw std::runtime_error("the store lists " + std::to_string(rows.size()) +
                                     " households");
        }
    }
    out.open_ms = median(opens);
    std::cerr << "  (unlock and open: median " << median(open_cpu) << " ms of CPU time)\n";
    out.open_runs = plan.open_runs;

    surveyor::Session session = open_store(plan);
    const auto rows = surveyor::list_rows(session);

    // 3. Searching the list without diacritics, as typed in the home screen's search box.
    const std::vector<std::string> queries = {"nguyen van", "tran thi hoa", "le",
                                              "ngo kim ma", "pho thai ha",  "hoang duc hung"};
    std::vector<double> searches;
    std::vector<double> core_searches;
    std::size_t found = 0;
    for (int run = 0; run < plan.search_runs; ++run) {
        for (const std::string& query : queries) {
            auto start = SteadyClock::now();
            found +=
                surveyor::filter_households(rows, "", query, surveyor::StatusFilter::All).size();
            searches.push_back(ms_since(start));
            start = SteadyClock::now();
            found += session.store.search(query).size();
            core_searches.push_back(ms_since(start));
        }
    }
    if (found == 0) throw std::runtime_error("no search found anything");
    out.search_ms = median(searches);
    out.core_search_ms = median(core_searches);
    out.search_runs = static_cast<int>(searches.size());

    // 4. Saves of existing households, each one durable transaction: p99 of each run.
    std::vector<double> p99s;
    for (int run = 0; run < plan.save_runs; ++run) {
        std::vector<double> saves;
        for (int n = 0; n < plan.saves_per_run; ++n) {
            const int index = (n * 97 + run * 13) % plan.households;
            saves.push_back(timed_save(session, household_id(kWard, index), index));
        }
        p99s.push_back(percentile(saves, 99));
        out.save_median_ms = median(saves);
    }
    out.save_p99_ms = median(p99s);
    out.save_runs = plan.save_runs;
    return out;
}

}  // namespace c5::bench
