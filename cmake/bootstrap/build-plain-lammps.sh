#!/usr/bin/env bash
# Builds and installs a plain LAMMPS: the same version and size/exception settings as the one
# we build with equipot, with the PLUGIN package and nothing of ours. The plugin test loads
# equipotplugin.so into it, as a user with their own LAMMPS would (tests/lammps/CMakeLists.txt).
# Usage: build-plain-lammps.sh [LAMMPS_YYYYMMDD] (default: the default stack's)
set -euo pipefail
source "$(dirname "$0")/common.sh"
version=${1:-$LAMMPS_VERSION}
LAMMPS_SOURCE_DIR=$(lammps_source_dir "$version")
PLAIN_LAMMPS_INSTALL_DIR=$(plain_lammps_install_dir "$version")

if [ -x "$PLAIN_LAMMPS_INSTALL_DIR/bin/lmp" ]; then
  log "plain LAMMPS $version present in $PLAIN_LAMMPS_INSTALL_DIR"
  exit 0
fi
[ -f "$LAMMPS_SOURCE_DIR/cmake/CMakeLists.txt" ] || die "no LAMMPS source in $LAMMPS_SOURCE_DIR (run fetch-sources.sh)"

build_dir=$EQUIPOT_CACHE/build/lammps-plain-$version
log "building plain LAMMPS $version (PLUGIN package only) in $build_dir"
# Shared liblammps: a plugin resolves LAMMPS's symbols against it when it is loaded. lmp finds
# its own liblammps through the run path (not another LAMMPS's, e.g. Debian's lammps package),
# and only lmp and liblammps are kept: LAMMPS's install step wants files we do not unpack.
# OpenMP and the CPU options (cmake/EquipotArch.cmake) as in the LAMMPS built with equipot, so
# that the compiler cache serves the LAMMPS sources the two builds share.
cmake -S "$LAMMPS_SOURCE_DIR/cmake" -B "$build_dir" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_PROJECT_INCLUDE="$(cd "$(dirname "$0")/.." && pwd)/EquipotArch.cmake" \
  -DEQUIPOT_ARCH="${EQUIPOT_ARCH-native}" \
  -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON \
  -DCMAKE_INSTALL_RPATH="$PLAIN_LAMMPS_INSTALL_DIR/lib" \
  -DCMAKE_INSTALL_RPATH_USE_LINK_PATH=ON \
  -DBUILD_SHARED_LIBS=ON \
  -DBUILD_MPI=ON \
  -DBUILD_OMP=ON \
  -DBUILD_DOC=OFF \
  -DLAMMPS_EXCEPTIONS=ON \
  -DLAMMPS_SIZES=smallbig \
  -DPKG_PLUGIN=ON
cmake --build "$build_dir" -j "$(nproc)"
rm -rf "$PLAIN_LAMMPS_INSTALL_DIR"
mkdir -p "$PLAIN_LAMMPS_INSTALL_DIR/bin" "$PLAIN_LAMMPS_INSTALL_DIR/lib"
cp -a "$build_dir"/liblammps.so* "$PLAIN_LAMMPS_INSTALL_DIR/lib/"
cp "$build_dir/lmp" "$PLAIN_LAMMPS_INSTALL_DIR/bin/lmp.partial"
"$PLAIN_LAMMPS_INSTALL_DIR/bin/lmp.partial" -h | grep -A2 "^Installed packages" | grep -qw PLUGIN \
  || die "the plain LAMMPS in $PLAIN_LAMMPS_INSTALL_DIR does not report the PLUGIN package (wrong liblammps?)"
mv "$PLAIN_LAMMPS_INSTALL_DIR/bin/lmp.partial" "$PLAIN_LAMMPS_INSTALL_DIR/bin/lmp"
rm -rf "$build_dir"
log "plain LAMMPS $version installed in $PLAIN_LAMMPS_INSTALL_DIR"
