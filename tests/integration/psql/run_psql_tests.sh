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
# tests/clients/with_server.sh starts a fresh server (or takes LUMADB_TEST_EXTERNAL's scratch database), exports
# PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE and a scratch LUMADB_CLIENT_WORK, and runs this script again inside.
if [[ -z ${LUMADB_CLIENT_WORK:-} ]]; then
  exec bash "$here/../../clients/with_server.sh" "$binary" bash "${BASH_SOURCE[0]}" "$binary" "$generate"
fi
work=$LUMADB_CLIENT_WORK

# psql's output depends on the locale and these session settings; pin them as the conformance runner does.
unset PGSERVICE PGOPTIONS
export LC_ALL=C PGCLIENTENCODING=UTF8 TZ=UTC PGTZ=UTC PGDATESTYLE='ISO, MDY' PGCONNECT_TIMEOUT=10

failed=0
for sql in "$here"/sql/*.sql; do
  name=$(basename "$sql" .sql)
  "$psql_bin" -X -a <"$sql" >"$work/$name.out" 2>&1 || true
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
