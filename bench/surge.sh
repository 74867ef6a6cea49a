#!/usr/bin/env bash
# A realistic surge on the app's default configuration, on PostgreSQL and then SQLite: signers who open the
# petition page and sign it (some through a partner's link, some signing again), confirmation emails sent over SMTP
# to a sink on loopback, and 60 % of their recipients confirming through the confirmation page. Prints each run's
# signers/s, POST latency, errors, outbox lag and drain, memory and CPU split, checks the database, and prints the
# targets. See docs/performance.md, "A realistic surge".
#
#   bench/surge.sh                              # both databases, about 10 minutes (build included)
#   PROVIDERS=sqlite DURATION=30 bench/surge.sh # one database, longer runs
#   THINK=0 bench/surge.sh                      # forms posted as soon as their page arrives (flagged too fast)
#   XFF_POOL=3000 bench/surge.sh                # signers behind 3,000 client addresses instead of any 10.x.y.z
#
# Needs: dotnet, wrk (installed with apt-get when missing and run as root), curl, sqlite3, PostgreSQL 15 (initdb,
# pg_ctl, psql). Run as root (the throwaway PostgreSQL runs as the postgres user) or as a user who can run initdb.
# Everything listens on 127.0.0.1; everything it starts is stopped on exit, on failure, Ctrl-C and TERM too
# (KEEP_WORK=1 keeps its temporary folder: the app's log, the mail events, wrk's output).
set -euo pipefail

PROVIDERS=${PROVIDERS:-"postgres sqlite"}
DURATION=${DURATION:-15}        # seconds measured in each run
WARMUP=${WARMUP:-6}             # seconds of the same load just before, not counted (THINK of it only fetches pages)
THINK=${THINK:-4}               # a form is posted at least this long after its page arrived (Abuse:MinimumFormTime is 3 s)
APP_WARMUP=${APP_WARMUP:-40}    # seconds of load on a new instance before its first run (JIT: perf showed the JIT
                                # still taking 15 % of the app's CPU a minute after start, and none after two)
CONNS=${CONNS:-64}              # signers' connections, one wrk thread each
FLOOD_CONNS=${FLOOD_CONNS:-8}   # connections of the one client replaying one address in run 4
CONFIRM_PERCENT=${CONFIRM_PERCENT:-60}
CONFIRMERS=${CONFIRMERS:-16}    # confirmations in flight at once
DRAIN_MAX=${DRAIN_MAX:-60}      # longest wait for the outbox to drain after each run
STATIC_DURATION=${STATIC_DURATION:-10}
XFF_POOL=${XFF_POOL:-0}         # 0: each signer from a random 10.x.y.z; N: from a pool of N addresses
DOMAINS=${DOMAINS:-realistic}   # realistic: a few large mail providers and a long tail; unique: one domain each
METRICS=${METRICS:-1}           # 1: Metrics:Enabled=true, scraped during the runs; 0: the app exactly as by default
EXTRA_ENV=${EXTRA_ENV:-}        # more app settings, e.g. "Intake__MaxBatchSize=64"
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
NO_SENDING=0                     # set for run (6): its instance sends no email, so there is no drain to wait for

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/common.sh
source "$here/common.sh"
slug=stop-shotspotter
partner_org=daily-kos           # a partner of the demo campaign (Features/Petitions/DemoCampaign.cs)
flood_xff=10.255.255.254
flood_email=replayed@gmail.com
static_name=surge-static.html
static="$out/wwwroot/$static_name"
sink_dll="$here/Undersigned.Bench.Surge/bin/Release/net10.0/Undersigned.Bench.Surge.dll"
clk=$(getconf CLK_TCK)

