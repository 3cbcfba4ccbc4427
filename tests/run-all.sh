#!/usr/bin/env bash
# The test command from README.md: sets everything up on a fresh machine (or reuses the caches),
# then runs the tests of every lane:
#   main           LAMMPS 4 Feb 2025 + Kokkos 4.6.01 (Serial, OpenMP) in build/: the whole suite
#   newest-lammps  LAMMPS 4 Jul 2026 without KOKKOS and without LibTorch
#                  (EQUIPOT_ENABLE_TRAINING=OFF), in build/lanes/lammps-20260704: the
#                  single-point (decomposition), hybrid, bad-input tests and LAMMPS's pair-style
#                  tester, built-in style and plugin, the no-LibTorch ldd check and CLI messages
#   cuda           the core, the engine, their tests and equipot/kk compiled for CUDA
#                  (build/lanes/cuda; compiled only, there is no GPU here)
#   fuzz           libFuzzer targets with ASan and UBSan (build/lanes/fuzz, clang): a bounded
#                  run of each (EQUIPOT_FUZZ_SECONDS, default 60) and its regression inputs
#   sanitize       the engine, the CLI, their tests and the LAMMPS plugin (no LibTorch) under
#                  ASan and UBSan (build/lanes/sanitize): labels unit and model, and a LAMMPS
#                  subset in the main lane's plain LAMMPS, which loads the sanitized plugin
# EQUIPOT_LANES selects lanes (default: all five), e.g. EQUIPOT_LANES=main. Every lane is built
# before any test runs (a CUDA toolkit install must not happen under a running suite).
# Extra arguments go to the main lane's ctest (e.g. -L unit).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/cmake/bootstrap/common.sh"
build_dir=${EQUIPOT_BUILD_DIR:-$repo/build}
lanes=${EQUIPOT_LANES:-main newest-lammps cuda fuzz sanitize}
jobs=${EQUIPOT_JOBS:-$(nproc)}
start=$SECONDS

for lane in $lanes; do
  case $lane in
    main) bash "$repo/cmake/bootstrap/setup.sh" ;;
    newest-lammps) bash "$repo/cmake/bootstrap/lane-newest-lammps.sh" ;;
    cuda) bash "$repo/cmake/bootstrap/lane-cuda.sh" ;;
    fuzz) bash "$repo/cmake/bootstrap/lane-fuzz.sh" ;;
    sanitize) bash "$repo/cmake/bootstrap/lane-sanitize.sh" ;;
    *) die "EQUIPOT_LANES: unknown lane '$lane' (main, newest-lammps, cuda, fuzz, sanitize)" ;;
  esac
done
log "all lanes built in $((SECONDS - start)) s"

status=0
for lane in $lanes; do
  case $lane in
    main)
      log "lane main: ctest in $build_dir"
      (cd "$build_dir" && ctest --output-on-failure -j "$jobs" "$@") || status=1
      ;;
    newest-lammps)
      lane_dir=$build_dir/lanes/lammps-$LAMMPS_NEWEST_VERSION
      log "lane newest-lammps: single-point, bad-input and no-LibTorch tests in $lane_dir"
      (cd "$lane_dir" && ctest --output-on-failure -j "$jobs" \
        -R '^(lammps\.(build|setup|plain_build|single_point|mixed_precision|self_images|empty_subdomains|hybrid|lammps_pair_tester|bad_input|bad_input_plugin)|cli\.without_training)\.') \
        || status=1
      ;;
    fuzz)
      log "lane fuzz: bounded fuzz runs and regression inputs in $build_dir/lanes/fuzz"
      (cd "$build_dir/lanes/fuzz" && ctest --output-on-failure -j "$jobs") || status=1
      ;;
    sanitize)
      log "lane sanitize: labels unit and model and a LAMMPS subset under ASan and UBSan"
      (source "$repo/tests/sanitize/environment.sh" && cd "$build_dir/lanes/sanitize" &&
        ctest --output-on-failure -j "$jobs" -L 'unit|model' &&
        ctest --output-on-failure -j "$jobs" -L lammps \
          -R '^lammps\.(setup|single_point|hybrid|data_range|bad_input)\.') || status=1
      ;;
  esac
done
log "tests of lanes '$lanes' done in $((SECONDS - start)) s in all: $([ $status -eq 0 ] && echo passed || echo FAILED)"
exit $status
