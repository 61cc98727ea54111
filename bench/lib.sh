#!/usr/bin/env bash
# Shared by the bench/*.sh scripts (sourced, not run): a scratch directory, LumaDB and a private PostgreSQL
# 15 started side by side on free loopback ports, psql and pgbench helpers, ratios. Each script sets
# `bench_name` before sourcing; then it may use:
#   $repo $work $lumadb $pg_bin        the checkout, the scratch directory, the two servers' binaries
#   start_lumadb / start_postgres      set $lumadb_port / $pg_port (and $lumadb_pid); both stop at exit
#   psql_at PORT SQL...                runs each SQL, unaligned tuples only, stops at the first error
#   pgbench_tps PORT ARGS...           runs pgbench -n ARGS, prints "tps latency_ms" or nothing on failure
#   server_cpu_ms PORT                 CPU time the server on PORT has used so far (ms, children included)
#   ratio A B                          A / B with two decimals, "-" when either is not a positive number
#   describe_run                       prints the lumadb/postgres/machine header lines
# env: LUMADB_BINARY (default build/server/lumadb; use an optimised build), PG_BIN (default
#      /usr/lib/postgresql/15/bin).

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lumadb=${LUMADB_BINARY:-$repo/build/server/lumadb}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
work=$(mktemp -d "/tmp/${bench_name:-bench}.XXXXXX")
chmod 755 "$work"
lumadb_pid=""
pg_data="$work/pg"

# Runs under set -e: every step tolerates failure so that both servers stop and the directory goes.
# shellcheck disable=SC2317  # called by the EXIT trap
bench_cleanup() {
  if [[ -n $lumadb_pid ]]; then
    kill "$lumadb_pid" 2>/dev/null || true
    wait "$lumadb_pid" 2>/dev/null || true
  fi
  if [[ -f $pg_data/postmaster.pid ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null || true
  fi
  rm -rf "$work"
}
trap bench_cleanup EXIT

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

# pgbench_tps PORT ARGS...: runs `pgbench -n ARGS`; prints "tps latency_ms" as pgbench measured them
# (initial connection time excluded), or nothing when the run failed or a client aborted (pgbench's output
# is appended to $work/pgbench.err).
pgbench_tps() {
  local port=$1
  shift
  "$pg_bin/pgbench" -n "$@" -h 127.0.0.1 -p "$port" -U postgres postgres >"$work/pgbench.out" 2>&1 || true
  cat "$work/pgbench.out" >>"$work/pgbench.err"
  awk '/^latency average = / { lat = $4 }
       /^tps = .* \(without initial connection time\)$/ { tps = $3 }
       /Run was aborted|number of failed transactions: [1-9]/ { bad = 1 }
       END { if (tps != "" && !bad) print tps, lat }' "$work/pgbench.out"
}

# server_cpu_ms PORT: user + system CPU of the server process on PORT, with its reaped children's (a
# PostgreSQL backend's time reaches the postmaster when it exits), in ms.
server_cpu_ms() {
  local pid
  if [[ $1 == "${lumadb_port:-}" ]]; then
    pid=$lumadb_pid
  else
    pid=$(head -1 "$pg_data/postmaster.pid")
  fi
  # Fields 14-17 of /proc/PID/stat (after the parenthesised name): utime stime cutime cstime, in ticks.
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13 + $14 + $15) * 1000 / hz }' \
    "/proc/$pid/stat"
}

# ratio A B: A / B with two decimals, "-" when either is missing or not a number ("failed").
ratio() {
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN {
    num = "^[0-9]+([.][0-9]+)?$"
    if (a ~ num && b ~ num && a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-"
  }'
}

describe_run() {
  echo "lumadb: $lumadb ($("$lumadb" --version)), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "postgres: $("$pg_bin/postgres" --version), default settings"
  echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
