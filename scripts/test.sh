#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test:
#   1. unit and integration tests (ctest) on the normal build (build/),
#   2. crash tests (ctest -L crash: kill -9 and crash points under load, then recovery; tests/crash/),
#   3. the unit tests again under ASan+UBSan (build-asan/, -DLUMADB_SANITIZE=ON),
#   4. conformance (conformance/run.sh; prints the score, never fails on it).
# Prints a summary; exits non-zero if any step failed. Runs unattended (CI: bash .ci/run).
# env: LUMADB_BUILD_DIR (build), LUMADB_ASAN_BUILD_DIR (build-asan): build directories, relative to the repo.
# No `set -e`: a failing step must not hide the results of the others; step() records every exit status.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1
build=${LUMADB_BUILD_DIR:-build}
asan_build=${LUMADB_ASAN_BUILD_DIR:-build-asan}
declare -a summary=()
failed=0

# step NAME COMMAND...: runs one step, records PASS/FAIL and its wall time.
step() {
  local name=$1
  shift
  echo
  echo "===== $name ====="
  local start=$SECONDS
  if "$@"; then
    summary+=("PASS  $name ($((SECONDS - start)) s)")
  else
    summary+=("FAIL  $name ($((SECONDS - start)) s)")
    failed=1
  fi
}

step "install dependencies" scripts/install-deps.sh
step "build ($build/)" scripts/build.sh "$build"
step "unit + integration tests" ctest --test-dir "$build" --output-on-failure --timeout 600 -LE crash
# Bounded to a few minutes (LUMADB_CRASH_ROUNDS / LUMADB_CRASH_SECONDS run it longer locally).
step "crash tests" ctest --test-dir "$build" --verbose --timeout 900 -L crash  # -V: the per-round summaries
# Only the per-module unit tests run sanitized (sanitized builds cost ~4x the CPU; the integration tests would
# mostly measure start-up), so only their targets are built there.
sanitized_build() {
  cmake -S "$repo" -B "$asan_build" -G Ninja -DLUMADB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null || return 1
  local unit_targets
  unit_targets=$(ninja -C "$asan_build" -t targets all | sed -n 's/^\(test_[a-z]*\): .*/\1/p' | grep -vx test_integration |
    sort -u | tr '\n' ' ')
  LUMADB_TARGETS=$unit_targets scripts/build.sh "$asan_build"
}
step "build unit tests with ASan+UBSan ($asan_build/)" sanitized_build
step "unit tests under ASan+UBSan" ctest --test-dir "$asan_build" --output-on-failure --timeout 600 -LE 'integration|crash'
step "conformance" conformance/run.sh "$repo/$build/server/lumadb"

echo
echo "===== summary ====="
printf '%s\n' "${summary[@]}"
passes=$(printf '%s\n' "${summary[@]}" | grep -c '^PASS')
fails=$(printf '%s\n' "${summary[@]}" | grep -c '^FAIL')
if ((failed)); then
  echo "RESULT: FAILED"
else
  echo "RESULT: all tests passed"
fi
# The closing line CI reads: test steps, each of which fails on any failing test inside it.
echo "steps: $passes passed, $fails failed"
((failed == 0))
