#!/usr/bin/env bash
# Installs what is missing, builds, and runs LumaDB in the foreground on the default data directory
# ./lumadb-data (initialised on first start), port 5432 on 127.0.0.1. Extra arguments go to `lumadb serve`,
# e.g. scripts/start.sh -p 5433 -c shared_buffers=64MB. Stop it with Ctrl-C or SIGTERM.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/install-deps.sh"
"$repo/scripts/build.sh" build
exec "$repo/build/server/lumadb" serve -D ./lumadb-data "$@"
