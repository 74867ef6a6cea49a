#!/usr/bin/env bash
# Signing under load: how many durable signatures a second one app instance takes on this machine, against the
# baselines measured in the same go (bare HTTP, one transaction per request, pgbench), on PostgreSQL and SQLite,
# and how fast the petition page is read against a static file of the same size. Prints figures, ratios and a
# table of the targets an instance must reach (docs/performance.md). See docs/performance.md, "Signing under load".
#
#   bench/sign.sh                      # everything, 6 to 9 minutes
#   DURATION=30 CONNS=64 bench/sign.sh # longer runs, fixed connection count (skips the probe)
#   AB=1 AB_VARIANTS="server:DOTNET_gcServer=1;workstation:" bench/sign.sh  # A/B of app settings, batched PostgreSQL only
#
# Needs: dotnet, wrk, PostgreSQL 15 (initdb, pg_ctl, postgres, psql, pgbench), sqlite3, curl. Run as root (the
# throwaway PostgreSQL runs as the postgres user) or as a user who can run initdb directly. Loopback only.
set -euo pipefail

DURATION=${DURATION:-15}        # seconds of each measured run
WARMUP=${WARMUP:-3}             # seconds of the same load just before each measured run, not counted
# A new app instance is first warmed up for at most APP_WARMUP seconds, or until it has answered APP_WARMUP_REQUESTS
# sign requests: on a busy machine .NET's tiered JIT was still taking a third of the app's CPU after 20 s (perf).
APP_WARMUP=${APP_WARMUP:-45}
APP_WARMUP_REQUESTS=${APP_WARMUP_REQUESTS:-30000}
PROBE=${PROBE:-4}               # seconds of each connection-count probe
PROBE_CONNS=${PROBE_CONNS:-"16 64 256"}
CONNS=${CONNS:-}                # set to skip the probe
THREADS=${THREADS:-2}
EXTRA_ENV=${EXTRA_ENV:-}        # extra app configuration for every run, e.g. "Intake__MaxBatchSize=64"
SKIP_BUILD=${SKIP_BUILD:-0}
PUBLIC_EVERY=${PUBLIC_EVERY:-0} # every how many signers tick "show my name" (0: none, the form's default)
EXTRA_SQL=${EXTRA_SQL:-}        # SQL run on every database before the load, for experiments (e.g. an index)
WRITER_LOG=${WRITER_LOG:-1}     # after the batched PostgreSQL run, a short run with statement logging: writer timings

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/common.sh
source "$here/common.sh"
static="$out/wwwroot/bench-static.html"
slug=stop-shotspotter

work=$(mktemp -d /tmp/signbench.XXXXXX)
chmod 755 "$work"
app_pid=""
pg_started=0
made_wwwroot=0

