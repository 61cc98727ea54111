#!/usr/bin/env bash
# commit_bench: commits per second of one-row autocommit INSERTs (synchronous_commit on, fsync on) with 1 and
# with 8 clients, against LumaDB and a private PostgreSQL 15 started on this machine in the same run; prints
# the figures side by side with the ratios. A benchmark, not a test: it never fails on a number.
#
# usage: bench/commit_bench.sh [SECONDS]   (default 10 s per run)
# env:   LUMADB_BINARY  the server to measure (default build/server/lumadb; use an optimised build)
#        PG_BIN         PostgreSQL 15's bin directory (default /usr/lib/postgresql/15/bin)
#        CLIENTS        client counts to run (default "1 8")
# Method (docs/performance.md): pgbench -n -M simple -f <script> -c N -j N -T SECONDS, the script being
#   \set id random(1, 1000000000)
#   INSERT INTO bench_commit VALUES (:id, 'commit-bench');
# so every transaction is one autocommit INSERT that must reach disk before its CommandComplete.
set -euo pipefail

bench_name=commit-bench
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=${1:-10}
clients=${CLIENTS:-1 8}

# run_pgbench PORT CLIENTS: prints the tps of the insert script (initial connection time excluded).
run_pgbench() {
  local out
  out=$(pgbench_tps "$1" -M simple -f "$work/insert.sql" -c "$2" -j "$2" -T "$seconds")
  echo "${out%% *}"
}

cat >"$work/insert.sql" <<'EOF'
\set id random(1, 1000000000)
INSERT INTO bench_commit VALUES (:id, 'commit-bench');
EOF

start_lumadb
start_postgres
# Both run with their defaults, which are fsync=on and synchronous_commit=on: shown, not assumed (a server
# that does not know a setting yet shows "?").
declare -A durability
for port in "$lumadb_port" "$pg_port"; do
  psql_at "$port" "CREATE TABLE bench_commit (id int, payload text)" >/dev/null
  durability[$port]="fsync=$(psql_at "$port" 'SHOW fsync' || echo '?'), synchronous_commit=$(psql_at "$port" 'SHOW synchronous_commit' || echo '?')"
done

echo "commit_bench: one-row autocommit INSERT, ${seconds} s per run"
describe_run
echo "durability: lumadb ${durability[$lumadb_port]}; pg15 ${durability[$pg_port]}"
printf '%-8s %14s %14s %10s\n' clients "lumadb tps" "pg15 tps" "lumadb/pg"
for n in $clients; do
  lumadb_tps=$(run_pgbench "$lumadb_port" "$n")
  pg_tps=$(run_pgbench "$pg_port" "$n")
  printf '%-8s %14s %14s %10s\n' "$n" "${lumadb_tps:-failed}" "${pg_tps:-failed}" "$(ratio "$lumadb_tps" "$pg_tps")"
  [[ -z $lumadb_tps || -z $pg_tps ]] && cat "$work/pgbench.err" >&2
done
