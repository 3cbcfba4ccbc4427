#!/usr/bin/env bash
# The test command from README.md: sets everything up on a fresh machine (or reuses the
# caches), then runs the whole ctest suite. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${EQUIPOT_BUILD_DIR:-$repo/build}

bash "$repo/cmake/bootstrap/setup.sh"
cd "$build_dir"
ctest --output-on-failure -j "${EQUIPOT_JOBS:-$(nproc)}" "$@"