work=$(mktemp -d /tmp/surgebench.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/acks"
chmod 777 "$work/acks"
app_pid="" sink_pid="" sampler_pid="" pg_started=0 made_wwwroot=0
declare -a load_pids=()

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM ERR
  for p in "${load_pids[@]}" $sampler_pid; do kill "$p" 2>/dev/null; done
  stop_app
  if [[ -n $sink_pid ]]; then kill "$sink_pid" 2>/dev/null; wait "$sink_pid" 2>/dev/null; fi
  (( pg_started )) && pg_cluster_stop "$work/pg"
  rm -f "$static"
  (( made_wwwroot )) && rmdir "$out/wwwroot" 2>/dev/null
  if (( status != 0 )); then
    for f in "$work"/app-*.log "$work/sink.log" "$work/pg/server.log"; do
      [[ -s $f ]] && { log "--- last lines of $(basename "$f")"; tail -n 15 "$f" >&2; }
    done
  fi
  if [[ $KEEP_WORK == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# A step that fails stops the script (set -e); say which, since it may have printed nothing.
set -E
trap 'log "stopped: line $LINENO: $BASH_COMMAND exited with $?"' ERR

now() { date +%s.%N; }
# In the background and waited for, so that Ctrl-C or TERM reaches the trap at once.
sleep_until() { local d; d=$(awk -v t="$1" -v n="$(now)" 'BEGIN{d = t - n; printf "%.3f", (d > 0 ? d : 0)}'); sleep "$d" & wait $!; }
add() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a + b}'; }
ms() { awk -v u="$1" 'BEGIN{printf "%.1f", u / 1000}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN{ if (s > 0) printf "%.0f", n / s; else print 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
per_signer() { awk -v c="$1" -v n="$2" 'BEGIN{ if (n > 0) printf "%.2f", 1000 * c / n; else print "n/a" }'; }
peak_rss_mb() { awk '/^VmHWM/{printf "%d", $2 / 1024}' "/proc/$app_pid/status" 2>/dev/null || echo 0; }

# --- the app ------------------------------------------------------------------------------------------------------

# Production with its defaults. Only what a deployment must say is set: its public address (plain HTTP on
# loopback), where mail goes (the sink, without TLS: it is on this machine) and the proxy whose X-Forwarded-For
# is believed (wrk and the confirming signers connect from 127.0.0.1 and send each signer's address in it).
start_app() { # name, then VAR=value settings
  local name=$1 try
  shift
  for try in 1 2 3; do
    start_app_once "$name" "$@" && return
    grep -q 'address already in use' "$work/app-$name.log" || break
    log "port $app_port was taken meanwhile; trying another"
  done
  log "app ($name) did not start:"; tail -30 "$work/app-$name.log" >&2; exit 1
}

start_app_once() {
  local name=$1 metrics=()
  shift
  app_port=$(free_port)
  (( METRICS )) && metrics=(Metrics__Enabled=true)
  # shellcheck disable=SC2086
  (cd "$out" && exec env ASPNETCORE_ENVIRONMENT=Production \
      App__PublicUrl="http://127.0.0.1:$app_port" App__AllowPlainHttp=true \
      Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$smtp_port" Email__Smtp__UseTls=false \
      Proxy__KnownProxies__0=127.0.0.1 "${metrics[@]}" "$@" $EXTRA_ENV \
      dotnet Undersigned.dll --urls "http://127.0.0.1:$app_port" >"$work/app-$name.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$app_port"
  wait_for_app
}

# --- the database -------------------------------------------------------------------------------------------------

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -t -A -d surge "$@"; }
sq() { sqlite3 -cmd ".timeout 10000" "$sqlite_file" "$@"; }
q() { if [[ $provider == postgres ]]; then psql_ -F ' ' -c "$1"; else sq -separator ' ' "$1"; fi; }
# A moment (Unix seconds) as the database compares it with its timestamps (UTC).
at() { if [[ $provider == postgres ]]; then echo "to_timestamp($1)"; else echo "'$(date -u -d "@$1" '+%Y-%m-%d %H:%M:%S.%6N')'"; fi; }
# A timestamp column as Unix seconds, in SQL.
epoch_of() { if [[ $provider == postgres ]]; then echo "extract(epoch FROM $1)"; else echo "((julianday($1) - 2440587.5) * 86400.0)"; fi; }
# The domain of a signature's address, in SQL.
domain_of_email() { if [[ $provider == postgres ]]; then echo "substr(email, strpos(email, '@') + 1)"; else echo "substr(email, instr(email, '@') + 1)"; fi; }

# "backlog lag-seconds": unsent outbox rows, and the age of the oldest (the lag of the next email to go out).
outbox_state() {
  local age
  if [[ $provider == postgres ]]; then age="round(extract(epoch FROM now() - min(created_at))::numeric, 1)"
  else age="round((julianday('now') - julianday(min(created_at))) * 86400.0, 1)"; fi
  q "SELECT count(*), coalesce($age, 0) FROM outbox_messages WHERE sent_at IS NULL AND failed_at IS NULL" 2>/dev/null || echo "? ?"
}

# --- the mail side ------------------------------------------------------------------------------------------------

# Events of the sink and the confirming signers in [from, to): "opened ignored other confirmed already noform failed
# post_p50_ms post_p99_ms" (emails with a link opened or ignored, other emails, then the confirmations' outcomes).
mail_window() {
  local counts percentiles
  counts=$(awk -v s="$1" -v e="$2" '
    $2 >= s && $2 < e && $1 == "M" { m[$3]++ }
    $2 >= s && $2 < e && $1 == "C" { c[$3]++ }
    END {
      failed = 0
      for (k in c) if (k != "confirmed" && k != "already" && k != "no-form") failed += c[k]
      printf "%d %d %d %d %d %d %d", m["confirm-opened"], m["confirm-ignored"], m["other"],
        c["confirmed"], c["already"], c["no-form"], failed
    }' "$work/mail.events")
  percentiles=$(awk -v s="$1" -v e="$2" '$1 == "C" && $2 >= s && $2 < e && ($3 == "confirmed" || $3 == "already") { print $5 }' \
    "$work/mail.events" | sort -n | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "0 0"; exit }
      printf "%.1f %.1f", v[int((NR - 1) * 0.50) + 1] / 1000, v[int((NR - 1) * 0.99) + 1] / 1000 }')
  echo "$counts $percentiles"
}
# Links handed to the confirming signers, and confirmations done, so far.
confirm_progress() { awk '$1 == "M" && $3 == "confirm-opened" { o++ } $1 == "C" { c++ } END { print o + 0, c + 0 }' "$work/mail.events"; }

# --- sampling during a run ----------------------------------------------------------------------------------------

# Every second: "time backlog lag" from the database, and with metrics on, what the app's /metrics says.
metrics_line() { # a scrape that times out on a busy machine is a line of zeros, not the end of the sampler
  { curl -s --max-time 2 "$base/metrics" || true; } | awk '
    /^undersigned_intake_queue_depth/ { q = $NF }
    /^undersigned_intake_batch_size_sum/ { bs = $NF }
    /^undersigned_intake_batch_size_count/ { bc = $NF }
    /^undersigned_outbox_backlog/ { b = $NF }
    /^undersigned_outbox_lag_seconds/ { l = $NF }
    /^undersigned_emails_sent_total/ { s += $NF }
    /^undersigned_signatures_refused_total/ { r += $NF }
    END { printf "%s %s %s %s %s %s %s", q + 0, bs + 0, bc + 0, b + 0, l + 0, s + 0, r + 0 }'
}
sampler() {
  local line
  while :; do
    line="$(now) $(outbox_state)"
    (( METRICS )) && line="$line $(metrics_line)"
    echo "$line" >>"$1"
    sleep 1
  done
}

# --- CPU ----------------------------------------------------------------------------------------------------------

# "app pg wrk sink busy total" in clock ticks, now.
cpu_snapshot() {
  local w=0 p
  for p in "${load_pids[@]}"; do w=$((w + $(proc_cpu_ticks "$p"))); done
  echo "$(proc_cpu_ticks "$app_pid") $( [[ $provider == postgres ]] && pg_cluster_ticks "$work/pg" || echo 0) $w $(proc_cpu_ticks "$sink_pid") $(machine_ticks)"
}
# cpu_split "before" "after" seconds -> sets C_app C_pg C_wrk C_sink C_others C_busy (CPU seconds, and % of the machine)
cpu_split() {
  read -r C_app C_pg C_wrk C_sink C_others C_busy <<<"$(awk -v a="$1" -v b="$2" -v c="$clk" 'BEGIN{
    split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= 6; i++) d[i] = (y[i] - x[i]) / c
    o = d[5] - d[1] - d[2] - d[3] - d[4]; if (o < 0) o = 0
    printf "%.1f %.1f %.1f %.1f %.1f %.0f", d[1], d[2], d[3], d[4], o, 100 * (y[5] - x[5]) / (y[6] - x[6]) }')"
}

# --- the runs -----------------------------------------------------------------------------------------------------

declare -A F   # figures, by provider and run: F[$provider.$run.signers] and so on

field_of() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# The form of the petition page for one client: "token|cookie|stamp".
page_form() { # X-Forwarded-For
  local html token stamp cookie
  html=$(curl -sf -D "$work/headers" -H "X-Forwarded-For: $1" "$base/p/$slug")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//; s/"$//')
  stamp=$(grep -o 'name="Form.ShownAt" value="[^"]*"' <<<"$html" | sed 's/.*value="//; s/"$//')
  cookie=$(grep -io '^set-cookie: undersigned-form=[^;]*' "$work/headers" | sed 's/^[^:]*: //')
  [[ -n $token && -n $stamp && -n $cookie ]] || { log "no antiforgery token, form stamp or cookie in the petition page"; exit 1; }
  echo "$token|$cookie|$stamp"
}

# mix_wrk tag repeat% think warmup duration -> starts wrk in the background (pid appended to load_pids); sets W_start W_stop
mix_wrk() {
  local tag=$1 repeat=$2 think=$3 warm=$4 dur=$5 t0
  t0=$(now); W_start=$(add "$t0" "$warm"); W_stop=$(add "$W_start" "$dur")
  wrk -t"$CONNS" -c"$CONNS" -d"$((warm + dur + 1))s" --timeout 10s -s "$here/surge.lua" "$base" -- \
    mode=mix tag="$tag" slug="$slug" start="$W_start" stop="$W_stop" think="$think" repeat="$repeat" \
    public=50 updates=30 partner=20 comment=10 partner_org="$partner_org" pool="$XFF_POOL" domains="$DOMAINS" \
    acks="$work/acks" >"$work/wrk-$tag.out" 2>&1 &
  load_pids+=($!)
}

wait_load() {
  local p status=0
  for p in "${load_pids[@]}"; do wait "$p" || status=$?; done
  load_pids=()
  return $status
}

result_of() { grep '^RESULT' "$work/wrk-$1.out" || { log "wrk ($1) gave no result:"; cat "$work/wrk-$1.out" >&2; exit 1; }; }

# Waits until the outbox is empty and every opened link has been confirmed, DRAIN_MAX s at most; sets D_outbox
# (seconds from $1 until the outbox was empty, or "-" if it was not) and D_backlog (what was left).
drain() {
  local from=$1 t backlog lag opened done_ deadline
  deadline=$(add "$from" "$DRAIN_MAX")
  D_outbox="-"
  if (( NO_SENDING )); then read -r D_backlog lag <<<"$(outbox_state)"; return; fi
  while :; do
    t=$(now)
    read -r backlog lag <<<"$(outbox_state)"
    read -r opened done_ <<<"$(confirm_progress)"
    if [[ $backlog == 0 && $D_outbox == "-" ]]; then D_outbox=$(awk -v a="$t" -v b="$from" 'BEGIN{printf "%.1f", a - b}'); fi
    [[ $backlog == 0 && $opened == "$done_" ]] && break
    awk -v a="$t" -v b="$deadline" 'BEGIN{exit !(a > b)}' && break
    sleep 0.5
  done
  D_backlog=$backlog
}

# run_load key label repeat% flood(0|1): one measured run with its warm-up, then the drain; prints its figures.
run_load() {
  local key=$1 label=$2 repeat=$3 flood=$4 tag="${provider:0:2}$1" line flood_line c0 c1 t_end samples
  samples="$work/samples-$tag"
  : >"$samples"
  sampler "$samples" &
  sampler_pid=$!
  mix_wrk "$tag" "$repeat" "$THINK" "$WARMUP" "$DURATION"
  if (( flood )); then
    # The same address, over and over, from one client with one form: the cheapest replay there is.
    wrk -t"$FLOOD_CONNS" -c"$FLOOD_CONNS" -d"$((WARMUP + DURATION + 1))s" --timeout 10s -s "$here/surge.lua" "$base" -- \
      mode=replay tag="${tag}f" slug="$slug" start="$W_start" stop="$W_stop" email="$flood_email" xff="$flood_xff" \
      form="$(page_form "$flood_xff")" >"$work/wrk-${tag}f.out" 2>&1 &
    load_pids+=($!)
  fi
  sleep_until "$W_start"; c0=$(cpu_snapshot)
  sleep_until "$W_stop"; c1=$(cpu_snapshot)
  wait_load || { cat "$work/wrk-$tag.out" >&2; exit 1; }
  t_end=$(now)
  cpu_split "$c0" "$c1"
  line=$(result_of "$tag")
  drain "$t_end"
  kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""

  local signers posts p50 p99 gp50 gp99 post_status get_status sock tmo age_min age_avg errors
  signers=$(field_of "$line" signers); posts=$(field_of "$line" posts)
  p50=$(ms "$(field_of "$line" post_p50_us)"); p99=$(ms "$(field_of "$line" post_p99_us)")
  gp50=$(ms "$(field_of "$line" get_p50_us)"); gp99=$(ms "$(field_of "$line" get_p99_us)")
  post_status=$(field_of "$line" post_status); get_status=$(field_of "$line" get_status)
  sock=$(field_of "$line" socket_errors); tmo=$(field_of "$line" timeouts)
  age_min=$(field_of "$line" age_min_ms); age_avg=$(field_of "$line" age_avg_ms)
  errors=$(awk -v p="$post_status,$get_status" -v s="$sock" -v t="$tmo" 'BEGIN{
    n = split(p, a, ","); e = s + t
    for (i = 1; i <= n; i++) { split(a[i], kv, ":"); if (kv[1] !~ /^(200|302)$/ && kv[1] != "none") e += kv[2] }
    print e }')
  local r; r=$(rate "$signers" "$DURATION")
  F[$provider.$key.signers]=$r; F[$provider.$key.p50]=$p50; F[$provider.$key.p99]=$p99; F[$provider.$key.errors]=$errors
  F[$provider.$key.rss]=$(peak_rss_mb)

  # What the database says about this run's signers (warm-up included: they are the same load).
  local rows held flagged by_domain
  read -r rows held flagged <<<"$(q "SELECT count(*), coalesce(sum(CASE WHEN held_for_review THEN 1 ELSE 0 END), 0),
      count(review_flags) FROM signatures WHERE email LIKE '$tag-%'")"
  by_domain=$(q "SELECT $(domain_of_email) AS d, count(*) FROM signatures
      WHERE email LIKE '$tag-%' AND held_for_review GROUP BY d ORDER BY count(*) DESC LIMIT 3" | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')
  F[$provider.$key.held]=$held; F[$provider.$key.flagged]=$flagged

  # The outbox: lag through the run (the database's view, every second), at the end of the load, and the drain.
  local lagmax lag_end backlog_end sent_during sent_after drain_rate first_sent last_first retried
  read -r lagmax <<<"$(awk -v s="$W_start" -v e="$t_end" '$1 >= s && $1 <= e && $3 != "?" && $3 > m { m = $3 } END { printf "%.1f", m }' "$samples")"
  read -r backlog_end lag_end <<<"$(awk -v e="$t_end" '$1 <= e && $2 != "?" { b = $2; l = $3 } END { print b + 0, l + 0 }' "$samples")"
  sent_during=$(q "SELECT count(*) FROM outbox_messages WHERE sent_at >= $(at "$W_start") AND sent_at < $(at "$W_stop")")
  sent_after=$(q "SELECT count(*) FROM outbox_messages WHERE sent_at >= $(at "$t_end")")
  # The drain's pace: emails sent at their first attempt after the load stopped, over the time until the last of
  # them. A row whose send failed waits 15 to 30 s for its retry, which would otherwise be measured as the drain.
  read -r first_sent last_first <<<"$(q "SELECT count(*), coalesce(max($(epoch_of sent_at)), 0) FROM outbox_messages
      WHERE sent_at >= $(at "$t_end") AND attempts = 1")"
  retried=$(q "SELECT count(*) FROM outbox_messages WHERE attempts > 1 AND (sent_at IS NULL OR sent_at >= $(at "$W_start"))")
  drain_rate=$(awk -v n="$first_sent" -v l="$last_first" -v e="$t_end" 'BEGIN{ if (n > 0 && l > e) printf "%.0f", n / (l - e); else print "-" }')
  F[$provider.$key.lagmax]=$lagmax; F[$provider.$key.drain]=$D_outbox; F[$provider.$key.drain_rate]=$drain_rate
  F[$provider.$key.backlog_end]=$backlog_end; F[$provider.$key.sent_during]=$(rate "$sent_during" "$DURATION")

  local opened ignored other confirmed already noform cfailed cp50 cp99
  read -r opened ignored other confirmed already noform cfailed cp50 cp99 <<<"$(mail_window "$W_start" "$W_stop")"

  echo
  printf '  (%s) %s\n' "$key" "$label"
  printf '      %-22s %s/s (%d in %ss); new addresses %s, repeats %s\n' "signers:" "$r" "$signers" "$DURATION" \
    "$(field_of "$line" new)" "$(field_of "$line" repeats)"
  printf '      %-22s POST p50 %s ms, p99 %s ms; GET of the page p50 %s ms, p99 %s ms\n' "latency:" "$p50" "$p99" "$gp50" "$gp99"
  printf '      %-22s POST %s; GET %s; socket errors %s, timeouts %s%s\n' "answers by status:" "$post_status" \
    "$get_status" "$sock" "$tmo" "$( (( $(field_of "$line" no_form) > 0 )) && echo "; pages without the form's token, stamp or cookie: $(field_of "$line" no_form)")"
  if (( flood )); then
    flood_line=$(result_of "${tag}f")
    F[$provider.$key.flood]=$(rate "$(field_of "$flood_line" signers)" "$DURATION")
    printf '      %-22s %s/s from %s (%s, %d connections); POST p50 %s ms, p99 %s ms; %s\n' "the replaying client:" \
      "${F[$provider.$key.flood]}" "$flood_xff" "$flood_email" "$FLOOD_CONNS" \
      "$(ms "$(field_of "$flood_line" post_p50_us)")" "$(ms "$(field_of "$flood_line" post_p99_us)")" \
      "$(field_of "$flood_line" post_status)"
  fi
  printf '      %-22s posted %s s or more after the page was shown (%s s on average; Abuse:MinimumFormTime 3 s)\n' \
    "forms:" "$(awk -v m="$age_min" 'BEGIN{printf "%.1f", m / 1000}')" "$(awk -v m="$age_avg" 'BEGIN{printf "%.1f", m / 1000}')"
  printf '      %-22s %s rows for this run (warm-up included); flagged too-fast %s; held for review %s%s\n' "abuse control:" \
    "$rows" "$flagged" "$held" "${by_domain:+ (most: $by_domain)}"
  printf '      %-22s sent %s/s during the load; lag max %s s, %s s at its end (backlog %s); ' "outbox:" \
    "${F[$provider.$key.sent_during]}" "$lagmax" "$lag_end" "$backlog_end"
  if (( NO_SENDING )); then printf 'this instance sends nothing (backlog %s when the load stopped)\n' "$backlog_end"
  elif [[ $D_outbox == "-" ]]; then printf 'NOT drained %s s after the load (backlog %s)\n' "$DRAIN_MAX" "$D_backlog"
  else printf 'empty %s s after the load stopped (%s emails, %s/s at first attempt)\n' "$D_outbox" "$sent_after" "$drain_rate"; fi
  (( retried > 0 )) && printf '      %-22s %s emails of this run failed a first attempt and waited for a retry\n' "" "$retried"
  printf '      %-22s %s\n' "lag every 3 s:" "$(awk -v s="$W_start" -v e="$t_end" '$1 >= s && $3 != "?" {
      if (!marked && $1 > e) { printf "| "; marked = 1 }
      if (n++ % 3 == 0) printf "%s ", $3 } END { print "s (| the load stopped)" }' "$samples")"
  printf '      %-22s emails in the window: %s links opened, %s not, %s others; presses: %s confirmed, %s already, %s without button, %s failed; POST p50 %s ms, p99 %s ms\n' \
    "confirmations:" "$opened" "$ignored" "$other" "$confirmed" "$already" "$noform" "$cfailed" "$cp50" "$cp99"
  if (( METRICS )); then
    awk -v s="$W_start" -v e="$W_stop" -v d="$DURATION" '$1 >= s && $1 <= e && NF >= 10 {
        if (!n++) { bs0 = $5; bc0 = $6; sent0 = $9; r0 = $10 }
        if ($4 > qmax) qmax = $4; bs = $5; bc = $6; b = $7; l = $8; sent = $9; r = $10 }
      END { if (n) printf "      %-22s intake queue max %d; batch %.1f signatures on average; outbox backlog %d, lag %.1f s (last scrape); emails sent %.0f/s; refused %d\n",
        "metrics (/metrics):", qmax, ((bc - bc0) > 0 ? (bs - bs0) / (bc - bc0) : 0), b, l, (sent - sent0) / d, r - r0 }' "$samples"
  fi
  printf '      %-22s app %s, postgres %s, wrk %s, mail sink and confirmers %s, other processes %s; machine %s%% busy\n' \
    "CPU s in ${DURATION} s:" "$C_app" "$C_pg" "$C_wrk" "$C_sink" "$C_others" "$C_busy"
  printf '      %-22s app %s ms, postgres %s ms (confirmations and emails included)\n' "CPU per signer:" \
    "$(per_signer "$C_app" "$signers")" "$(per_signer "$C_pg" "$signers")"
  printf '      %-22s %s MB\n' "app peak RSS:" "${F[$provider.$key.rss]}"
  F[$provider.$key.cpu_ps]=$(per_signer "$C_app" "$signers")
  F[$provider.$key.others]=$(awk -v o="$C_others" -v d="$DURATION" -v n="$(nproc)" 'BEGIN{printf "%.0f", 100 * o / (d * n)}')
}

