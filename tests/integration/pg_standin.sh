#!/usr/bin/env bash
# A stand-in for `lumadb serve -D DIR -p 0 [-c name=value]...` that runs the real PostgreSQL 15 instead, so
# the harness's own spawn/stop/restart path (and the restart tests that skip under LUMADB_TEST_EXTERNAL) can
# be proven against PostgreSQL:  LUMADB_BINARY=tests/integration/pg_standin.sh build/tests/integration/...
# PostgreSQL logs the same "listening on IPv4 address" and "ready to accept connections" lines lumadb does.
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin
[[ ${1:-} == serve ]] || { echo "pg_standin: only 'serve' is supported" >&2; exit 2; }
shift
data_dir=./lumadb-data
port=5432
settings=()
while (($#)); do
  case $1 in
    -D) data_dir=$2; shift 2 ;;
    -p) port=$2; shift 2 ;;
    -c) settings+=(-c "$2"); shift 2 ;;
    *) echo "pg_standin: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ $port == 0 ]]; then
  # PostgreSQL cannot bind port 0; take a free one from the kernel (racy, but fine for a test tool).
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi

run_as=()
if ((EUID == 0)); then
  # postgres refuses to run as root: hand the directory to the postgres user and drop privileges in place
  # (setpriv execs, so SIGTERM from the harness reaches the postmaster directly).
  mkdir -p "$data_dir"
  chmod 755 "$(dirname "$data_dir")"
  chown postgres: "$data_dir"
  run_as=(setpriv --reuid=postgres --regid=postgres --init-groups)
fi
if [[ ! -f $data_dir/PG_VERSION ]]; then
  "${run_as[@]}" "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust --locale=C -E UTF8 >/dev/null
fi
exec "${run_as[@]}" "$pg_bin/postgres" -D "$data_dir" -p "$port" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories= -c fsync=off -c TimeZone=UTC -c DateStyle='ISO, MDY' -c lc_messages=C "${settings[@]}"
