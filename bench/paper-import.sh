#!/usr/bin/env bash
# Paper signatures: a sheet batch of 100,000 rows uploaded, previewed, imported and undone through the staff pages'
# own forms, on SQLite and PostgreSQL, against each database loading the same CSV into a table of its own in the
# same run (sqlite3 .import; psql \copy). Prints the time of each step, the app's peak memory (VmHWM) before and
# after, and the import / baseline ratio. See docs/performance.md, "Paper signatures".
#
#   bench/paper-import.sh                # both databases, about 2 minutes
#   ROWS=20000 bench/paper-import.sh     # a smaller run
#   DBS=sqlite bench/paper-import.sh     # one database
#
# The sheet is hostile in the ways real ones are: one row in 50 repeats an address earlier on the sheet, one in 20
# repeats an address that signed online already (1,000 online signers are seeded), half the rows have no email,
# and a formula-like value sits in a quoted comment-free cell nowhere (a row with one would stop the import).
# The defaults are what staff run: the published app (Release), Production settings, fsync on.
#
# Needs: dotnet, PostgreSQL 15 (initdb, pg_ctl, psql), sqlite3, curl. Run as root (the throwaway PostgreSQL runs as
# the postgres user) or as a user who can run initdb directly. Loopback only; it stops by itself.
set -euo pipefail

ROWS=${ROWS:-100000}
ONLINE=${ONLINE:-1000}
DBS=${DBS:-"postgres sqlite"}
SKIP_BUILD=${SKIP_BUILD:-0}
EXTRA_ENV=${EXTRA_ENV:-}        # extra settings for the measured app, e.g. "DOTNET_gcServer=0"
SLUG=stop-shotspotter
PARTNER=daily-kos
ADMIN=admin@bench.example.org
PASSWORD="bench password that is long enough"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/common.sh
source "$here/common.sh"