# The static file, as the baseline: plain wrk, no script, as many connections.
run_static() {
  local o c0 c1 t0
  wrk -t2 -c"$CONNS" -d3s "$base/$static_name" >/dev/null 2>&1
  t0=$(now)
  wrk -t2 -c"$CONNS" -d"${STATIC_DURATION}s" --latency "$base/$static_name" >"$work/wrk-static.out" 2>&1 &
  load_pids+=($!)
  c0=$(cpu_snapshot)
  sleep_until "$(add "$t0" "$(awk -v d="$STATIC_DURATION" 'BEGIN{print d - 0.3}')")"
  c1=$(cpu_snapshot)
  wait_load || { cat "$work/wrk-static.out" >&2; exit 1; }
  o=$(cat "$work/wrk-static.out")
  cpu_split "$c0" "$c1"
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$o")
  to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) printf "%.1f", v / 1000; else if (v ~ /ms$/) printf "%.1f", v + 0; else printf "%.1f", v * 1000 }'; }
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$o")"); p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$o")")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$o"); sock=$(awk '/Socket errors/{gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$o")
  F[$provider.static]=$rps
  echo
  printf '  (5) %s\n' "static file, GET /$static_name ($(wc -c <"$static") bytes, the petition page saved), the baseline"
  printf '      %-22s %s/s; p50 %s ms, p99 %s ms; non-2xx %s, socket errors %s\n' "requests:" "$rps" "$p50" "$p99" "${non2xx:-0}" "${sock:-0}"
  printf '      %-22s app %s, wrk %s, other processes %s; machine %s%% busy\n' "CPU s in ${STATIC_DURATION} s:" \
    "$C_app" "$C_wrk" "$C_others" "$C_busy"
}

