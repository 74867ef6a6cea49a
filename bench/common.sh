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
