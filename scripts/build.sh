#!/usr/bin/env bash
# Configures and builds LumaDB with CMake + Ninja.
# usage: scripts/build.sh [BUILD_DIR [extra cmake -D options...]]   (default BUILD_DIR: build)
# env:   LUMADB_TARGETS="t1 t2"  build only these Ninja targets (default: all); LUMADB_BUILD_JOBS (2)
# ccache is keyed relative to the checkout (CCACHE_BASEDIR + CCACHE_NOHASHDIR), so a fresh clone at another
# path, as in CI, still hits the cache; see ../shared/notes/toolchain.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build}
shift || true
[[ $build_dir == /* ]] || build_dir=$repo/$build_dir

export CCACHE_BASEDIR=$repo
export CCACHE_NOHASHDIR=1
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Two cores are shared; more parallel compiles only raise peak memory (toolchain.md).
jobs=${LUMADB_BUILD_JOBS:-2}

cmake -S "$repo" -B "$build_dir" -G Ninja "$@"
read -r -a targets <<<"${LUMADB_TARGETS:-}"
ninja -C "$build_dir" -j "$jobs" "${targets[@]}"