# --- checks -------------------------------------------------------------------------------------------------------

# A new instance's warm-up: signers for APP_WARMUP s, each form posted as soon as its page arrives, then the drain.
warm_up() { # tag
  log "warming up the new instance for ${APP_WARMUP} s ..."
  mix_wrk "$1" 5 0 0 "$APP_WARMUP"
  wait_load || { cat "$work/wrk-$1.out" >&2; exit 1; }
  drain "$(now)"
  read -r warm_flagged warm_held <<<"$(q "SELECT count(review_flags), coalesce(sum(CASE WHEN held_for_review THEN 1 ELSE 0 END), 0)
      FROM signatures WHERE email LIKE '$1-%'")"
  echo "  warm-up: $(field_of "$(result_of "$1")" signers) signers in ${APP_WARMUP} s, each form posted as soon as its page arrived:" \
    "$warm_flagged flagged too-fast; $warm_held held for review (held: over a per-address or per-domain limit)"
}

verdict() { if [[ $1 == 1 ]]; then echo PASS; else echo FAIL; fi; }

check_database() {
  local p acked missing extra extra_max dups counts bad confirmed_rows presses petition run_of unanswered
  p=${provider:0:2}
  petition="(SELECT id FROM petitions WHERE slug = '$slug')"
  # Rows of this load that no counted answer acknowledged, as "total most-in-one-run".
  if [[ $provider == postgres ]]; then run_of="split_part(s.email, '-', 1)"; else run_of="substr(s.email, 1, instr(s.email, '-') - 1)"; fi
  unanswered="SELECT coalesce(sum(n), 0) || ' ' || coalesce(max(n), 0) FROM (SELECT $run_of AS run, count(*) AS n FROM signatures s
    WHERE s.email LIKE '$p%' AND NOT EXISTS (SELECT 1 FROM acked a WHERE a.email = s.email) GROUP BY run) AS r;"
  cat "$work"/acks/"$p"* 2>/dev/null >"$work/acked-$p.txt" || true
  if [[ $provider == postgres ]]; then
    read -r acked missing extra extra_max <<<"$(psql_ -F ' ' -f - <<SQL
