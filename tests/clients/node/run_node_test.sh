#!/usr/bin/env bash
# Installs pg, pg-cursor and pg-copy-streams exactly as package-lock.json pins them (npm ci, only when the lock
# changed since the last install) into INSTALL_DIR, then runs node_pg_test.js; meant to run under
# with_server.sh. The source tree stays free of node_modules.
# usage: run_node_test.sh INSTALL_DIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:?usage: run_node_test.sh INSTALL_DIR}
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "FAIL: node and npm are needed (scripts/install-deps.sh installs nodejs and npm)" >&2; exit 1; }
mkdir -p "$dir"
if ! cmp -s "$here/package-lock.json" "$dir/package-lock.json" || [[ ! -d $dir/node_modules ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
NODE_PATH=$dir/node_modules exec node "$here/node_pg_test.js"
