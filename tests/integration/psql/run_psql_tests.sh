#!/usr/bin/env bash
# psql end-to-end tests: runs every sql/NAME.sql through `psql -X -a` against a fresh `lumadb serve -p 0` and
# compares the output (statements echoed, results, command tags, errors with LINE/caret) with expected/NAME.out.
#
# usage: run_psql_tests.sh LUMADB_BINARY [--generate]
#   LUMADB_TEST_EXTERNAL=host:port  run against that server instead (in a scratch database), e.g. the real
#                                   PostgreSQL 15; --generate then rewrites expected/ (only ever against PG 15).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
binary=${1:?usage: run_psql_tests.sh LUMADB_BINARY [--generate]}
generate=${2:-}
psql_bin=/usr/lib/postgresql/15/bin/psql
[[ -x $psql_bin ]] || psql_bin=psql
work=$(mktemp -d "${TMPDIR:-/tmp}/lumadb-psql-XXXXXX")
server_pid=
database=postgres

# psql's output depends on the locale and these session settings; pin them as the conformance runner does.
unset PGDATABASE PGSERVICE PGOPTIONS PGHOST PGPORT PGUSER PGPASSWORD
export LC_ALL=C PGCLIENTENCODING=UTF8 PGTZ=UTC PGDATESTYLE='ISO, MDY' PGCONNECT_TIMEOUT=10

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    local server_rc=0
    wait "$server_pid" || server_rc=$?
    if ((server_rc != 0)); then
      echo "FAIL: lumadb exited with $server_rc after SIGTERM (expected 0); log:" >&2
      cat "$work/server.log" >&2
      rc=1
    fi
  elif [[ $database != postgres ]]; then
    "$psql_bin" -X -q -h "$host" -p "$port" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database" || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

if [[ -n ${LUMADB_TEST_EXTERNAL:-} ]]; then
  host=${LUMADB_TEST_EXTERNAL%:*}
  port=${LUMADB_TEST_EXTERNAL##*:}
  database=lumadb_psql_$$
  "$psql_bin" -X -q -h "$host" -p "$port" -U postgres -d postgres -c "CREATE DATABASE $database"
else
  host=127.0.0.1
  "$binary" serve -D "$work/data" -p 0 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 600); do
    grep -q 'database system is ready to accept connections' "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { echo "FAIL: lumadb exited during start-up:" >&2; cat "$work/server.log" >&2; server_pid=; exit 1; }
    sleep 0.1
  done
  port=$(sed -n 's/.*listening on IPv4 address "[^"]*", port \([0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
  [[ -n $port ]] || { echo "FAIL: no port in the server log:" >&2; cat "$work/server.log" >&2; exit 1; }
fi

failed=0
for sql in "$here"/sql/*.sql; do
  name=$(basename "$sql" .sql)
  "$psql_bin" -X -a -h "$host" -p "$port" -U postgres -d "$database" <"$sql" >"$work/$name.out" 2>&1 || true
  if [[ $generate == --generate ]]; then
    cp "$work/$name.out" "$here/expected/$name.out"
    echo "generated expected/$name.out"
  elif diff -u "$here/expected/$name.out" "$work/$name.out"; then
    echo "PASS $name"
  else
    echo "FAIL $name"
    failed=1
  fi
done
exit "$failed"
