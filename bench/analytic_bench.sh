#!/usr/bin/env bash
# analytic_bench: issue 7's benchmark. Analytic queries over pgbench_accounts and a CSV-loaded table, each
# timed against LumaDB and a private PostgreSQL 15 started on this machine in the same run; prints both
# servers' times side by side with the ratio PostgreSQL / LumaDB (above 1 means LumaDB is faster). A
# benchmark, not a test: it never fails on a number, but it says so when the servers' answers differ.
#
# usage: bench/analytic_bench.sh [RUNS]   (default 5 timed runs per query, after one warm-up run)
# env:   LUMADB_BINARY, PG_BIN   as bench/lib.sh
#        SCALE      pgbench scale factor, 100,000 accounts each (default 10)
#        CSV_ROWS   rows of the CSV table (default 1000000)
# Method:
#   pgbench -i -s SCALE, then COPY sales FROM STDIN (FORMAT csv) of CSV_ROWS rows
#   "i, i % 1000, (i * 7919) % 100000 + 1, (i * 31) % 10007 / 100.0, 2026-01-01 + i % 365", then ANALYZE.
#   Each query runs once to warm the caches, then RUNS times as `pgbench -n -t RUNS -f query.sql` with one
#   client; the figure is pgbench's average latency (ms), which includes the client round trip.
#   The answers are compared by an md5 of psql's unaligned output (ORDER BY makes each one deterministic).
set -euo pipefail

bench_name=analytic-bench
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-5}
scale=${SCALE:-10}
csv_rows=${CSV_ROWS:-1000000}

# name|SQL: the workloads issue 7 names (count, filtered sum, group by, join with group by, ORDER BY ...
# LIMIT, range count), over both tables.
queries=(
  "count accounts|SELECT count(*) FROM pgbench_accounts"
  "count sales|SELECT count(*) FROM sales"
  "filtered sum|SELECT sum(amount) FROM sales WHERE store < 100"
  "group by|SELECT store, count(*), sum(amount) FROM sales GROUP BY store ORDER BY store LIMIT 20"
  "group by accounts|SELECT bid, count(*), sum(abalance) FROM pgbench_accounts GROUP BY bid ORDER BY bid"
  "join + group by|SELECT a.bid, count(*), sum(s.amount) FROM sales s JOIN pgbench_accounts a ON a.aid = s.aid GROUP BY a.bid ORDER BY a.bid"
  "order by limit|SELECT id, amount FROM sales ORDER BY amount DESC, id LIMIT 10"
  "range count pk|SELECT count(*) FROM pgbench_accounts WHERE aid BETWEEN 100001 AND 300000"
  "range count date|SELECT count(*) FROM sales WHERE sold BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'"
)

# load PORT: pgbench's tables and the sales table, analyzed; prints the load's seconds or "failed".
load() {
  local start
  start=$(date +%s%N)
  "$pg_bin/pgbench" -i -q -s "$scale" -h 127.0.0.1 -p "$1" -U postgres postgres >>"$work/init.err" 2>&1 &&
    psql_at "$1" "CREATE TABLE sales (id int PRIMARY KEY, store int, aid int, amount numeric(12,2), sold date)" &&
    "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres \
      -c "COPY sales FROM STDIN (FORMAT csv)" <"$work/sales.csv" >/dev/null 2>>"$work/psql.err" &&
    psql_at "$1" "ANALYZE" || { echo failed; return; }
  awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}

# time_query PORT SQL: average latency in ms over RUNS runs after a warm-up, or "failed".
time_query() {
  printf '%s;\n' "$2" >"$work/query.sql"
  psql_at "$1" "$2" >/dev/null || { echo failed; return; }
  local out
  out=$(pgbench_tps "$1" -t "$runs" -c 1 -f "$work/query.sql")
  [[ -n $out ]] && echo "${out#* }" || echo failed
}

# answer PORT SQL: md5 of the query's unaligned output.
answer() { psql_at "$1" "$2" | md5sum | cut -c1-12; }

awk -v n="$csv_rows" 'BEGIN {
  for (i = 1; i <= n; i++)
    printf "%d,%d,%d,%.2f,%s\n", i, i % 1000, (i * 7919) % 100000 + 1, ((i * 31) % 10007) / 100.0,
      strftime("%Y-%m-%d", mktime("2026 01 01 12 00 00") + (i % 365) * 86400, 1)
}' >"$work/sales.csv"
start_lumadb
start_postgres
lumadb_load=$(load "$lumadb_port")
pg_load=$(load "$pg_port")

echo "analytic_bench: scale $scale ($((scale * 100000)) accounts), $csv_rows sales rows, $runs runs per query"
describe_run
printf '%-20s %12s %12s %10s  %s\n' query "lumadb ms" "pg15 ms" pg/lumadb answers
printf '%-20s %12s %12s %10s\n' "load (s)" "$lumadb_load" "$pg_load" "$(ratio "$pg_load" "$lumadb_load")"
for entry in "${queries[@]}"; do
  name=${entry%%|*}
  sql=${entry#*|}
  lumadb_ms=$(time_query "$lumadb_port" "$sql")
  pg_ms=$(time_query "$pg_port" "$sql")
  same=differ
  [[ $(answer "$lumadb_port" "$sql") == "$(answer "$pg_port" "$sql")" ]] && same=same
  printf '%-20s %12s %12s %10s  %s\n' "$name" "$lumadb_ms" "$pg_ms" "$(ratio "$pg_ms" "$lumadb_ms")" "$same"
done
[[ $lumadb_load == failed || $pg_load == failed ]] && cat "$work/init.err" "$work/psql.err" >&2
exit 0
