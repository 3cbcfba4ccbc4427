# Shared settings for the bootstrap scripts; sourced, not run.
# Dependency caches live outside the repository, keyed by version, so a clean clone
# reuses them and a version bump never mixes old and new artefacts.
EQUIPOT_CACHE=${EQUIPOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/equipot}
# A folder of dependency source tarballs that Debian's archive does not carry (Kokkos 4.6.01),
# looked up before any download; CI points it at its copy of those tarballs.
EQUIPOT_SOURCE_CACHE=${EQUIPOT_SOURCE_CACHE:-}
EQUIPOT_DOWNLOADS=$EQUIPOT_CACHE/downloads

# LAMMPS versions, by YYYYMMDD: the Debian source package that carries each, and the SHA256 of its
# orig tarball as the archive's signed Sources index lists it (`apt-cache showsrc lammps`). The
# .dsc of 20250204 is missing from the archive, so apt cannot check the tarball itself.
LAMMPS_VERSION=20250204          # the default stack (docs/lammps.md, "Versions")
LAMMPS_NEWEST_VERSION=20260704   # built without KOKKOS (its KOKKOS needs Kokkos >= 5.1)
declare -A LAMMPS_DEBIAN_VERSION=(
  [20250204]=20250204+dfsg.1-2   # trixie
  [20260704]=20260704+dfsg-2     # sid
)
declare -A LAMMPS_ORIG_SHA256=(
  [20250204]=3671165bd52fad36734e0a9136c5bc5ecb225e03988f8c89aa13366a8b53b1c7
  [20260704]=cddbc45a047416bd48a4a0b87f24a5b61b3446982b74d18cafe619c22b17eb62
)
lammps_source_dir() { printf '%s\n' "$EQUIPOT_CACHE/src/lammps-$1"; }
# The same LAMMPS without equipot (PLUGIN package only), into which the plugin tests load the plugin.
plain_lammps_install_dir() { printf '%s\n' "$EQUIPOT_CACHE/install/lammps-plain-$1"; }
LAMMPS_SOURCE_DIR=$(lammps_source_dir "$LAMMPS_VERSION")

# Kokkos: the release tag's source archive.
KOKKOS_VERSION=4.6.01
KOKKOS_SHA256=d8a8a5e15331c46b900d3f75d2b62b0b32f067b126a4a75d465224c899765084
KOKKOS_TARBALL=kokkos-$KOKKOS_VERSION.tar.gz
KOKKOS_URL=https://github.com/kokkos/kokkos/archive/refs/tags/$KOKKOS_VERSION.tar.gz
KOKKOS_SOURCE_DIR=$EQUIPOT_CACHE/src/kokkos-$KOKKOS_VERSION
kokkos_install_dir() { printf '%s\n' "$EQUIPOT_CACHE/install/kokkos-$KOKKOS_VERSION-$1"; }
KOKKOS_INSTALL_DIR=$(kokkos_install_dir serial-openmp)

# The CUDA compile lane (cmake/bootstrap/lane-cuda.sh): compiled, never run here.
EQUIPOT_CUDA_ARCH=${EQUIPOT_CUDA_ARCH:-HOPPER90}   # a Kokkos_ARCH_ name

export CCACHE_DIR=${CCACHE_DIR:-$EQUIPOT_CACHE/ccache}
# Paths inside the checkout are hashed relative to the build folder, so that two checkouts (a
# working one and CI's clean clone) share the compiler cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# Every CMake build of the set-up: Ninja, optimised, through ccache.
CMAKE_BUILD_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

log() { printf 'equipot: %s\n' "$*"; }

# Configures BUILD_DIR with `cmake -B BUILD_DIR ARGS...` unless it was configured with the same
# KEY (the dependency folders and options it was made for); a new key configures from scratch,
# so that no cached path of an older dependency (a Kokkos_DIR, say) survives.
configure_build() {  # build_dir, key, cmake arguments...
  local dir=$1 key=$2
  shift 2
  [ -f "$dir/build.ninja" ] && [ "$(cat "$dir/equipot-setup.key" 2>/dev/null)" = "$key" ] && return 0
  log "configuring $dir"
  rm -f "$dir/CMakeCache.txt"
  cmake -B "$dir" "$@"
  printf '%s\n' "$key" > "$dir/equipot-setup.key"
}
die() { printf 'equipot: error: %s\n' "$*" >&2; exit 1; }
