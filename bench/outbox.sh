#!/usr/bin/env bash
# How fast the email outbox drains to an SMTP server on this machine (the target: 200 emails/s).
# Builds Release, then runs bench/Undersigned.Bench.Outbox against SQLite and a throwaway PostgreSQL cluster,
# everything on 127.0.0.1. Options go to the benchmark, e.g. `bench/outbox.sh --count 2000 --databases sqlite`
# or `bench/outbox.sh --set Email:Parallelism=8`. Stops by itself (20 minutes at most) and removes what it made.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d -t undersigned-outbox-bench.XXXXXX)"
child=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$child" 2>/dev/null || true
    fi
    # Whatever the benchmark could not stop itself: the app (by its pid file). Its PostgreSQL cluster (the tests'
    # ThrowawayCluster) has a watcher of its own that stops and removes it once the benchmark process is gone.
    for pid_file in "$work"/app-*.pid; do
        [[ -f "$pid_file" ]] || continue
        local pid
        pid="$(cat "$pid_file")"
        if grep -qa "Undersigned.dll" "/proc/$pid/cmdline" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    if [[ $status -ne 0 ]]; then
        for log in "$work"/app-*.log; do
            [[ -f "$log" ]] && { echo "--- last lines of $(basename "$log")" >&2; tail -n 20 "$log" >&2; }
        done
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Each step runs in the background and is waited for, so that a signal reaches the trap at once.
run() {
    local status=0
    "$@" &
    child=$!
    wait "$child" || status=$?
    child=""
    return $status
}

echo "Building Release..."
if ! run dotnet build "$root/bench/Undersigned.Bench.Outbox/Undersigned.Bench.Outbox.csproj" -c Release -nologo \
    -v quiet -nodeReuse:false -p:UseSharedCompilation=false >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
run timeout --kill-after=20s 20m \
    dotnet "$root/bench/Undersigned.Bench.Outbox/bin/Release/net10.0/Undersigned.Bench.Outbox.dll" \
    --app "$root/src/Undersigned/bin/Release/net10.0/Undersigned.dll" --work "$work" "$@"
