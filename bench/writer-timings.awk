# Reads a PostgreSQL log written with log_min_duration_statement = 0 and log_line_prefix = '%m [%p] %d ' and
# tells where the batch writer's time goes: per transaction (BEGIN .. COMMIT) the wall time, the part spent
# inside PostgreSQL (statement durations, COMMIT's disk flush included), and the idle time between transactions.
# Statements of other connections are ignored; each request's page queries are counted separately.
/ LOG:  duration: / {
  split($2, t, ":"); now = (t[1] * 3600 + t[2] * 60 + t[3]) * 1000; pid = $4; dur = $8
  stmt = $0; sub(/.* ms  [a-z]+( <unnamed>)?: /, "", stmt)
  if (stmt ~ /^BEGIN/) { start[pid] = now - dur; indb[pid] = dur; next }
  if (stmt ~ /^SELECT p\.id/ && $0 ~ /execute/) page++
  if (!(pid in start)) next
  indb[pid] += dur
  if (stmt ~ /^COMMIT/) {
    n++; span += now - start[pid]; db += indb[pid]; commit += dur
    if (last) { gap += start[pid] - last; gaps++ }
    last = now; delete start[pid]
  }
}
END {
  if (!n) { print "  no writer transactions in the log"; exit }
  printf "  writer: %d transactions; each %.1f ms from BEGIN to COMMIT, of which %.1f ms inside PostgreSQL (COMMIT %.1f ms);\n", n, span / n, db / n, commit / n
  printf "          %.1f ms between transactions; PostgreSQL busy for %.0f%% of the writer's time\n", gaps ? gap / gaps : 0, 100 * db / (span + gap)
}
