#!/usr/bin/env bash
# Runs one client test program against a fresh `lumadb serve -p 0`: initialises a scratch data directory with
# scram-sha-256 authentication (so every driver goes through its SCRAM exchange), starts the server, waits
# for "ready to accept connections", takes the port from its log, runs the command with
# PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE set and LUMADB_CLIENT_AUTH=scram-sha-256, then stops the server
# with SIGTERM (which must exit 0).
#
# usage: with_server.sh LUMADB_BINARY COMMAND [ARGS...]
#   LUMADB_TEST_EXTERNAL=host:port  run against that server instead, in a scratch database created and dropped
#                                   here, e.g. the real PostgreSQL 15, which proves the tests' expectations.
set -euo pipefail

binary=${1:?usage: with_server.sh LUMADB_BINARY COMMAND [ARGS...]}
shift
psql_bin=/usr/lib/postgresql/15/bin/psql
[[ -x $psql_bin ]] || psql_bin=psql
work=$(mktemp -d "${TMPDIR:-/tmp}/lumadb-client-XXXXXX")
server_pid=
database=postgres

unset PGSERVICE PGOPTIONS PGPASSWORD PGAPPNAME LUMADB_CLIENT_AUTH LUMADB_SERVER_CERT
# TZ: `lumadb init` records the machine's zone (as initdb); the expected values are in UTC.
export LC_ALL=C PGCONNECT_TIMEOUT=10 PGTZ=UTC TZ=UTC

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    local server_rc=0
    wait "$server_pid" || server_rc=$?
    if ((server_rc != 0)); then
      echo "FAIL: lumadb exited with $server_rc after SIGTERM (expected 0)" >&2
      rc=1
    fi
    if ((rc != 0)); then
      echo "--- server log (last 60 lines) ---" >&2
      tail -n 60 "$work/server.log" >&2
    fi
  elif [[ $database != postgres ]]; then
    "$psql_bin" -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database" || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

if [[ -n ${LUMADB_TEST_EXTERNAL:-} ]]; then
  export PGHOST=${LUMADB_TEST_EXTERNAL%:*} PGPORT=${LUMADB_TEST_EXTERNAL##*:}
  database=lumadb_client_$$
  "$psql_bin" -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $database"
else
  export PGPASSWORD=client-test-secret LUMADB_CLIENT_AUTH=scram-sha-256
  printf '%s\n' "$PGPASSWORD" >"$work/pwfile"
  "$binary" init -D "$work/data" --auth scram-sha-256 --pwfile "$work/pwfile" >"$work/server.log" 2>&1 ||
    { echo "FAIL: lumadb init failed:" >&2; cat "$work/server.log" >&2; exit 1; }
  "$binary" serve -D "$work/data" -p 0 2>>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 600); do
    grep -q 'database system is ready to accept connections' "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { echo "FAIL: lumadb exited during start-up:" >&2; cat "$work/server.log" >&2; server_pid=; exit 1; }
    sleep 0.1
  done
  port=$(sed -n 's/.*listening on IPv4 address "[^"]*", port \([0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
  [[ -n $port ]] || { echo "FAIL: no port in the server log:" >&2; cat "$work/server.log" >&2; exit 1; }
  # The certificate `lumadb init` wrote: clients verify the server with it (sslrootcert, ca).
  export PGHOST=127.0.0.1 PGPORT=$port LUMADB_SERVER_CERT=$work/data/server.crt
fi
export PGUSER=postgres PGDATABASE=$database LUMADB_CLIENT_WORK=$work

"$@"
