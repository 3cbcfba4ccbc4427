#!/usr/bin/env bash
# Builds and installs Kokkos (Serial + OpenMP, shared, C++17) into the version-keyed cache.
# Shared so that LAMMPS, our library and a plugin loaded at run time see one Kokkos.
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ -f "$KOKKOS_INSTALL_DIR/lib/cmake/Kokkos/KokkosConfig.cmake" ]; then
  log "Kokkos $KOKKOS_VERSION present in $KOKKOS_INSTALL_DIR"
  exit 0
fi
[ -f "$KOKKOS_SOURCE_DIR/CMakeLists.txt" ] || die "no Kokkos source in $KOKKOS_SOURCE_DIR (run fetch-sources.sh)"

build_dir=$EQUIPOT_CACHE/build/kokkos-$KOKKOS_VERSION-$KOKKOS_BACKENDS
log "building Kokkos $KOKKOS_VERSION ($KOKKOS_BACKENDS) in $build_dir"
cmake -S "$KOKKOS_SOURCE_DIR" -B "$build_dir" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_CXX_COMPILER=g++ \
  -DCMAKE_CXX_STANDARD=17 \
  -DCMAKE_CXX_EXTENSIONS=OFF \
  -DCMAKE_INSTALL_PREFIX="$KOKKOS_INSTALL_DIR" \
  -DCMAKE_INSTALL_LIBDIR=lib \
  -DBUILD_SHARED_LIBS=ON \
  -DKokkos_ENABLE_SERIAL=ON \
  -DKokkos_ENABLE_OPENMP=ON \
  -DKokkos_ENABLE_TESTS=OFF \
  -DKokkos_ENABLE_EXAMPLES=OFF
cmake --build "$build_dir" -j "$(nproc)"
cmake --install "$build_dir"
log "Kokkos $KOKKOS_VERSION installed in $KOKKOS_INSTALL_DIR"
