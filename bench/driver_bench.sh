#!/usr/bin/env bash
# driver_bench: issue 5's benchmark. pgbench select-only in -M simple and -M prepared and TPC-B in -M
# prepared with CLIENTS clients, and COPY of COPY_ROWS CSV rows, against LumaDB and a private PostgreSQL 15
# started on this machine in the same run; prints the figures side by side with the ratios, and the server
# CPU each transaction cost. A benchmark, not a test: it never fails on a number.
#
# usage: bench/driver_bench.sh [SECONDS]   (default 10 s per pgbench run)
# env:   LUMADB_BINARY, PG_BIN   as bench/lib.sh
#        CLIENTS    pgbench clients (default 8)
#        SCALE      pgbench scale factor, 100,000 accounts each (default 10)
#        COPY_ROWS  rows of the COPY test (default 1000000)
# Method:
#   pgbench -i -s SCALE                 plain initialisation (client-side generation through COPY)
#   pgbench -n -S -M MODE -c N -j N -T SECONDS          select-only, MODE simple and prepared
#   pgbench -n -M prepared -c N -j N -T SECONDS         TPC-B-like (the default script)
#   COPY copy_bench FROM STDIN (FORMAT csv) of COPY_ROWS rows "i,i % 100000,i % 10007 - 5000,filler i"
#   into (aid int, bid int, abalance int, filler text), timed as psql's wall time; rows/s shown.
#   Server CPU per transaction: the server's user + system time (PostgreSQL: the postmaster with its
#   exited backends) over the run, divided by the transactions pgbench reports.
set -euo pipefail

bench_name=driver-bench
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=${1:-10}
clients=${CLIENTS:-8}
scale=${SCALE:-10}
copy_rows=${COPY_ROWS:-1000000}

# run PORT ARGS...: one pgbench run; prints "tps cpu_us_per_transaction", or "failed -".
run() {
  local port=$1 before after out
  shift
  before=$(server_cpu_ms "$port")
  out=$(pgbench_tps "$port" "$@" -c "$clients" -j "$clients" -T "$seconds")
  sleep 0.5  # PostgreSQL's backends exit and are reaped after their clients disconnect
  after=$(server_cpu_ms "$port")
  [[ -z $out ]] && { echo "failed -"; return; }
  local tps=${out%% *}
  awk -v tps="$tps" -v cpu=$((after - before)) -v s="$seconds" 'BEGIN { printf "%.0f %.0f\n", tps, cpu * 1000 / (tps * s) }'
}

# copy_rows_per_s PORT: rows per second of COPY ... FROM STDIN of the CSV file, or "failed".
copy_rows_per_s() {
  psql_at "$1" "DROP TABLE IF EXISTS copy_bench" "CREATE TABLE copy_bench (aid int, bid int, abalance int, filler text)" ||
    { echo failed; return; }
  local start end
  start=$(date +%s%N)
  if ! "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres \
    -c "COPY copy_bench FROM STDIN (FORMAT csv)" <"$work/copy.csv" >/dev/null 2>>"$work/psql.err"; then
    echo failed
    return
  fi
  end=$(date +%s%N)
  [[ $(psql_at "$1" "SELECT count(*) FROM copy_bench") == "$copy_rows" ]] || { echo failed; return; }
  awk -v n="$copy_rows" -v ns=$((end - start)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }'
}

awk -v n="$copy_rows" 'BEGIN { for (i = 1; i <= n; i++) printf "%d,%d,%d,filler %d\n", i, i % 100000, i % 10007 - 5000, i }' \
  >"$work/copy.csv"
start_lumadb
start_postgres
declare -A init_s
for port in "$lumadb_port" "$pg_port"; do
  start=$(date +%s%N)
  if "$pg_bin/pgbench" -i -s "$scale" -h 127.0.0.1 -p "$port" -U postgres postgres >>"$work/init.err" 2>&1; then
    init_s[$port]=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
  else
    init_s[$port]=failed
  fi
done

echo "driver_bench: $clients clients, ${seconds} s per pgbench run, scale $scale; COPY of $copy_rows CSV rows"
describe_run
printf '%-26s %12s %12s %10s %14s %14s\n' workload lumadb pg15 lumadb/pg "lumadb cpu/tx" "pg15 cpu/tx"
# For a time the ratio is PostgreSQL / LumaDB, so above 1 means LumaDB is ahead, as for the rates.
printf '%-26s %12s %12s %10s\n' "pgbench -i (s)" "${init_s[$lumadb_port]}" "${init_s[$pg_port]}" \
  "$(ratio "${init_s[$pg_port]}" "${init_s[$lumadb_port]}")"
for workload in "select-only simple:-S -M simple" "select-only prepared:-S -M prepared" "tpc-b prepared:-M prepared"; do
  name=${workload%%:*}
  read -r -a args <<<"${workload#*:}"
  read -r lumadb_tps lumadb_cpu <<<"$(run "$lumadb_port" "${args[@]}")"
  read -r pg_tps pg_cpu <<<"$(run "$pg_port" "${args[@]}")"
  printf '%-26s %12s %12s %10s %11s us %11s us\n' "$name (tps)" "$lumadb_tps" "$pg_tps" \
    "$(ratio "$lumadb_tps" "$pg_tps")" "$lumadb_cpu" "$pg_cpu"
done
lumadb_copy=$(copy_rows_per_s "$lumadb_port")
pg_copy=$(copy_rows_per_s "$pg_port")
printf '%-26s %12s %12s %10s\n' "COPY csv (rows/s)" "$lumadb_copy" "$pg_copy" "$(ratio "$lumadb_copy" "$pg_copy")"
[[ ${init_s[$lumadb_port]} == failed || ${init_s[$pg_port]} == failed ]] && cat "$work/init.err" >&2
exit 0
