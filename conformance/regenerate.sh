#!/usr/bin/env bash
# Rebuilds our own conformance corpus from conformance/src/*.sql: adds the statement-block markers with the
# shared marker tool (sql/), then records the expected output (expected/) by running the scripts on the REAL
# PostgreSQL 15 through the shared runner's --generate mode, i.e. with exactly the psql flags it scores with.
#
# usage: conformance/regenerate.sh HOST:PORT      (a real PostgreSQL 15 with superuser postgres, trust auth)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=$here/../../shared/conformance
target=${1:?usage: regenerate.sh HOST:PORT of a real PostgreSQL 15}
[[ -f $shared/run_conformance.py ]] || { echo "regenerate: $shared not found" >&2; exit 1; }

version=$(psql -X -At -h "${target%:*}" -p "${target##*:}" -U postgres -d postgres -c 'SHOW server_version')
[[ $version == 15.* && $version != *LumaDB* ]] || { echo "regenerate: $target is not PostgreSQL 15 ($version)" >&2; exit 1; }

rm -f "$here"/sql/own-*.sql "$here"/expected/own-*.out
for src in "$here"/src/*.sql; do
  python3 "$shared/tools/mark_script.py" "$src" "$here/sql/$(basename "$src")"
done
PGHOST=${target%:*} PGPORT=${target##*:} PGUSER=postgres \
  python3 "$shared/run_conformance.py" "$here" --generate --db-prefix lumadb_own_gen_ --results "$(mktemp -d)"
