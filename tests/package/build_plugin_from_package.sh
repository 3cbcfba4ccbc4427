#!/bin/sh
# The LAMMPS build path from the installed package: equipot's source tree configured with
# EQUIPOT_FROM_PACKAGE=ON against the prefix package.downstream_project installed, building the
# plugin only (its libraries come from the package).
# usage: build_plugin_from_package.sh SOURCE_DIR PREFIX WORK_DIR LAMMPS_SOURCE_DIR CXX_COMPILER [CMAKE ARGS...]
set -eu
source=$1 prefix=$2 work=$3 lammps=$4 cxx=$5
shift 5
rm -rf "$work"
cmake -S "$source" -B "$work" -DEQUIPOT_FROM_PACKAGE=ON -Dequipot_DIR="$prefix/lib/cmake/equipot" \
  -DLAMMPS_SOURCE_DIR="$lammps" -DEQUIPOT_BUILD_LAMMPS=OFF -DEQUIPOT_ENABLE_TESTS=OFF \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$work" --target equipotplugin
ldd "$work/lib/equipotplugin.so" | grep "libequipot_model.so => $prefix/lib/"
echo "plugin from the package: built"
