#!/usr/bin/env bash
# pk_lookup_bench: point lookups by primary key (pgbench -S, select-only) on pgbench_accounts at scale 10
# (1,000,000 rows) with 1 and with 8 clients, and the time of CREATE INDEX on 1,000,000 rows, against
# LumaDB and a private PostgreSQL 15 started on this machine in the same run; prints the figures side by
# side with the ratios. A benchmark, not a test: it never fails on a number.
#
# usage: bench/pk_lookup_bench.sh [SECONDS]   (default 10 s per pgbench run)
# env:   LUMADB_BINARY  the server to measure (default build/server/lumadb; use an optimised build)
#        PG_BIN         PostgreSQL 15's bin directory (default /usr/lib/postgresql/15/bin)
#        CLIENTS        client counts to run (default "1 8")
#        SCALE          pgbench scale factor, 100,000 accounts each (default 10)
#        INDEX_ROWS     rows of the CREATE INDEX table (default 1000000)
#        INDEX_RUNS     CREATE INDEX repetitions, the median is shown (default 3)
# Method (issue 4):
#   pgbench -i -I dtGvp -s SCALE            drop, create tables, server-side generate (INSERT ... SELECT
#                                           FROM generate_series), vacuum, primary keys
#   pgbench -n -S -M simple -T SECONDS -c N -j N
#                                           each transaction: SELECT abalance FROM pgbench_accounts
#                                           WHERE aid = :aid, aid uniform in 1 .. 100000 * SCALE
#   CREATE TABLE k (a int, b int); INSERT INTO k SELECT g, g FROM generate_series(1, INDEX_ROWS) g;
#   then INDEX_RUNS times: CREATE INDEX k_a ON k (a) timed by psql's \timing (client wall time), DROP INDEX.
set -euo pipefail

bench_name=pk-lookup-bench
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=${1:-10}
clients=${CLIENTS:-1 8}
scale=${SCALE:-10}
index_rows=${INDEX_ROWS:-1000000}
index_runs=${INDEX_RUNS:-3}

# init_pgbench PORT: pgbench -i with server-side generation; prints pgbench's "done in ..." step timings,
# or "failed" (the reason is appended to $work/init.err).
init_pgbench() {
  "$pg_bin/pgbench" -i -I dtGvp -s "$scale" -h 127.0.0.1 -p "$1" -U postgres postgres >"$work/init.out" 2>&1 || true
  cat "$work/init.out" >>"$work/init.err"
  sed -n 's/^done in \(.*\)\.$/\1/p' "$work/init.out" | grep . || echo failed
}

# run_pgbench PORT CLIENTS: select-only in the simple protocol; "tps latency_ms" or nothing.
run_pgbench() { pgbench_tps "$1" -S -M simple -c "$2" -j "$2" -T "$seconds"; }

# create_index_ms PORT: the median CREATE INDEX time in ms over INDEX_RUNS runs on a fresh INDEX_ROWS-row
# table, or "failed".
create_index_ms() {
  psql_at "$1" "DROP TABLE IF EXISTS k" "CREATE TABLE k (a int, b int)" \
    "INSERT INTO k SELECT g, g FROM generate_series(1, $index_rows) g" >/dev/null || true
  local times=()
  for _ in $(seq "$index_runs"); do
    local out t
    # psql's \timing also times a statement that fails, so a failed CREATE INDEX must not yield a time.
    out=$(psql_at "$1" '\timing on' "CREATE INDEX k_a ON k (a)") || out=""
    t=$(sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' <<<"$out")
    psql_at "$1" "DROP INDEX IF EXISTS k_a" >/dev/null || true
    [[ -z $t ]] && { echo failed; return; }
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'
}

start_lumadb
start_postgres
declare -A init_steps plan check
# The same rows on both: the count, the sums, and a few lookups through the primary key.
check_sql="SELECT count(*), sum(aid), sum(bid), sum(abalance) FROM pgbench_accounts"
lookup_sql="SELECT aid, bid, abalance FROM pgbench_accounts WHERE aid = 1 OR aid = 99999 OR aid = $((100000 * scale))"
for port in "$lumadb_port" "$pg_port"; do
  init_steps[$port]=$(init_pgbench "$port")
  check[$port]="$(psql_at "$port" "$check_sql" "SELECT * FROM ($lookup_sql) s ORDER BY aid" | tr '\n' ' ' || true)"
  plan[$port]=$(psql_at "$port" "EXPLAIN (COSTS OFF) SELECT abalance FROM pgbench_accounts WHERE aid = 7" | head -1 || true)
done

echo "pk_lookup_bench: pgbench -S -M simple at scale $scale ($((100000 * scale)) rows), ${seconds} s per run;" \
  "CREATE INDEX on $index_rows rows, median of $index_runs"
describe_run
echo "pgbench -i -I dtGvp: lumadb ${init_steps[$lumadb_port]}"
echo "                     pg15   ${init_steps[$pg_port]}"
echo "plan of the lookup:  lumadb ${plan[$lumadb_port]:-failed}"
echo "                     pg15   ${plan[$pg_port]:-failed}"
if [[ -n ${check[$pg_port]} && ${check[$lumadb_port]} == "${check[$pg_port]}" ]]; then
  echo "data check:          same rows on both (${check[$pg_port]})"
else
  echo "data check:          DIFFERENT: lumadb (${check[$lumadb_port]}) pg15 (${check[$pg_port]})"
fi
[[ ${init_steps[$lumadb_port]} == failed || ${init_steps[$pg_port]} == failed ]] && cat "$work/init.err" >&2

printf '%-8s %14s %14s %10s %12s %12s\n' clients "lumadb tps" "pg15 tps" "lumadb/pg" "lumadb ms" "pg15 ms"
for n in $clients; do
  read -r lumadb_tps lumadb_lat <<<"$(run_pgbench "$lumadb_port" "$n")" || true
  read -r pg_tps pg_lat <<<"$(run_pgbench "$pg_port" "$n")" || true
  printf '%-8s %14s %14s %10s %12s %12s\n' "$n" "${lumadb_tps:-failed}" "${pg_tps:-failed}" \
    "$(ratio "${lumadb_tps:-}" "${pg_tps:-}")" "${lumadb_lat:--}" "${pg_lat:--}"
  [[ -z ${lumadb_tps:-} || -z ${pg_tps:-} ]] && cat "$work/pgbench.err" >&2
done

lumadb_index=$(create_index_ms "$lumadb_port")
pg_index=$(create_index_ms "$pg_port")
# For a time the ratio is PostgreSQL / LumaDB, so above 1 means LumaDB is faster, as for the tps ratio.
printf '%-22s %10s %10s %10s\n' "CREATE INDEX" "lumadb ms" "pg15 ms" "pg/lumadb"
printf '%-22s %10s %10s %10s\n' "$index_rows rows" "$lumadb_index" "$pg_index" "$(ratio "$pg_index" "$lumadb_index")"
[[ $lumadb_index == failed || $pg_index == failed ]] && cat "$work/psql.err" >&2
exit 0
