#!/usr/bin/env bash
# Runs one fuzz target: replays every saved crash of it (fuzz/regressions/NAME/), gathers its
# seeds from the samples, forms and tests (or builds them), then fuzzes for SECONDS.
# Usage: run_target.sh BINARY NAME SECONDS WORK_DIR
# Prints "fuzz NAME: N runs, C crashes, K corpus files" last; exits non-zero on a crash.
set -euo pipefail

binary="$1"
name="$2"
seconds="$3"
work="$4"
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
regressions="$source_dir/fuzz/regressions/$name"

mkdir -p "$work/corpus" "$work/seeds" "$work/crashes"
rm -f "$work/seeds/"*

# Large sample files are cut to their first rows: the fuzzer mutates small inputs faster.
seed_files() {
    local s="$source_dir/samples" f="$source_dir/forms"
    case "$name" in
        csv|registry_csv) echo "$s"/registry-*.csv "$s"/expected-results*.csv \
                               "$source_dir"/tests/data/golden/*.csv ;;
        household_csv) ;;
        checklist_json|json_lines) echo "$s"/checklists*.json "$f"/*.json ;;
        form) echo "$f"/*.json ;;
        criteria) echo "$f"/criteria/*.json ;;
    esac
}
for file in $(seed_files); do cp "$file" "$work/seeds/"; done
case "$name" in
    csv|household_csv)
        head -n 12 "$source_dir/samples/households.csv" > "$work/seeds/households-head.csv"
        head -n 12 "$source_dir/samples/households-2025.csv" \
            > "$work/seeds/households-2025-head.csv" ;;
    wire_messages|sync_payload|store_value)
        "$(dirname "$binary")/write_protocol_seeds" "$name" "$work/seeds" ;;
esac

# Crashes found before must not come back; libFuzzer runs each given file once.
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    "$binary" -runs=0 "$regressions"/* > "$work/regressions.log" 2>&1 || {
        cat "$work/regressions.log"
        echo "fuzz $name: a saved regression input fails again" >&2
        exit 1
    }
fi

status=0
"$binary" -max_total_time="$seconds" -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/crashes/" \
    "$work/corpus" "$work/seeds" > "$work/fuzz.log" 2>&1 || status=$?

runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/fuzz.log" | grep -o '[0-9]*$' \
        || echo 0)"
crashes="$(find "$work/crashes" -type f | wc -l)"
corpus="$(find "$work/corpus" -type f | wc -l)"
if [ "$status" -ne 0 ]; then
    tail -n 60 "$work/fuzz.log"
    echo "The input is in $work/crashes/; reproduce with: $binary FILE" >&2
fi
echo "fuzz $name: $runs runs, $crashes crashes, $corpus corpus files"
exit "$status"
