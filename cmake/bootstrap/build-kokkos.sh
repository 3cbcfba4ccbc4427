#!/usr/bin/env bash
# Builds and installs Kokkos into the version-keyed cache, shared and C++17 (one Kokkos for
# LAMMPS, our library and a plugin loaded at run time).
# Usage: build-kokkos.sh [serial-openmp | cuda]
#   serial-openmp  the CPU stack every test runs on (default)
#   cuda           Serial + CUDA for EQUIPOT_CUDA_ARCH, compiled with nvcc_wrapper (cuda-compiler.sh
#                  picks nvcc and its host compiler); used to compile our code for GPUs, not to run it
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

backends=${1:-serial-openmp}
backend_args=()
case $backends in
  serial-openmp)
    install_dir=$(kokkos_install_dir serial-openmp)
    backend_args=(-DCMAKE_CXX_COMPILER=g++ -DKokkos_ENABLE_SERIAL=ON -DKokkos_ENABLE_OPENMP=ON)
    ;;
  cuda)
    source "$here/cuda-compiler.sh"
    install_dir=$(kokkos_install_dir "cuda-$CUDA_COMPILER_KEY-$EQUIPOT_CUDA_ARCH")
    if [ "$CUDA_VERSION_MAJOR" -ge 13 ]; then  # Kokkos 4.6.01 predates CUDA 13's API changes
      patched=$KOKKOS_SOURCE_DIR-cuda13
      if [ ! -f "$patched/CMakeLists.txt" ] && [ ! -f "$install_dir/lib/cmake/Kokkos/KokkosConfig.cmake" ]; then
        [ -f "$KOKKOS_SOURCE_DIR/CMakeLists.txt" ] || die "no Kokkos source in $KOKKOS_SOURCE_DIR (run fetch-sources.sh)"
        rm -rf "$patched.tmp"
        cp -a "$KOKKOS_SOURCE_DIR" "$patched.tmp"
        patch -d "$patched.tmp" -p1 --forward < "$here/patches/kokkos-$KOKKOS_VERSION-cuda13.patch"
        mv "$patched.tmp" "$patched"
      fi
      KOKKOS_SOURCE_DIR=$patched
    fi
    # The architecture in CMAKE_CXX_FLAGS too: CMake's compiler checks run before Kokkos adds it.
    backend_args=(-DCMAKE_CXX_COMPILER="$KOKKOS_SOURCE_DIR/bin/nvcc_wrapper" -DCMAKE_CXX_FLAGS="$CUDA_ARCH_FLAG"
                  -DKokkos_ENABLE_SERIAL=ON -DKokkos_ENABLE_CUDA=ON "-DKokkos_ARCH_${EQUIPOT_CUDA_ARCH}=ON"
                  -DKokkos_ENABLE_CUDA_LAMBDA=ON -DCUDAToolkit_ROOT="$CUDA_TOOLKIT_ROOT")
    ;;
  *) die "build-kokkos.sh: unknown backends '$backends' (serial-openmp or cuda)" ;;
esac

if [ -f "$install_dir/lib/cmake/Kokkos/KokkosConfig.cmake" ]; then
  log "Kokkos $KOKKOS_VERSION ($backends) present in $install_dir"
  exit 0
fi
[ -f "$KOKKOS_SOURCE_DIR/CMakeLists.txt" ] || die "no Kokkos source in $KOKKOS_SOURCE_DIR (run fetch-sources.sh)"

build_dir=$EQUIPOT_CACHE/build/$(basename "$install_dir")
log "building Kokkos $KOKKOS_VERSION ($backends) in $build_dir"
cmake -S "$KOKKOS_SOURCE_DIR" -B "$build_dir" "${CMAKE_BUILD_ARGS[@]}" "${backend_args[@]}" \
  -DCMAKE_CXX_STANDARD=17 \
  -DCMAKE_CXX_EXTENSIONS=OFF \
  -DCMAKE_INSTALL_PREFIX="$install_dir" \
  -DCMAKE_INSTALL_LIBDIR=lib \
  -DBUILD_SHARED_LIBS=ON \
  -DKokkos_ENABLE_TESTS=OFF \
  -DKokkos_ENABLE_EXAMPLES=OFF
cmake --build "$build_dir" -j "$(nproc)"
cmake --install "$build_dir"
rm -rf "$build_dir"
log "Kokkos $KOKKOS_VERSION ($backends) installed in $install_dir"
