// c5-bench: measures the raw limits of this machine, then syncd and the surveyor against
// them, and prints one Markdown table (bench/run.sh adds the frame time and the machine).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bench/measure.hpp"
#include "bench/province.hpp"
#include "bench/raw_limits.hpp"
#include "bench/surveyor_figures.hpp"
#include "bench/syncd_figures.hpp"
#include "support/temp_dir.hpp"
#include "syncd/commands/default_paths.hpp"

namespace c5::bench {
namespace {

struct Options {
    int wards = kWards;    // the whole province; fewer for a quicker look (at least 11)
    int runs = 3;          // runs of the slow figures (raw limits, full rescore, opens)
    double frame_ms = -1;  // measured by c5-bench-frames under Xvfb; < 0: not measured
    double frame_typing_ms = -1;
    int frame_runs = 0;
    std::string only;  // --only surveyor: the surveyor's figures alone, without syncd
};

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// 1234567 -> "1,234,567"
std::string grouped(double value) {
    const std::string digits = fixed(value, 0);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

struct Row {
    std::string figure;
    std::string result;
    std::string target;
    bool met = false;
    std::string limit = "—";
    std::string ratio = "—";
    int runs = 0;
};

void print_table(const std::vector<Row>& rows) {
    std::cout << "| figure | result | target | met | raw limit, same run | ratio | runs |\n"
              << "|---|---|---|---|---|---|---|\n";
    for (const Row& r : rows) {
        std::cout << "| " << r.figure << " | " << r.result << " | " << r.target << " | "
                  << (r.met ? "yes" : "**no**") << " | " << r.limit << " | " << r.ratio << " | "
                  << r.runs << " |\n";
    }
}

void parse_one(Options& o, const std::string& name, const std::string& value) {
    if (name == "--wards")
        o.wards = std::stoi(value);
    else if (name == "--runs")
        o.runs = std::stoi(value);
    else if (name == "--frame-ms")
        o.frame_ms = std::stod(value);
    else if (name == "--frame-typing-ms")
        o.frame_typing_ms = std::stod(value);
    else if (name == "--frame-runs")
        o.frame_runs = std::stoi(value);
    else if (name == "--only" && value == "surveyor")
        o.only = value;
    else
        throw std::runtime_error("unknown option " + name);
}

Options parse(int argc, char** argv) {
    Options o;
    if (argc % 2 == 0) throw std::runtime_error(std::string(argv[argc - 1]) + " needs a value");
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const std::string value = argv[i + 1];
        try {
            parse_one(o, name, value);
        } catch (const std::logic_error&) {  // what stoi and stod throw
            throw std::runtime_error(name + " needs a number, not '" + value + "'");
        }
    }
    // Ten wards are pushed over HTTP and at least one is seeded before them.
    if (o.wards < 11 || o.wards > kWards) {
        throw std::runtime_error("--wards must be 11 to " + std::to_string(kWards) + ", not " +
                                 std::to_string(o.wards));
    }
    if (o.runs < 1) throw std::runtime_error("--runs must be at least 1");
    return o;
}

int run(const Options& o) {
    test::TempDir dir;
    std::vector<Row> rows;

    // 1. The raw limits.
    std::cerr << "raw limits…\n";
    const bool with_syncd = o.only.empty();
    std::vector<double> upserts, commits, seals, opens, argon;
    for (int r = 0; r < o.runs; ++r) {
        if (with_syncd) upserts.push_back(raw_upserts_per_second(dir.path(), 100'000));
        commits.push_back(raw_durable_commit_p99_ms(dir.path(), 300));
        const AeadRates aead = raw_aead_rates(200'000);
        seals.push_back(aead.seal_per_second);
        opens.push_back(aead.open_per_second);
        argon.push_back(raw_argon2id_interactive_ms());
    }
    const double raw_upserts = with_syncd ? median(upserts) : 0;
    const double raw_commit_p99 = median(commits);
    const double raw_open = median(opens);
    const double raw_argon = median(argon);

    // 2. syncd on the province.
    SyncdFigures s;
    if (with_syncd) {
        std::cerr << "syncd with " << o.wards * kHouseholdsPerWard << " households…\n";
        SyncdPlan splan;
        splan.wards = o.wards;
        splan.full_runs = o.runs;
        s = measure_syncd(splan);
        std::cerr << "  (seeding " << s.households - splan.push_runs * kHouseholdsPerWard
                  << " households in process took " << fixed(s.seed_seconds, 1) << " s)\n";
    }

    // 3. The surveyor's store.
    std::cerr << "surveyor store of 20,000 households…\n";
    SurveyorPlan vplan;
    vplan.store_file = dir / "surveyor.c5store";
    vplan.forms_dir = syncd::default_forms_dir();
    vplan.open_runs = o.runs;
    vplan.save_runs = o.runs;
    vplan.search_runs = o.runs;
    const SurveyorFigures v = measure_surveyor(vplan);

    const std::string households = grouped(static_cast<double>(s.households));
    const double ingest_share = s.ingest_records_per_second / raw_upserts;
    rows.push_back(
        {"syncd ingest over loopback HTTP (verified, decrypted, merged, committed, "
         "rescored), households/s",
         grouped(s.ingest_records_per_second), "≥ 25,000 and ≥ 40 % of raw",
         s.ingest_records_per_second >= 25'000 && ingest_share >= 0.40,
         grouped(raw_upserts) + " raw 1.5 KB upserts/s", fixed(100 * ingest_share, 1) + " %",
         s.ingest_runs});
    const double open_all_ms = static_cast<double>(s.households) / raw_open * 1000;
    rows.push_back(
        {"full rescore of " + std::to_string(o.wards) + " wards from " + households + " households",
         fixed(s.full_rescore_ms, 0) + " ms", "≤ 1,500 ms", s.full_rescore_ms <= 1500,
         fixed(open_all_ms, 0) + " ms to AEAD-open " + households + " × 1.5 KB",
         fixed(s.full_rescore_ms / open_all_ms, 1) + "×", s.full_runs});
    const double open_ward_ms = kHouseholdsPerWard / raw_open * 1000;
    rows.push_back({"incremental rescore after a push of 2,000 records (one ward)",
                    fixed(s.incremental_rescore_ms, 1) + " ms", "≤ 20 ms",
                    s.incremental_rescore_ms <= 20,
                    fixed(open_ward_ms, 2) + " ms to AEAD-open 2,000 × 1.5 KB",
                    fixed(s.incremental_rescore_ms / open_ward_ms, 1) + "×", s.incremental_runs});
    rows.push_back({"surveyor save (encrypt + durable commit), store of 20,000 households, p99",
                    fixed(v.save_p99_ms, 2) + " ms (median " + fixed(v.save_median_ms, 2) + ")",
                    "≤ 5 ms", v.save_p99_ms <= 5,
                    fixed(raw_commit_p99, 2) + " ms p99 of a raw 1-row durable commit",
                    fixed(v.save_p99_ms / raw_commit_p99, 1) + "×", v.save_runs});
    rows.push_back({"surveyor unlock and open, 20,000 households (Argon2id included)",
                    fixed(v.open_ms, 0) + " ms", "≤ 1,000 ms", v.open_ms <= 1000,
                    fixed(raw_argon, 0) + " ms for Argon2id INTERACTIVE alone",
                    fixed(v.open_ms / raw_argon, 1) + "×", v.open_runs});
    rows.push_back({"search 20,000 households without diacritics (home list filter)",
                    fixed(v.search_ms, 2) + " ms", "≤ 16 ms", v.search_ms <= 16, "—", "—",
                    v.search_runs});
    rows.push_back({"  the same through Store::search (core)", fixed(v.core_search_ms, 2) + " ms",
                    "≤ 16 ms", v.core_search_ms <= 16, "—", "—", v.search_runs});
    rows.push_back({"bytes on the wire per household record pushed (HTTP bodies both ways)",
                    fixed(s.wire_bytes_per_record, 0) + " B", "≤ 600 B",
                    s.wire_bytes_per_record <= 600, "—", "—", s.ingest_runs});
    const double rss = std::max(s.serve_peak_rss_mb, s.rescore_command_peak_rss_mb);
    rows.push_back({"syncd peak resident memory with " + households +
                        " households (serve, and `syncd rescore`)",
                    fixed(s.serve_peak_rss_mb, 0) + " MB serve, " +
                        fixed(s.rescore_command_peak_rss_mb, 0) + " MB rescore",
                    "≤ 300 MB", rss <= 300, "—", "—", 1});
    if (o.frame_ms >= 0) {
        rows.push_back({"surveyor frame time, 20,000 households listed (Xvfb, idle / typing)",
                        fixed(o.frame_ms, 1) + " / " + fixed(o.frame_typing_ms, 1) + " ms",
                        "≤ 16 ms", std::max(o.frame_ms, o.frame_typing_ms) <= 16, "—", "—",
                        o.frame_runs});
    }
    rows.push_back({"raw XChaCha20-Poly1305, 1.5 KB messages (seal / open per second)",
                    grouped(median(seals)) + " / " + grouped(raw_open), "(limit)", true, "—", "—",
                    o.runs});
    if (!with_syncd) {
        // syncd was not measured: its rows would show zeros.
        std::erase_if(rows, [](const Row& r) {
            return !(r.figure.starts_with("surveyor") || r.figure.starts_with("search") ||
                     r.figure.starts_with("  the same") || r.figure.starts_with("raw"));
        });
    }
    print_table(rows);
    return 0;
}

}  // namespace
}  // namespace c5::bench

int main(int argc, char** argv) {
    try {
        return c5::bench::run(c5::bench::parse(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "c5-bench: " << e.what() << "\n";
        return 1;
    }
}
