#!/usr/bin/env bash
# Partner exports: how long one partner's CSV of 1,000,000 consented signers takes to download and how much memory
# the app needs for it, on PostgreSQL and SQLite, against the database writing the same rows itself in the same run
# (psql \copy of the same query; sqlite3 -csv). See docs/performance.md, "Partner exports".
#
#   bench/export.sh                 # both databases, about 3 minutes
#   ROWS=200000 bench/export.sh     # a smaller run
#   DBS=sqlite bench/export.sh      # one database
#
# Needs: dotnet, PostgreSQL 15 (initdb, pg_ctl, psql), sqlite3, curl. Run as root (the throwaway PostgreSQL runs
# as the postgres user) or as a user who can run initdb directly. Loopback only.
set -euo pipefail

ROWS=${ROWS:-1000000}           # signers in the CSV: counted and opted in to the partner
NOISE=${NOISE:-100000}          # and as many again of each kind that must stay out: pending opt-ins, counted without opt-in
DBS=${DBS:-"postgres sqlite"}
SKIP_BUILD=${SKIP_BUILD:-0}
EXTRA_ENV=${EXTRA_ENV:-}        # extra settings for the measured app, e.g. "DOTNET_gcServer=0"
ORG=daily-kos
SLUG=stop-shotspotter
PASSWORD="bench password that is long enough"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/common.sh
source "$here/common.sh"

work=$(mktemp -d /tmp/exportbench.XXXXXX)
chmod 755 "$work"
app_pid=""
pg_started=0


cleanup() {
  set +e
  stop_app
  if (( pg_started )); then as_pg "$PGBIN/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


now() { date +%s.%N; }
# CPU seconds, which a busy machine disturbs far less than wall time: of one process, and of the whole PostgreSQL cluster.
clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  (( pg_started )) || { echo 0; return; }
  local pm total=0 p
  pm=$(head -1 "$work/pg/data/postmaster.pid")
  # The postmaster's own time and that of its children already gone (a baseline's backend exits with psql) ...
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  # ... and of those still running (the app's pooled connections).
  for p in $(ps -o pid= --ppid "$pm"); do total=$((total + $(cpu_ticks "$p"))); done
  echo "$total"
}
ticks_to_s() { awk -v t="$1" -v c="$clk" 'BEGIN{printf "%.2f", t/c}'; }
secs_since() { awk -v a="$(now)" -v b="$1" 'BEGIN{printf "%.2f", a-b}'; }
kb_rss() { awk -v k="$2" '$1==k":"{print $2}' "/proc/$1/status"; }

