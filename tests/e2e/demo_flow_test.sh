#!/usr/bin/env bash
# The end-to-end test: runs the demo's flow (scripts/demo.sh) with the real syncd and
# surveyor programs in a temporary folder, then checks what the issue asks of it:
#   - syncd's stored results equal `syncd evaluate` on the same sample files, the golden
#     results file and samples/expected-results.csv;
#   - the rejected household is marked rejected on its surveyor's store;
#   - the conflict is settled on every laptop, with the same value;
#   - no name, address or phone of the samples is in clear in a store, the server
#     database, or a log.
#
#   demo_flow_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

build="${1:?usage: demo_flow_test.sh BUILD_DIR SOURCE_DIR}"
source_dir="${2:?usage: demo_flow_test.sh BUILD_DIR SOURCE_DIR}"
samples="$source_dir/samples"
work="$(mktemp -d "${TMPDIR:-/tmp}/c5-e2e-XXXXXX")"
out="$work/demo"
failures=0

cleanup() {
    # The demo stops its syncd itself; this is for a run that failed half way.
    local pid
    pid="$(cat "$out/server/syncd.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q "$out/server"
    then
        kill "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

check() {  # check DESCRIPTION COMMAND...
    local what="$1"
    shift
    if "$@"; then
        echo "ok   $what"
    else
        echo "FAIL $what"
        failures=$((failures + 1))
    fi
}

# The 15 columns of the expected results, one line per unit, sorted: no BOM, no CR.
result_columns() {
    sqlite3 :memory: -cmd '.mode csv' -cmd ".import '$1' r" -cmd '.mode csv' \
        "SELECT unit_code, unit_name, level, c1, c2, c3, c4, c5, criterion, device_share,
                broadband_share, smartphone_share, coverage, households_interviewed,
                households_registered FROM r ORDER BY unit_code" | tr -d '\r'
}

without_bom_cr() { sed '1s/^\xEF\xBB\xBF//' "$1" | tr -d '\r'; }

C5_DEMO_FAST=1 bash "$source_dir/scripts/demo.sh" "$build" "$out" >"$work/demo.out" 2>&1 || {
    cat "$work/demo.out"
    echo "FAIL the demo's flow did not finish"
    exit 1
}
cat "$work/demo.out"
echo

export C5_SYNCD_PASSPHRASE C5_PASSPHRASE
C5_SYNCD_PASSPHRASE="$(cat "$out/secrets/syncd-passphrase")"
C5_PASSPHRASE="$(cat "$out/secrets/laptop-passphrase")"
syncd="$build/syncd/syncd"
surveyor="$build/surveyor/surveyor"

# --- results: two independent paths to the same answer, and the designed answer ----------
"$syncd" results --data "$out/server" --out "$work/stored.csv"
"$syncd" evaluate --registry "$samples/registry-hanoi.csv" --households "$samples/households.csv" \
    --checklists "$samples/checklists.json" --out "$work/evaluated.csv" >/dev/null
check "syncd's stored results equal syncd evaluate on the sample files" \
    cmp -s "$work/stored.csv" "$work/evaluated.csv"
check "syncd's stored results equal the golden results (reasons included)" \
    diff <(without_bom_cr "$work/stored.csv") \
         <(without_bom_cr "$source_dir/tests/data/golden/samples-results.csv")
check "syncd's stored results equal samples/expected-results.csv" \
    diff <(result_columns "$work/stored.csv") <(result_columns "$samples/expected-results.csv")
check "the table lists every ward and district" \
    test "$(grep -cE '^(00[0-9]|000[0-9]{2}) ' "$work/demo.out")" -eq 10

# --- review and conflict as each laptop sees them -------------------------------------
for laptop in trang minh binh; do
    "$surveyor" --store "$out/laptops/$laptop.c5store" list >"$work/$laptop.list"
    "$surveyor" --store "$out/laptops/$laptop.c5store" export --households "$work/$laptop.csv"
done
check "the rejected household 03-0021 is marked rejected on Trang's store" \
    grep -qE '^[0-9a-f-]+ household +00001 +03-0021 +rejected' "$work/trang.list"
# Every household of the ward but the returned one is approved, and the ward checklist.
check "the ward's other records are approved, as Trang's store sees them" \
    test "$(grep -c ' approved' "$work/trang.list")" -eq \
         "$(grep -c ' household ' "$work/trang.list")"
check "no laptop has anything left to send" \
    bash -c "! grep -q unsynced '$work/trang.list' '$work/minh.list' '$work/binh.list'"
for laptop in trang minh binh; do
    check "no conflict is left on $laptop's store" \
        bash -c "! grep -q ' conflict' '$work/$laptop.list' &&
                 [ -z \"\$('$surveyor' --store '$out/laptops/$laptop.c5store' conflicts)\" ]"
    phone="$(sqlite3 :memory: -cmd '.mode csv' -cmd ".import '$work/$laptop.csv' h" \
        "SELECT phone FROM h WHERE household_code = '01-0025'")"
    check "household 01-0025 on $laptop's store has the phone the supervisor kept" \
        test "$phone" = 0389001122
done

# --- personal data: none in clear where it is stored or logged ------------------------
sqlite3 :memory: -cmd '.mode csv' -cmd ".import '$samples/households.csv' h" \
    "SELECT head_name FROM h WHERE head_name <> '' UNION SELECT address FROM h WHERE address <> ''
     UNION SELECT phone FROM h WHERE phone <> ''" >"$work/personal.txt"
printf '%s\n' 0389001122 0389001133 >>"$work/personal.txt"
check "the personal values to look for are found in the sample file itself" \
    test "$(grep -c -F -f "$work/personal.txt" "$samples/households.csv")" -gt 3000
rm -f "$work"/*.csv  # the exports above hold personal data in clear
mapfile -t kept < <(find "$out" -type f \( -name '*.c5store*' -o -name 'syncd.db*' \
    -o -name '*.log' -o -name '*.out' \))
check "the stores, the server database and the logs were found (${#kept[@]} files)" \
    test "${#kept[@]}" -ge 6
for file in "${kept[@]}"; do
    check "no sample name, address or phone in clear in ${file#"$out"/}" \
        bash -c "! grep -a -q -F -f '$work/personal.txt' '$file'"
done

echo
if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
