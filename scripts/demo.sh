#!/usr/bin/env bash
# The main job end to end, on the samples: a sync server at the ward office, two surveyor
# laptops and a supervisor laptop of Phường Phúc Xá, entry, an offline conflict, review,
# and the province's Criterion 5 table from the server.
#
#   scripts/demo.sh BUILD_DIR OUT_DIR
#
# OUT_DIR is emptied first. C5_DEMO_FAST=1 uses the weakest key derivation and stops syncd
# at the end (the end-to-end test); otherwise syncd keeps serving for the results page and
# the surveyor app. Every command's full output goes to OUT_DIR/demo.log.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:?usage: demo.sh BUILD_DIR OUT_DIR}" && pwd)"
out="${2:?usage: demo.sh BUILD_DIR OUT_DIR}"
fast="${C5_DEMO_FAST:-0}"
samples="$here/samples"
syncd_bin="$build/syncd/syncd"
surveyor_bin="$build/surveyor/surveyor"

ward=00001                       # Phường Phúc Xá, Quận Ba Đình
ward_name="Phường Phúc Xá"
conflict_household=01-0025       # corrected on both surveyor laptops while offline
rejected_household=03-0021       # returned by the supervisor
reject_comment="Địa chỉ thiếu số nhà; đề nghị hỏi lại chủ hộ"
phone_by_trang=0389001122        # the two corrections (invented numbers)
phone_by_minh=0389001133

started=$(date +%s)
step() { printf '\n\033[1m%s\033[0m\n' "$*"; }
say() { printf '    %s\n' "$*"; }
log="$out/demo.log"

# Runs a command with its output in the log; on failure shows that output and stops.
run() {
    printf '\n$ %s\n' "$*" >>"$log"
    if ! "$@" >>"$log" 2>&1; then
        echo "demo: this step failed: $*" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
}

# Like run, for a laptop command whose arguments hold personal data: the log shows it up
# to the subcommand (program, --store FILE, --passphrase-file FILE, subcommand).
run_private() {
    printf '\n$ %s … (the rest is personal data, not logged)\n' "${*:1:6}" >>"$log"
    if ! "$@" >>"$log" 2>&1; then
        echo "demo: this step failed: ${*:1:6} …" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
}

# Like run, but a failure is only returned: for what the demo can do without.
run_quietly() {
    printf '\n$ %s\n' "$*" >>"$log"
    "$@" >>"$log" 2>&1
}

# Like run, but the command's standard output is also the function's.
capture() {
    printf '\n$ %s\n' "$*" >>"$log"
    local result
    if ! result="$("$@" 2>>"$log")"; then
        echo "demo: this step failed: $*" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
    printf '%s\n' "$result" >>"$log"
    printf '%s\n' "$result"
}

# Stops the syncd a previous run left serving, if it is still that syncd.
stop_previous_syncd() {
    local pid_file="$out/server/syncd.pid" pid
    [ -f "$pid_file" ] || return 0
    pid="$(cat "$pid_file")"
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "syncd serve"
    then
        # Its results page and port go away with it: say so, as its address was printed.
        echo "Stopping the syncd the previous run left serving (pid $pid)."
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    fi
}

# ---------------------------------------------------------------------------------------
if [ -e "$out" ]; then
    stop_previous_syncd
    echo "Starting from a clean ${out#"$PWD"/}/: the previous run's data is removed"
    echo "(to keep it, move it away first: mv demo demo-kept)."
    rm -rf "$out"
fi
mkdir -p "$out/secrets" "$out/laptops" "$out/files"
chmod 700 "$out/secrets"
: >"$log"

# Passphrases of this demo only: they are written to files so that a person can open the
# stores afterwards; real ones are typed by the people who own them.
printf '%s\n' "máy chủ phường demo" >"$out/secrets/syncd-passphrase"
printf '%s\n' "khóa khôi phục tỉnh demo" >"$out/secrets/recovery-passphrase"
printf '%s\n' "mây trắng bay qua phố" >"$out/secrets/laptop-passphrase"
chmod 600 "$out/secrets/"*
server=(--data "$out/server" --passphrase-file "$out/secrets/syncd-passphrase")
pass=(--passphrase-file "$out/secrets/laptop-passphrase")
kdf=()
if [ "$fast" = 1 ]; then
    export C5_KDF=min
    kdf=(--fast-kdf)
