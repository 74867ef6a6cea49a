#!/usr/bin/env bash
# The delivery package for 100,000 signers: time, pages, size and the app's peak memory (VmHWM) of the `deliver`
# command, on SQLite and on PostgreSQL, against a baseline in the same run: the same command writing the CSV alone
# (the same keyset-paged read of the same rows, without the PDF). See docs/performance.md, "Delivery package".
#
#   bench/delivery.sh                    # both databases, 3 rounds each, build included
#   DATABASES=sqlite ROUNDS=1 bench/delivery.sh
#   SIGNERS=3000 DATABASES=sqlite ROUNDS=1 bench/delivery.sh   # a quick look with fewer signers
#
# Needs: dotnet, sqlite3, PostgreSQL 15 (initdb, pg_ctl, psql), fonts-noto-core, fonts-noto-cjk and
# fonts-noto-color-emoji. Run as root (the throwaway PostgreSQL runs as the postgres user) or as a user who can run
# initdb. Loopback only.
set -euo pipefail

DATABASES=${DATABASES:-"sqlite postgres"}
ROUNDS=${ROUNDS:-3}
SIGNERS=${SIGNERS:-100000}
SKIP_BUILD=${SKIP_BUILD:-0}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/common.sh
source "$here/common.sh"

work=$(mktemp -d /tmp/deliverybench.XXXXXX)
chmod 755 "$work"
pg_started=0
cleanup() {
  set +e
  if (( pg_started )); then as_pg "$PGBIN/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ $SKIP_BUILD != 1 ]]; then
  log "building Release ..."
  dotnet build -c Release "$root/src/Undersigned" -nologo -v quiet >/dev/null
fi

# deliver FORMAT SETTINGS...: runs the command, prints "wall_seconds peak_rss_mib pages mib cpu_seconds command_seconds"
# (wall: the whole process, start-up included; cpu: its user + system time; command: the command's own timing)
deliver() {
  local format=$1; shift
  rm -rf "$work/out"
  local start end pid hwm=0 h ticks=0 t
  start=$(date +%s.%N)
  (cd "$out" && exec env "$@" Logging__LogLevel__Default=Warning \
      dotnet Undersigned.dll deliver --petition stop-shotspotter --out "$work/out" --format "$format" >"$work/deliver.log" 2>&1) &
  pid=$!
  # VmHWM is the process's own peak; read it until the process is gone (the last reading is the peak).
  while kill -0 "$pid" 2>/dev/null; do
    h=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [[ -n $h ]] && hwm=$h
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
    [[ -n $t ]] && ticks=$t
    sleep 0.05
  done
  wait "$pid" || { cat "$work/deliver.log" >&2; exit 1; }
  end=$(date +%s.%N)
  local pages mib
  pages=$(grep -o 'on [0-9]* pages' "$work/deliver.log" | awk '{print $2}'); pages=${pages:-0}
  mib=$(du -cm "$work/out" | tail -1 | cut -f1)
  grep -q ": $SIGNERS signers" "$work/deliver.log" || { log "the package does not hold $SIGNERS signers:"; cat "$work/deliver.log" >&2; exit 1; }
  local took
  took=$(grep -o 'Done in [0-9.]*' "$work/deliver.log" | awk '{print $3}')
  awk -v s="$start" -v e="$end" -v h="$hwm" -v p="$pages" -v m="$mib" -v t="$ticks" -v c="$(getconf CLK_TCK)" -v d="$took" \
    'BEGIN { printf "%.2f %.0f %d %d %.2f %.2f\n", e - s, h / 1024, p, m, t / c, d }'
}

# The schema and the demo campaign, made by the app itself (the command migrates and seeds before it writes).
prepare() {
  (cd "$out" && env "$@" Logging__LogLevel__Default=Warning dotnet Undersigned.dll deliver --petition stop-shotspotter \
      --out "$work/out" --format csv >/dev/null)
}

run_rounds() { # name, then settings
  local name=$1; shift
  local r base full
  for ((r = 1; r <= ROUNDS; r++)); do
    read -r bs bh _ bm bc bd <<<"$(deliver csv "$@")"
    read -r fs fh fp fm fc fd <<<"$(deliver both "$@")"
    printf '%-8s %d | csv alone: %6.2f s wall %5.2f s cpu %5.2f s cmd %4s MiB RSS %2s MiB | pdf+csv: %6.2f s wall %5.2f s cpu %5.2f s cmd %4s MiB RSS %4s pages %2s MiB | wall x%.1f cpu x%.1f RSS x%.2f\n' \
      "$name" "$r" "$bs" "$bc" "$bd" "$bh" "$bm" "$fs" "$fc" "$fd" "$fh" "$fp" "$fm" \
      "$(awk -v a="$fs" -v b="$bs" 'BEGIN{print a/b}')" "$(awk -v a="$fc" -v b="$bc" 'BEGIN{print a/b}')" \
      "$(awk -v a="$fh" -v b="$bh" 'BEGIN{print a/b}')"
  done
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
for database in $DATABASES; do
  case $database in
    sqlite)
      db="$work/undersigned.db"
      settings=("ConnectionStrings__Default=Data Source=$db")
      prepare "${settings[@]}"
      sed "s/:signers/$SIGNERS/g; s/:created/'2026-11-01 12:00:00'/" "$here/delivery-signers.sql" | sqlite3 "$db"
      ;;
    postgres)
      port=$(free_port)
      mkdir -p "$work/pg" && chown postgres "$work/pg" 2>/dev/null || true
      as_pg "$PGBIN/initdb" -D "$work/pg/data" -U postgres -A trust >/dev/null
      as_pg "$PGBIN/pg_ctl" -D "$work/pg/data" -o "-p $port -c listen_addresses=127.0.0.1 -k $work/pg" -w start >/dev/null
      pg_started=1
      psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE undersigned" >/dev/null
      settings=(Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=$port;Database=undersigned;Username=postgres")
      prepare "${settings[@]}"
      sed "s/:signers/$SIGNERS/g; s/:created/TIMESTAMP '2026-11-01 12:00:00'/" "$here/delivery-signers.sql" \
        | psql -h 127.0.0.1 -p "$port" -U postgres -d undersigned -q -v ON_ERROR_STOP=1 >/dev/null
      psql -h 127.0.0.1 -p "$port" -U postgres -d undersigned -qc "ANALYZE" >/dev/null
      ;;
    *) log "unknown database $database"; exit 2 ;;
  esac
  run_rounds "$database" "${settings[@]}"
done
