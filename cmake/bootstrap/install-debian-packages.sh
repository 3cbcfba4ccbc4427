#!/usr/bin/env bash
# Installs the Debian packages equipot builds and tests with (README.md, "Quick start").
# Idempotent: packages already present are skipped, so a second run takes seconds.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config dpkg-dev xz-utils
  libtorch-dev libopenblas0-openmp libjemalloc-dev
  libopenmpi-dev openmpi-bin
  libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev libyaml-dev nlohmann-json3-dev
  gnuplot-nox clang
  python3 python3-torch
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

# `apt-get source` needs deb-src entries: bookworm's for its own sources, trixie's and sid's for
# the newer LAMMPS versions (source entries only: no binary package comes from those suites).
src_list=/etc/apt/sources.list.d/equipot-deb-src.sources
src_entry='Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates trixie sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
need_update=0
if [ "$(cat "$src_list" 2>/dev/null)" != "$src_entry" ]; then
  printf '%s\n' "$src_entry" | "${sudo_cmd[@]}" tee "$src_list" >/dev/null
  need_update=1
fi
[ ${#missing[@]} -eq 0 ] || need_update=1

if [ "$need_update" -eq 1 ]; then
  echo "equipot: apt-get update"
  "${sudo_cmd[@]}" apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "equipot: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "equipot: Debian packages present"