fi

# The other wards' households and checklists: what their ward offices already sent.
sqlite3 :memory: -cmd '.mode csv' -cmd ".import '$samples/households.csv' h" \
    -cmd '.headers on' "SELECT * FROM h WHERE ward_code <> '$ward'" \
    >"$out/files/households-other-wards.csv"
sqlite3 :memory: "SELECT json_group_array(json(value)) FROM
    json_each(readfile('$samples/checklists.json'))
    WHERE json_extract(value, '\$.unit_code') <> '$ward'" >"$out/files/checklists-other-units.json"

# ---------------------------------------------------------------------------------------
step "1. The server (syncd) in ${out#"$PWD"/}/server"
run "$syncd_bin" init "${server[@]}" \
    --recovery-passphrase-file "$out/secrets/recovery-passphrase" --unit 01
run "$syncd_bin" import-registry "${server[@]}" "$samples/registry-hanoi.csv"
say "registry: samples/registry-hanoi.csv (Hà Nội 01, districts 001 and 002, 8 wards)"
imported="$(capture "$syncd_bin" import-households "${server[@]}" \
    "$out/files/households-other-wards.csv")"
say "the 7 other wards' households, as their offices sent them: $(
    sed -n 's/.*: \([0-9]*\) rows.*/\1/p' <<<"$imported") records"
run "$syncd_bin" import-checklists "${server[@]}" "$out/files/checklists-other-units.json"
say "their ward checklists and the 2 district checklists"
rm -rf "$out/files"  # no clear copy of personal data stays behind

"$syncd_bin" serve "${server[@]}" --listen 127.0.0.1:0 >>"$out/server/serve.out" 2>&1 &
syncd_pid=$!
echo "$syncd_pid" >"$out/server/syncd.pid"
for _ in $(seq 100); do
    [ -s "$out/server/syncd.port" ] && break
    kill -0 "$syncd_pid" 2>/dev/null || { cat "$out/server/serve.out" >&2; exit 1; }
    sleep 0.1
done
url="http://127.0.0.1:$(cat "$out/server/syncd.port")"
if [ "$fast" = 1 ]; then trap 'kill "$syncd_pid" 2>/dev/null || true' EXIT; fi
say "syncd serving on $url (pid $syncd_pid)"

# ---------------------------------------------------------------------------------------
step "2. Three laptops enrolled for $ward $ward_name, each with its own encrypted store"
code_of() { sed -n 's/^Enrolment code: //p'; }
enrol_laptop() {  # enrol_laptop FILE ROLE NAME
    local code
    code="$(capture "$syncd_bin" enroll "${server[@]}" --role "$2" --unit "$ward" \
        --name "$3" | code_of)"
    run "$surveyor_bin" --store "$out/laptops/$1" "${pass[@]}" enrol --server "$url" \
        --code "$code" "${kdf[@]}"
    say "$(printf '%-10s laptops/%-14s %s' "$2" "$1" "$3")"
}
enrol_laptop trang.c5store surveyor "Lê Thu Trang"
enrol_laptop minh.c5store surveyor "Phạm Đức Minh"
enrol_laptop binh.c5store supervisor "Nguyễn Văn Bình"
trang=("$surveyor_bin" --store "$out/laptops/trang.c5store" "${pass[@]}")
minh=("$surveyor_bin" --store "$out/laptops/minh.c5store" "${pass[@]}")
binh=("$surveyor_bin" --store "$out/laptops/binh.c5store" "${pass[@]}")

# ---------------------------------------------------------------------------------------
step "3. The surveyors enter their residential groups' households"
count_of() { sed -n 's/.*: \([0-9]*\) records imported.*/\1/p' | head -n 1; }
n="$(capture "${trang[@]}" import "$samples/households.csv" "$samples/checklists.json" \
    --unit "$ward" --group 01 --group 03 --group 05 | count_of)"
say "Lê Thu Trang:  groups 01, 03, 05: $n households, and the ward checklist"
n="$(capture "${minh[@]}" import "$samples/households.csv" --unit "$ward" \
    --group 02 --group 04 | count_of)"
