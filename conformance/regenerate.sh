#!/usr/bin/env bash
# Rebuilds our own conformance corpus in place: renumbers the statement-block markers of conformance/sql/*.sql
# (strips the old ones, so new statements may be written without any, and re-marks with the shared marker
# tool), then records the expected output (expected/) by running the scripts on the REAL PostgreSQL 15
# through the shared runner's --generate mode, i.e. with exactly the psql flags it scores with.
#
# usage: conformance/regenerate.sh HOST:PORT      (a real PostgreSQL 15 with superuser postgres, trust auth)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=$here/../../shared/conformance
target=${1:?usage: regenerate.sh HOST:PORT of a real PostgreSQL 15}
[[ -f $shared/run_conformance.py ]] || { echo "regenerate: $shared not found" >&2; exit 1; }

version=$(psql -X -At -h "${target%:*}" -p "${target##*:}" -U postgres -d postgres -c 'SHOW server_version')
[[ $version == 15.* && $version != *LumaDB* ]] || { echo "regenerate: $target is not PostgreSQL 15 ($version)" >&2; exit 1; }

plain=$(mktemp -d)
trap 'rm -rf "$plain"' EXIT
for script in "$here"/sql/own-*.sql; do
  # The inverse of mark_script.py: its "-- setup: NAME" first line and its "-- @@ N tT[ u] @@" lines.
  sed -E -e '1{/^-- setup: /d}' -e '/^-- @@ [0-9]+ (t[0-9]|--)( u)? @@$/d' "$script" >"$plain/$(basename "$script")"
done
rm -f "$here"/expected/own-*.out
for script in "$plain"/*.sql; do
  python3 "$shared/tools/mark_script.py" "$script" "$here/sql/$(basename "$script")"
done
PGHOST=${target%:*} PGPORT=${target##*:} PGUSER=postgres \
  python3 "$shared/run_conformance.py" "$here" --generate --db-prefix lumadb_own_gen_ --results "$(mktemp -d)"
