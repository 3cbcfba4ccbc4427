#!/usr/bin/env bash
# The newest-LAMMPS lane: LAMMPS 4 Jul 2026 with pair_style equipot built in (no KOKKOS package:
# that LAMMPS's KOKKOS needs Kokkos >= 5.1), our plugin, and a plain 2026 LAMMPS to load it into,
# in <build>/lanes/lammps-<version>. It is also the build without LibTorch
# (EQUIPOT_ENABLE_TRAINING=OFF: Torch is not even looked for), as a site that only runs MD builds
# it. Builds only what its LAMMPS tests need (lmp, equipot, the plugin, the bad-input tests'
# hostile-model writer, LAMMPS's pair-style tester); tests/run-all.sh runs the single-point,
# hybrid, bad-input, pair-style-tester and no-LibTorch tests there.
# Environment: as setup.sh (EQUIPOT_CACHE, EQUIPOT_BUILD_DIR, EQUIPOT_JOBS, EQUIPOT_ARCH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/common.sh"

version=$LAMMPS_NEWEST_VERSION
lane_dir=${EQUIPOT_BUILD_DIR:-$repo/build}/lanes/lammps-$version
jobs=${EQUIPOT_JOBS:-$(nproc)}
arch=${EQUIPOT_ARCH-native}
start=$SECONDS

bash "$here/fetch-sources.sh" "$version"
bash "$here/build-kokkos.sh"
bash "$here/build-plain-lammps.sh" "$version"

source_dir=$(lammps_source_dir "$version")
plain_lmp=$(plain_lammps_install_dir "$version")/bin/lmp
configure_build "$lane_dir" "kokkos=$KOKKOS_INSTALL_DIR lammps=$source_dir plain=$plain_lmp arch=$arch training=off" \
  -S "$repo" "${CMAKE_BUILD_ARGS[@]}" \
  -DKokkos_ROOT="$KOKKOS_INSTALL_DIR" \
  -DLAMMPS_SOURCE_DIR="$source_dir" \
  -DEQUIPOT_PLAIN_LMP="$plain_lmp" \
  -DEQUIPOT_ARCH="$arch" \
  -DEQUIPOT_ENABLE_BENCHMARKS=OFF \
  -DEQUIPOT_ENABLE_TRAINING=OFF \
  -DPKG_KOKKOS=OFF -DPKG_MANYBODY=OFF -DPKG_ML-SNAP=OFF
grep -q '^Torch_DIR' "$lane_dir/CMakeCache.txt" && die "$lane_dir: a build without training looked for Torch"
log "building lmp, equipot, the plugin and the LAMMPS tests' tools in $lane_dir with $jobs jobs"
cmake --build "$lane_dir" -j "$jobs" --target lmp equipot equipotplugin make_hostile_model equipot_lammps_pair_tester
log "LAMMPS $version lane built in $((SECONDS - start)) s: $lane_dir/bin/lmp"
