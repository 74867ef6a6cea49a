# Shared by the benchmark scripts (source it): paths, logging, running as the postgres user, free ports.
# shellcheck shell=bash

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/src/Undersigned/bin/Release/net10.0"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[[ -x $PGBIN/postgres ]] || PGBIN=$(dirname "$(command -v postgres)")

log() { printf '%s\n' "$*" >&2; }

# The throwaway PostgreSQL clusters of delivery.sh, export.sh and sign.sh start here in shell rather than with the
# tests' ThrowawayCluster (C#, which bench/Undersigned.Bench.Outbox links): these scripts drive the published app,
# psql, pgbench, sqlite3 and wrk from bash, with no .NET process of their own to run it in, and each tunes its
# cluster for what it measures.
# initdb refuses to run as root: the throwaway clusters run as the postgres user.
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 100); do
    if ! ss -Hltn "sport = :$p" | grep -q .; then echo "$p"; return; fi
  done
  log "no free port"; exit 1
}

# CPU time (user + system, in clock ticks) of one process; 0 once it is gone.
proc_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The whole machine's busy and total clock ticks since boot ("busy total"), from /proc/stat.
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat; }

# A throwaway PostgreSQL cluster in DIR/data: initdb as the postgres user, 127.0.0.1 on a free port, fsync and
# synchronous_commit on, as in production. Sets pg_port. Stop it with pg_cluster_stop DIR.
pg_cluster_start() {
  local dir=$1
  mkdir -p "$dir"
  [[ $(id -u) == 0 ]] && chown postgres: "$dir"
  pg_port=$(free_port)
  as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
  cat >>"$dir/data/postgresql.conf" <<CONF
port = $pg_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 400
shared_buffers = 256MB
CONF
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
}
pg_cluster_stop() { as_pg "$PGBIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1; }

# CPU ticks of the cluster in DIR: the postmaster and its children (backends, WAL writer, checkpointer, ...).
pg_cluster_ticks() {
  local pm total=0 p
  pm=$(head -1 "$1/data/postmaster.pid")
  for p in $pm $(ps -o pid= --ppid "$pm"); do total=$((total + $(proc_cpu_ticks "$p"))); done
  echo "$total"
}

# After starting the app in the background (app_pid and base set): waits until /healthz answers. Returns 1, with the
# app stopped, when it exited or never answered within a minute.
wait_for_app() {
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "$base/healthz"; then return 0; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then wait "$app_pid" 2>/dev/null || true; app_pid=""; return 1; fi
    sleep 0.5
  done
  stop_app; return 1
}

# Stops the app started in the background (app_pid): politely, then for good after ten seconds.
stop_app() {
  if [[ -n $app_pid ]]; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}

# wrk, from the distribution's packages when it is missing and we are root; otherwise a line saying what to do.
ensure_wrk() {
  command -v wrk >/dev/null && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "wrk is missing; installing it (apt-get install wrk) ..."
    if apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; }; then
      return 0
    fi
  fi
  log "wrk is missing: install it (Debian/Ubuntu: apt-get install wrk) and run again"
  return 1
}
