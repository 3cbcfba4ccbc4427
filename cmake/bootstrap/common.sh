# Shared settings for the bootstrap scripts; sourced, not run.
# Dependency caches live outside the repository, keyed by version, so a clean clone
# reuses them and a version bump never mixes old and new artefacts.
EQUIPOT_CACHE=${EQUIPOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/equipot}
LAMMPS_VERSION=20220106          # Debian source package lammps 20220106.git7586adbb6a+ds1
TRILINOS_VERSION=13.2.0          # Debian source package trilinos, carries Kokkos below
KOKKOS_VERSION=3.4.01
KOKKOS_BACKENDS=serial-openmp

EQUIPOT_DOWNLOADS=$EQUIPOT_CACHE/downloads
LAMMPS_SOURCE_DIR=$EQUIPOT_CACHE/src/lammps-$LAMMPS_VERSION
KOKKOS_SOURCE_DIR=$EQUIPOT_CACHE/src/kokkos-$KOKKOS_VERSION
KOKKOS_INSTALL_DIR=$EQUIPOT_CACHE/install/kokkos-$KOKKOS_VERSION-$KOKKOS_BACKENDS
# The same LAMMPS without equipot (PLUGIN package only), into which the plugin test loads the plugin.
PLAIN_LAMMPS_INSTALL_DIR=$EQUIPOT_CACHE/install/lammps-plain-$LAMMPS_VERSION
export CCACHE_DIR=${CCACHE_DIR:-$EQUIPOT_CACHE/ccache}
# Every CMake build of the set-up: Ninja, optimised, through ccache.
CMAKE_BUILD_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

log() { printf 'equipot: %s\n' "$*"; }
die() { printf 'equipot: error: %s\n' "$*" >&2; exit 1; }