cleanup() {
  set +e
  stop_app
  if (( pg_started )); then as_pg "$PGBIN/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1; fi
  rm -f "$static"
  if (( made_wwwroot )); then rmdir "$out/wwwroot" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM




# --- processes and their CPU time ---------------------------------------------------------------------------------

clk=$(getconf CLK_TCK)
# busy_since "busy0 total0": CPU seconds all processes used since then, and the share of the machine that is
busy_since() { awk -v a="$(machine_ticks)" -v b="$1" -v c="$clk" 'BEGIN{split(a, x, " "); split(b, y, " ");
  printf "%.1f %.0f", (x[1]-y[1])/c, 100*(x[1]-y[1])/(x[2]-y[2])}'; }

start_app() { # name, then VAR=value settings
  local name=$1 try
  shift
  for try in 1 2 3; do
    # Another process on the machine may take the free port between the check and the bind: try another.
    start_app_once "$name" "$@" && return
    grep -q 'address already in use' "$work/app-$name.log" || break
    log "port $app_port was taken meanwhile; trying another"
  done
  log "app ($name) did not start:"; tail -30 "$work/app-$name.log" >&2; exit 1
}

start_app_once() {
  local name=$1; shift
  app_port=$(free_port)
  # Abuse limits off (the best case, which the benchmark measures beside the defaults): every request comes from 127.0.0.1, and past 20 signatures
  # an address's signatures would be held for review instead of counted. EXTRA_ENV may switch them back on.
  # Production needs its public address and an email choice; plain HTTP on loopback, so cookies follow the request.
  (cd "$out" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
      Bench__Endpoints=true Email__Transport=DevMailbox Abuse__Enabled=false \
      App__PublicUrl="http://127.0.0.1:$app_port" App__AllowPlainHttp=true "$@" $EXTRA_ENV \
      dotnet Undersigned.dll --urls "http://127.0.0.1:$app_port" >"$work/app-$name.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$app_port"
  wait_for_app
}

peak_rss_mb() { awk '/^VmHWM/{printf "%d", $2/1024}' "/proc/$app_pid/status"; }

# Token and cookie pairs for the Lua script: a pair stays valid for any number of POSTs.
form_pairs() {
  local i html token cookie
  for i in 1 2 3 4; do
    html=$(curl -sf -D "$work/headers" "$base/p/$slug")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//; s/"$//')
    cookie=$(grep -io '^set-cookie: undersigned-form=[^;]*' "$work/headers" | sed 's/^[^:]*: //')
    [[ -n $token && -n $cookie ]] || { log "no antiforgery token or cookie in the petition page"; exit 1; }
    printf '%s|%s ' "$token" "$cookie"
  done
}

# --- load ---------------------------------------------------------------------------------------------------------

# run_wrk conns seconds mode tag url -> sets R_* from the RESULT line, plus CPU seconds of app, PostgreSQL, wrk, all
run_wrk() {
  local conns=$1 secs=$2 mode=$3 tag=$4 url=$5 line a0 p0 m0 t0 t1 wrk_cpu
  a0=$(proc_cpu_ticks "$app_pid"); p0=0; (( pg_started )) && p0=$(pg_cluster_ticks "$work/pg"); m0=$(machine_ticks)
  local TIMEFORMAT='%U %S'
  { time wrk -t"$THREADS" -c"$conns" -d"${secs}s" --timeout 10s -s "$here/sign.lua" "$url" -- "$mode" "$tag" "$PUBLIC_EVERY" $pairs \
      >"$work/wrk.out" 2>&1 ; } 2>"$work/wrk.time"
  line=$(grep '^RESULT' "$work/wrk.out") || { cat "$work/wrk.out" >&2; exit 1; }
  for kv in ${line#RESULT }; do printf -v "R_${kv%%=*}" '%s' "${kv#*=}"; done
  R_secs=$(awk -v d="$R_duration_us" 'BEGIN{printf "%.3f", d/1e6}')
  R_app_cpu=$(awk -v a="$(proc_cpu_ticks "$app_pid")" -v b="$a0" -v c="$clk" 'BEGIN{printf "%.1f", (a-b)/c}')
  R_pg_cpu=0; (( pg_started )) && R_pg_cpu=$(awk -v a="$(pg_cluster_ticks "$work/pg")" -v b="$p0" -v c="$clk" 'BEGIN{printf "%.1f", (a-b)/c}')
  wrk_cpu=$(awk '{printf "%.1f", $1+$2}' "$work/wrk.time")
  R_wrk_cpu=$wrk_cpu
  read -r R_busy_s R_busy <<<"$(busy_since "$m0")"
  R_others=$(awk -v a="$R_busy_s" -v b="$R_app_cpu" -v c="$R_pg_cpu" -v d="$R_wrk_cpu" 'BEGIN{x=a-b-c-d; printf "%.1f", x < 0 ? 0 : x}')
}

ms() { awk -v u="$1" 'BEGIN{printf "%.1f", u/1000}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN{printf "%.0f", n/s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }

# warm_app: a new instance runs its first requests slowly (JIT tiers, pools, caches); load it before measuring.
warm_app() {
  local conns=${CONNS:-64} done_=0 start=$SECONDS i=0
  while (( done_ < APP_WARMUP_REQUESTS && SECONDS - start < APP_WARMUP )); do
    i=$((i + 1)); run_wrk "$conns" 5 sign "warm$i$RANDOM" "$base/p/$slug"; done_=$((done_ + R_redirects))
  done
  printf '  %-34s %d sign requests in %ds\n' "warm-up of this instance:" "$done_" $((SECONDS - start))
}

# measure label conns mode path tag -> prints one line; leaves R_* and M_rate (successful answers per second)
measure() {
  local label=$1 conns=$2 mode=$3 path=$4 tag=$5 good
  run_wrk "$conns" "$WARMUP" "$mode" "w$tag" "$base$path"
  run_wrk "$conns" "$DURATION" "$mode" "$tag" "$base$path"
  if [[ $mode == sign ]]; then good=$R_redirects; else good=$((R_ok + R_redirects)); fi
  M_rate=$(rate "$good" "$R_secs"); M_good=$good
  M_errors=$((R_other_status + R_refused503 + R_socket_errors + R_timeouts))
  others_total=$(awk -v a="${others_total:-0}" -v b="$R_others" 'BEGIN{print a+b}')
  measured_total=$(awk -v a="${measured_total:-0}" -v b="$R_secs" 'BEGIN{print a+b}')
  printf '  %-34s %8s/s  p50 %6s ms  p99 %7s ms  errors %d (503: %d, other status: %d, socket: %d, timeouts: %d)\n' \
    "$label" "$M_rate" "$(ms "$R_p50_us")" "$(ms "$R_p99_us")" "$M_errors" "$R_refused503" "$R_other_status" \
    "$R_socket_errors" "$R_timeouts"
  printf '  %-34s CPU s in %ss: app %s, postgres %s, wrk %s, other processes %s; machine %s%% busy\n' "" \
    "$R_secs" "$R_app_cpu" "$R_pg_cpu" "$R_wrk_cpu" "$R_others" "$R_busy"
  printf '  %-34s CPU per answer: app %s ms, postgres %s ms\n' "" \
    "$(awk -v c="$R_app_cpu" -v n="$good" 'BEGIN{ if (n > 0) printf "%.2f", 1000*c/n; else print "n/a" }')" \
    "$(awk -v c="$R_pg_cpu" -v n="$good" 'BEGIN{ if (n > 0) printf "%.2f", 1000*c/n; else print "n/a" }')"
}

# --- databases ----------------------------------------------------------------------------------------------------

start_postgres() {
  pg_cluster_start "$work/pg"
  pg_started=1
}

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -t -A "$@"; }
pg_cs() { echo "Host=127.0.0.1;Port=$pg_port;Database=$1;Username=postgres"; }

# Rows of one run, and how many distinct commit times they carry: the batched writer stamps a whole batch at once.
pg_rows() { psql_ -d "$1" -c "SELECT count(*) || ' ' || count(DISTINCT created_at) FROM signatures WHERE email LIKE '$2-%'"; }
sqlite_rows() { sqlite3 "$1" "SELECT count(*) || ' ' || count(DISTINCT created_at) FROM signatures WHERE email LIKE '$2-%'"; }

check_rows() { # rows batches: every answered signature is stored; a few more rows are requests still in flight
  local rows=$1 batches=$2 diff verdict          # when wrk stopped counting (at most one per connection)
  diff=$((rows - M_good))
  if (( diff == 0 )); then verdict="all stored"
  elif (( diff > 0 && diff <= CONNS )); then verdict="all stored, +$diff in flight when wrk stopped"
  else verdict="MISMATCH by $diff"; fi
  printf '  %-34s %d rows for %d answers (%s); %d commit times, %s signatures per commit\n' "database check:" \
    "$rows" "$M_good" "$verdict" "$batches" "$(ratio "$rows" "$batches")"
}

# --- the runs -----------------------------------------------------------------------------------------------------

declare -A F  # figures for the final table

if [[ $SKIP_BUILD != 1 ]]; then
  log "Building Release ..."
  dotnet build -c Release "$root/src/Undersigned" -nologo -v quiet -clp:ErrorsOnly -nodeReuse:false \
    -p:UseSharedCompilation=false >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
for tool in wrk psql pgbench sqlite3 curl; do command -v "$tool" >/dev/null || { log "$tool is missing"; exit 1; }; done

echo "Signing under load: $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/{print $2}') GiB," \
  "wrk $THREADS threads; each new app instance warmed up (at most ${APP_WARMUP}s or $APP_WARMUP_REQUESTS signs)," \
  "then ${WARMUP}s of the same load before each ${DURATION}s measured run; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine load before start: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores: see 'other processes' below)"
[[ -n $EXTRA_ENV ]] && echo "  extra app settings: $EXTRA_ENV"
(( PUBLIC_EVERY > 0 )) && echo "  one signer in $PUBLIC_EVERY asks to show their name publicly"

log "Starting PostgreSQL ..."
start_postgres
echo "  PostgreSQL $(psql_ -d postgres -c 'SHOW server_version'): fsync $(psql_ -d postgres -c 'SHOW fsync'), synchronous_commit $(psql_ -d postgres -c 'SHOW synchronous_commit'), wal_sync_method $(psql_ -d postgres -c 'SHOW wal_sync_method'), shared_buffers $(psql_ -d postgres -c 'SHOW shared_buffers')"

# A template database: schema, demo campaign, data-protection key; the petition counts at once so every sign counts.
psql_ -d postgres -c "CREATE DATABASE u_template"
start_app template Database__Provider=Postgres ConnectionStrings__Default="$(pg_cs u_template)"
[[ -d $out/wwwroot ]] || made_wwwroot=1
mkdir -p "$out/wwwroot"
curl -sf "$base/p/$slug" -o "$static"
stop_app
psql_ -d u_template -c "UPDATE petitions SET counting_policy = 'AtOnce'"
[[ -n $EXTRA_SQL ]] && psql_ -d u_template -c "$EXTRA_SQL" && echo "  extra SQL: $EXTRA_SQL"
for db in u_direct u_pgbench u_batched; do psql_ -d postgres -c "CREATE DATABASE $db TEMPLATE u_template"; done

# --- A/B of runtime settings (AB=1): only the batched PostgreSQL measurement -----------------------------------------
# Each round starts one new instance per variant (in turn, so that the machine's other load falls on all of them),
# each on a fresh copy of the template, warms it up, then measures at each of AB_CONNS in that order and reads the
# app's peak RSS (VmHWM) after each. VmHWM only grows, so the figure after the larger count covers both.
#   AB=1 APP_WARMUP=20 DURATION=10 AB_VARIANTS="default:;wks:DOTNET_gcServer=0" bench/sign.sh
if [[ ${AB:-0} == 1 ]]; then
  AB_VARIANTS=${AB_VARIANTS:-"default:;wks:DOTNET_gcServer=0;wks-nc:DOTNET_gcServer=0 DOTNET_gcConcurrent=0;conserve7:DOTNET_GCConserveMemory=7"}
  AB_ROUNDS=${AB_ROUNDS:-2}
  AB_CONNS=${AB_CONNS:-"64 256"}
  IFS=';' read -r -a variants <<<"$AB_VARIANTS"
  summary="$work/ab.txt"; n=0
  for round in $(seq 1 "$AB_ROUNDS"); do
    for v in "${variants[@]}"; do
      name=${v%%:*}; settings=${v#*:}; n=$((n + 1))
      psql_ -d postgres -c "CREATE DATABASE u_ab$n TEMPLATE u_template"
      echo
      echo "round $round, $name (${settings:-no extra settings}), $(date -u +%H:%M:%S)"
      # shellcheck disable=SC2086
      start_app "ab$n" Database__Provider=Postgres ConnectionStrings__Default="$(pg_cs u_ab$n)" $settings
      echo "  GC threads: $(cat /proc/$app_pid/task/*/comm 2>/dev/null | grep -ci 'gc') of $(ls /proc/$app_pid/task | wc -l) threads"
      pairs=$(form_pairs)
      CONNS=${AB_CONNS%% *} warm_app
      echo "  $(printf '%-34s' 'peak RSS after warm-up:') $(peak_rss_mb) MB"
      for c in $AB_CONNS; do
        CONNS=$c
        measure "batched, $c connections" "$c" sign /p/$slug "ab$n-$c"
        rss=$(peak_rss_mb)
        echo "  $(printf '%-34s' 'app peak RSS:') $rss MB (VmRSS now $(awk '/^VmRSS/{printf "%d", $2/1024}' /proc/$app_pid/status) MB)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$c" "$M_rate" "$(ms "$R_p99_us")" "$rss" \
          "$(awk -v o="$R_others" -v t="$R_secs" -v n="$(nproc)" 'BEGIN{printf "%.0f", 100*o/(t*n)}')" \
          "$(awk -v c="$R_app_cpu" -v n="$M_good" 'BEGIN{ if (n > 0) printf "%.3f", 1000*c/n; else print "n/a" }')" >>"$summary"
      done
      stop_app
      psql_ -d postgres -c "DROP DATABASE u_ab$n"
    done
  done
  echo
  echo "Summary (others: share of the machine's CPU used by other processes during the measured run)"
  printf '  %-5s %-12s %5s %9s %9s %8s %7s %12s\n' round variant conns sig/s "p99 ms" "RSS MB" others "app ms/sign"
  awk -F'\t' '{printf "  %-5s %-12s %5s %9s %9s %8s %6s%% %12s\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$summary"
  exit 0
fi

echo
echo "PostgreSQL"
# The batched instance first: it is warmed up, chooses the connection count, and serves (a), (d) and the reads.
# What it prints for (d) and the reads is kept and shown in order further down.
start_app batched Database__Provider=Postgres ConnectionStrings__Default="$(pg_cs u_batched)"
pairs=$(form_pairs)
warm_app
if [[ -z $CONNS ]]; then
  best=0
  for c in $PROBE_CONNS; do
    run_wrk "$c" "$PROBE" sign "p$c" "$base/p/$slug"
    r=$(rate "$R_redirects" "$R_secs")
    printf '  probe, batched, %3d connections: %6s/s  p99 %7s ms  errors %d\n' "$c" "$r" "$(ms "$R_p99_us")" \
      $((R_other_status + R_refused503 + R_socket_errors + R_timeouts))
    # The most signatures a second whose p99 stays within the 100 ms target; failing that, the most.
    score=$r; (( R_p99_us <= 100000 )) && score=$((r + 1000000000))
    if (( score > best )); then best=$score; CONNS=$c; fi
  done
  echo "  chosen: $CONNS connections (most signatures/s with p99 <= 100 ms, else most signatures/s)"
fi
echo "  wrk: $THREADS threads, $CONNS connections"
measure "(a) bare HTTP, POST /bench/echo" "$CONNS" echo /bench/echo bare
F[bare]=$M_rate

{
  measure "(d) Batched (group commit)" "$CONNS" sign /p/$slug pgbatched
  F[pg_batched]=$M_rate; F[pg_batched_p99]=$(ms "$R_p99_us"); F[pg_batched_rss]=$(peak_rss_mb)
  read -r rows batches <<<"$(pg_rows u_batched pgbatched)"; check_rows "$rows" "$batches"
  echo "  $(printf '%-34s' 'app peak RSS:') ${F[pg_batched_rss]} MB"
  count_ok=$(psql_ -d u_batched -c "SELECT (SELECT signature_count FROM petitions WHERE id = 1) = (SELECT count(*) FROM signatures WHERE petition_id = 1 AND status = 'Counted')")
  echo "  $(printf '%-34s' 'petition count = counted rows:') $([[ $count_ok == t ]] && echo yes || echo NO)"
  if [[ $WRITER_LOG == 1 ]]; then
    # Every statement logged for a few seconds: how long the writer's transactions take and how much of that is
    # the database. Logging slows PostgreSQL, so this run's rate is not a figure of its own.
    psql_ -d postgres -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %d '" \
      -c "SELECT pg_reload_conf()" >/dev/null
    from=$(($(wc -l <"$work/pg/server.log") + 1))
    run_wrk "$CONNS" 5 sign wlog "$base/p/$slug"
    psql_ -d postgres -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
    echo "  a further 5 s with every statement logged ($(rate "$R_redirects" "$R_secs")/s while logging):"
    tail -n +"$from" "$work/pg/server.log" | awk -f "$here/writer-timings.awk"
  fi
} >"$work/batched.txt"

# Reads on the same instance, with the signatures of the runs above in the database.
{
  echo
  echo "Reads (the batched PostgreSQL instance, after its runs: $(psql_ -d u_batched -c 'SELECT count(*) FROM signatures') signatures stored)"
  page_bytes=$(curl -sf "$base/p/$slug" | wc -c); static_bytes=$(wc -c <"$static")
  echo "  petition page $page_bytes bytes, static copy $static_bytes bytes; no cookie sent (first-time visitors)"
  measure "GET /p/$slug" "$CONNS" get /p/$slug page
  F[page]=$M_rate; F[page_p99]=$(ms "$R_p99_us")
  measure "GET /bench-static.html" "$CONNS" get /bench-static.html static
  F[static]=$M_rate
  F[reads_rss]=$(peak_rss_mb)
  echo "  ratio: page/static $(ratio $((F[page] * 100)) "${F[static]}")%"
} >"$work/reads.txt"
stop_app

start_app direct Database__Provider=Postgres ConnectionStrings__Default="$(pg_cs u_direct)" Intake__Mode=Direct
pairs=$(form_pairs)
warm_app
measure "(b) Direct, one EF transaction each" "$CONNS" sign /p/$slug pgdirect
F[pg_direct]=$M_rate; F[pg_direct_p99]=$(ms "$R_p99_us"); F[pg_direct_rss]=$(peak_rss_mb)
stop_app
read -r rows batches <<<"$(pg_rows u_direct pgdirect)"; check_rows "$rows" "$batches"
echo "  $(printf '%-34s' 'app peak RSS:') ${F[pg_direct_rss]} MB"

# (c) The same row and counter update, one transaction each, straight from pgbench: what the database alone does.
psql_ -d u_pgbench -c "CREATE SEQUENCE bench_email"
cat >"$work/pgbench.sql" <<'EOF'
BEGIN;
INSERT INTO signatures (petition_id, first_name, last_name, email, normalized_email, postal_code, country, comment,
                        show_name_publicly, wants_updates, locale, created_at, status, confirmed_at,
                        confirmation_requested_at, confirmation_requests)
SELECT 1, 'Rosa', 'Parks', e, e, '60601', 'US', NULL, false, false, 'en', now(), 'Counted', now(), NULL, 0
FROM (SELECT 'pgbench-' || nextval('bench_email') || '@example.org' AS e) AS n
ON CONFLICT (petition_id, normalized_email) DO NOTHING RETURNING id;
UPDATE petitions SET signature_count = signature_count + 1 WHERE id = 1;
END;
EOF
m0=$(machine_ticks)
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CONNS" -j "$THREADS" -T "$DURATION" \
  -f "$work/pgbench.sql" u_pgbench >"$work/pgbench.out" 2>&1 &
pgbench_pid=$!
# pgbench's backends end with it: their CPU time is read just before (it connects first, then runs DURATION s).
sleep 1; p0=$(pg_cluster_ticks "$work/pg"); sleep $((DURATION - 3)); pg_cpu=$(awk -v a="$(pg_cluster_ticks "$work/pg")" -v b="$p0" -v c="$clk" 'BEGIN{x=(a-b)/c; printf "%.1f", x < 0 ? 0 : x}')
wait "$pgbench_pid" || { cat "$work/pgbench.out" >&2; exit 1; }
read -r busy_s busy <<<"$(busy_since "$m0")"
F[pgbench]=$(awk '/^tps = /{printf "%.0f", $3}' "$work/pgbench.out")
pgbench_lat=$(awk '/^latency average/{print $4}' "$work/pgbench.out")
printf '  %-34s %8s/s  latency average %s ms  (%s clients)\n' \
  "(c) pgbench, one transaction each" "${F[pgbench]}" "$pgbench_lat" "$CONNS"
printf '  %-34s CPU s: postgres %s in %ss of the run; machine %s%% busy\n' "" "$pg_cpu" $((DURATION - 3)) "$busy"
pgrows=$(psql_ -d u_pgbench -c "SELECT count(*) FROM signatures WHERE email LIKE 'pgbench-%'")
printf '  %-34s %d rows\n' "database check:" "$pgrows"

cat "$work/batched.txt"
echo "  ratios: batched/direct $(ratio "${F[pg_batched]}" "${F[pg_direct]}")x," \
  "batched/bare $(ratio $((F[pg_batched] * 100)) "${F[bare]}")%," \
  "batched/pgbench $(ratio "${F[pg_batched]}" "${F[pgbench]}")x"

echo
echo "SQLite (WAL, synchronous=FULL)"
mkdir -p "$work/sqlite"
sqlite_run() { # name mode tag
  local file="$work/sqlite/$1.db"
  start_app "sqlite-$1" Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$file" Intake__Mode="$2"
  sqlite3 "$file" "PRAGMA busy_timeout=5000; UPDATE petitions SET counting_policy = 'AtOnce'; $EXTRA_SQL" >/dev/null
  pairs=$(form_pairs)
  warm_app
  measure "$3" "$CONNS" sign /p/$slug "sq$1"
  F[sq_$1]=$M_rate; F[sq_$1_p99]=$(ms "$R_p99_us"); F[sq_$1_rss]=$(peak_rss_mb)
  stop_app
  read -r rows batches <<<"$(sqlite_rows "$file" "sq$1")"; check_rows "$rows" "$batches"
  echo "  $(printf '%-34s' 'app peak RSS:') ${F[sq_$1_rss]} MB"
}
sqlite_run direct Direct "Direct, one EF transaction each"
sqlite_run batched Batched "Batched (group commit)"
echo "  ratio: batched/direct $(ratio "${F[sq_batched]}" "${F[sq_direct]}")x, batched/bare $(ratio $((F[sq_batched] * 100)) "${F[bare]}")%"

cat "$work/reads.txt"

# --- targets ------------------------------------------------------------------------------------------------------

echo
echo "Targets"
target() { # name measured goal direction(ge|le) unit
  local verdict
  verdict=$(awk -v m="$2" -v g="$3" -v d="$4" 'BEGIN{
    ok = (d == "ge") ? (m >= g) : (m <= g)
    if (ok) print "MET"
    else if (d == "ge") printf "MISSED by %.0f%%", (g - m) / g * 100
    else printf "MISSED by %.0f%%", (m - g) / g * 100 }')
  printf '  %-44s %12s   %-8s  %s\n' "$1" "$2$5" "$( [[ $4 == ge ]] && echo ">=" || echo "<=" ) $3$5" "$verdict"
}
max_rss=$(printf '%s\n' "${F[pg_direct_rss]}" "${F[pg_batched_rss]}" "${F[reads_rss]}" "${F[sq_direct_rss]}" "${F[sq_batched_rss]}" | sort -n | tail -1)
printf '  %-44s %12s   %-8s  %s\n' "target" "measured" "goal" "verdict"
target "PostgreSQL durable signatures/s" "${F[pg_batched]}" 5000 ge "/s"
target "PostgreSQL p99 latency" "${F[pg_batched_p99]}" 100 le " ms"
target "batched / direct (PostgreSQL)" "$(ratio "${F[pg_batched]}" "${F[pg_direct]}")" 2 ge "x"
target "batched / bare HTTP (PostgreSQL)" "$(ratio $((F[pg_batched] * 100)) "${F[bare]}")" 40 ge "%"
target "SQLite durable signatures/s" "${F[sq_batched]}" 3000 ge "/s"
target "petition page / static file" "$(ratio $((F[page] * 100)) "${F[static]}")" 50 ge "%"
target "app peak RSS (largest of all runs)" "$max_rss" 400 le " MB"
echo "  during the measured runs, processes other than the app, PostgreSQL and wrk used" \
  "$(awk -v o="$others_total" -v t="$measured_total" -v n="$(nproc)" 'BEGIN{printf "%.0f", 100*o/(t*n)}')% of the machine's CPU"