work=$(mktemp -d /tmp/paperbench.XXXXXX)
chmod 755 "$work"
app_pid=""
pg_started=0
cleanup() {
  set +e
  stop_app
  (( pg_started )) && pg_cluster_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
secs_since() { awk -v a="$(now)" -v b="$1" 'BEGIN{printf "%.2f", a-b}'; }
mb() { awk -v k="$2" '$1==k":"{printf "%d", $2/1024}' "/proc/$1/status"; }

start_app() { # name settings...
  local name=$1; shift
  app_port=$(free_port)
  (cd "$out" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Email__Transport=DevMailbox \
      App__PublicUrl="http://127.0.0.1:$app_port" App__AllowPlainHttp=true "$@" \
      dotnet Undersigned.dll --urls "http://127.0.0.1:$app_port" >"$work/app-$name.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$app_port"
  wait_for_app || { log "app ($name) did not start:"; tail -30 "$work/app-$name.log" >&2; exit 1; }
}

add_admin() {
  (cd "$out" && printf '%s\n' "$PASSWORD" | env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning "$@" \
     dotnet Undersigned.dll users add --email "$ADMIN" --role admin --password-stdin >/dev/null)
}

token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

log_in() {
  rm -f "$work/jar"
  curl -sf -c "$work/jar" -b "$work/jar" -o "$work/login.html" "$base/login"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$work/jar" -b "$work/jar" "$base/login" \
    --data-urlencode "Email=$ADMIN" --data-urlencode "Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$(token_of "$work/login.html")")
  [[ $code == 302 ]] || { log "login answered $code"; exit 1; }
}

figure() { grep -o "data-figure=\"$2\">[^<]*" "$1" | head -1 | sed 's/.*>//; s/,//g'; }

# The sheet: ROWS lines after the header. Row n's address: none for odd n; a repeat of row n-2's for n % 50 == 0;
# an online signer's (online1..ONLINE) for n % 20 == 0; otherwise its own.
awk -v rows="$ROWS" -v online="$ONLINE" -v partner="$PARTNER" 'BEGIN {
  printf "first_name,last_name,postal_code,country,email,may_email,share_%s\r\n", partner
  for (n = 1; n <= rows; n++) {
    email = ""
    if (n % 50 == 0) email = "paper" (n - 2) "@bench.example.org"
    else if (n % 20 == 0) email = "online" (n % online + 1) "@bench.example.org"
    else if (n % 2 == 0) email = "paper" n "@bench.example.org"
    if (n % 50 == 0 && (n - 2) % 20 == 0) email = ""
    printf "Signer%d,\"Last, %d\",%05d,US,%s,%s,%s\r\n", n, n, n % 99999, email, (email != "" && n % 3 == 0) ? "yes" : "no", (n % 4 == 0) ? "yes" : "no"
  }
}' >"$work/sheet.csv"
sheet_mb=$(awk -v b="$(stat -c %s "$work/sheet.csv")" 'BEGIN{printf "%.1f", b/1048576}')

if (( ! SKIP_BUILD )); then
  log "building Release ..."
  dotnet build "$root/src/Undersigned" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
echo "Paper import of a $ROWS-row sheet ($sheet_mb MB), $(nproc) CPUs, $(date -u +%F)"

measure() { # db query-command...: the upload, preview, import and undo, and the baseline
  local db=$1; shift
  local query=("$@") t0 code location batch stage preview import undo before after to_import paper
  log_in
  curl -sf -b "$work/jar" -o "$work/paper.html" "$base/admin/petitions/$SLUG/paper"
  before=$(mb "$app_pid" VmHWM)
  t0=$(now)
  location=$(curl -s -b "$work/jar" -o /dev/null -w '%{http_code} %{redirect_url}' "$base/admin/petitions/$SLUG/paper?handler=Upload" \
    -F "__RequestVerificationToken=$(token_of "$work/paper.html")" -F "Description=Bench rally" -F "Sheet=@$work/sheet.csv;type=text/csv")
  stage=$(secs_since "$t0"); m_stage=$(mb "$app_pid" VmHWM)
  [[ ${location%% *} == 302 ]] || { log "upload answered ${location%% *}"; tail -20 "$work"/app-*.log >&2; exit 1; }
  batch=${location#* }
  t0=$(now)
  curl -sf -b "$work/jar" -o "$work/preview.html" "$batch"
  preview=$(secs_since "$t0"); m_preview=$(mb "$app_pid" VmHWM)
  to_import=$(figure "$work/preview.html" to-import)
  [[ $(figure "$work/preview.html" errors) == 0 ]] || { log "the preview found errors"; exit 1; }
  t0=$(now)
  code=$(curl -s -b "$work/jar" -o /dev/null -w '%{http_code}' "$batch?handler=Import" \
    --data-urlencode "__RequestVerificationToken=$(token_of "$work/preview.html")")
  import=$(secs_since "$t0")
  [[ $code == 302 ]] || { log "import answered $code"; exit 1; }
  paper=$("${query[@]}" "SELECT paper_count FROM petitions WHERE slug = '$SLUG'")
  [[ $paper == "$to_import" ]] || { log "imported $paper, the preview said $to_import"; exit 1; }
  after=$(mb "$app_pid" VmHWM)
  curl -sf -b "$work/jar" -o "$work/batch.html" "$batch"
  t0=$(now)
  code=$(curl -s -b "$work/jar" -o /dev/null -w '%{http_code}' "$batch?handler=Undo" \
    --data-urlencode "__RequestVerificationToken=$(token_of "$work/batch.html")" --data-urlencode "reason=bench")
  undo=$(secs_since "$t0")
  [[ $code == 302 ]] || { log "undo answered $code"; exit 1; }
  [[ $("${query[@]}" "SELECT paper_count FROM petitions WHERE slug = '$SLUG'") == 0 ]] || { log "undo left paper signatures"; exit 1; }
  printf '  %-9s upload and column check %6.2f s   preview %6.2f s   import %6.2f s (%d signatures)   undo %6.2f s\n' \
    "$db:" "$stage" "$preview" "$import" "$to_import" "$undo"
  printf '  %-9s app peak memory (VmHWM): %d MB before the upload, %d MB after it, %d MB after the preview, %d MB after the import\n' \
    "" "$before" "$m_stage" "$m_preview" "$after"
  I_total=$(awk -v a="$stage" -v b="$preview" -v c="$import" 'BEGIN{printf "%.2f", a+b+c}')
}

ratio() { printf '  %-9s baseline, the database loading the same CSV into a table: %6.2f s   upload to import / baseline: %.1f\n' \
  "" "$1" "$(awk -v a="$I_total" -v b="$1" 'BEGIN{print a/b}')"; }

online_sql() { # petition_id series now
  echo "INSERT INTO signatures (petition_id, first_name, last_name, email, normalized_email, postal_code, country,
    show_name_publicly, wants_updates, locale, created_at, status, confirmation_requests, held_for_review)
    SELECT $1, 'Online', 'Signer', 'online' || n || '@bench.example.org', 'online' || n || '@bench.example.org', '60601', 'US',
      false, false, 'en', $3, 'Counted', 0, false FROM $2;
    UPDATE petitions SET signature_count = signature_count + $ONLINE WHERE id = $1;"
}

for db in $DBS; do
  if [[ $db == postgres ]]; then
    pg_cluster_start "$work/pg"; pg_started=1
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -c "CREATE DATABASE paper" postgres
    psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -t -A -d paper -c "$1"; }
    settings=(Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=$pg_port;Database=paper;Username=postgres")
    start_app pg-setup "${settings[@]}"; stop_app
    pid=$(psql_ "SELECT id FROM petitions WHERE slug = '$SLUG'")
    psql_ "$(online_sql "$pid" "generate_series(1, $ONLINE) n" "now()")" >/dev/null
    add_admin "${settings[@]}"
    # shellcheck disable=SC2086
    start_app pg "${settings[@]}" $EXTRA_ENV
    measure postgres psql_
    stop_app
    t0=$(now)
    psql_ "CREATE TABLE sheet (first_name text, last_name text, postal_code text, country text, email text, may_email text, share text)"
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -d paper -c "\\copy sheet FROM '$work/sheet.csv' WITH (FORMAT csv, HEADER)"
    ratio "$(secs_since "$t0")"
    pg_cluster_stop "$work/pg"; pg_started=0
  else
    file="$work/sqlite/undersigned.db"; mkdir -p "$work/sqlite"
    settings=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$file")
    start_app sqlite-setup "${settings[@]}"; stop_app
    sq_() { sqlite3 "$file" "$1"; }
    pid=$(sq_ "SELECT id FROM petitions WHERE slug = '$SLUG'")
    sq_ "$(online_sql "$pid" "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $ONLINE) SELECT n FROM s)" "strftime('%Y-%m-%d %H:%M:%f', 'now')")"
    add_admin "${settings[@]}"
    # shellcheck disable=SC2086
    start_app sqlite "${settings[@]}" $EXTRA_ENV
    measure sqlite sq_
    stop_app
    t0=$(now)
    sqlite3 "$work/sqlite/baseline.db" -cmd "PRAGMA journal_mode = WAL" -cmd "PRAGMA synchronous = FULL" \
      ".import --csv $work/sheet.csv sheet" >/dev/null
    ratio "$(secs_since "$t0")"
  fi
done
