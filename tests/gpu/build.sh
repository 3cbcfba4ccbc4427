#!/usr/bin/env bash
# Builds the GPU programs on a machine without a GPU (a login node, or CI's machine) and packs
# them into BUNDLE, for tests/gpu/run.sh --bundle BUNDLE on a GPU node that has a CUDA driver but
# none of our build dependencies. Kokkos 4.6.01 Serial + CUDA (EQUIPOT_CUDA_ARCH, default
# HOPPER90), LAMMPS 4 Feb 2025 with KOKKOS and ML-SNAP (SNAP/kk is the GPU baseline), built
# without MPI (LAMMPS's serial stubs: one rank, one GPU) and without LibTorch, so that the bundle
# needs nothing the GPU node lacks:
#   BUNDLE/bin   lmp, equipot, equipot_unit_tests, equipot_engine_tests
#   BUNDLE/lib   our libraries and every shared library they load but the C library and the
#                CUDA driver (the node's own), found through LD_LIBRARY_PATH by run.sh
#   BUNDLE/snap  LAMMPS's SNAP Ta06A potential files (the GPU baseline's)
#   BUNDLE/build-info.txt   architecture, compiler, commit
# Usage: tests/gpu/build.sh BUNDLE
# Environment: as lane-cuda.sh (EQUIPOT_CACHE, EQUIPOT_SOURCE_CACHE, EQUIPOT_BUILD_DIR,
# EQUIPOT_JOBS, EQUIPOT_CUDA_ARCH, EQUIPOT_CUDA_ROOT). The LAMMPS KOKKOS package alone is about
# 120 CUDA compilations: about an hour on 2 cores the first time, seconds from ccache after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bootstrap=$repo/cmake/bootstrap
source "$bootstrap/common.sh"
source "$bootstrap/cuda-compiler.sh"

[ $# -eq 1 ] || die "usage: tests/gpu/build.sh BUNDLE"
bundle=$(mkdir -p "$1" && cd "$1" && pwd)
jobs=${EQUIPOT_JOBS:-$(nproc)}
start=$SECONDS

bash "$bootstrap/fetch-sources.sh" "$LAMMPS_VERSION"
bash "$bootstrap/build-kokkos.sh" cuda
kokkos_dir=$(kokkos_install_dir "cuda-$CUDA_COMPILER_KEY-$EQUIPOT_CUDA_ARCH")
lammps_dir=$(lammps_source_dir "$LAMMPS_VERSION")
build=${EQUIPOT_BUILD_DIR:-$repo/build}/lanes/gpu-bundle-$EQUIPOT_CUDA_ARCH
compiler=$kokkos_dir/bin/nvcc_wrapper
# Kokkos needs the CUDA driver library, which a machine without a GPU has only as the toolkit's
# link stub: every program links it (libcuda.so.1 at run time is the node's driver).
driver_stub=$(dirname "$(find "$CUDA_TOOLKIT_ROOT/" -path '*/stubs/libcuda.so' -print -quit)")
[ -d "$driver_stub" ] || die "no stubs/libcuda.so in the CUDA toolkit $CUDA_TOOLKIT_ROOT"
configure_build "$build" "kokkos=$kokkos_dir lammps=$lammps_dir compiler=$compiler flags=$CUDA_ARCH_FLAG bundle stub=$driver_stub" \
  -S "$repo" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_CXX_COMPILER="$compiler" -DCMAKE_CXX_FLAGS="$CUDA_ARCH_FLAG" \
  -DCMAKE_CXX_STANDARD_LIBRARIES="-L$driver_stub -lcuda" \
  -DKokkos_ROOT="$kokkos_dir" -DLAMMPS_SOURCE_DIR="$lammps_dir" -DEQUIPOT_ARCH= \
  -DEQUIPOT_ENABLE_TRAINING=OFF -DEQUIPOT_ENABLE_BENCHMARKS=OFF -DEQUIPOT_BUILD_PLUGIN=OFF \
  -DBUILD_MPI=OFF -DBUILD_OMP=OFF -DPKG_MANYBODY=OFF -DPKG_ML-SNAP=ON -DPKG_KOKKOS=ON \
  -DWITH_JPEG=OFF -DWITH_PNG=OFF -DWITH_FFMPEG=OFF -DWITH_GZIP=OFF -DWITH_CURL=OFF \
  -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST
programs=(lmp equipot equipot_unit_tests equipot_engine_tests)
log "building ${programs[*]} for $EQUIPOT_CUDA_ARCH with $jobs jobs"
cmake --build "$build" -j "$jobs" --target "${programs[@]}"

rm -rf "$bundle/bin" "$bundle/lib" "$bundle/snap"
mkdir -p "$bundle/bin" "$bundle/lib" "$bundle/snap"
cp "$lammps_dir"/examples/snap/Ta06A.snap* "$bundle/snap/"
for program in "${programs[@]}"; do
  cp "$build/bin/$program" "$bundle/bin/"
done
# Every library the programs load, but those of the C library and the driver, which must be
# the node's own.
for program in "${programs[@]}"; do
  ldd "$build/bin/$program" | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
done | sort -u | while read -r library; do
  case $(basename "$library") in
    libc.so.* | libm.so.* | libdl.so.* | librt.so.* | libpthread.so.* | ld-linux*.so.* | libcuda.so.*) ;;
    *) cp -L "$library" "$bundle/lib/" ;;
  esac
done
strip --strip-unneeded "$bundle"/bin/* "$bundle"/lib/*
{
  printf 'architecture %s (%s)\n' "$EQUIPOT_CUDA_ARCH" "$CUDA_ARCH_FLAG"
  printf 'compiler %s in %s\n' "$CUDA_COMPILER_KEY" "$CUDA_TOOLKIT_ROOT"
  printf 'commit %s\n' "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$bundle/build-info.txt"
log "bundle of $(du -sh "$bundle" | cut -f1) in $bundle ($((SECONDS - start)) s)"
