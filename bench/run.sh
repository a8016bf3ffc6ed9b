#!/usr/bin/env bash
# Prints the performance table of README's Performance section: the machine, then the
# figures of c5-bench with the frame time of c5-bench-frames (under Xvfb), from a build
# folder made with CMAKE_BUILD_TYPE=Release. Usage: bench/run.sh BUILD_DIR [--runs N]
set -euo pipefail

build_dir="${1:?usage: bench/run.sh BUILD_DIR [--runs N] [--wards N]}"
shift

started=$(date +%s)
echo "c5kit benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$(dirname "$0")" \
    rev-parse --short HEAD 2>/dev/null || echo 'no git')"
echo
hypervisor=$(lscpu | sed -n 's/^Hypervisor vendor: *//p')
model=$(lscpu | sed -n 's/^Model name: *//p')
echo "- CPU: $model, $(nproc) cores${hypervisor:+ (a $hypervisor guest)}"
echo "- memory: $(free -g | awk '/^Mem:/ {print $2}') GB; disk: $(df -h "${TMPDIR:-/tmp}" \
    | awk 'NR == 2 {print $1}') for ${TMPDIR:-/tmp}"
echo "- $(uname -sr); SQLite $(sqlite3 --version | cut -d' ' -f1);" \
    "libsodium $(dpkg-query -W -f='${Version}' libsodium23 2>/dev/null || echo '?')"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

frame_args=()
if command -v xvfb-run >/dev/null; then
    echo "frame time under Xvfb…" >&2
    if frames=$(xvfb-run -a -s "-screen 0 1280x820x24" "$build_dir/bench/c5-bench-frames"); then
        read -r idle typing count <<<"$frames"
        frame_args=(--frame-ms "$idle" --frame-typing-ms "$typing" --frame-runs "$count")
    else
        echo "c5-bench-frames failed; the frame time is left out" >&2
    fi
fi

"$build_dir/bench/c5-bench" "${frame_args[@]}" "$@"

echo
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "the whole run took $(( $(date +%s) - started )) s"
