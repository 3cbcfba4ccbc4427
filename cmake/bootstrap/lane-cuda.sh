#!/usr/bin/env bash
# The CUDA compile lane: our code compiled for an NVIDIA GPU (EQUIPOT_CUDA_ARCH, default
# HOPPER90) with Kokkos 4.6.01 Serial + CUDA, compiled and never run (no GPU needed). Builds
# Kokkos (build-kokkos.sh cuda), configures equipot with LAMMPS 4 Feb 2025 in
# <build>/lanes/cuda with Kokkos' nvcc_wrapper as the C++ compiler, and builds only our own
# code: equipot_core, equipot_model, the unit and engine test programs, and the object of
# pair_equipot_kokkos.cpp and host_adapter.cpp inside the LAMMPS library. Exits non-zero on any compile error; every
# step skips work already done, so a warm rerun takes seconds.
# Environment: as setup.sh (EQUIPOT_CACHE, EQUIPOT_BUILD_DIR, EQUIPOT_JOBS), EQUIPOT_CUDA_ARCH,
# EQUIPOT_CUDA_ROOT (cuda-compiler.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/common.sh"
source "$here/cuda-compiler.sh"

lane_dir=${EQUIPOT_BUILD_DIR:-$repo/build}/lanes/cuda
jobs=${EQUIPOT_JOBS:-$(nproc)}
start=$SECONDS
step_start=$SECONDS
step_done() { log "$1: $((SECONDS - step_start)) s"; step_start=$SECONDS; }

bash "$here/build-kokkos.sh" cuda
step_done "Kokkos $KOKKOS_VERSION (CUDA, $EQUIPOT_CUDA_ARCH, $CUDA_COMPILER_KEY)"

kokkos_dir=$(kokkos_install_dir "cuda-$CUDA_COMPILER_KEY-$EQUIPOT_CUDA_ARCH")
lammps_dir=$(lammps_source_dir "$LAMMPS_VERSION")
[ -f "$lammps_dir/src/lammps.cpp" ] || die "no LAMMPS source in $lammps_dir (run fetch-sources.sh $LAMMPS_VERSION)"
compiler=$kokkos_dir/bin/nvcc_wrapper
# The architecture in CMAKE_CXX_FLAGS too: CMake's compiler checks run before Kokkos adds it.
# No -march: the host passes of a CUDA build stay portable. Test programs are listed when ctest
# runs, not after linking: without a CUDA driver they cannot start.
configure_build "$lane_dir" "kokkos=$kokkos_dir lammps=$lammps_dir compiler=$compiler flags=$CUDA_ARCH_FLAG discovery=PRE_TEST" \
  -S "$repo" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_CXX_COMPILER="$compiler" \
  -DCMAKE_CXX_FLAGS="$CUDA_ARCH_FLAG" \
  -DKokkos_ROOT="$kokkos_dir" \
  -DLAMMPS_SOURCE_DIR="$lammps_dir" \
  -DEQUIPOT_ARCH= \
  -DEQUIPOT_BUILD_PLUGIN=OFF \
  -DEQUIPOT_ENABLE_BENCHMARKS=OFF \
  -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST
step_done "configure (equipot + LAMMPS $LAMMPS_VERSION for CUDA, $EQUIPOT_CUDA_ARCH)"

log "building equipot_core, equipot_model, the unit and engine tests, pair_equipot_kokkos.cpp and host_adapter.cpp with $jobs jobs"
cmake --build "$lane_dir" -j "$jobs" --target equipot_core equipot_model equipot_unit_tests equipot_engine_tests
step_done "equipot libraries and test programs"
# The adapter as both styles instantiate it: on the CUDA device (equipot/kk) and on the host
# (pair_style equipot, compiled by nvcc_wrapper in a CUDA build too). Listed after the build
# above, which re-reads the source globs of a configured lane.
style_objects=$(ninja -C "$lane_dir" -t targets all | sed -n 's/^\(.*\(pair_equipot_kokkos\|host_adapter\)\.cpp\.o\): .*/\1/p')
[ "$(echo "$style_objects" | wc -w)" -eq 2 ] || die "no object targets for pair_equipot_kokkos.cpp and host_adapter.cpp in $lane_dir"
ninja -C "$lane_dir" -j "$jobs" $style_objects
step_done "pair_equipot_kokkos.cpp and host_adapter.cpp"
log "CUDA lane compiled in $((SECONDS - start)) s: $lane_dir"