say "Phạm Đức Minh: groups 02, 04:     $n households"
run "${trang[@]}" sync
run "${minh[@]}" sync
run "${trang[@]}" sync
say "both synced at the end of the day; each laptop now holds the whole ward"
run_private "${trang[@]}" edit "$conflict_household" "phone=$phone_by_trang" --complete
run_private "${minh[@]}" edit "$conflict_household" "phone=$phone_by_minh" --complete
say "next morning, offline, both corrected the phone number of household $conflict_household"

# ---------------------------------------------------------------------------------------
step "4. Sync, review at the ward office, sync again"
sync_line() { capture "$@" sync | tail -n 1; }
say "Lê Thu Trang:    $(sync_line "${trang[@]}")"
say "Phạm Đức Minh:   $(sync_line "${minh[@]}")"
say "Nguyễn Văn Bình: $(sync_line "${binh[@]}")"
# The values in conflict are personal data: counted here, not written to the log.
conflicts="$("${binh[@]}" conflicts 2>>"$log" | grep -c ' field ' || true)"
say "the supervisor's laptop shows $conflicts field in conflict"
run_private "${binh[@]}" settle "$conflict_household" phone --value "$phone_by_trang"
say "the supervisor settled the conflict on $conflict_household: Trang's number is kept"
run "${binh[@]}" review --reject "$(capture "${binh[@]}" list |
    awk -v h="$rejected_household" '$4 == h {print $1; exit}')" \
    --comment "$reject_comment"
say "returned $rejected_household to its surveyor: \"$reject_comment\""
say "$(capture "${binh[@]}" review --approve-completed)"
say "Nguyễn Văn Bình: $(sync_line "${binh[@]}")"
say "Lê Thu Trang:    $(sync_line "${trang[@]}")"
say "Phạm Đức Minh:   $(sync_line "${minh[@]}")"
say "on Trang's laptop: $(capture "${trang[@]}" list |
    awk -v h="$rejected_household" '$4 == h && / rejected/ {print $4 " is marked rejected"}')"

# ---------------------------------------------------------------------------------------
step "5. Criterion 5 for every ward and district, from the server's stored results"
capture "$syncd_bin" results "${server[@]}" --format table
echo
say "c1…c5: the five contents of Annex I (FAIL failed, inc not enough data yet); devices,"
say "bband, phones: content 4's shares of households with a smart device, with broadband,"
say "and of adults with a smartphone; $ward is the laptops' ward, the others came as files."
run "$syncd_bin" results "${server[@]}" --out "$out/results.csv"
elapsed=$(( $(date +%s) - started ))

show() { printf '%s\n' "${1#"$PWD"/}"; }
step "Where to look next (the demo took ${elapsed} s)"
say "results CSV (opens in a spreadsheet): $(show "$out/results.csv")"
say "server data and log:  $(show "$out/server")/syncd.db, $(show "$out/server")/logs/syncd.log"
say "laptop stores:        $(show "$out/laptops")/{trang,minh,binh}.c5store"
say "every command's output: $(show "$log")"
say "passphrases of this demo: $(show "$out/secrets")/ (laptops: \"$(
    cat "$out/secrets/laptop-passphrase")\")"
open_cmd="$(show "$surveyor_bin") --store $(show "$out/laptops/trang.c5store")"
if [ "$fast" = 1 ]; then
    exit 0
fi
if "$syncd_bin" --help 2>/dev/null | grep -qE '^ +users'; then
    printf '%s\n' "demo-tinh-01" >"$out/secrets/web-password"
    chmod 600 "$out/secrets/web-password"
    if run_quietly "$syncd_bin" users add "${server[@]}" --name tinh --role province \
        --password-file "$out/secrets/web-password"; then
        say "results page:         $url/web/  (log in as tinh, password demo-tinh-01)"
    fi
fi
say "syncd keeps serving (pid $syncd_pid); stop it with: kill $syncd_pid"
if [ -n "${DISPLAY:-}" ]; then
    "$surveyor_bin" --store "$out/laptops/trang.c5store" >>"$out/surveyor-app.log" 2>&1 &
    say "the surveyor app is opening on Trang's store (passphrase above)"
else
    say "open the surveyor app on Trang's store: $open_cmd"
fi
