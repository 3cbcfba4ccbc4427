#!/usr/bin/env bash
# The sanitizer lane: the engine, the CLI, their tests and LAMMPS 4 Feb 2025 with pair_style
# equipot built in (no KOKKOS package: it would double the lane's compile time; equipot/kk's
# engine is the same code as the plain style's), all compiled with GCC's AddressSanitizer and
# UndefinedBehaviorSanitizer, in <build>/lanes/sanitize. tests/run-all.sh runs labels unit and
# model and a LAMMPS subset there under tests/sanitize/environment.sh.
# Environment: as setup.sh (EQUIPOT_CACHE, EQUIPOT_BUILD_DIR, EQUIPOT_JOBS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/common.sh"

lane_dir=${EQUIPOT_BUILD_DIR:-$repo/build}/lanes/sanitize
jobs=${EQUIPOT_JOBS:-$(nproc)}
start=$SECONDS

bash "$here/fetch-sources.sh" "$LAMMPS_VERSION"
bash "$here/build-kokkos.sh"
source_dir=$(lammps_source_dir "$LAMMPS_VERSION")
# UBSan findings abort (no recovery) so that a test fails on them. AddressSanitizer brings its
# own malloc, so the training programs keep the C library's instead of jemalloc.
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
configure_build "$lane_dir" "kokkos=$KOKKOS_INSTALL_DIR lammps=$source_dir flags=$sanitize" \
  -S "$repo" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_CXX_FLAGS="$sanitize" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitize" -DCMAKE_SHARED_LINKER_FLAGS="$sanitize" \
  -DKokkos_ROOT="$KOKKOS_INSTALL_DIR" \
  -DLAMMPS_SOURCE_DIR="$source_dir" \
  -DEQUIPOT_ARCH= \
  -DEQUIPOT_BUILD_PLUGIN=OFF \
  -DEQUIPOT_ENABLE_BENCHMARKS=OFF \
  -DEQUIPOT_TRAINING_ALLOCATOR=system \
  -DPKG_KOKKOS=OFF -DPKG_MANYBODY=OFF -DPKG_ML-SNAP=OFF
log "building the sanitizer lane in $lane_dir with $jobs jobs"
cmake --build "$lane_dir" -j "$jobs"
# The LAMMPS runs preload a dlclose that keeps libraries loaded (tests/sanitize/lammps_environment.sh).
gcc -shared -fPIC -O2 -o "$lane_dir/keep_libraries_loaded.so" "$repo/tests/sanitize/keep_libraries_loaded.c"
log "sanitizer lane built in $((SECONDS - start)) s: $lane_dir"