CREATE TEMP TABLE acked (email text);
\\copy acked FROM '$work/acked-$p.txt'
CREATE INDEX ON acked (email);
ANALYZE acked;
SELECT (SELECT count(*) FROM acked),
       (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.petition_id = $petition AND s.normalized_email = a.email));
$unanswered
SQL
)"
  else
    read -r acked missing extra extra_max <<<"$(sqlite3 -cmd ".timeout 10000" -separator ' ' "$sqlite_file" <<SQL
CREATE TEMP TABLE acked (email TEXT);
.import '$work/acked-$p.txt' acked
CREATE INDEX acked_email ON acked (email);
SELECT (SELECT count(*) FROM acked),
       (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.petition_id = $petition AND s.normalized_email = a.email));
$unanswered
SQL
)"
  fi
  dups=$(q "SELECT count(*) - count(DISTINCT petition_id || ' ' || normalized_email) FROM signatures")
  counts=$(q "SELECT p.slug, p.signature_count, (SELECT count(*) FROM signatures s WHERE s.petition_id = p.id AND s.status = 'Counted') FROM petitions p")
  bad=$(awk '$2 != $3' <<<"$counts" | wc -l)
  # A press is logged once its answer is back, after the row changed: read the log before and after the rows.
  presses_of() { awk -v s="$P_start" '$1 == "C" && $2 >= s && $3 == "confirmed" { n++ } END { print n + 0 }' "$work/mail.events"; }
  presses=$(presses_of)
  confirmed_rows=$(q "SELECT count(*) FROM signatures WHERE confirmed_at IS NOT NULL")
  presses_after=$(presses_of)
  read -r retried given_up <<<"$(q "SELECT coalesce(sum(CASE WHEN attempts > 1 THEN 1 ELSE 0 END), 0), count(failed_at) FROM outbox_messages")"
  retry_log=$(grep -c 'will be retried' "$work/app-$provider.log" || true)
  retry_reason=$(grep -m1 'will be retried' "$work/app-$provider.log" | sed 's/^ *//; s/.*will be retried at [^:]*:[^:]*:[^:]*: //' | cut -c1-120 || true)
  echo
  echo "  Database checks"
  printf '    %s every signature answered 302 is stored: %d answered, %d missing\n' "$(verdict $((missing == 0)))" "$acked" "$missing"
  # wrk stops with one request in flight per connection: a POST among them may be stored without its answer read.
  printf '    %s stored exactly once: %d duplicate rows; %d rows without a counted answer, at most %d in one run (in flight when wrk stopped: at most %d)\n' \
    "$(verdict $((dups == 0 && extra_max <= CONNS)))" "$dups" "$extra" "$extra_max" "$CONNS"
  printf '    %s signature_count = counted rows on every petition: %s\n' "$(verdict $((bad == 0)))" \
    "$(awk '{printf "%s%s %d = %d", (NR > 1 ? "; " : ""), $1, $2, $3}' <<<"$counts")"
  local confirms_ok=$(( presses <= confirmed_rows && confirmed_rows <= presses_after + CONFIRMERS ))
  printf '    %s every press answered "confirmed" confirmed one signature: %d presses, %d confirmed rows%s\n' \
    "$(verdict $confirms_ok)" "$presses" "$confirmed_rows" \
    "$( (( presses_after != presses )) && echo " ($presses_after presses by the time the rows were counted: still confirming)")"
  echo "    outbox: $(q "SELECT count(sent_at) FROM outbox_messages") emails sent, $retried needed more than one attempt, $given_up given up;" \
    "$retry_log retries in the app's log$( (( retry_log )) && echo " (the first: $retry_reason)")"
  F[$provider.checks]=$(( missing == 0 && dups == 0 && extra_max <= CONNS && bad == 0 && confirms_ok ))
}

