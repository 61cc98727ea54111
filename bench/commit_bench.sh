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

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-10}
lumadb=${LUMADB_BINARY:-$repo/build/server/lumadb}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
clients=${CLIENTS:-1 8}

work=$(mktemp -d /tmp/commit-bench.XXXXXX)
chmod 755 "$work"
lumadb_pid=""
pg_data="$work/pg"
cleanup() {
  [[ -n $lumadb_pid ]] && kill "$lumadb_pid" 2>/dev/null && wait "$lumadb_pid" 2>/dev/null
  [[ -f $pg_data/postmaster.pid ]] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null
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

# run_pgbench PORT CLIENTS: prints the tps pgbench measured (initial connection time excluded).
run_pgbench() {
  "$pg_bin/pgbench" -n -M simple -f "$work/insert.sql" -c "$2" -j "$2" -T "$seconds" \
    -h 127.0.0.1 -p "$1" -U postgres postgres 2>"$work/pgbench.err" |
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p'
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
  psql_at() { "$pg_bin/psql" -X -q -At -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "$1" 2>/dev/null; }
  psql_at "CREATE TABLE bench_commit (id int, payload text)" >/dev/null
  durability[$port]="fsync=$(psql_at 'SHOW fsync' || echo '?'), synchronous_commit=$(psql_at 'SHOW synchronous_commit' || echo '?')"
done

echo "commit_bench: one-row autocommit INSERT, ${seconds} s per run"
echo "lumadb: $lumadb ($("$lumadb" --version)), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'), ${durability[$lumadb_port]}"
echo "postgres: $("$pg_bin/postgres" --version), default settings, ${durability[$pg_port]}"
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-8s %14s %14s %10s\n' clients "lumadb tps" "pg15 tps" "lumadb/pg"
for n in $clients; do
  lumadb_tps=$(run_pgbench "$lumadb_port" "$n")
  pg_tps=$(run_pgbench "$pg_port" "$n")
  ratio=$(awk -v a="${lumadb_tps:-0}" -v b="${pg_tps:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  printf '%-8s %14s %14s %10s\n' "$n" "${lumadb_tps:-failed}" "${pg_tps:-failed}" "$ratio"
  [[ -z $lumadb_tps || -z $pg_tps ]] && cat "$work/pgbench.err" >&2
done
