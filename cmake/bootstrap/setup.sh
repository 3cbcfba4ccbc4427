#!/usr/bin/env bash
# One-stop set-up on a fresh Debian 12 machine: Debian packages, LAMMPS and Kokkos sources,
# Kokkos, a plain LAMMPS for the plugin test, then equipot with LAMMPS in ./build
# (build/bin/lmp, build/bin/equipot).
# Every step skips work already done, so a second run takes seconds.
# Environment: EQUIPOT_CACHE (dependency cache, default ~/.cache/equipot),
#              EQUIPOT_BUILD_DIR (default <repo>/build), EQUIPOT_JOBS (default: all cores),
#              EQUIPOT_ARCH (-march= value, default native; empty for a portable build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/common.sh"

build_dir=${EQUIPOT_BUILD_DIR:-$repo/build}
jobs=${EQUIPOT_JOBS:-$(nproc)}
start=$SECONDS

bash "$here/install-debian-packages.sh"
bash "$here/fetch-sources.sh" "$LAMMPS_VERSION"
bash "$here/build-kokkos.sh"
bash "$here/build-plain-lammps.sh" "$LAMMPS_VERSION"

plain_lmp=$(plain_lammps_install_dir "$LAMMPS_VERSION")/bin/lmp
# Built for this machine's CPU (2.8x faster engine than the portable SSE2 default, docs/engine.md);
# EQUIPOT_ARCH= (empty) builds binaries that run on any x86-64.
arch=${EQUIPOT_ARCH-native}
configure_build "$build_dir" "kokkos=$KOKKOS_INSTALL_DIR lammps=$LAMMPS_SOURCE_DIR plain=$plain_lmp arch=$arch" \
  -S "$repo" "${CMAKE_BUILD_ARGS[@]}" \
  -DKokkos_ROOT="$KOKKOS_INSTALL_DIR" \
  -DLAMMPS_SOURCE_DIR="$LAMMPS_SOURCE_DIR" \
  -DEQUIPOT_PLAIN_LMP="$plain_lmp" \
  -DEQUIPOT_ARCH="$arch"
log "building in $build_dir with $jobs jobs"
cmake --build "$build_dir" -j "$jobs"
log "set-up done in $((SECONDS - start)) s: $build_dir/bin/lmp, $build_dir/bin/equipot"