# --- start --------------------------------------------------------------------------------------------------------

ensure_wrk || exit 1
for tool in dotnet curl sqlite3; do command -v "$tool" >/dev/null || { log "$tool is missing"; exit 1; }; done
if [[ " $PROVIDERS " == *" postgres "* ]]; then
  for tool in psql "$PGBIN/initdb" "$PGBIN/pg_ctl"; do command -v "$tool" >/dev/null || { log "$tool is missing (PostgreSQL 15)"; exit 1; }; done
fi

if [[ $SKIP_BUILD != 1 ]]; then
  log "Building Release (the app and the mail sink) ..."
  for project in "$root/src/Undersigned" "$here/Undersigned.Bench.Surge"; do
    dotnet build -c Release "$project" -nologo -v quiet -clp:ErrorsOnly -nodeReuse:false -p:UseSharedCompilation=false \
      >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  done
fi

echo "A realistic surge, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
echo "  app: Production defaults; set: App:PublicUrl, App:AllowPlainHttp=true, Email:Smtp (the sink on loopback, no TLS),"
echo "       Proxy:KnownProxies=127.0.0.1$( (( METRICS )) && echo ", Metrics:Enabled=true (scraped every second)")${EXTRA_ENV:+, $EXTRA_ENV}"
echo "  signers: $CONNS connections (one wrk thread each), each signer GETs the page then POSTs its form $THINK s or more later;"
echo "       50 % show their name, 30 % want updates, 20 % via /p/$slug?source=$partner_org ticking its share box, 10 % comment;"
echo "       each from $( (( XFF_POOL )) && echo "one of $XFF_POOL addresses" || echo "a random 10.x.y.z") (X-Forwarded-For); mail domains: $DOMAINS"
echo "  mail: SMTP sink on loopback; $CONFIRM_PERCENT % of the confirmation emails' recipients open the link and press the button ($CONFIRMERS at a time)"
echo "  each run: ${WARMUP} s warm-up, ${DURATION} s measured; the outbox is drained (at most ${DRAIN_MAX} s) before the next"

