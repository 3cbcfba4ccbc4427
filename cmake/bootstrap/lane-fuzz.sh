#!/usr/bin/env bash
# The fuzz lane: tests/fuzz (libFuzzer targets with AddressSanitizer and UndefinedBehaviorSanitizer)
# built with Debian's clang in <build>/lanes/fuzz. It needs no Kokkos, LibTorch or LAMMPS and
# takes about a minute; ctest there runs each target for EQUIPOT_FUZZ_SECONDS (default 60).
# Environment: EQUIPOT_BUILD_DIR, EQUIPOT_JOBS, EQUIPOT_FUZZ_SECONDS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/common.sh"

lane_dir=${EQUIPOT_BUILD_DIR:-$repo/build}/lanes/fuzz
jobs=${EQUIPOT_JOBS:-$(nproc)}
seconds=${EQUIPOT_FUZZ_SECONDS:-60}
command -v clang++ >/dev/null || die "clang++ is missing (cmake/bootstrap/install-debian-packages.sh installs clang)"
configure_build "$lane_dir" "compiler=$(clang++ --version | head -n 1)" \
  -S "$repo/tests/fuzz" "${CMAKE_BUILD_ARGS[@]}" -DCMAKE_CXX_COMPILER=clang++
cmake "$lane_dir" -DEQUIPOT_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$lane_dir" -j "$jobs"
log "fuzz lane built: $lane_dir"
