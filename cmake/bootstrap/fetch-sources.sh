#!/usr/bin/env bash
# Fetches the sources we build into the cache, unpacking only what is built, and skips what is
# there: LAMMPS (each version given, default the default stack's) from Debian's archive with
# `apt-get source --download-only`, Kokkos from EQUIPOT_SOURCE_CACHE or the Kokkos project.
# Every tarball's SHA256 is checked against common.sh before it is unpacked.
# Usage: fetch-sources.sh [LAMMPS_YYYYMMDD ...]
set -euo pipefail
source "$(dirname "$0")/common.sh"

check_sha256() {  # file, expected
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$actual" = "$2" ] || die "$1: SHA256 $actual, expected $2 (a damaged or different download; delete it and retry)"
}

fetch_lammps_tarball() {  # YYYYMMDD -> prints the orig tarball's path
  local version=$1 debian_version=${LAMMPS_DEBIAN_VERSION[$1]:-} upstream tarball
  [ -n "$debian_version" ] || die "no Debian source package known for LAMMPS $version (common.sh)"
  upstream=${debian_version%-*}
  mkdir -p "$EQUIPOT_DOWNLOADS"
  tarball=$(ls "$EQUIPOT_DOWNLOADS/lammps_${upstream}.orig.tar."* 2>/dev/null | head -n 1 || true)
  if [ -z "$tarball" ]; then
    log "apt-get source lammps=$debian_version (download only)" >&2
    # Exits non-zero when the archive lacks the .dsc (20250204) after the tarball arrived; the
    # SHA256 check below is what decides.
    (cd "$EQUIPOT_DOWNLOADS" && apt-get source --download-only -q "lammps=$debian_version" >&2) \
      || log "apt-get source lammps=$debian_version reported an error; checking the tarball it fetched" >&2
    tarball=$(ls "$EQUIPOT_DOWNLOADS/lammps_${upstream}.orig.tar."* 2>/dev/null | head -n 1 || true)
    [ -n "$tarball" ] || die "apt-get source lammps=$debian_version fetched no orig tarball (is a deb-src entry for its suite present? see install-debian-packages.sh)"
  fi
  check_sha256 "$tarball" "${LAMMPS_ORIG_SHA256[$version]}"
  printf '%s\n' "$tarball"
}

fetch_kokkos_tarball() {  # -> prints the tarball's path
  local tarball=$EQUIPOT_DOWNLOADS/$KOKKOS_TARBALL
  mkdir -p "$EQUIPOT_DOWNLOADS"
  if [ ! -f "$tarball" ]; then
    if [ -n "$EQUIPOT_SOURCE_CACHE" ] && [ -f "$EQUIPOT_SOURCE_CACHE/$KOKKOS_TARBALL" ]; then
      cp "$EQUIPOT_SOURCE_CACHE/$KOKKOS_TARBALL" "$tarball.partial"
    else
      log "no $KOKKOS_TARBALL in EQUIPOT_SOURCE_CACHE='$EQUIPOT_SOURCE_CACHE'; downloading $KOKKOS_URL" >&2
      curl -fsSL -o "$tarball.partial" "$KOKKOS_URL" \
        || die "cannot download $KOKKOS_URL; put $KOKKOS_TARBALL in a folder and set EQUIPOT_SOURCE_CACHE to it"
    fi
    mv "$tarball.partial" "$tarball"
  fi
  check_sha256 "$tarball" "$KOKKOS_SHA256"
  printf '%s\n' "$tarball"
}

unpack_into() {  # tarball, destination, [top-level paths of the tree to unpack, where present]
  local tarball=$1 dest=$2 listing prefix='' strip=0; shift 2
  listing=$(tar -tf "$tarball")
  # Most tarballs hold one top folder; some (LAMMPS 20260704) hold the tree itself.
  if [ "$(cut -d/ -f1 <<<"$listing" | sort -u | wc -l)" -eq 1 ]; then
    prefix="$(head -n 1 <<<"$listing" | cut -d/ -f1)/"; strip=1
  fi
  local names members=()
  names=$(cut -d/ -f$((strip + 1)) <<<"$listing" | sort -u)
  for p in "$@"; do
    grep -qx -- "$p" <<<"$names" && members+=("$prefix$p")
  done
  [ $# -eq 0 ] || [ ${#members[@]} -gt 0 ] || die "$tarball holds none of: $*"
  rm -rf "$dest.partial" && mkdir -p "$dest.partial"
  tar -xf "$tarball" -C "$dest.partial" --strip-components=$strip "${members[@]}"
  rm -rf "$dest" && mv "$dest.partial" "$dest"
}

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=("$LAMMPS_VERSION")
for version in "${versions[@]}"; do
  dir=$(lammps_source_dir "$version")
  # unittest: LAMMPS's pair-style tester runs on our styles (tests/lammps/force-styles).
  if [ ! -f "$dir/src/lammps.cpp" ] || [ ! -d "$dir/unittest/force-styles" ]; then
    tarball=$(fetch_lammps_tarball "$version")
    log "unpacking LAMMPS $version into $dir"
    unpack_into "$tarball" "$dir" cmake src lib third_party potentials examples unittest
  fi
  log "LAMMPS $version source present: $dir"
done

if [ ! -f "$KOKKOS_SOURCE_DIR/CMakeLists.txt" ]; then
  tarball=$(fetch_kokkos_tarball)
  log "unpacking Kokkos $KOKKOS_VERSION into $KOKKOS_SOURCE_DIR"
  unpack_into "$tarball" "$KOKKOS_SOURCE_DIR"
  grep -q "Kokkos_VERSION_MAJOR 4" "$KOKKOS_SOURCE_DIR/CMakeLists.txt" \
    || die "$KOKKOS_TARBALL does not hold Kokkos $KOKKOS_VERSION"
fi
log "Kokkos $KOKKOS_VERSION source present: $KOKKOS_SOURCE_DIR"
