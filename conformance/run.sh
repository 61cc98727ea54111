#!/usr/bin/env bash
# Conformance: starts lumadb on a free port with a temporary data directory and scores it with the shared
# differential runner (../shared/conformance/run_conformance.py, never copied here) on
#   1. the shared PostgreSQL 15 corpus beside the checkout ($REPO/../shared/conformance), and
#   2. our own corpus in conformance/ (sql/own-*.sql, expected/ recorded on PostgreSQL 15; see README.md).
# Prints the per-tier totals and the final score line of each. The score never fails the run (CI prints it);
# the exit status is non-zero only when the server could not be started.
#
# usage: conformance/run.sh [LUMADB_BINARY]     (default: $LUMADB_BINARY, else build/server/lumadb)
# env:   LUMADB_TEST_EXTERNAL=host:port  score that server instead of starting one (e.g. the real PostgreSQL 15)
#        CONFORMANCE_JOBS (2), CONFORMANCE_TIMEOUT (seconds per script, 30), CONFORMANCE_ONLY (regex),
#        CONFORMANCE_BUDGET (seconds for the whole run, 1200: then the server is stopped, so the remaining
#        scripts fail fast and the score is still printed; keeps CI under its 30 minutes),
#        CONFORMANCE_RESULTS (directory for actual outputs and diffs; default: a new temporary directory)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=$repo/../shared/conformance
binary=${1:-${LUMADB_BINARY:-$repo/build/server/lumadb}}
jobs=${CONFORMANCE_JOBS:-2}
timeout=${CONFORMANCE_TIMEOUT:-30}
budget=${CONFORMANCE_BUDGET:-1200}
results=${CONFORMANCE_RESULTS:-$(mktemp -d "${TMPDIR:-/tmp}/lumadb-conformance-XXXXXX")}
work=$(mktemp -d "${TMPDIR:-/tmp}/lumadb-conf-server-XXXXXX")
server_pid=
watchdog_pid=

if [[ ! -f $shared/run_conformance.py ]]; then
  echo "conformance: SKIPPED: the shared corpus $shared is absent (it sits beside the checkout as ../shared)"
  exit 0
fi

# shellcheck disable=SC2317  # invoked by the EXIT trap
stop_server() {
  # The watchdog's sleep is a child of its subshell and holds our stdout open: end both.
  [[ -z $watchdog_pid ]] || { pkill -P "$watchdog_pid" 2>/dev/null; kill "$watchdog_pid" 2>/dev/null; } || true
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    local rc=0
    wait "$server_pid" || rc=$?
    if ((rc != 0)); then
      echo "conformance: WARNING: lumadb exited with status $rc after SIGTERM; the end of its log:"
      tail -n 20 "$work/server.log"
    fi
    server_pid=
  fi
}
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  stop_server
  ((rc != 0)) || rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

if [[ -n ${LUMADB_TEST_EXTERNAL:-} ]]; then
  host=${LUMADB_TEST_EXTERNAL%:*}
  port=${LUMADB_TEST_EXTERNAL##*:}
  echo "conformance: scoring the external server $host:$port"
else
  [[ -x $binary ]] || { echo "conformance: FAILED: no lumadb binary at $binary (build first)" >&2; exit 1; }
  host=127.0.0.1
  "$binary" serve -D "$work/data" -p 0 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 600); do
    grep -q 'database system is ready to accept connections' "$work/server.log" && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      server_pid=
      break
    fi
    sleep 0.1
  done
  port=$(sed -n 's/.*listening on IPv4 address "[^"]*", port \([0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
  if [[ -z $server_pid || -z $port ]] || ! grep -q 'ready to accept connections' "$work/server.log"; then
    echo "conformance: FAILED: lumadb did not start; its log:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  echo "conformance: lumadb ($binary) listening on port $port"
  (
    sleep "$budget"
    echo "conformance: WARNING: time budget of $budget s used up; stopping lumadb, the rest will fail"
    kill -TERM "$server_pid"
  ) &
  watchdog_pid=$!
fi

# Runs the shared runner over one corpus; its output is kept for the summary at the end.
score() {
  local label=$1 corpus=$2 log=$3
  shift 3
  echo
  echo "=== conformance: $label ($corpus) ==="
  PGHOST=$host PGPORT=$port PGUSER=postgres \
    python3 "$shared/run_conformance.py" "$corpus" --jobs "$jobs" --timeout "$timeout" \
    --results "$results/$label" --db-prefix "lumadb_conf_$$_" "$@" | as_score | tee "$log" || true
}

# The runner closes with "N passed, N failed", the line CI reads as a test-suite verdict; a conformance
# score is not one (most of the corpus is not implemented yet), so it is reworded.
as_score() {
  sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/score: \1 statement blocks match PostgreSQL 15, \2 do not yet/'
}

mkdir -p "$results"
only=()
[[ -z ${CONFORMANCE_ONLY:-} ]] || only=(--only "$CONFORMANCE_ONLY")
score shared "$shared" "$work/shared.log" "${only[@]}"
score own "$repo/conformance" "$work/own.log"

summary() {
  echo "$1:"
  grep -E '^(files:|tier [0-9]:|exact-text|score:)' "$2" | sed 's/^/  /' ||
    echo "  (no score: the runner did not finish)"
}
echo
echo "=== conformance summary (actual outputs and diffs in $results) ==="
summary "shared PostgreSQL 15 corpus" "$work/shared.log"
summary "own corpus (conformance/sql)" "$work/own.log"
if [[ -n $server_pid ]] && ! kill -0 "$server_pid" 2>/dev/null; then
  echo "conformance: WARNING: lumadb died during the run; the end of its log:"
  tail -n 20 "$work/server.log"
fi
