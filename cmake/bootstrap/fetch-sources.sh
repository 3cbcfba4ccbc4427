#!/usr/bin/env bash
# Fetches the LAMMPS source and the Kokkos source (from Debian's trilinos source package)
# with `apt-get source`, unpacking only what we build into the cache. Skips what is there.
set -euo pipefail
source "$(dirname "$0")/common.sh"

fetch_orig_tarball() {  # package, expected version prefix -> prints the tarball path
  local package=$1 version=$2 tarball
  mkdir -p "$EQUIPOT_DOWNLOADS"
  tarball=$(ls "$EQUIPOT_DOWNLOADS/${package}_${version}"*.orig.tar.* 2>/dev/null | head -n 1 || true)
  if [ -z "$tarball" ]; then
    log "apt-get source $package (download only)" >&2
    (cd "$EQUIPOT_DOWNLOADS" && apt-get source --download-only -q "$package" >&2)
    tarball=$(ls "$EQUIPOT_DOWNLOADS/${package}_${version}"*.orig.tar.* 2>/dev/null | head -n 1 || true)
    [ -n "$tarball" ] || die "apt-get source $package did not provide version $version; found: $(ls "$EQUIPOT_DOWNLOADS")"
  fi
  printf '%s\n' "$tarball"
}

top_folder() {  # the one folder a source tarball unpacks into
  # tar is cut off by head's early exit (SIGPIPE); only the first name matters.
  ( tar -tf "$1" || true ) | head -n 1 | cut -d/ -f1
}

unpack_into() {  # tarball, destination, [paths inside the top folder]
  local tarball=$1 dest=$2; shift 2
  local tmp="$dest.partial"
  rm -rf "$tmp" && mkdir -p "$tmp"
  local top
  top=$(top_folder "$tarball")
  local members=()
  for p in "$@"; do members+=("$top/$p"); done
  tar -xf "$tarball" -C "$tmp" --strip-components=1 "${members[@]}"
  rm -rf "$dest" && mv "$tmp" "$dest"
}

if [ ! -f "$LAMMPS_SOURCE_DIR/src/lammps.cpp" ]; then
  tarball=$(fetch_orig_tarball lammps "$LAMMPS_VERSION")
  log "unpacking LAMMPS into $LAMMPS_SOURCE_DIR"
  unpack_into "$tarball" "$LAMMPS_SOURCE_DIR" cmake src lib potentials examples
fi

if [ ! -f "$KOKKOS_SOURCE_DIR/CMakeLists.txt" ]; then
  tarball=$(fetch_orig_tarball trilinos "$TRILINOS_VERSION")
  log "unpacking Kokkos $KOKKOS_VERSION from trilinos $TRILINOS_VERSION into $KOKKOS_SOURCE_DIR"
  mkdir -p "$KOKKOS_SOURCE_DIR.partial-top"
  top=$(top_folder "$tarball")
  tar -xzf "$tarball" -C "$KOKKOS_SOURCE_DIR.partial-top" "$top/packages/kokkos"
  rm -rf "$KOKKOS_SOURCE_DIR" && mv "$KOKKOS_SOURCE_DIR.partial-top/$top/packages/kokkos" "$KOKKOS_SOURCE_DIR"
  rm -rf "$KOKKOS_SOURCE_DIR.partial-top"
  grep -q "Kokkos_VERSION_MAJOR 3" "$KOKKOS_SOURCE_DIR/CMakeLists.txt" \
    || die "Kokkos in trilinos $TRILINOS_VERSION is not version $KOKKOS_VERSION"
fi
log "sources present: $LAMMPS_SOURCE_DIR, $KOKKOS_SOURCE_DIR"
