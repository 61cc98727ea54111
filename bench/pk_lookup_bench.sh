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

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-10}
lumadb=${LUMADB_BINARY:-$repo/build/server/lumadb}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
clients=${CLIENTS:-1 8}
scale=${SCALE:-10}
index_rows=${INDEX_ROWS:-1000000}
index_runs=${INDEX_RUNS:-3}

work=$(mktemp -d /tmp/pk-lookup-bench.XXXXXX)
chmod 755 "$work"
lumadb_pid=""
pg_data="$work/pg"
# Runs under set -e: every step tolerates failure so that both servers stop and the directory goes.
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [[ -n $lumadb_pid ]]; then
    kill "$lumadb_pid" 2>/dev/null || true
    wait "$lumadb_pid" 2>/dev/null || true
  fi
  if [[ -f $pg_data/postmaster.pid ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port, as the kernel hands one out.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_lumadb() {
  lumadb_port=$(free_port)
  "$lumadb" serve -D "$work/lumadb" -p "$lumadb_port" >"$work/lumadb.log" 2>&1 &
  lumadb_pid=$!
  for _ in $(seq 100); do
    grep -q "ready to accept connections" "$work/lumadb.log" && return 0
    sleep 0.1
  done
  echo "lumadb did not start:" >&2
  cat "$work/lumadb.log" >&2
  return 1
}

# PostgreSQL 15 with its default settings, except the port and the socket directory.
start_postgres() {
  pg_port=$(free_port)
  mkdir -p "$pg_data" "$work/pgsock"
  chown postgres "$pg_data" "$work/pgsock"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust >"$work/initdb.log" 2>&1
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pgsock/pg.log" -w \
    -o "-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1" start >/dev/null
}

# psql_at PORT SQL...: runs each SQL as its own -c, unaligned tuples only, stopping at the first error
# (then the status is non-zero); errors go to $work/psql.err.
psql_at() {
  local port=$1
  shift
  local args=()
  for sql in "$@"; do args+=(-c "$sql"); done
  "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "${args[@]}" \
    2>>"$work/psql.err"
}

# init_pgbench PORT: pgbench -i with server-side generation; prints pgbench's "done in ..." step timings,
# or "failed" (the reason is appended to $work/init.err).
init_pgbench() {
  "$pg_bin/pgbench" -i -I dtGvp -s "$scale" -h 127.0.0.1 -p "$1" -U postgres postgres >"$work/init.out" 2>&1 || true
  cat "$work/init.out" >>"$work/init.err"
  sed -n 's/^done in \(.*\)\.$/\1/p' "$work/init.out" | grep . || echo failed
}

# run_pgbench PORT CLIENTS: prints "tps latency_ms" as pgbench measured them (initial connection time
# excluded), or nothing when the run failed or a client aborted (pgbench's output is appended to
# $work/pgbench.err).
run_pgbench() {
  "$pg_bin/pgbench" -n -S -M simple -c "$2" -j "$2" -T "$seconds" \
    -h 127.0.0.1 -p "$1" -U postgres postgres >"$work/pgbench.out" 2>&1 || true
  cat "$work/pgbench.out" >>"$work/pgbench.err"
  awk '/^latency average = / { lat = $4 }
       /^tps = .* \(without initial connection time\)$/ { tps = $3 }
       /Run was aborted|number of failed transactions: [1-9]/ { bad = 1 }
       END { if (tps != "" && !bad) print tps, lat }' "$work/pgbench.out"
}

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

# ratio A B: A / B with two decimals, "-" when either is missing or not a number ("failed").
ratio() {
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN {
    num = "^[0-9]+([.][0-9]+)?$"
    if (a ~ num && b ~ num && a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-"
  }'
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
echo "lumadb: $lumadb ($("$lumadb" --version)), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "postgres: $("$pg_bin/postgres" --version), default settings"
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
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