dotnet "$sink_dll" --port-file "$work/smtp.port" --events "$work/mail.events" --confirm-percent "$CONFIRM_PERCENT" \
  --confirmers "$CONFIRMERS" --parent $$ >"$work/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 60); do [[ -s $work/smtp.port ]] && break; kill -0 "$sink_pid" 2>/dev/null || break; sleep 0.5; done
[[ -s $work/smtp.port ]] || { log "the SMTP sink did not start:"; cat "$work/sink.log" >&2; exit 1; }
smtp_port=$(cat "$work/smtp.port")

[[ -d $out/wwwroot ]] || made_wwwroot=1
mkdir -p "$out/wwwroot"   # before the app starts: the static file provider is made for a folder that exists

for provider in $PROVIDERS; do
  P_start=$(now)
  echo
  if [[ $provider == postgres ]]; then
    if (( ! pg_started )); then log "Starting PostgreSQL ..."; pg_cluster_start "$work/pg"; pg_started=1; fi
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -d postgres -c "CREATE DATABASE surge"
    echo "PostgreSQL $(psql_ -c 'SHOW server_version') (fsync $(psql_ -c 'SHOW fsync'), synchronous_commit $(psql_ -c 'SHOW synchronous_commit')), a fresh database"
    db_settings=(Database__Provider=Postgres ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=surge;Username=postgres")
    start_app postgres "${db_settings[@]}"
  else
    mkdir -p "$work/sqlite"; sqlite_file="$work/sqlite/surge.db"
    echo "SQLite (WAL, synchronous=FULL as the app sets it), a fresh file"
    db_settings=(Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$sqlite_file")
    start_app sqlite "${db_settings[@]}"
  fi
  [[ -s $static ]] || curl -sf "$base/p/$slug" -o "$static"
  partner_page=$(curl -sf -H "X-Forwarded-For: 10.0.0.1" "$base/p/$slug?source=$partner_org")
  grep -q "name=\"Form.ShareWith\" type=\"checkbox\" value=\"$partner_org\"" <<<"$partner_page" \
    || { log "the partner link's page has no share box for $partner_org"; exit 1; }
  policy=$(q "SELECT counting_policy FROM petitions WHERE slug = '$slug'")
  echo "  the petition counts: $policy (the demo campaign's default)"

  warm_up "${provider:0:2}warm"

  # (2) runs between (3) and (4), the two compared with it, so that a change in the machine's other load between
  # runs weighs on the comparison as little as it can.
  run_load 1 "realistic mix (5 % sign again with an earlier address)" 5 0
  run_load 3 "50 % sign again with an earlier address" 50 0
  run_load 2 "all new addresses" 0 0
  run_load 4 "all new addresses, and one client replaying one address alongside" 0 1
  run_static
  drain "$(now)"   # the checks compare the confirmations made with the rows: let them finish first
  F[$provider.rss]=$(peak_rss_mb)
  stop_app

  # (6) The intake alone: a second instance on the same database that sends no email (Email:Dispatch=false, as
  # a web instance beside a worker), so (2) against (6) says what sending costs the signers.
  start_app "$provider-nosend" "${db_settings[@]}" Email__Dispatch=false
  NO_SENDING=1
  warm_up "${provider:0:2}qwarm"
  run_load 6 "all new addresses, no email sent by this instance (Email:Dispatch=false)" 0 0
  NO_SENDING=0
  nosend_rss=$(peak_rss_mb)
  (( nosend_rss > ${F[$provider.rss]} )) && F[$provider.rss]=$nosend_rss
  stop_app
  check_database

  echo
  echo "  Summary ($provider)"
  printf '    %-32s %9s %10s %10s %6s %8s %8s %8s %6s %6s %8s %6s %9s\n' run signers/s "POST p50" "POST p99" errors "lag max" drained "drain/s" "RSS MB" others "app ms/s" "vs (2)" "vs static"
  for k in 1 2 3 4 6; do
    printf '    %-32s %9s %10s %10s %6s %8s %8s %8s %6s %6s %8s %6s %9s\n' \
      "$(case $k in 1) echo "(1) realistic mix";; 2) echo "(2) all new";; 3) echo "(3) 50 % repeats";; 4) echo "(4) all new + replaying client";; 6) echo "(6) all new, no email sent";; esac)" \
      "${F[$provider.$k.signers]}" "${F[$provider.$k.p50]} ms" "${F[$provider.$k.p99]} ms" "${F[$provider.$k.errors]}" \
      "${F[$provider.$k.lagmax]} s" "${F[$provider.$k.drain]} s" "${F[$provider.$k.drain_rate]}" "${F[$provider.$k.rss]}" "${F[$provider.$k.others]} %" "${F[$provider.$k.cpu_ps]}" \
      "$(ratio "${F[$provider.$k.signers]}" "${F[$provider.2.signers]}")" "$(ratio "${F[$provider.$k.signers]}" "${F[$provider.static]}")"
  done
  printf '    %-32s %9s\n' "(5) static file (requests/s)" "${F[$provider.static]}"
  echo "    others: the share of the machine's CPU that processes other than the app, PostgreSQL, wrk and the mail sink took"
  echo "    app ms/s: the app's CPU per signer in the window: pages, forms, and the emails and confirmations it got to"
  echo "    vs static: signers/s against the static file's requests/s (a signer makes two requests, the page and the form)"
done

# --- targets ------------------------------------------------------------------------------------------------------

echo
echo "Targets (measured on this machine in this run)"
target() { # name measured goal ge|le unit
  local v
  if [[ $2 == "-" || -z $2 ]]; then v="not measured"
  else v=$(awk -v m="$2" -v g="$3" -v d="$4" 'BEGIN{ ok = (d == "ge") ? (m >= g) : (m <= g); print ok ? "met" : "not met" }'); fi
  printf '  %-64s %12s   %-10s %s\n' "$1" "$2$5" "$( [[ $4 == ge ]] && echo ">=" || echo "<=" ) $3$5" "$v"
}
printf '  %-64s %12s   %-10s %s\n' target measured goal verdict
max_rss=0
for provider in $PROVIDERS; do
  p=$([[ $provider == postgres ]] && echo PostgreSQL || echo SQLite)
  if [[ $provider == postgres ]]; then
    target "$p: realistic mix, signers/s" "${F[$provider.1.signers]}" 3000 ge "/s"
    target "$p: realistic mix, POST p99" "${F[$provider.1.p99]}" 100 le " ms"
  else
    target "$p: realistic mix, signers/s" "${F[$provider.1.signers]}" 2000 ge "/s"
  fi
  target "$p: intake while sending email (2), against without (6)" \
    "$(awk -v a="${F[$provider.2.signers]}" -v b="${F[$provider.6.signers]}" 'BEGIN{ if (b > 0) printf "%.0f", 100 * a / b; else print "-" }')" 70 ge " %"
  for k in 3 4; do
    target "$p: $([[ $k == 3 ]] && echo "50 % repeats" || echo "others beside the replaying client"), against all new" \
      "$(awk -v a="${F[$provider.$k.signers]}" -v b="${F[$provider.2.signers]}" 'BEGIN{ if (b > 0) printf "%.0f", 100 * a / b; else print "-" }')" 80 ge " %"
    (( ${F[$provider.$k.others]} > ${F[$provider.2.others]} + 15 || ${F[$provider.2.others]} > ${F[$provider.$k.others]} + 15 )) &&
      echo "     (other processes took ${F[$provider.2.others]} % of the machine in (2) and ${F[$provider.$k.others]} % in this run: the ratio says more about them)"
  done
  # The drain rate of the run that left the largest backlog when its load stopped: a backlog of a few emails
  # drains in one batch and says nothing about the rate.
  best=0 drain_rate="-"
  for k in 1 2 3 4; do
    if (( ${F[$provider.$k.backlog_end]:-0} > best )) && [[ ${F[$provider.$k.drain_rate]} != "-" ]]; then
      best=${F[$provider.$k.backlog_end]}; drain_rate=${F[$provider.$k.drain_rate]}
    fi
  done
  if (( best < 500 )); then
    printf '  %-64s %12s   %-10s %s\n' "$p: outbox drain after the load, emails/s" "-" ">= 1000/s" \
      "not measured: the outbox kept up (backlog at most $best when the load stopped)"
  else
    target "$p: outbox drain after the load (backlog $best), emails/s" "$drain_rate" 1000 ge "/s"
  fi
  (( ${F[$provider.rss]} > max_rss )) && max_rss=${F[$provider.rss]}
done
target "app peak RSS (largest of all instances)" "$max_rss" 400 le " MB"
all_pass=1
for provider in $PROVIDERS; do (( ${F[$provider.checks]} )) || all_pass=0; done
echo "  database checks: $( (( all_pass )) && echo "all PASS" || echo "some FAIL (above)")"
(( all_pass ))