# start_app name, then VAR=value settings: a fresh process, so its peak RSS is its own start plus what follows.
start_app() {
  local name=$1; shift
  app_port=$(free_port)
  # Production needs its public address and an email choice; plain HTTP on loopback, so cookies follow the request.
  (cd "$out" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Email__Transport=DevMailbox \
      App__PublicUrl="http://127.0.0.1:$app_port" App__AllowPlainHttp=true "$@" \
      dotnet Undersigned.dll --urls "http://127.0.0.1:$app_port" >"$work/app-$name.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$app_port"
  wait_for_app || { log "app ($name) did not start:"; tail -30 "$work/app-$name.log" >&2; exit 1; }
}

add_partner() { # settings...: the partner account, through the app's own command
  (cd "$out" && printf '%s\n' "$PASSWORD" | env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning "$@" \
     dotnet Undersigned.dll users add --email "partner@bench.example.org" --role partner --org "$ORG" --password-stdin >/dev/null)
}

log_in() { # the real login form, with its antiforgery token; the cookie jar is then the partner's session
  local html token code
  rm -f "$work/jar"
  html=$(curl -sf -c "$work/jar" -b "$work/jar" "$base/login")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//; s/"$//')
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$work/jar" -b "$work/jar" "$base/login" \
    --data-urlencode "Email=partner@bench.example.org" --data-urlencode "Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token")
  [[ $code == 302 ]] || { log "login answered $code"; exit 1; }
}

# The rows the export must contain, in the shape the app writes them, for the baseline.
export_sql() { # petition_id org_id timestamp-expression-template
  local p=$1 o=$2 ts=$3
  echo "SELECT s.first_name, s.last_name, s.email, s.postal_code, s.country, ${ts//X/s.created_at} AS signed_at, s.source,
        ${ts//X/o.granted_at} AS opted_in_at, s.id AS signature_id
   FROM partner_opt_ins o JOIN signatures s ON s.id = o.signature_id
   WHERE o.petition_id = $p AND o.organization_id = $o AND s.petition_id = $p AND s.status = 'Counted'
   ORDER BY o.signature_id"
}

# The generated signers: n from 1; the first ROWS are counted and opted in, then NOISE pending with an opt-in,
# then NOISE counted without one. A few names start with = or + to make the formula escaping work.
signer_select() { # petition_id org_id series-source now-expression
  local p=$1 o=$2 series=$3 ts=$4
  echo "SELECT $p, CASE WHEN n % 1000 = 0 THEN '=cmd' ELSE 'Signer' || n END, 'Lastname' || n,
          'signer' || n || '@bench.example.org', 'signer' || n || '@bench.example.org', lpad((n % 99999)::text, 5, '0'),
          CASE WHEN n % 10 = 0 THEN 'MX' ELSE 'US' END, false, false, 'en', $ts,
          CASE WHEN n % 3 = 0 THEN '$ORG.newsletter' ELSE '$ORG' END, $o,
          CASE WHEN n > $ROWS AND n <= $ROWS + $NOISE THEN 'Pending' ELSE 'Counted' END, 0, false
   FROM $series"
}
SIG_COLUMNS="petition_id, first_name, last_name, email, normalized_email, postal_code, country, show_name_publicly,
  wants_updates, locale, created_at, source, source_organization_id, status, confirmation_requests, held_for_review"

# download name -> prints one result line and sets D_secs, D_rows
download() {
  local name=$1 before t0 stats bytes
  before=$(kb_rss "$app_pid" VmRSS)
  local a0 p0; a0=$(cpu_ticks "$app_pid"); p0=$(pg_ticks)
  t0=$(now)
  stats=$(curl -sf -b "$work/jar" -o "$work/$name.csv" -w '%{http_code} %{size_download}' "$base/partners/$ORG/petitions/$SLUG/signers.csv")
  D_secs=$(secs_since "$t0")
  D_cpu=$(ticks_to_s $(( $(cpu_ticks "$app_pid") - a0 + $(pg_ticks) - p0 )))
  D_app_cpu=$(ticks_to_s $(( $(cpu_ticks "$app_pid") - a0 )))
  bytes=${stats#* }
  D_rows=$(( $(wc -l <"$work/$name.csv") - 1 ))
  local hwm; hwm=$(kb_rss "$app_pid" VmHWM)
  printf '  %-30s %9d rows %6.2f s %6.1f MB %5.1f MB/s  CPU %5.2f s (app %5.2f)  app RSS before %d MB, peak (VmHWM) %d MB\n' \
    "$name app CSV:" "$D_rows" "$D_secs" "$(awk -v b="$bytes" 'BEGIN{print b/1e6}')" \
    "$(awk -v b="$bytes" -v s="$D_secs" 'BEGIN{printf "%.1f", b/1e6/s}')" "$D_cpu" "$D_app_cpu" $((before / 1024)) $((hwm / 1024))
  [[ $D_rows == "$ROWS" ]] || { log "expected $ROWS rows, got $D_rows"; exit 1; }
  grep -q "^\"'=cmd\"," "$work/$name.csv" || { log "formula cells were not escaped"; exit 1; }
}

dashboard() { # the partner's dashboard: every figure is a GROUP BY over the petition's signatures
  local t0 code
  t0=$(now)
  code=$(curl -s -b "$work/jar" -o /dev/null -w '%{http_code}' "$base/partners/$ORG")
  [[ $code == 200 ]] || { log "dashboard answered $code"; exit 1; }
  printf '  %-30s %6.2f s for the figures of %d signatures\n' "$1 partner dashboard:" "$(secs_since "$t0")" $((ROWS + 2 * NOISE))
}

baseline() { # name seconds cpu-seconds-or-dash rows
  if [[ $3 == - ]]; then
    printf '  %-30s %9d rows %6.2f s   app / baseline: time %.2f\n' "$1:" "$4" "$2" "$(awk -v a="$D_secs" -v b="$2" 'BEGIN{print a/b}')"
  else
    printf '  %-30s %9d rows %6.2f s %25s CPU %5.2f s   app / baseline: time %.2f, CPU %.2f\n' "$1:" "$4" "$2" "" "$3" \
      "$(awk -v a="$D_secs" -v b="$2" 'BEGIN{print a/b}')" "$(awk -v a="$D_cpu" -v b="$3" 'BEGIN{print a/b}')"
  fi
}

# timed_cpu command...: runs it, sets B_secs (wall) and B_cpu (its own CPU plus PostgreSQL's)
timed_cpu() {
  local t0 p0 TIMEFORMAT='%U %S'
  p0=$(pg_ticks); t0=$(now)
  { time "$@" ; } 2>"$work/time"
  B_secs=$(secs_since "$t0")
  B_cpu=$(awk -v p="$(( $(pg_ticks) - p0 ))" -v c="$clk" '{printf "%.2f", $1 + $2 + p/c}' "$work/time")
}

if (( ! SKIP_BUILD )); then
  log "building Release ..."
  dotnet build "$root/src/Undersigned" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
echo "Partner export of $ROWS consented signers ($((ROWS + 2 * NOISE)) signatures on the petition), $(nproc) CPUs, $(date -u +%F)"

for db in $DBS; do
  if [[ $db == postgres ]]; then
    mkdir -p "$work/pg"; chown postgres: "$work/pg" 2>/dev/null || true
    pg_port=$(free_port)
    as_pg "$PGBIN/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --no-sync >"$work/pg/initdb.log" 2>&1
    cat >>"$work/pg/data/postgresql.conf" <<EOF
port = $pg_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work/pg'
shared_buffers = 256MB
EOF
    as_pg "$PGBIN/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w start >/dev/null
    pg_started=1
    psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -t -A -d exports "$@"; }
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -c "CREATE DATABASE exports" postgres
    settings=(Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=$pg_port;Database=exports;Username=postgres")
    start_app pg-setup "${settings[@]}"; stop_app
    pid=$(psql_ -c "SELECT id FROM petitions WHERE slug = '$SLUG'")
    oid=$(psql_ -c "SELECT id FROM organizations WHERE slug = '$ORG'")
    t0=$(now)
    psql_ -c "INSERT INTO signatures ($SIG_COLUMNS) $(signer_select "$pid" "$oid" "generate_series(1, $((ROWS + 2 * NOISE))) n" "now() - (n || ' seconds')::interval")"
    psql_ -c "INSERT INTO partner_opt_ins (signature_id, organization_id, petition_id, granted_at)
              SELECT id, $oid, $pid, created_at FROM signatures WHERE petition_id = $pid AND email LIKE 'signer%@bench.example.org'
                AND split_part(split_part(email, '@', 1), 'signer', 2)::int <= $((ROWS + NOISE))"
    psql_ -c "VACUUM ANALYZE signatures" -c "VACUUM ANALYZE partner_opt_ins"
    log "  loaded in $(secs_since "$t0") s"
    add_partner "${settings[@]}"
    start_app pg "${settings[@]}" $EXTRA_ENV
    log_in
    download postgres
    dashboard postgres
    timed_cpu psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -d exports \
      -c "\\copy ($(export_sql "$pid" "$oid" "to_char(X AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" | tr '\n' ' ')) TO '$work/pg-baseline.csv' WITH (FORMAT csv, HEADER)"
    # psql's backend exits with it and its CPU time does not reliably reach the postmaster's count: time only.
    baseline "postgres psql \\copy (baseline)" "$B_secs" - $(( $(wc -l <"$work/pg-baseline.csv") - 1 ))
    stop_app
  else
    file="$work/sqlite/undersigned.db"; mkdir -p "$work/sqlite"
    settings=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$file")
    start_app sqlite-setup "${settings[@]}"; stop_app
    pid=$(sqlite3 "$file" "SELECT id FROM petitions WHERE slug = '$SLUG'")
    oid=$(sqlite3 "$file" "SELECT id FROM organizations WHERE slug = '$ORG'")
    total=$((ROWS + 2 * NOISE))
    t0=$(now)
    sqlite3 "$file" >/dev/null <<EOF
PRAGMA journal_mode = WAL;
BEGIN;
INSERT INTO signatures ($SIG_COLUMNS)
$(signer_select "$pid" "$oid" "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $total) SELECT n FROM s)" \
   "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || n || ' seconds')" | sed 's/::text//; s/lpad((n % 99999), 5, .0.)/substr(\x2700000\x27 || (n % 99999), -5)/');
INSERT INTO partner_opt_ins (signature_id, organization_id, petition_id, granted_at)
  SELECT id, $oid, $pid, created_at FROM signatures WHERE petition_id = $pid AND email LIKE 'signer%@bench.example.org'
    AND CAST(substr(email, 7, instr(email, '@') - 7) AS INTEGER) <= $((ROWS + NOISE));
COMMIT;
ANALYZE;
EOF
    log "  loaded in $(secs_since "$t0") s"
    add_partner "${settings[@]}"
    start_app sqlite "${settings[@]}" $EXTRA_ENV
    log_in
    download sqlite
    dashboard sqlite
    timed_cpu sqlite3 -csv -header "$file" -cmd ".output $work/sqlite-baseline.csv" "$(export_sql "$pid" "$oid" "strftime('%Y-%m-%dT%H:%M:%SZ', X)")"
    baseline "sqlite3 -csv (baseline)" "$B_secs" "$B_cpu" $(( $(wc -l <"$work/sqlite-baseline.csv") - 1 ))
    stop_app
  fi
done
