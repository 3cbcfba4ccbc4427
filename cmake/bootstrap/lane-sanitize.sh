#!/usr/bin/env bash
# The sanitizer lane: the engine, the CLI, their tests and the LAMMPS plugin, all compiled with
# GCC's AddressSanitizer and UndefinedBehaviorSanitizer, in <build>/lanes/sanitize. Without
# LibTorch (EQUIPOT_ENABLE_TRAINING=OFF: the trainer is not on the MD path, and its compile under
# the sanitizers took most of the lane's former 32 minutes) and without a LAMMPS of its own: the
# LAMMPS tests run the plain 4 Feb 2025 LAMMPS of the main lane, which loads the sanitized plugin
# (tests/CMakeLists.txt), so the lane compiles no LAMMPS source. equipot/kk's engine and adapter
# are the plain style's code on another device. tests/run-all.sh runs labels unit and model and a
# LAMMPS subset there under tests/sanitize/environment.sh.
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
bash "$here/build-plain-lammps.sh" "$LAMMPS_VERSION"
source_dir=$(lammps_source_dir "$LAMMPS_VERSION")
plain_lmp=$(plain_lammps_install_dir "$LAMMPS_VERSION")/bin/lmp
mkdir -p "$lane_dir"

# The LAMMPS of the lane's tests: the plain one, uninstrumented, with ASan's runtime preloaded
# into it alone (not into mpiexec, Python or the shell, whose own leaks are not ours), and
# keep_libraries_loaded.so, a dlclose that keeps libraries loaded (docs/testing.md,
# "Sanitizers"). verify_asan_link_order=0: the runtime is preloaded, not linked into lmp.
# fast_unwind_on_malloc=0: Open MPI and LAMMPS have no frame pointers, and the slow unwinder
# gives the full stacks through them that the suppressions match.
gcc -shared -fPIC -O2 -o "$lane_dir/keep_libraries_loaded.so" "$repo/tests/sanitize/keep_libraries_loaded.c"
lmp_under_asan=$lane_dir/lmp-under-asan
{
  echo '#!/bin/sh'
  echo "export LD_PRELOAD=\"$(gcc -print-file-name=libasan.so) $lane_dir/keep_libraries_loaded.so\""
  echo 'export ASAN_OPTIONS=verify_asan_link_order=0:fast_unwind_on_malloc=0'
  echo "exec \"$plain_lmp\" \"\$@\""
} > "$lmp_under_asan"
chmod +x "$lmp_under_asan"

# UBSan findings abort (no recovery) so that a test fails on them. -O1, as ASan's documentation
# advises: at -O3 each of the two engine files took over 10 minutes to compile under the
# sanitizers.
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
configure_build "$lane_dir" "kokkos=$KOKKOS_INSTALL_DIR lammps=$source_dir lmp=$lmp_under_asan flags=$sanitize -O1 training=off" \
  -S "$repo" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_CXX_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitize" -DCMAKE_SHARED_LINKER_FLAGS="$sanitize" \
  -DCMAKE_MODULE_LINKER_FLAGS="$sanitize" \
  -DKokkos_ROOT="$KOKKOS_INSTALL_DIR" \
  -DLAMMPS_SOURCE_DIR="$source_dir" \
  -DEQUIPOT_BUILD_LAMMPS=OFF \
  -DEQUIPOT_PLAIN_LMP="$lmp_under_asan" \
  -DEQUIPOT_ARCH= \
  -DEQUIPOT_ENABLE_BENCHMARKS=OFF \
  -DEQUIPOT_ENABLE_TRAINING=OFF
log "building the sanitizer lane in $lane_dir with $jobs jobs"
cmake --build "$lane_dir" -j "$jobs"
log "sanitizer lane built in $((SECONDS - start)) s: $lane_dir"
